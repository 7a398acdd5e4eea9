# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stage requirements: before a case leaves a stage, a completed assessment of a
type, a service plan with a goal, a supervisor's approval. Enforced on every
change of stage (form status bar, kanban drag, RPC with any context); edited by
Victim Services administrators only."""

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common_workflow import HtWorkflowRpcCase


@tagged("post_install", "-at_install", "ht_case_management")
class TestStageRequirements(HtWorkflowRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env, "ht_c_adm", groups="base.group_user,ht_consent.group_ht_admin"
        )
        cls.case.checklist_ids.write({"done": True})

    def _require(self, **vals):
        return (
            self.env["ht.case.stage.requirement"]
            .with_user(self.admin)
            .create(dict({"stage_id": self.stage_crisis.id}, **vals))
        )

    def _move(self, stage):
        return self._rpc("ht.case", "write", [self.case.id], {"stage_id": stage.id})

    @mute_logger("odoo.http")
    def test_completed_assessment_required_on_every_path(self):
        self._require(kind="assessment", assessment_type="comprehensive")
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        self.assertRefusedRegex(
            self._move(self.stage_intensive),
            r"cannot leave Crisis Response yet: it needs a completed Comprehensive assessment",
        )
        # the kanban's drag and the form's save go through web_save / write alike
        reply = self._rpc(
            "ht.case",
            "web_save",
            [self.case.id],
            {"stage_id": self.stage_intensive.id},
            specification={},
        )
        self.assertRefusedRegex(reply, "a completed Comprehensive assessment")
        # an assessment of that type, not completed, is not enough; another type
        # completed neither
        assessment = self.assertDone(
            self._rpc(
                "ht.case.assessment",
                "create",
                {"case_id": self.case.id, "assessment_type": "comprehensive"},
            )
        )
        rapid = (
            self.env["ht.case.assessment"]
            .with_user(self.manager)
            .create({"case_id": self.case.id, "assessment_type": "rapid"})
        )
        rapid.action_complete()
        self.assertRefusedRegex(self._move(self.stage_intensive), "Comprehensive assessment")
        # the completion is the button's, not a field a client sets
        reply = self._rpc(
            "ht.case.assessment",
            "write",
            [assessment],
            {"completed_on": "2020-01-01 00:00:00"},
        )
        self.assertRefusedRegex(reply, "Completed On changes only through the Complete button")
        self.assertRefusedRegex(self._move(self.stage_intensive), "Comprehensive assessment")
        # as the Python of another addon would: refused too
        with self.assertRaisesRegex(UserError, "Comprehensive assessment"):
            self.case.with_user(self.manager).write({"stage_id": self.stage_intensive.id})
        self.assertEqual(self.case.stage_id, self.stage_crisis)
        self.assertDone(self._rpc("ht.case.assessment", "action_complete", [assessment]))
        self.assertDone(self._move(self.stage_intensive))
        self.case.invalidate_recordset()
        self.assertEqual(self.case.stage_id, self.stage_intensive)

    @mute_logger("odoo.http")
    def test_service_plan_with_a_goal_required(self):
        self._require(kind="plan")
        self.authenticate("ht_c_team", "ht_c_team")
        self.assertRefusedRegex(
            self._move(self.stage_intensive), "a service plan with at least one goal"
        )
        goal = (
            self.env["ht.case.goal"]
            .with_user(self.teammate)
            .create({"case_id": self.case.id, "name": "Find housing", "state": "cancelled"})
        )
        self.assertRefusedRegex(self._move(self.stage_intensive), "at least one goal")
        goal.state = "todo"
        self.assertDone(self._move(self.stage_intensive))

    @mute_logger("odoo.http")
    def test_supervisor_approval_required(self):
        self._require(kind="approval", approval_kind="closure", applies_on="close")
        self.case.write(
            {
                "exit_plan": "<p>Plan</p>",
                "closure_reason_id": self.env.ref(
                    "ht_case_management.ht_case_closure_reason_goals_met"
                ).id,
            }
        )
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        self.assertRefusedRegex(
            self._move(self.stage_closed), r"a supervisor's approval \(Closing the case\)"
        )
        # only when closing: moving on is free
        self.assertDone(self._move(self.stage_intensive))
        self.case.checklist_ids.write({"done": True})
        self.assertDone(self._move(self.stage_crisis))
        self.assertDone(self._rpc("ht.case", "action_request_closure_approval", [self.case.id]))
        self.assertRefusedRegex(self._move(self.stage_closed), "supervisor's approval")
        approval = self.case.approval_ids
        approval.with_user(self.supervisor).action_approve()
        self.assertDone(self._move(self.stage_closed))
        self.case.invalidate_recordset()
        self.assertTrue(self.case.is_closed)
        # re-engaged, the earlier approval does not close it again
        self.case.with_user(self.manager).action_reengage()
        self.case.write(
            {
                "closure_reason_id": self.env.ref(
                    "ht_case_management.ht_case_closure_reason_goals_met"
                ).id
            }
        )
        self.case.checklist_ids.write({"done": True})
        self.assertRefusedRegex(self._move(self.stage_closed), "supervisor's approval")

    @mute_logger("odoo.http")
    def test_plan_approval_holds_for_the_plan_approved(self):
        self._require(kind="approval", approval_kind="plan", applies_on="move")
        goal = (
            self.env["ht.case.goal"]
            .with_user(self.teammate)
            .create({"case_id": self.case.id, "name": "Find housing"})
        )
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        self.assertDone(self._rpc("ht.case", "action_request_plan_approval", [self.case.id]))
        approval = self.case.approval_ids
        approval.with_user(self.supervisor).action_approve()
        self.assertFalse(approval.plan_changed)
        # carrying the plan out is not changing it
        self.assertDone(self._rpc("ht.case.goal", "write", [goal.id], {"state": "in_progress"}))
        self.assertDone(self._move(self.stage_intensive))
        self.case.checklist_ids.write({"done": True})
        self.assertDone(self._move(self.stage_crisis))
        self.assertDone(self._rpc("ht.case", "action_request_plan_approval", [self.case.id]))
        again = self.case.approval_ids - approval
        again.with_user(self.supervisor).action_approve()
        # a goal's date changed after the approval: the plan needs approving again
        self.assertDone(
            self._rpc("ht.case.goal", "write", [goal.id], {"target_date": "2031-01-31"})
        )
        again.invalidate_recordset()
        self.assertTrue(again.plan_changed)
        self.assertRefusedRegex(
            self._move(self.stage_intensive), r"a supervisor's approval \(Service plan\)"
        )
        # nor can a client put the approved fingerprint back
        reply = self._rpc(
            "ht.case.approval",
            "write",
            [again.id],
            {"plan_fingerprint": self.case._ht_plan_fingerprint()},
        )
        self.assertRefusedRegex(reply, "changes only through the Approve button")
        # a goal added after the approval: the same
        self.assertDone(self._rpc("ht.case.goal", "write", [goal.id], {"target_date": False}))
        again.invalidate_recordset()
        self.assertFalse(again.plan_changed)
        bank = (
            self.env["ht.case.goal"]
            .with_user(self.teammate)
            .create({"case_id": self.case.id, "name": "Open a bank account"})
        )
        self.assertRefusedRegex(self._move(self.stage_intensive), r"\(Service plan\)")
        # a goal cancelled after the approval: the same (the plan left is one
        # nobody approved)
        self.assertDone(self._rpc("ht.case", "action_request_plan_approval", [self.case.id]))
        third = self.case.approval_ids.filtered(lambda a: a.state == "requested")
        third.with_user(self.supervisor).action_approve()
        self.assertDone(self._move(self.stage_intensive))
        self.case.checklist_ids.write({"done": True})
        self.assertDone(self._move(self.stage_crisis))
        self.assertDone(self._rpc("ht.case", "action_request_plan_approval", [self.case.id]))
        fourth = self.case.approval_ids.filtered(lambda a: a.state == "requested")
        fourth.with_user(self.supervisor).action_approve()
        self.assertDone(self._rpc("ht.case.goal", "write", [goal.id], {"state": "cancelled"}))
        self.assertTrue(bank.exists())
        self.assertRefusedRegex(self._move(self.stage_intensive), r"\(Service plan\)")

    @mute_logger("odoo.http")
    def test_programme_only_requirement(self):
        other = self.env["ht.case.programme"].create(
            {
                "name": "Minors",
                "stage_line_ids": [
                    (0, 0, {"stage_id": self.stage_crisis.id}),
                    (0, 0, {"stage_id": self.stage_intensive.id}),
                    (0, 0, {"stage_id": self.stage_closed.id}),
                ],
            }
        )
        self._require(kind="assessment", assessment_type="exit", programme_id=other.id)
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        self.assertDone(self._move(self.stage_intensive))
        self.case.checklist_ids.write({"done": True})
        self.case.with_user(self.manager).write({"stage_id": self.stage_crisis.id})
        self.case.with_user(self.manager).write({"programme_id": other.id})
        self.assertRefusedRegex(self._move(self.stage_intensive), "a completed Exit assessment")

    @mute_logger("odoo.http")
    def test_only_administrators_edit_requirements(self):
        self.authenticate("ht_c_sup", "ht_c_sup")
        reply = self._rpc(
            "ht.case.stage.requirement",
            "create",
            {"stage_id": self.stage_crisis.id, "kind": "plan"},
        )
        self.assertRefusedRegex(reply, "not allowed to create", error="AccessError")
        self.authenticate("ht_c_adm", "ht_c_adm")
        self.assertRefusedRegex(
            self._rpc(
                "ht.case.stage.requirement",
                "create",
                {"stage_id": self.stage_crisis.id, "kind": "assessment"},
            ),
            "Say which type of assessment",
            error="ValidationError",
        )
        requirement = self.assertDone(
            self._rpc(
                "ht.case.stage.requirement",
                "create",
                {"stage_id": self.stage_crisis.id, "kind": "plan"},
            )
        )
        self.assertEqual(self.stage_crisis.requirement_ids.ids, [requirement])
