# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import UserError


class HtCasePathwayPlan(models.TransientModel):
    """Start the service plan of a case from a network pathway: one goal per step
    (ht.case.action_start_plan_from_pathway). The row links only to a case the
    user may change (ht.wizard.link.mixin), only its creator reads it (record
    rule), and it is deleted once the plan is started."""

    _name = "ht.case.pathway.plan"
    _inherit = ["ht.wizard.link.mixin"]
    _description = "Start a service plan from a pathway"
    _ht_case_data = True
    _ht_link_checks = {"case_id": ("read", "write")}

    case_id = fields.Many2one("ht.case", required=True, ondelete="cascade")
    pathway_id = fields.Many2one("ht.pathway", required=True, ondelete="cascade")
    line_ids = fields.One2many(related="pathway_id.line_ids", string="Steps")
    description = fields.Text(related="pathway_id.description")

    def action_start(self):
        self.ensure_one()
        case = self.case_id
        if case.is_closed:
            raise UserError(_("%(case)s is closed: re-engage it first.", case=case.code))
        if not self.pathway_id.line_ids:
            raise UserError(_("The pathway %(name)s has no steps.", name=self.pathway_id.name))
        case.check_access("write")
        case.action_start_plan_from_pathway(self.pathway_id)
        self.unlink()
        return case._ht_open_form()
