# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtCaseStageHistory(models.Model):
    """When a case entered and left each stage (re-engagements included)."""

    _name = "ht.case.stage.history"
    _description = "Case stage history"
    _ht_case_data = True
    _order = "date_in desc, id desc"

    case_id = fields.Many2one("ht.case", required=True, ondelete="cascade", index=True)
    stage_id = fields.Many2one("ht.case.stage", required=True, ondelete="restrict")
    date_in = fields.Datetime(required=True, default=fields.Datetime.now)
    date_out = fields.Datetime()
    user_id = fields.Many2one("res.users", "Moved by")
