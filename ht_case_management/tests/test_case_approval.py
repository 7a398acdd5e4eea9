# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Approvals of a case's closure and service plan: the case worker asks, a
supervisor other than the asker approves or sends back with a comment; the
record is append-only; chatter and activities name the case by its code only."""

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common_workflow import HOSTILE_CONTEXT, HtWorkflowRpcCase

APPROVAL_CONTEXT = dict(
    HOSTILE_CONTEXT,
    default_state="approved",
    default_decided_by_id=1,
    default_requested_by_id=1,
)


@tagged("post_install", "-at_install", "ht_case_management")
class TestCaseApproval(HtWorkflowRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supervisor_2 = new_test_user(
            cls.env, "ht_c_sup2", groups="base.group_user,ht_consent.group_ht_supervisor"
        )
        cls.case.supervisor_id = cls.supervisor

    def _ask(self, kind="closure"):
        method = f"action_request_{kind}_approval"
        self.assertDone(self._rpc("ht.case", method, [self.case.id], context=APPROVAL_CONTEXT))
        return self.case.approval_ids.filtered(lambda a: a.state == "requested")

    @mute_logger("odoo.http")
    def test_asked_and_approved_on_the_chatter_and_as_activities(self):
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        approval = self._ask()
        self.assertEqual(
            (approval.kind, approval.state, approval.requested_by_id, approval.stage_id),
            ("closure", "requested", self.manager, self.stage_crisis),
        )
        self.assertFalse(approval.decided_by_id)
        request_type = self.env.ref("ht_case_management.mail_act_ht_approval_request")
        activity = self.case.activity_ids.filtered(lambda a: a.activity_type_id == request_type)
        self.assertEqual(activity.user_id, self.supervisor)
        self.assertNotEqual(request_type, self.env.ref("mail.mail_activity_data_todo"))
        # one waiting request per step
        reply = self._rpc("ht.case", "action_request_closure_approval", [self.case.id])
        self.assertRefusedRegex(reply, "already waiting")
        self.authenticate("ht_c_sup", "ht_c_sup")
        self.assertDone(self._rpc("ht.case.approval", "action_approve", [approval.id]))
        approval.invalidate_recordset()
        self.assertEqual((approval.state, approval.decided_by_id), ("approved", self.supervisor))
        self.assertTrue(approval.decided_on)
        self.assertFalse(activity.exists())
        bodies = self.case.message_ids.mapped("body")
        text = " ".join(bodies)
        self.assertIn(f"{self.case.code}: approval asked (Closing the case)", text)
        self.assertIn(f"{self.case.code}: approved (Closing the case)", text)
        self.assertNotIn("Secretname", text)
        self.assertNotIn("Lu ", text)

    @mute_logger("odoo.http")
    def test_sent_back_needs_a_comment_and_tells_the_asker(self):
        self.authenticate("ht_c_team", "ht_c_team")
        approval = self._ask("plan")
        self.authenticate("ht_c_sup", "ht_c_sup")
        self.assertRefusedRegex(
            self._rpc("ht.case.approval", "action_send_back", [approval.id]),
            "Say why it is sent back",
        )
        self.assertDone(
            self._rpc(
                "ht.case.approval",
                "write",
                [approval.id],
                {"decision_note": "Add the housing goal"},
            )
        )
        self.assertDone(self._rpc("ht.case.approval", "action_send_back", [approval.id]))
        approval.invalidate_recordset()
        self.assertEqual(approval.state, "sent_back")
        back = self.env.ref("ht_case_management.mail_act_ht_approval_sent_back")
        activity = self.case.activity_ids.filtered(lambda a: a.activity_type_id == back)
        self.assertEqual(activity.user_id, self.teammate)
        self.assertNotIn("housing", " ".join(self.case.message_ids.mapped("body")))
        # decided: its comment is kept as it was
        self.assertRefusedRegex(
            self._rpc("ht.case.approval", "write", [approval.id], {"decision_note": "Fine"}),
            "kept as it was decided",
        )
        # asking again is a new record; the old one stays
        self.authenticate("ht_c_team", "ht_c_team")
        again = self._ask("plan")
        self.assertNotEqual(again, approval)
        self.assertEqual(len(self.case.approval_ids), 2)

    @mute_logger("odoo.http")
    def test_a_case_worker_cannot_approve_over_rpc(self):
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        approval = self._ask()
        self.authenticate("ht_c_team", "ht_c_team")
        for method in ("action_approve", "action_send_back"):
            reply = self._rpc("ht.case.approval", method, [approval.id], context=APPROVAL_CONTEXT)
            self.assertRefusedRegex(reply, "Only a supervisor approves or sends back")
        for vals in (
            {"state": "approved"},
            {"decided_by_id": self.supervisor.id},
            {"decided_on": "2020-01-01 00:00:00"},
            {"requested_by_id": self.supervisor.id},
        ):
            reply = self._rpc("ht.case.approval", "write", [approval.id], vals)
            self.assertRefusedRegex(reply, "cannot be set directly")
        reply = self._rpc(
            "ht.case.approval",
            "create",
            {"case_id": self.case.id, "kind": "closure", "state": "approved"},
        )
        self.assertRefusedRegex(reply, "cannot be set directly")
        approval.invalidate_recordset()
        self.assertEqual(approval.state, "requested")

    @mute_logger("odoo.http")
    def test_the_asker_cannot_approve_their_own_request(self):
        self.authenticate("ht_c_sup2", "ht_c_sup2")
        approval = self._ask()
        self.assertEqual(approval.requested_by_id, self.supervisor_2)
        reply = self._rpc("ht.case.approval", "action_approve", [approval.id])
        self.assertRefusedRegex(reply, "cannot decide on your own request")
        reply = self._rpc(
            "ht.case.approval", "write", [approval.id], {"decision_note": "Self-approved"}
        )
        self.assertRefusedRegex(reply, "cannot decide on your own request")
        # a supervisor writing the protected fields is refused like anyone
        reply = self._rpc("ht.case.approval", "write", [approval.id], {"state": "approved"})
        self.assertRefusedRegex(reply, "cannot be set directly")
        approval.invalidate_recordset()
        self.assertEqual(approval.state, "requested")
        approval.with_user(self.supervisor).action_approve()
        self.assertEqual(approval.decided_by_id, self.supervisor)

    def test_approvals_are_never_deleted(self):
        approval = (
            self.env["ht.case.approval"].with_user(self.manager)._ht_request(self.case, "closure")
        )
        with self.assertRaisesRegex(UserError, "never deleted"):
            approval.sudo().unlink()

    @mute_logger("odoo.http")
    def test_outside_the_case_team_nothing_is_asked_or_read(self):
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        approval = self._ask()
        self.authenticate("ht_c_out", "ht_c_out")
        reply = self._rpc("ht.case", "action_request_plan_approval", [self.case.id])
        self.assertRefusedRegex(reply, "top-secret records", error="AccessError")
        reply = self._rpc("ht.case.approval", "search_read", [], ["kind", "case_id"])
        self.assertEqual(reply["result"], [])
        reply = self._rpc("ht.case.approval", "read", [approval.id], ["decision_note"])
        self.assertRefusedRegex(reply, "top-secret records", error="AccessError")
        self.assertEqual(self.case.approval_ids, approval)
