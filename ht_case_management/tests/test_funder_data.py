# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The data funders count, on the case: computed where it can be (age at intake,
letter dates from the legal milestones, first service), counts never negative,
and services delivered and material aid that follow their case's access."""

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import HtCaseCase


@tagged("post_install", "-at_install", "ht_case_management")
class TestFunderData(HtCaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.category = cls.env.ref("ht_referral_network.ht_service_category_food")
        cls.food = cls.env.ref("ht_case_management.ht_case_aid_kind_food")

    def test_age_at_intake_is_stored_and_computed(self):
        case = self.case.with_user(self.manager)
        self.assertEqual(case.age_group_at_intake, "not_recorded")
        case.age_group_at_intake = "declined"
        self.assertEqual(case.age_group_at_intake, "declined")
        case.write({"date_of_birth": date(2008, 6, 1), "identification_date": date(2025, 5, 1)})
        self.assertEqual((case.age_at_intake, case.age_group_at_intake), (16, "minor"))
        case.identification_date = date(2026, 6, 1)
        self.assertEqual((case.age_at_intake, case.age_group_at_intake), (18, "adult"))
        with self.assertRaisesRegex(UserError, "computed"):
            case.write({"age_at_intake": 30})
        with self.assertRaisesRegex(UserError, "computed"):
            case.write({"first_service_date": date(2020, 1, 1)})

    def test_answers_follow_the_lists(self):
        case = self.case.with_user(self.manager)
        self.assertEqual(case.race_ethnicity_answer, "not_recorded")
        case.race_ethnicity_ids = self.env.ref("ht_case_management.ht_case_race_ethnicity_asian")
        self.assertEqual(case.race_ethnicity_answer, "answered")
        case.race_ethnicity_ids = False
        case.race_ethnicity_answer = "declined"
        self.assertEqual(case.race_ethnicity_answer, "declined")

    def test_letters_from_legal_milestones(self):
        case = self.case.with_user(self.manager)
        Milestone = self.env["ht.case.legal.milestone"].with_user(self.manager)
        letter = Milestone.create(
            {
                "case_id": case.id,
                "milestone_type_id": self.env.ref(
                    "ht_case_management.ht_case_legal_milestone_type_hhs_interim_assistance"
                ).id,
                "status": "applied",
            }
        )
        self.assertFalse(case.hhs_interim_letter_date)
        letter.write({"status": "granted", "date_decided": date(2025, 3, 4)})
        self.assertEqual(case.hhs_interim_letter_date, date(2025, 3, 4))
        self.assertTrue(case.hhs_letter_obtained)
        self.assertFalse(case.t_visa_obtained)
        Milestone.create(
            {
                "case_id": case.id,
                "milestone_type_id": self.env.ref(
                    "ht_case_management.ht_case_legal_milestone_type_t_visa"
                ).id,
                "status": "granted",
            }
        )
        self.assertTrue(case.t_visa_obtained)
        with self.assertRaisesRegex(UserError, "computed"):
            case.write({"hhs_letter_obtained": False})

    def test_family_members_are_counts(self):
        case = self.case.with_user(self.manager)
        case.family_children_minor = 2
        with self.assertRaisesRegex(ValidationError, "counts"):
            case.family_siblings = -1

    def test_first_service_and_line_checks(self):
        Line = self.env["ht.case.service.line"].with_user(self.manager)
        Line.create(
            {"case_id": self.case.id, "category_id": self.category.id, "date": date(2025, 3, 1)}
        )
        Line.create(
            {"case_id": self.case.id, "category_id": self.category.id, "date": date(2024, 12, 1)}
        )
        self.assertEqual(self.case.first_service_date, date(2024, 12, 1))
        with self.assertRaisesRegex(ValidationError, "future"):
            Line.create(
                {"case_id": self.case.id, "category_id": self.category.id, "date": date(2999, 1, 1)}
            )
        with self.assertRaisesRegex(ValidationError, "0 or more"):
            self.env["ht.case.aid.line"].with_user(self.manager).create(
                {"case_id": self.case.id, "kind_id": self.food.id, "amount": -5}
            )

    def test_lines_follow_the_case(self):
        """The case team and supervisors read and add services delivered and aid; a
        case worker outside the case, a volunteer, a network coordinator or an
        employee read none; nobody deletes one."""
        service = (
            self.env["ht.case.service.line"]
            .with_user(self.teammate)
            .create({"case_id": self.case.id, "category_id": self.category.id, "note": "Bus pass"})
        )
        aid = (
            self.env["ht.case.aid.line"]
            .with_user(self.manager)
            .create({"case_id": self.case.id, "kind_id": self.food.id, "amount": 40})
        )
        for line in (service, aid):
            for user in (self.manager, self.teammate, self.supervisor):
                self.assertTrue(line.with_user(user).read(["date"]))
            for user in (self.outsider, self.volunteer, self.coordinator, self.employee):
                with self.assertRaises(AccessError, msg=user.login):
                    line.with_user(user).read(["date"])
            # nor find it: the case worker outside the case searches in vain
            self.assertNotIn(line, self.env[line._name].with_user(self.outsider).search([]))
            with self.assertRaises(AccessError):
                line.with_user(self.manager).unlink()
        with self.assertRaises(AccessError):
            self.env["ht.case.service.line"].with_user(self.outsider).create(
                {"case_id": self.case.id, "category_id": self.category.id}
            )
        # a line never moves to another case (rules check the old case only)
        other = self.env["ht.case"].with_user(self.outsider).create({"legal_name": "Other"})
        for line in (service, aid):
            with self.assertRaisesRegex(UserError, "stays on its case"):
                line.with_user(self.manager).write({"case_id": other.id})
            self.assertEqual(line.case_id, self.case)
