# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtCaseGoal(models.Model):
    """A plan goal's service timeline: referrals, services delivered,
    appointments and notes done for it, in date order (``ht.case.goal.event``)."""

    _inherit = "ht.case.goal"

    event_ids = fields.One2many("ht.case.goal.event", "goal_id", "Service timeline")

    def action_open_timeline(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ht.case.goal",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref("ht_case_management.ht_case_goal_view_form").id, "form")],
            "target": "current",
        }


class HtCase(models.Model):
    _inherit = "ht.case"

    goal_event_ids = fields.One2many("ht.case.goal.event", "case_id", "Service timelines")
