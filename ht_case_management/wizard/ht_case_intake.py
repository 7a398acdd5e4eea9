# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtCaseIntake(models.TransientModel):
    """No wrong door: a walk-in or an inbound referral (a network member, law
    enforcement) opens a case with its rapid needs assessment in one step."""

    _name = "ht.case.intake"
    _description = "Case intake"
    _ht_case_data = True

    intake_channel = fields.Selection(
        [("walk_in", "Walk-in"), ("inbound_referral", "Inbound referral")],
        required=True,
        default="walk_in",
    )
    referring_partner_id = fields.Many2one(
        "res.partner", "Referred by", domain=[("is_company", "=", True)]
    )
    identified_by = fields.Selection(
        lambda s: s.env["ht.case"]._fields["identified_by"].selection, default="self"
    )
    legal_name = fields.Char()
    preferred_name = fields.Char("Preferred name / alias")
    date_of_birth = fields.Date(help="A minor's case shows the minor's page at once.")
    safe_phone = fields.Char("Safe contact phone")
    lang_id = fields.Many2one("res.lang", "Preferred language", context={"active_test": False})
    interpreter_needed = fields.Boolean()
    trafficking_type = fields.Selection(
        lambda s: s.env["ht.case"]._fields["trafficking_type"].selection
    )
    priority = fields.Selection(
        lambda s: s.env["ht.case"]._fields["priority"].selection, "Risk level", default="1"
    )
    risk_to_client = fields.Text()
    need_category_ids = fields.Many2many(
        "ht.service.category", string="Immediate needs (rapid assessment)"
    )

    def _ht_case_values(self):
        """The new case's values, all given to its one ``create``."""
        self.ensure_one()
        return {
            "intake_channel": self.intake_channel,
            "referring_partner_id": self.referring_partner_id.id,
            "identified_by": self.identified_by,
            "legal_name": self.legal_name,
            "preferred_name": self.preferred_name,
            "date_of_birth": self.date_of_birth,
            "safe_phone": self.safe_phone,
            "lang_id": self.lang_id.id,
            "interpreter_needed": self.interpreter_needed,
            "trafficking_type": self.trafficking_type,
            "priority": self.priority,
        }

    def action_open_case(self):
        self.ensure_one()
        case = self.env["ht.case"].create(self._ht_case_values())
        case._ht_rapid_assessment(
            self.need_category_ids,
            risk_to_client=self.risk_to_client,
            risk_level={"3": "imminent", "2": "high", "1": "medium", "0": "low"}[self.priority],
        )
        self.unlink()  # the identity now lives on the case only
        return case._ht_open_form()
