# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HtCompelledDisclosure(models.TransientModel):
    """A disclosure without consent that the law compels (court order, subpoena):
    logged with its legal basis, and the survivor must be told (VAWA requires
    reasonable attempts to notify)."""

    _name = "ht.compelled.disclosure"
    _description = "Record a compelled disclosure"
    _inherit = ["ht.wizard.link.mixin"]
    _ht_case_data = True
    # the disclosure is logged on a subject the supervisor may read
    _ht_link_checks = {"res_id": ("read",)}

    res_model = fields.Char(required=True)
    res_id = fields.Many2oneReference(model_field="res_model", required=True)
    recipient_id = fields.Many2one(
        "res.partner",
        required=True,
        domain=[("is_company", "=", True)],
        string="Disclosed to",
    )
    category_ids = fields.Many2many("ht.consent.category", string="Information", required=True)
    legal_basis = fields.Selection(
        [
            ("court_order", "Court order"),
            ("subpoena", "Subpoena"),
            ("statute", "Statutory duty"),
        ],
        required=True,
    )
    legal_document = fields.Binary(required=True)
    legal_document_name = fields.Char()
    authorised_by_id = fields.Many2one(
        "res.users", required=True, default=lambda s: s.env.user, string="Authorised by"
    )
    channel = fields.Selection(
        lambda s: s.env["ht.disclosure"]._fields["channel"].selection,
        required=True,
        default="other",
    )
    reference = fields.Char(help="Docket or case number of the order.")

    @api.model
    def _ht_subject(self, res_model, res_id):
        subject = self.env[res_model].browse(res_id).exists()
        if not subject or not hasattr(subject, "_ht_log_disclosure"):
            raise UserError(_("The file this disclosure is about no longer exists."))
        return subject

    def action_record(self):
        self.ensure_one()
        if not self.authorised_by_id.has_group("ht_consent.group_ht_supervisor"):
            raise UserError(_("A compelled disclosure must be authorised by a supervisor."))
        subject = self._ht_subject(self.res_model, self.res_id)
        line = subject._ht_log_disclosure(
            self.recipient_id,
            self.category_ids,
            channel=self.channel,
            reference=self.reference,
            compelled={
                "legal_basis": self.legal_basis,
                "legal_document": self.legal_document,
                "legal_document_name": self.legal_document_name,
                "authorised_by_id": self.authorised_by_id.id,
            },
        )
        user = subject._ht_consent_responsible_user() or self.env.user
        act_type = self.env.ref("ht_consent.mail_act_notify_survivor")
        if hasattr(subject, "activity_schedule"):
            env = self.with_context(lang=user.lang or self.env.lang).env
            basis = dict(self._fields["legal_basis"]._description_selection(env))
            text = self.env.ref("ht_consent.mail_template_compelled_notice")._ht_render(
                self, lang=user.lang, add_context={"basis": basis[self.legal_basis]}
            )
            subject.activity_schedule(
                activity_type_id=act_type.id,
                date_deadline=fields.Date.context_today(self)
                + timedelta(days=self.env["ht.settings"]._ht_timing("compelled_notice_days")),
                summary=text["subject"],
                note=text["body"],
                user_id=user.id,
            )
        self.unlink()  # the legal document is kept on the disclosure line only
        return {
            "type": "ir.actions.act_window_close",
            "infos": {"disclosure_id": line.id},
        }
