# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib

from odoo import api, fields, models
from odoo.tools.translate import LazyTranslate

from .ht_case_approval import HtCaseApproval

_lt = LazyTranslate(__name__)

# What a supervisor approves in a service plan: its goals as they stand. Progress
# (to do, in progress, done, declined) is the plan being carried out, not changed.
PLAN_FIELDS = (
    "name",
    "need_id",
    "category_id",
    "target_date",
    "responsible_user_id",
    "provider_id",
)


class HtCaseApprovalPlan(models.Model):
    """An approved service plan holds for the plan that was approved: the approval
    keeps a fingerprint of the goals the supervisor saw, and a stage requirement
    counts it only while the plan is still that plan (ht.case.stage.requirement:
    _ht_met). Adding, cancelling or rewording a goal, or changing its service,
    date, responsible or provider, asks for a new approval."""

    _inherit = "ht.case.approval"
    _ht_protected_fields = {
        **HtCaseApproval._ht_protected_fields,
        "plan_fingerprint": _lt("the Approve button (supervisors)"),
    }

    plan_fingerprint = fields.Char(readonly=True, copy=False)
    plan_changed = fields.Boolean(
        "Plan changed since",
        compute="_compute_plan_changed",
        help="The service plan was changed after this approval: ask for a new one.",
    )

    @api.depends("state", "plan_fingerprint", "case_id")
    def _compute_plan_changed(self):
        for rec in self:
            rec.plan_changed = (
                rec.kind == "plan"
                and rec.state == "approved"
                and rec.plan_fingerprint != rec.case_id._ht_plan_fingerprint()
            )

    def _ht_decide(self, state):
        res = super()._ht_decide(state)
        for rec in self.filtered(lambda a: a.kind == "plan" and state == "approved"):
            # sudo: written by the decision only, after its checks (_ht_check_decider).
            with self._ht_protected_open():
                rec.sudo().plan_fingerprint = rec.case_id._ht_plan_fingerprint()
        return res

    def _ht_still_valid(self):
        """Approvals that still hold: a plan's only while the plan is unchanged."""
        return self.filtered(
            lambda a: a.kind != "plan" or a.plan_fingerprint == a.case_id._ht_plan_fingerprint()
        )


class HtCasePlanFingerprint(models.Model):
    _inherit = "ht.case"

    def _ht_plan_fingerprint(self):
        """A digest of the service plan's goals (not cancelled) as they stand."""
        self.ensure_one()
        # sudo: the goals are only digested, nothing of them is returned.
        goals = self.sudo().goal_ids.filtered(lambda g: g.state != "cancelled")
        rows = sorted(
            (goal.id, *(str(goal[f].id if f.endswith("_id") else goal[f]) for f in PLAN_FIELDS))
            for goal in goals
        )
        return hashlib.sha256(repr(rows).encode()).hexdigest()
