# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A minor's case in crisis, in a real browser (static/tests/tours/
ht_case_journey_tour.js): an appointment, a court date, the mandatory report."""

from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "ht_case_management")
class TestCaseJourneyTour(HttpCase):
    def test_crisis_appointment_court_date_and_mandatory_report(self):
        env = self.env
        worker = new_test_user(
            env,
            "ht_tour_journey",
            groups="base.group_user,ht_consent.group_ht_case_worker",
            password="ht_tour_journey",
            email="journey@example.com",
            tz="UTC",
        )
        cps = env["res.partner"].create({"name": "Tour CPS", "is_company": True})
        case = (
            env["ht.case"]
            .with_user(worker)
            .create(
                {
                    "legal_name": "Tour Minor Name",
                    "date_of_birth": date(date.today().year - 15, 3, 1),
                    "stage_id": env.ref("ht_case_management.ht_case_stage_crisis").id,
                }
            )
        )
        self.start_tour(
            f"/odoo/action-ht_case_management.ht_case_action/{case.id}",
            "ht_case_journey_tour",
            login="ht_tour_journey",
        )
        visit = case.appointment_ids.filtered(lambda a: a.appointment_type == "home_visit")
        court = case.appointment_ids.filtered(lambda a: a.appointment_type == "court_date")
        self.assertEqual(len(visit), 1)
        self.assertEqual(len(court), 1)
        self.assertEqual(visit.location, "Shelter office")
        self.assertEqual(visit.event_id.name, f"{case.code} · Home visit")
        self.assertEqual(court.event_id.name, f"{case.code} · Court date")
        for event in (visit | court).event_id:
            self.assertFalse(event.location)
            self.assertNotIn("Tour Minor", event.name)
            self.assertEqual(event.partner_ids, worker.partner_id)
        report = case.mandatory_report_ids
        self.assertEqual(len(report), 1)
        self.assertEqual((report.agency_id, report.reference), (cps, "CPS-2026-17"))
        self.assertEqual(report.reported_by_id, worker)
