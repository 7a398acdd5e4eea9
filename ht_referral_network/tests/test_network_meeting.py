# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Network meetings: recurring from the MOU's meeting schedule, attendees by
organisation, action items as activities with owners and deadlines."""

from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import HtNetworkCase


@tagged("post_install", "-at_install", "ht_referral_network")
class TestNetworkMeeting(HtNetworkCase):
    def _active_mou(self):
        a, b = self._provider("Meeting Org A"), self._provider("Meeting Org B")
        contact = self.env["res.partner"].create({"name": "Signatory A", "parent_id": a.id})
        mou = (
            self.env["ht.mou"]
            .with_user(self.coordinator)
            .create(
                {
                    "name": "Meeting MOU",
                    "date_start": self.today,
                    "date_end": self.today + timedelta(days=200),
                    "user_id": self.coordinator.id,
                    "meeting_rrule_type": "monthly",
                    "meeting_byday": "1",
                    "meeting_weekday": "TUE",
                    "meeting_hour": 10.0,
                    "party_ids": [
                        (0, 0, {"partner_id": a.id, "signatory_id": contact.id}),
                        (0, 0, {"partner_id": b.id}),
                    ],
                }
            )
        )
        for party in mou.party_ids:
            party._ht_sign_wet("Signer", self.today, "eA==", "p.pdf")
        return mou, a, b, contact

    def test_recurring_meetings_from_the_schedule(self):
        mou, a, b, contact = self._active_mou()
        mou.with_user(self.coordinator).action_plan_meetings()
        events = mou.meeting_event_ids
        # one a month (first Tuesday) until the MOU expires: about six or seven
        self.assertGreaterEqual(len(events), 6)
        self.assertLessEqual(len(events), 8)
        self.assertEqual(len(events.recurrence_id), 1)
        for event in events:
            self.assertEqual(event.start.weekday(), 1)  # Tuesday
            self.assertLessEqual(event.start.day, 7)  # the first one of the month
            self.assertEqual(event.ht_meeting_type, "task_force")
            self.assertLessEqual(event.start.date(), mou.date_end)
        first = events.sorted("start")[0]
        self.assertEqual(first.partner_ids, contact | b | self.coordinator.partner_id)
        self.assertEqual(first.ht_organisation_ids, a | b)
        with self.assertRaisesRegex(UserError, "already planned"):
            mou.with_user(self.coordinator).action_plan_meetings()

    def test_action_items_are_activities_with_owner_and_deadline(self):
        mou, *__ = self._active_mou()
        mou.with_user(self.coordinator).action_plan_meetings()
        event = mou.meeting_event_ids.sorted("start")[0].with_user(self.coordinator)
        event.write(
            {
                "ht_minutes": "<p>Shelter capacity discussed.</p>",
                "ht_decisions": "<p>Share the intake form.</p>",
                "ht_action_item_ids": [
                    (0, 0, {"name": "Send the intake form", "user_id": self.reader.id,
                            "date_deadline": self.today + timedelta(days=7)}),
                ],
            }
        )  # fmt: skip
        item = event.ht_action_item_ids
        act_type = self.env.ref("ht_referral_network.mail_act_meeting_action")
        self.assertEqual(item.activity_ids.activity_type_id, act_type)
        self.assertEqual(item.activity_ids.user_id, self.reader)
        self.assertEqual(item.activity_ids.date_deadline, self.today + timedelta(days=7))
        self.assertFalse(item.done)
        item.activity_ids.with_user(self.reader).action_feedback("Sent")
        item.invalidate_recordset()
        self.assertTrue(item.done)
