# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Grievances, letters, declined needs and the feedback date, tried the way a
hostile logged-in user would: JSON-RPC with any context key and field value."""

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.ht_referral_network.tests.common_rpc import HostileRpcMixin

from .common_referral import HtReferralCase


@tagged("post_install", "-at_install", "ht_case_management")
class TestCaseJourneyRpc(HostileRpcMixin, HtReferralCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case.supervisor_id = cls.supervisor
        for user in (cls.manager, cls.teammate, cls.outsider, cls.supervisor):
            user.password = user.login
        cls.hostile_context = {
            "active_test": False,
            "default_state": "resolved",
            "default_handler_id": cls.manager.id,
            "default_declined_by_id": cls.outsider.id,
            "mail_create_nosubscribe": True,
        }
        cls.grievance = (
            cls.env["ht.case.grievance"]
            .with_user(cls.teammate)
            .create(
                {
                    "case_id": cls.case.id,
                    "kind": "staff",
                    "subject_user_id": cls.manager.id,
                    "description": "The case manager shouted at me.",
                }
            )
        )
        cls.letter = (
            cls.env["ht.case.letter"]
            .with_user(cls.manager)
            .create({"case_id": cls.case.id, "recipient_id": cls.provider_a.id})
        )

    @mute_logger("odoo.http")
    def test_the_case_manager_named_in_a_grievance_reads_nothing_of_it(self):
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        gid = self.grievance.id
        reply = self._call("ht.case.grievance", "search_read", [], ["description", "name"])
        self.assertEqual(reply["result"], [])
        self.assertEqual(self._call("ht.case.grievance", "search_count", [])["result"], 0)
        for method, args in (
            ("read", ([gid], ["description"])),
            ("web_read", ([gid], {"description": {}})),
        ):
            self.assertRefused(self._call("ht.case.grievance", method, *args), "ht.case.grievance")
        # nor through the case, the activity or the chatter
        reply = self._call(
            "mail.activity", "search_read", [("res_model", "=", "ht.case.grievance")], ["summary"]
        )
        self.assertEqual(reply["result"], [])
        reply = self._call(
            "mail.message",
            "search_read",
            [("model", "=", "ht.case.grievance"), ("res_id", "=", gid)],
            ["body"],
        )
        self.assertEqual(reply["result"], [])
        # nor by re-pointing it at someone else
        self.assertRefused(
            self._call("ht.case.grievance", "write", [gid], {"subject_user_id": False}),
            "ht.case.grievance",
        )

    @mute_logger("odoo.http")
    def test_another_case_worker_reads_no_grievance_nor_letter(self):
        self.authenticate("ht_c_out", "ht_c_out")
        for model, record in (
            ("ht.case.grievance", self.grievance),
            ("ht.case.letter", self.letter),
        ):
            self.assertEqual(self._call(model, "search_read", [], ["name"])["result"], [])
            self.assertRefused(self._call(model, "read", [record.id], ["name"]), model)
        self.assertRefused(
            self._call("ht.case", "action_invite_feedback", [self.case.id]), "ht.case"
        )

    @mute_logger("odoo.http")
    def test_protected_fields_refused_over_rpc(self):
        self.authenticate("ht_c_sup", "ht_c_sup")
        gid = self.grievance.id
        for vals in (
            {"state": "resolved"},
            {"resolved_by_id": self.supervisor.id},
            {"handler_id": self.teammate.id},
            {"description": "Nothing happened"},
        ):
            self.assertRefused(
                self._call("ht.case.grievance", "write", [gid], vals), "changes only through"
            )
        self.assertRefused(
            self._call("ht.case.grievance", "action_resolve", [gid]), "Write the answer"
        )
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        lid = self.letter.id
        for vals in (
            {"state": "issued"},
            {"document": "eA=="},
            {"signed_by_id": self.teammate.id},
            {"disclosure_id": 1},
        ):
            self.assertRefused(
                self._call("ht.case.letter", "write", [lid], vals), "changes only through"
            )
        self.assertRefused(
            self._call(
                "ht.case.letter",
                "create",
                {"case_id": self.case.id, "recipient_id": self.provider_a.id, "state": "issued"},
            ),
            "changes only through",
        )
        self.assertRefused(
            self._call(
                "ht.case.need", "write", [self.need.id], {"declined_by_id": self.outsider.id}
            ),
            "changes only through",
        )
        self.assertRefused(
            self._call("ht.case", "write", [self.case.id], {"feedback_invited_on": "2001-01-01"}),
            "Invite to feedback button",
        )
        # a need declined over RPC records the caller and now, never the defaults sent
        reply = self._call("ht.case.need", "action_decline", [self.need.id])
        self.assertNotIn("error", reply)
        self.assertEqual(self.need.declined_by_id, self.manager)
        # the letter's report prints nothing outside its issue
        response = self.url_open(f"/report/html/ht_case_management.report_ht_case_letter/{lid}")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn("Lucia", response.text)
        self.assertFalse(self.letter.disclosure_id)
