# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models


class HtCaseIntake(models.TransientModel):
    """The intake form opened from an inbound referral, prefilled with what the
    member sent; opening the case closes the referral and empties it."""

    _name = "ht.case.intake"
    _inherit = ["ht.case.intake", "ht.wizard.link.mixin"]
    # opening the case closes (writes) the inbound referral
    _ht_link_checks = {"inbound_referral_id": ("read", "write")}

    inbound_referral_id = fields.Many2one(
        "ht.inbound.referral", "Inbound referral", readonly=True, ondelete="cascade"
    )
    approx_age = fields.Integer("Approximate age (as referred)", readonly=True)
    safe_email = fields.Char("Safe contact e-mail")
    safe_times = fields.Char("How to reach them safely")

    def _ht_case_values(self):
        # what the member sent goes in the case's create (not a write after it)
        vals = super()._ht_case_values()
        vals.update({fname: self[fname] for fname in ("safe_email", "safe_times") if self[fname]})
        return vals

    def action_open_case(self):
        self.ensure_one()
        inbound = self.inbound_referral_id
        age = self.approx_age
        if inbound:
            inbound._ht_check_intake_worker()
        action = super().action_open_case()
        case = self.env["ht.case"].browse(action["res_id"])
        if inbound:
            if age:
                self.env["ht.case.note"].create(
                    {
                        "case_id": case.id,
                        "note_type_id": self.env.ref(
                            "ht_case_management.ht_case_note_type_other"
                        ).id,
                        "body": _(
                            "Referred by %(member)s (%(ref)s): approximate age %(age)s.",
                            member=inbound.referring_partner_id.name,
                            ref=inbound.name,
                            age=age,
                        ),
                    }
                )
            inbound._ht_case_opened(case)
        return action
