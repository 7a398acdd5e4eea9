# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtCaseStage(models.Model):
    """A stage of case management (crisis response, intensive, transitional,
    outreach, closed), configurable by administrators."""

    _name = "ht.case.stage"
    _description = "Case stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean("Folded in kanban")
    description = fields.Text(translate=True)
    is_closed = fields.Boolean("Closing stage")
    review_interval_days = fields.Integer(
        "Review every (days)",
        help="Supervision review cadence for cases in this stage; 0: none.",
    )
    active = fields.Boolean(default=True)
