# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HtCaseSafetyPlanVersion(models.Model):
    """One version of a case's safety plan, written by the system each time the
    plan or its review date changes: the history is kept, never overwritten
    (nobody writes or deletes a version)."""

    _name = "ht.case.safety.plan.version"
    _description = "Safety plan version"
    _ht_case_data = True
    _order = "case_id, version desc"
    _rec_name = "version"

    case_id = fields.Many2one("ht.case", required=True, ondelete="restrict", index=True)
    version = fields.Integer(required=True, readonly=True)
    content = fields.Html(readonly=True, sanitize=True)
    review_date = fields.Date(readonly=True)
    user_id = fields.Many2one("res.users", "Changed by", required=True, readonly=True)
    date = fields.Datetime("Changed on", required=True, readonly=True)

    def write(self, vals):
        if not self.env.su:
            raise UserError(_("A safety plan version is history: change the plan on the case."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("The safety plan's history is kept."))
