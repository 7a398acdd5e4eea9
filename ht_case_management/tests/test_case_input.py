# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.ht_referral_network.tests.common import acl_error

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
        """The client declines one service without losing any other, and the declined
        need stays on the file: no one on the team can delete it, a reassessment or
        closing the case does not drop it, and it is counted."""
        food = self.env.ref("ht_referral_network.ht_service_category_food")
        medical = self.env.ref("ht_referral_network.ht_service_category_medical")
        legal = self.env.ref("ht_referral_network.ht_service_category_legal_immigration")
        assessment = (
            self.env["ht.case.assessment"]
            .with_user(self.manager)
            .create(
                {
                    "case_id": self.case.id,
                    "need_ids": [
                        (0, 0, {"category_id": food.id}),
                        (0, 0, {"category_id": medical.id, "status": "declined"}),
                    ],
                }
            )
        )
        declined = assessment.need_ids.filtered(lambda n: n.status == "declined")
        # the team cannot delete it, directly or through the assessment
        Need = self.env["ht.case.need"]
        for user in (self.manager, self.teammate, self.supervisor):
            with self.assertRaisesRegex(AccessError, acl_error("unlink", "ht.case.need")):
                declined.with_user(user).unlink()
            for command in ((2, declined.id), (5,)):
                with (
                    self.assertRaisesRegex(AccessError, acl_error("unlink", "ht.case.need")),
                    self.env.cr.savepoint(),
                ):
                    assessment.with_user(user).write({"need_ids": [command]})
            with self.assertRaisesRegex(AccessError, acl_error("unlink", "ht.case.assessment")):
                assessment.with_user(user).unlink()
        # a reassessment adds needs, never replaces them
        self.env["ht.case.assessment"].with_user(self.teammate).create(
            {
                "case_id": self.case.id,
                "assessment_type": "reassessment",
                "need_ids": [(0, 0, {"category_id": legal.id})],
            }
        )
        # the case closes (the client declined further services) and keeps it
        self.case.with_user(self.manager).write(
            {
                "exit_plan": "<p>Moves to her sister's</p>",
                "closure_reason_id": self.env.ref(
                    "ht_case_management.ht_case_closure_reason_declined"
                ).id,
            }
        )
        self.case.with_user(self.manager).stage_id = self.stage_closed
        self.env.invalidate_all()
        self.assertTrue(declined.exists())
        self.assertEqual((declined.status, declined.case_id), ("declined", self.case))
        case_needs = self.case.with_user(self.manager).need_ids
        self.assertIn(declined, case_needs)
        self.assertEqual(case_needs.category_id, food | medical | legal)
        # declining the medical need took nothing from the food need
        self.assertEqual(case_needs.filtered(lambda n: n.category_id == food).status, "identified")
        counts = {
            group["status"]: group["status_count"]
            for group in Need.with_user(self.supervisor).read_group(
                [("case_id", "=", self.case.id)], ["status"], ["status"]
            )
        }
        self.assertEqual(counts["declined"], 1)

    def test_outcome_scores(self):
        assessment = (
            self.env["ht.case.assessment"].with_user(self.manager).create({"case_id": self.case.id})
        )
        assessment.action_add_outcome_domains()
        self.assertEqual(
            assessment.score_ids.domain_id, self.env["ht.case.outcome.domain"].search([])
        )
        # each domain's scale (seeded 1 to 5) bounds its scores
        with self.assertRaisesRegex(ValidationError, "scores go from 1 to 5"):
            assessment.score_ids[0].score = 6
        self.assertIn(self.case.id, self.env["ht.case.outcome.score"].search([]).case_id.ids)

    def test_case_never_deleted(self):
        # the team has no delete right at all; the model's own refusal stops sudo()
        with self.assertRaisesRegex(AccessError, acl_error("unlink", "ht.case")):
            self.case.with_user(self.supervisor).unlink()
        with self.assertRaisesRegex(UserError, "A case file is never deleted"):
            self.case.sudo().unlink()
        self.assertTrue(self.case.exists())

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
