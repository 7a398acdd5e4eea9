# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import HtCaseCase


@tagged("post_install", "-at_install", "ht_case_management")
class TestCaseInput(HtCaseCase):
    def test_bad_dates(self):
        Case = self.env["ht.case"].with_user(self.manager)
        before = Case.search_count([])
        with (
            self.assertRaisesRegex(ValidationError, "date of birth .* is in the future"),
            self.env.cr.savepoint(),
        ):
            Case.create({"date_of_birth": date.today() + timedelta(days=1)})
        with (
            self.assertRaisesRegex(ValidationError, "identified before they were born"),
            self.env.cr.savepoint(),
        ):
            Case.create(
                {"date_of_birth": date(2000, 1, 1), "identification_date": date(1999, 1, 1)}
            )
        self.assertEqual(Case.search_count([]), before)
        self.case.identification_date = date.today() - timedelta(days=3)
        with (
            self.assertRaisesRegex(ValidationError, "before the case was identified"),
            self.env.cr.savepoint(),
        ):
            self.env["ht.case.review"].with_user(self.supervisor).create(
                {"case_id": self.case.id, "summary": "x", "date": date.today() - timedelta(days=10)}
            )
        self.assertFalse(self.case.review_ids)

    def test_age_and_minor(self):
        self.case.date_of_birth = date.today().replace(year=date.today().year - 16) - timedelta(
            days=1
        )
        self.assertEqual(self.case.age, 16)
        self.assertTrue(self.case.is_minor)
        self.assertIn(self.case, self.env["ht.case"].search([("is_minor", "=", True)]))

    def test_declined_need_kept(self):
        assessment = (
            self.env["ht.case.assessment"]
            .with_user(self.manager)
            .create(
                {
                    "case_id": self.case.id,
                    "need_ids": [
                        (
                            0,
                            0,
                            {
                                "category_id": self.env.ref(
                                    "ht_referral_network.ht_service_category_food"
                                ).id
                            },
                        ),
                        (
                            0,
                            0,
                            {
                                "category_id": self.env.ref(
                                    "ht_referral_network.ht_service_category_medical"
                                ).id,
                                "status": "declined",
                            },
                        ),
                    ],
                }
            )
        )
        self.assertEqual(self.case.need_ids, assessment.need_ids)
        self.assertEqual(set(self.case.need_ids.mapped("status")), {"identified", "declined"})
        assessment.action_add_outcome_domains()
        self.assertEqual(len(assessment.score_ids), 6)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            assessment.score_ids[0].score = 6
        self.assertIn(self.case.id, self.env["ht.case.outcome.score"].search([]).case_id.ids)

    def test_case_never_deleted(self):
        with self.assertRaisesRegex(Exception, "never deleted"):
            self.case.sudo().unlink()
