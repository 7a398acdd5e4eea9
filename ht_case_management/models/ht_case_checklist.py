# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HtCaseChecklist(models.Model):
    """A stage's required item for one case: it must be done before the case
    leaves the stage. Items are copied from the stage by the system; who ticked one,
    and when, is recorded by the system only."""

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

    @api.model_create_multi
    def create(self, vals_list):
        # none is born done, whatever the values or defaults a caller sends
        return super().create(
            [dict(vals, done=False, done_by_id=False, done_on=False) for vals in vals_list]
        )

    def write(self, vals):
        if {"done_by_id", "done_on"} & vals.keys():
            raise UserError(_("Who ticked a checklist item, and when, is recorded by the system."))
        if "done" in vals:
            done = bool(vals["done"])
            vals = dict(
                vals,
                done_by_id=self.env.uid if done else False,
                done_on=fields.Datetime.now() if done else False,
            )
        return super().write(vals)
