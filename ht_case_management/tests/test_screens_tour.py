# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The daily forms in a real browser (static/tests/tours/ht_screens_tours.js):
each tour saves a record; an error dialog fails the tour."""

from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.ht_referral_network.tests.common import certified_member


@tagged("post_install", "-at_install", "ht_case_management")
class TestScreensTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.worker = new_test_user(
            env,
            "ht_tour_screens",
            groups="base.group_user,ht_consent.group_ht_case_worker",
            password="ht_tour_screens",
            email="screens@example.com",
            tz="UTC",
        )
        cls.provider = certified_member(env, "Tour Shelter")
        cls.housing = env.ref("ht_referral_network.ht_service_category_housing_emergency")
        cls.service = env["ht.service"].create(
            {
                "provider_id": cls.provider.id,
                "category_id": cls.housing.id,
                "capacity_available": 2,
                "capacity_max": 5,
            }
        )
        cls.case = env["ht.case"].with_user(cls.worker).create({"legal_name": "Tour Person"})

    def _open_case(self, tour):
        self.start_tour(
            f"/odoo/action-ht_case_management.ht_case_action/{self.case.id}",
            tour,
            login="ht_tour_screens",
        )

    def test_consent_signed_and_activated(self):
        self._open_case("ht_consent_sign_activate_tour")
        consent = self.env["ht.consent"].search(
            [("res_model", "=", "ht.case"), ("res_id", "=", self.case.id)]
        )
        self.assertEqual(len(consent), 1)
        self.assertEqual(consent.state, "active")
        self.assertEqual(consent.method, "signed")
        self.assertTrue(consent.signature)
        self.assertEqual(consent.recipient_ids, self.provider)
        self.assertEqual(
            consent.category_ids, self.env.ref("ht_consent.ht_consent_category_case_summary")
        )

    def test_stage_change_from_the_status_bar(self):
        self.case.checklist_ids.write({"done": True})
        self._open_case("ht_case_stage_tour")
        self.assertEqual(
            self.case.stage_id, self.env.ref("ht_case_management.ht_case_stage_intensive")
        )
        self.assertEqual(self.case.date_of_birth, date(1995, 1, 15))
        # the form opened (audited), the onchange of the new date wrote nothing
        logs = self.env["ht.case.access.log"].search([("case_id", "=", self.case.id)])
        self.assertTrue(logs)
        self.assertFalse(self.env["ht.case.access.log"].search([("case_id", "=", False)]))

    def test_find_a_provider_and_search_again(self):
        self.env["ht.case.need"].create(
            {"case_id": self.case.id, "category_id": self.housing.id, "urgency": "immediate"}
        )
        self._open_case("ht_find_provider_tour")
        referral = self.env["ht.referral"].search([("case_id", "=", self.case.id)])
        self.assertEqual(referral.service_id, self.service)
        self.assertEqual(referral.mode, "warm_handoff")
        self.assertEqual(referral.state, "draft")

    def test_assessment_with_a_need(self):
        self._open_case("ht_assessment_tour")
        assessment = self.case.assessment_ids
        self.assertEqual(len(assessment), 1)
        self.assertEqual(assessment.risk_level, "high")
        self.assertEqual(assessment.need_ids.category_id, self.housing)
        self.assertEqual(assessment.need_ids.case_id, self.case)

    def test_plan_goal(self):
        self._open_case("ht_goal_tour")
        self.assertEqual(self.case.goal_ids.mapped("name"), ["Find safe housing"])

    def test_supervision_review(self):
        supervisor = new_test_user(
            self.env,
            "ht_tour_sup",
            groups="base.group_user,ht_consent.group_ht_supervisor",
            password="ht_tour_sup",
            email="sup@example.com",
        )
        self.start_tour(
            f"/odoo/action-ht_case_management.ht_case_action/{self.case.id}",
            "ht_review_tour",
            login="ht_tour_sup",
        )
        review = self.case.review_ids
        self.assertEqual(len(review), 1)
        self.assertEqual(review.supervisor_id, supervisor)
        self.assertEqual(self.case.last_review_date, date.today())

    def test_certification_by_coordinator(self):
        new_test_user(
            self.env,
            "ht_tour_nc",
            groups="base.group_user,ht_referral_network.group_ht_network_coordinator",
            password="ht_tour_nc",
        )
        self.start_tour(
            f"/odoo/action-ht_referral_network.ht_provider_action/{self.provider.id}",
            "ht_certification_tour",
            login="ht_tour_nc",
        )
        cert = self.provider.ht_certification_ids.filtered(
            lambda c: c.training == "Trauma-informed care"
        )
        self.assertEqual(cert.date_expiry, date(2099, 12, 31))
        self.assertTrue(cert.is_current)

    def test_case_worker_converts_a_lead(self):
        lead = self.env["crm.lead"].create(
            {"name": "Hotline call 22:40", "contact_name": "Rosa Tour", "user_id": False}
        )
        self.start_tour(
            f"/odoo/action-crm.crm_lead_all_leads/{lead.id}",
            "ht_convert_lead_tour",
            login="ht_tour_screens",
        )
        case = self.env["ht.case"].search([("legal_name", "=", "Rosa Tour")])
        self.assertEqual(case.case_manager_id, self.worker)
        self.assertEqual(case.trafficking_type, "labor")
