# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtCaseGoal(models.Model):
    """A goal or task of the service plan, tied to a need and a service category,
    with a target date and who is responsible."""

    _name = "ht.case.goal"
    _description = "Service plan goal"
    _ht_case_data = True
    _order = "target_date, id"

    case_id = fields.Many2one("ht.case", required=True, ondelete="restrict", index=True)
    stage_id = fields.Many2one("ht.case.stage", ondelete="restrict")
    need_id = fields.Many2one(
        "ht.case.need", domain="[('case_id', '=', case_id)]", ondelete="set null"
    )
    category_id = fields.Many2one("ht.service.category", "Service", ondelete="restrict")
    name = fields.Char("Goal", required=True)
    target_date = fields.Date()
    state = fields.Selection(
        [
            ("todo", "To do"),
            ("in_progress", "In progress"),
            ("done", "Done"),
            ("declined", "Declined by the client"),
            ("cancelled", "No longer needed"),
        ],
        default="todo",
        required=True,
    )
    responsible_user_id = fields.Many2one("res.users", "Responsible")
    provider_id = fields.Many2one(
        "res.partner", domain=[("is_company", "=", True)], ondelete="restrict"
    )
