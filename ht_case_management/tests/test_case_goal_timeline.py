# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A plan goal's service timeline (``ht.case.goal.event``): the referrals,
services delivered, appointments and notes done for the goal, in date order;
read by the case team only, a sensitive note's row by the case manager only,
whatever a hostile caller sends over JSON-RPC."""

import json
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common_referral import HtReferralCase

ALL_KINDS = [
    "note",
    "appointment",
    "note",
    "service",
    "referral_sent",
    "referral_answered",
    "referral_closed",
]


@tagged("post_install", "-at_install", "ht_case_management")
class TestCaseGoalTimeline(HtReferralCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        now = fields.Datetime.now().replace(microsecond=0)
        cls.now = now
        housing = cls.env.ref("ht_referral_network.ht_service_category_housing_emergency")
        Goal = env["ht.case.goal"].with_user(cls.manager)
        cls.goal = Goal.create(
            {"case_id": cls.case.id, "name": "Safe housing", "category_id": housing.id}
        )
        cls.other_goal = Goal.create({"case_id": cls.case.id, "name": "Work permit"})
        cls.other_case = (
            env["ht.case"]
            .with_user(cls.manager)
            .create({"legal_name": "Other Secretname", "team_user_ids": [(6, 0, cls.teammate.ids)]})
        )
        cls.foreign_goal = Goal.create({"case_id": cls.other_case.id, "name": "Foreign"})
        Note = env["ht.case.note"].with_user(cls.manager)
        cls.note = Note.create(
            {
                "case_id": cls.case.id,
                "goal_id": cls.goal.id,
                "date": now - timedelta(days=10),
                "body": "<p>Talked about housing options</p>",
            }
        )
        cls.appointment = (
            env["ht.case.appointment"]
            .with_user(cls.manager)
            .create(
                {
                    "case_id": cls.case.id,
                    "goal_id": cls.goal.id,
                    "appointment_type": "appointment",
                    "start": now - timedelta(days=7),
                }
            )
        )
        cls.sensitive_note = Note.create(
            {
                "case_id": cls.case.id,
                "goal_id": cls.goal.id,
                "date": now - timedelta(days=6),
                "body": "<p>Sensitive housing detail</p>",
                "sensitive": True,
            }
        )
        cls.line = (
            env["ht.case.service.line"]
            .with_user(cls.manager)
            .create(
                {
                    "case_id": cls.case.id,
                    "goal_id": cls.goal.id,
                    "date": fields.Date.today() - timedelta(days=5),
                    "category_id": housing.id,
                    "minutes": 45,
                }
            )
        )
        # not on the goal's timeline: no goal, another goal
        Note.create({"case_id": cls.case.id, "body": "<p>Unlinked</p>"})
        Note.create(
            {"case_id": cls.case.id, "goal_id": cls.other_goal.id, "body": "<p>Other goal</p>"}
        )

    def _send_and_answer(self):
        self._consent(date_start=fields.Date.today() - timedelta(days=5))
        referral = self._referral(goal_id=self.goal.id)
        with freeze_time(self.now - timedelta(days=3)):
            referral.with_user(self.manager).action_send()
        with freeze_time(self.now - timedelta(days=2)):
            referral.with_user(self.portal_a)._ht_portal_respond("accept")
        with freeze_time(self.now - timedelta(days=1)):
            referral.with_user(self.portal_a)._ht_portal_respond("complete")
        return referral

    def test_timeline_lists_the_goals_events_in_date_order(self):
        referral = self._send_and_answer()
        self.env.invalidate_all()
        events = self.goal.with_user(self.manager).event_ids
        self.assertEqual(events.mapped("kind"), ALL_KINDS)
        self.assertEqual(events.mapped("date"), sorted(events.mapped("date")))
        self.assertEqual(
            [(e.res_model, e.res_id) for e in events],
            [
                ("ht.case.note", self.note.id),
                ("ht.case.appointment", self.appointment.id),
                ("ht.case.note", self.sensitive_note.id),
                ("ht.case.service.line", self.line.id),
                ("ht.referral", referral.id),
                ("ht.referral", referral.id),
                ("ht.referral", referral.id),
            ],
        )
        self.assertEqual(events[1].reference, f"{self.case.code} · Appointment")
        self.assertEqual(events[-1].state_label, "Completed")
        self.assertEqual(events[-1].provider_id, self.provider_a)
        # the case's plan tab shows every goal's rows, with the goal, in date order
        other = self.other_goal.with_user(self.manager).event_ids
        self.assertEqual(other.mapped("kind"), ["note"])
        self.assertEqual(self.case.with_user(self.manager).goal_event_ids, events | other)
        # a teammate sees all but the sensitive note; the supervisor all (each
        # read in its own request: a fresh cache)
        self.env.invalidate_all()
        team = self.goal.with_user(self.teammate).event_ids
        self.assertEqual(team.mapped("kind"), ALL_KINDS[:2] + ALL_KINDS[3:])
        self.env.invalidate_all()
        self.assertEqual(self.goal.with_user(self.supervisor).event_ids, events)
        # each row opens its own record (its access rules apply)
        action = events[3].with_user(self.teammate).action_open_record()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("ht.case.service.line", self.line.id)
        )

    def test_a_goal_of_another_case_is_refused(self):
        for model, vals in (
            ("ht.case.note", {"body": "<p>x</p>"}),
            ("ht.case.service.line", {"category_id": self.goal.category_id.id}),
            ("ht.case.appointment", {"appointment_type": "other"}),
        ):
            with self.assertRaisesRegex(ValidationError, "another case"):
                self.env[model].with_user(self.manager).create(
                    dict(vals, case_id=self.case.id, goal_id=self.foreign_goal.id)
                )
        with self.assertRaisesRegex(ValidationError, "another case"):
            self.note.with_user(self.manager).write({"goal_id": self.foreign_goal.id})
        with self.assertRaisesRegex(ValidationError, "another case"):
            self._referral(goal_id=self.foreign_goal.id)
        # a link written around the ORM lists nothing on either goal
        self.env.cr.execute(
            "UPDATE ht_case_note SET goal_id = %s WHERE id = %s",
            (self.foreign_goal.id, self.note.id),
        )
        self.env.invalidate_all()
        self.assertFalse(self.foreign_goal.event_ids)
        self.assertNotIn(self.note.id, self.goal.event_ids.mapped("res_id"))

    # ------------------------------------------------------------------ JSON-RPC

    def _call(self, model, method, *args, **kwargs):
        kwargs.setdefault(
            "context",
            {
                "active_test": False,
                "ht_case_calendar_sync": True,
                "default_case_id": self.case.id,
                "default_goal_id": self.goal.id,
                "search_default_goal_id": self.goal.id,
                "bin_size": True,
                "lang": "en_US",
            },
        )
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 0,
                    "params": {
                        "model": model,
                        "method": method,
                        "args": list(args),
                        "kwargs": kwargs,
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    @mute_logger("odoo.http")
    def test_outsider_reads_no_timeline_over_rpc(self):
        self._send_and_answer()
        event_ids = self.goal.event_ids.ids
        self.assertEqual(len(event_ids), 7)
        fields_ = ["date", "kind", "reference", "category_id", "res_model", "res_id"]
        # the case team reads it, in order
        self.authenticate("ht_c_team", "ht_c_team")
        reply = self._call(
            "ht.case.goal.event", "search_read", [("goal_id", "=", self.goal.id)], fields_
        )
        self.assertEqual([r["kind"] for r in reply["result"]], ALL_KINDS[:2] + ALL_KINDS[3:])
        # a case worker of the agency not on the team reads nothing of it
        self.authenticate("ht_c_out", "ht_c_out")
        reply = self._call(
            "ht.case.goal.event", "search_read", [("goal_id", "=", self.goal.id)], fields_
        )
        self.assertEqual(reply["result"], [])
        reply = self._call("ht.case.goal.event", "search_count", [])
        self.assertEqual(reply["result"], 0)
        reply = self._call("ht.case.goal.event", "read", event_ids, fields_)
        self.assertIn("error", reply)
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")
        reply = self._call("ht.case.goal.event", "web_read_group", [], ["kind"], ["kind"])
        self.assertEqual(reply["result"]["groups"], [])
        for model, ids, field in (
            ("ht.case.goal", self.goal.ids, "event_ids"),
            ("ht.case", self.case.ids, "goal_event_ids"),
        ):
            reply = self._call(model, "read", ids, [field])
            self.assertIn("error", reply)
            self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")
        reply = self._call("ht.case.goal.event", "action_open_record", event_ids[:1])
        self.assertIn("error", reply)
        # nothing of the case in what the outsider got
        self.assertNotIn("Secretname", json.dumps(reply))
        # rows cannot be written or created by anyone
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        reply = self._call("ht.case.goal.event", "write", event_ids[:1], {"goal_id": False})
        self.assertIn("error", reply)
        reply = self._call("ht.case.goal.event", "create", {"goal_id": self.goal.id})
        self.assertIn("error", reply)
