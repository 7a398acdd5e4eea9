# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtCaseChecklist(models.Model):
    """A stage's required item for one case: it must be done before the case
    leaves the stage."""

    _name = "ht.case.checklist"
    _description = "Case checklist item"
    _ht_case_data = True
    _order = "stage_id, sequence, id"

    case_id = fields.Many2one("ht.case", required=True, ondelete="cascade", index=True)
    stage_id = fields.Many2one("ht.case.stage", required=True, ondelete="restrict")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    done = fields.Boolean()
    done_by_id = fields.Many2one("res.users", readonly=True)
    done_on = fields.Datetime(readonly=True)

    def write(self, vals):
        if vals.get("done"):
            vals = dict(vals, done_by_id=self.env.uid, done_on=fields.Datetime.now())
        return super().write(vals)
