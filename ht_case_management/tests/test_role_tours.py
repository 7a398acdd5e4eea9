# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each role's main path on the demo database, in a real browser, as the demo
users (static/tests/tours/ht_role_tours.js and ht_phone_tours.js): what the
README's "first ten minutes" walks. An error dialog fails the tour. The tests
need the demo data (tools/test.sh installs it): demo records are found by their
XML ids, the story's open cases by their demo names."""

from datetime import date

from odoo import fields
from odoo.tests import HttpCase, tagged


class HtDemoTourCase(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.worker = ref("ht_case_management.demo_user_case_worker")
        cls.leo = ref("ht_case_management.demo_user_case_worker_leo")
        cls.supervisor = ref("ht_case_management.demo_user_supervisor")
        cls.shelter = ref("ht_referral_network.demo_provider_shelter")
        cls.clinic = ref("ht_referral_network.demo_provider_legal")
        cls.beds = ref("ht_referral_network.demo_service_shelter_beds")
        cls.immigration = ref("ht_referral_network.demo_service_legal_immigration")
        cls.bo = cls.env["ht.case"].search([("legal_name", "=", "Bo (demo) Chen")])
        cls.carmen = cls.env["ht.case"].search([("legal_name", "=", "Carmen (demo) Ruiz")])


@tagged("post_install", "-at_install", "ht_case_management")
class TestRoleTours(HtDemoTourCase):
    def test_demo_story_has_a_referral_past_its_deadline(self):
        """The case worker's home shows Carmen's referral as late (the story's
        backdating was written over by the send's own values)."""
        tile = self.env.ref("ht_case_management.ht_home_tile_referrals_overdue")
        self.assertEqual(tile.with_user(self.worker).count, 1)
        late = self.env["ht.referral"].search([("case_id", "=", self.carmen.id)])
        self.assertEqual(late.state, "sent")
        self.assertLess(late.response_deadline, fields.Datetime.now())

    def test_demo_company_is_named(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "Harbor Light Anti-Trafficking Coalition")
        self.assertTrue(company.logo)
        self.assertTrue(company.email)

    def test_caseworker_intake_to_followthrough(self):
        """Intake, consent signed, provider found, referral sent; the shelter
        accepts on the portal; the case worker records the follow-through."""
        self.start_tour("/odoo", "ht_role_caseworker_intake_tour", login="caseworker")
        case = self.env["ht.case"].search([("preferred_name", "=", "Dana")])
        self.assertEqual(len(case), 1)
        self.assertEqual(case.case_manager_id, self.worker)
        self.assertEqual(case.trafficking_type, "labor")
        consent = self.env["ht.consent"].search(
            [("res_model", "=", "ht.case"), ("res_id", "=", case.id)]
        )
        self.assertEqual(consent.state, "active")
        self.assertEqual(consent.method, "signed")
        self.assertTrue(consent.signature)
        self.assertEqual(consent.recipient_ids, self.shelter)
        referral = self.env["ht.referral"].search([("case_id", "=", case.id)])
        self.assertEqual(referral.state, "sent")
        self.assertEqual(referral.service_id, self.beds)
        self.assertEqual(referral.consent_id, consent)
        beds = self.beds.capacity_available

        self.start_tour("/my", "ht_role_partner_accept_tour", login="shelter")
        self.assertEqual(referral.state, "accepted")
        self.assertIn("bed is ready", referral.response_note)
        self.assertEqual(self.beds.capacity_available, beds - 1)

        self.start_tour(
            f"/odoo/action-ht_case_management.ht_case_action/{case.id}",
            "ht_role_caseworker_followthrough_tour",
            login="caseworker",
        )
        self.assertEqual(referral.client_followed_through, "yes")

    def test_supervisor_reviews_and_reassigns(self):
        self.assertEqual(self.bo.case_manager_id, self.worker)
        self.start_tour("/odoo", "ht_role_supervisor_tour", login="supervisor")
        review = self.bo.review_ids.filtered(lambda r: "safety plan current" in r.summary)
        self.assertEqual(review.supervisor_id, self.supervisor)
        self.assertEqual(self.bo.case_manager_id, self.leo)
        change = self.env["ht.case.manager.change"].search([("case_id", "=", self.bo.id)])
        self.assertEqual(change.mapped("reason"), ["Maya's caseload is full; Leo speaks Mandarin."])

    def test_coordinator_certifies_updates_capacity_renews_mou(self):
        mou = self.env.ref("ht_referral_network.demo_mou_task_force")
        self.start_tour("/odoo", "ht_role_coordinator_tour", login="coordinator")
        cert = self.env["ht.certification"].search(
            [("partner_id", "=", self.clinic.id), ("training", "like", "Renewed trauma")]
        )
        self.assertEqual((cert.trainer, cert.date_expiry), ("State Task Force", date(2099, 12, 31)))
        self.assertTrue(cert.is_current)
        self.assertEqual(self.immigration.capacity_available, 2)
        renewal = self.env["ht.mou"].search([("previous_id", "=", mou.id)])
        self.assertEqual(renewal.state, "negotiation")
        self.assertGreater(renewal.date_start, mou.date_end)

    def test_volunteer_logs_hours(self):
        placement = self.env.ref("ht_case_management.demo_placement_val")
        self.start_tour("/odoo", "ht_role_volunteer_tour", login="val")
        line = placement.hours_ids.filtered(lambda h: "Tuesday" in h.activity)
        self.assertEqual(line.hours, 3.5)
        self.assertEqual(line.state, "logged")
        self.assertEqual(line.volunteer_user_id.login, "val")


@tagged("post_install", "-at_install", "ht_case_management")
class TestPhoneTours(HtDemoTourCase):
    # a phone
    browser_size = "390x844"
    touch_enabled = True

    def test_partner_answers_and_updates_capacity_on_a_phone(self):
        referral = self.env["ht.referral"].search(
            [("case_id", "=", self.bo.id), ("service_id", "=", self.immigration.id)]
        )
        self.assertEqual((referral.state, self.immigration.capacity_available), ("sent", 0))
        self.start_tour("/my", "ht_phone_partner_tour", login="clinic")
        self.assertEqual(referral.state, "accepted")
        self.assertIn("Thursday at 10", referral.response_note)
        # two freed, one taken by the acceptance
        self.assertEqual(self.immigration.capacity_available, 1)

    def test_caseworker_opens_a_case_and_adds_a_note_on_a_phone(self):
        self.start_tour(
            "/odoo/action-ht_case_management.ht_case_action",
            "ht_phone_caseworker_tour",
            login="caseworker",
        )
        note = self.carmen.note_ids.filtered(lambda n: "wants the shelter bed" in n.body)
        self.assertEqual(note.author_id, self.worker)
