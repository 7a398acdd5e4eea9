# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One survivor's whole journey in a real browser, as the case worker
(static/tests/tours/ht_case_whole_journey_tour.js): intake of a minor from the
Victim Services app, the crisis stage with a home visit and a court date, the
minor's mandatory report, a grievance filed through the advocate (routed to a
supervisor other than the case manager), closure with its reason and exit plan,
and the anonymous feedback survey link. Afterwards the database holds each of
them, and the client's name is nowhere outside the case file (the sentinel scan
of test_sentinel.py)."""

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .test_sentinel import ALLOWED, SentinelScanMixin


@tagged("post_install", "-at_install", "ht_case_management")
class TestCaseWholeJourneyTour(SentinelScanMixin, HttpCase):
    def test_whole_journey_from_intake_to_feedback(self):
        env = self.env
        worker = new_test_user(
            env,
            "ht_tour_whole",
            name="Whole Journey Worker",
            groups="base.group_user,ht_consent.group_ht_case_worker",
            password="ht_tour_whole",
            email="whole.journey@example.com",
            tz="UTC",
        )
        supervisor = new_test_user(
            env,
            "ht_tour_whole_sup",
            name="Whole Journey Supervisor",
            groups="base.group_user,ht_consent.group_ht_supervisor",
            email="whole.journey.sup@example.com",
            tz="UTC",
        )
        cps = env["res.partner"].create({"name": "Whole Journey CPS", "is_company": True})
        survey = env.ref("ht_case_management.ht_feedback_survey")
        answers_before = survey.user_input_ids
        cases_before = env["ht.case"].search([])

        self.start_tour("/odoo", "ht_case_whole_journey_tour", login="ht_tour_whole")

        case = env["ht.case"].search([]) - cases_before
        self.assertEqual(len(case), 1)
        # the identity the tour typed: random strings made in the browser
        legal_name, alias = case.legal_name, case.preferred_name
        self.assertRegex(legal_name, r"^SENTwjLegal[a-z0-9]{10,}$")
        self.assertEqual(alias, legal_name.replace("Legal", "Alias"))
        self.assertEqual(case.case_manager_id, worker)
        self.assertEqual(case.intake_channel, "walk_in")
        self.assertTrue(case.is_minor)
        self.assertEqual(
            case.need_ids.category_id,
            env.ref("ht_referral_network.ht_service_category_housing_emergency"),
        )
        # crisis: the appointment and the court date, on the calendar by code
        visit = case.appointment_ids.filtered(lambda a: a.appointment_type == "home_visit")
        court = case.appointment_ids.filtered(lambda a: a.appointment_type == "court_date")
        self.assertEqual((len(visit), len(court)), (1, 1))
        self.assertEqual(visit.location, "Shelter office")
        self.assertEqual(court.location, "County court, room 4")
        self.assertEqual(visit.event_id.name, f"{case.code} · Home visit")
        self.assertEqual(court.event_id.name, f"{case.code} · Court date")
        for event in (visit | court).event_id:
            self.assertFalse(event.location or event.description)
            self.assertEqual(event.privacy, "private")
            self.assertEqual(event.partner_ids, worker.partner_id)
        self.assertIn(
            env.ref("ht_case_management.ht_case_stage_crisis"), case.stage_history_ids.stage_id
        )
        # the minor's mandatory report
        report = case.mandatory_report_ids
        self.assertEqual(len(report), 1)
        self.assertEqual((report.agency_id, report.reference), (cps, "CPS-WJ-15"))
        self.assertEqual(report.reported_by_id, worker)
        # the grievance, routed to a supervisor other than the case manager
        grievance = env["ht.case.grievance"].search([("case_id", "=", case.id)])
        self.assertEqual(len(grievance), 1)
        self.assertEqual(
            (grievance.filed_via, grievance.advocate_name, grievance.create_uid),
            ("advocate", "Whole journey advocate", worker),
        )
        self.assertTrue(grievance.handler_id.has_group("ht_consent.group_ht_supervisor"))
        self.assertNotEqual(grievance.handler_id, worker)
        self.assertIn(
            grievance.handler_id, supervisor | env.ref("ht_consent.group_ht_supervisor").users
        )
        self.assertEqual(grievance.state, "open")
        # closure, with its reason and exit plan
        self.assertEqual(case.stage_id, env.ref("ht_case_management.ht_case_stage_closed"))
        self.assertEqual(
            case.closure_reason_id, env.ref("ht_case_management.ht_case_closure_reason_goals_met")
        )
        self.assertIn("Lives with her aunt", case.exit_plan)
        # "today" in the case worker's time zone, who closed it (not the test's)
        today = fields.Date.context_today(case.with_user(case.case_manager_id))
        self.assertEqual(case.closed_on, today)
        # the feedback invitation: an anonymous answer, the case keeps the date only
        self.assertEqual(case.feedback_invited_on, today)
        answer = survey.user_input_ids - answers_before
        self.assertEqual(len(answer), 1)
        self.assertFalse(answer.partner_id or answer.email)

        # the client's name: on the case file only (no contact, message, mail,
        # calendar event, activity or wizard row carries it)
        hits, _orphans = self._ht_scan({"legal name": legal_name, "alias": alias})
        report_text = self._ht_report(hits)
        self.assertIn(("ht_case", "legal_name"), hits, "the scan found nothing: it proves nothing")
        for table in ("res_partner", "mail_message", "mail_mail", "calendar_event"):
            self.assertFalse(
                [key for key in hits if key[0] == table],
                f"{table} names the client:\n{report_text}",
            )
        self.assertFalse(
            [key for key in hits if key not in ALLOWED], f"outside the case:\n{report_text}"
        )
