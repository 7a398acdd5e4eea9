# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtLeadConvert(models.TransientModel):
    _name = "ht.lead.convert"
    _description = "Convert a lead to a case"
    _inherit = ["ht.wizard.link.mixin"]
    _ht_case_data = True
    # converting writes the lead (then scrubs it)
    _ht_link_checks = {"lead_id": ("read", "write")}

    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade")
    trafficking_type = fields.Selection(
        [("sex", "Sex trafficking"), ("labor", "Labor trafficking"), ("both", "Both")]
    )
    priority = fields.Selection(
        [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Imminent danger")],
        "Risk level",
        default="1",
    )
    need_category_ids = fields.Many2many(
        "ht.service.category", string="Immediate needs (rapid assessment)"
    )

    def action_convert(self):
        self.ensure_one()
        case = self.lead_id._ht_convert_to_case(
            {"trafficking_type": self.trafficking_type, "priority": self.priority}
        )
        if self.need_category_ids:
            case._ht_rapid_assessment(self.need_category_ids)
        self.unlink()  # the form is done: nothing of it outlives the case
        return case._ht_open_form()
