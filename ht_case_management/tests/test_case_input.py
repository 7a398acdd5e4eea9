# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import HtCaseCase
from .common_lead import columns_containing


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

    def test_intake_form_is_private_and_emptied(self):
        Intake = self.env["ht.case.intake"]
        intake = Intake.with_user(self.manager).create(
            {"legal_name": "Ines Formname", "safe_phone": "+1 555 0199", "preferred_name": "I."}
        )
        # nobody else reads the form, not even a colleague on the same case team
        for user in (self.teammate, self.outsider, self.supervisor):
            self.assertFalse(Intake.with_user(user).search([("id", "=", intake.id)]))
            with self.assertRaises(AccessError):
                intake.with_user(user).read(["legal_name"])
        action = intake.action_open_case()
        self.assertFalse(intake.exists(), "the intake form outlives the case")
        case = self.env["ht.case"].browse(action["res_id"])
        self.assertEqual((case.legal_name, case.safe_phone), ("Ines Formname", "+1 555 0199"))
        self.assertEqual(columns_containing(self.env, "Formname"), {("ht_case", "legal_name")})
