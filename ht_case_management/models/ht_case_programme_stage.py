# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtCaseProgrammeStage(models.Model):
    """A stage of a programme, in the programme's order."""

    _name = "ht.case.programme.stage"
    _description = "Stage of a case programme"
    _order = "programme_id, sequence, id"

    programme_id = fields.Many2one(
        "ht.case.programme", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    stage_id = fields.Many2one("ht.case.stage", required=True, ondelete="restrict")
    is_closed = fields.Boolean(related="stage_id.is_closed")

    _sql_constraints = [
        (
            "stage_unique",
            "unique(programme_id, stage_id)",
            "A stage appears once in a programme.",
        ),
    ]
