# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import UserError

# What a lead may hold about a caller; emptied once the case exists.
LEAD_PERSONAL_FIELDS = (
    "contact_name",
    "partner_name",
    "email_from",
    "email_cc",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "website",
    "function",
    "description",
    "partner_id",
)


class CrmLead(models.Model):
    """No wrong door: a hotline call, web inquiry or e-mail logged in CRM becomes a
    case, and the lead keeps nothing about the person."""

    _inherit = "crm.lead"

    ht_case_id = fields.Many2one(
        "ht.case", "Case", readonly=True, copy=False, groups="ht_consent.group_ht_case_worker"
    )

    def action_ht_convert_to_case(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Convert to case"),
            "res_model": "ht.lead.convert",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lead_id": self.id},
        }

    def _ht_convert_to_case(self, case_vals):
        """Create the case from this lead, then scrub the lead: its personal data
        fields, its messages' bodies and tracked values, its attachments."""
        self.ensure_one()
        if not self.env.user.has_group("ht_consent.group_ht_case_worker"):
            raise UserError(_("Only case workers open cases."))
        if self.sudo().ht_case_id:
            raise UserError(_("This lead was already converted."))
        vals = {
            "legal_name": self.contact_name or self.partner_name or False,
            "safe_phone": self.phone or self.mobile or False,
            "intake_channel": "crm",
            "identified_by": "hotline",
        }
        vals.update(case_vals)
        case = self.env["ht.case"].create(vals)
        if self.description:
            self.env["ht.case.note"].create(
                {
                    "case_id": case.id,
                    "note_type": "crisis_call",
                    "body": self.description,
                }
            )
        self._ht_scrub(case)
        return case

    def _ht_scrub(self, case):
        # sudo: the lead's messages, tracking values and attachments may belong to
        # other users; scrubbing must reach all of them. The caller was checked to be
        # a case worker who just created the case from this lead.
        lead = self.sudo()
        scrub = {fname: False for fname in LEAD_PERSONAL_FIELDS if fname in lead._fields}
        scrub.update(
            {
                "name": _("Converted to case %(code)s", code=case.code),
                "ht_case_id": case.id,
                "active": False,
            }
        )
        lead.with_context(tracking_disable=True, mail_notrack=True).write(scrub)
        messages = lead.message_ids
        messages.tracking_value_ids.unlink()
        messages.filtered(lambda m: m.body).write(
            {"body": _("<p>Removed: this lead became a case.</p>")}
        )
        messages.write({"subject": False, "email_from": False})
        lead.env["ir.attachment"].search(
            [("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)]
        ).unlink()
        lead.message_post(
            body=_("Converted to case %(code)s; personal data removed.", code=case.code)
        )
