# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from odoo.tests import tagged

from .common import HtCaseCase


@tagged("post_install", "-at_install", "ht_case_management")
class TestCaseCron(HtCaseCase):
    def test_review_cron_idempotent_and_overdue(self):
        self.case.write(
            {
                "supervisor_id": self.supervisor.id,
                "identification_date": date.today() - timedelta(days=10),
            }
        )
        self.assertEqual(
            self.case.next_review_date, date.today() - timedelta(days=3)
        )  # crisis: every 7 days
        self.assertTrue(self.case.review_overdue)
        self.assertIn(self.case, self.env["ht.case"].search([("review_overdue", "=", True)]))
        act_type = self.env.ref("ht_case_management.mail_act_case_review")
        for _run in range(3):
            self.env["ht.case"]._cron_plan_reviews()
        acts = self.case.activity_ids.filtered(lambda a: a.activity_type_id == act_type)
        self.assertEqual(len(acts), 1)
        self.assertEqual(acts.user_id, self.supervisor)
        self.assertIn("overdue", acts.summary)
        self.assertNotIn("Lucia", acts.summary)
        # the review is recorded: the activity is done and the next one is due later
        self.env["ht.case.review"].with_user(self.supervisor).create(
            {"case_id": self.case.id, "summary": "Stable; shelter found"}
        )
        self.assertFalse(self.case.activity_ids.filtered(lambda a: a.activity_type_id == act_type))
        self.assertEqual(self.case.next_review_date, date.today() + timedelta(days=7))
        self.assertFalse(self.case.review_overdue)

    def test_milestone_reminder_once(self):
        milestone = self.env["ht.case.legal.milestone"].create(
            {
                "case_id": self.case.id,
                "milestone_type_id": self.env.ref(
                    "ht_case_management.ht_case_legal_milestone_type_t_visa"
                ).id,
                "status": "applied",
                "deadline": date.today() + timedelta(days=5),
            }
        )
        Milestone = self.env["ht.case.legal.milestone"]
        self.assertIn(milestone, Milestone._cron_remind())
        self.assertFalse(Milestone._cron_remind())
        acts = self.case.activity_ids.filtered(lambda a: "T visa" in (a.summary or ""))
        self.assertEqual(len(acts), 1)
        self.assertEqual(acts.user_id, self.manager)
