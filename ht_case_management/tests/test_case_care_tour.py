# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A grievance filed and resolved, and a closed case's client invited to the
feedback survey, in a real browser (static/tests/tours/ht_case_journey_tours.js)."""

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "ht_case_management")
class TestCaseCareTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.worker = new_test_user(
            env,
            "ht_tour_journey",
            groups="base.group_user,ht_consent.group_ht_case_worker",
            password="ht_tour_journey",
            email="journey@example.com",
            tz="UTC",
        )
        cls.supervisor = new_test_user(
            env,
            "ht_tour_journey_sup",
            name="Tour Supervisor",
            groups="base.group_user,ht_consent.group_ht_supervisor",
            password="ht_tour_journey_sup",
            email="journey.sup@example.com",
            tz="UTC",
        )
        cls.case = (
            env["ht.case"]
            .with_user(cls.worker)
            .create({"legal_name": "Tour Journey Person", "supervisor_id": cls.supervisor.id})
        )

    def test_grievance_filed_and_resolved(self):
        self.start_tour(
            "/odoo/action-ht_case_management.ht_case_grievance_action",
            "ht_grievance_file_tour",
            login="ht_tour_journey",
        )
        grievance = self.env["ht.case.grievance"].search([("case_id", "=", self.case.id)])
        self.assertEqual(len(grievance), 1)
        self.assertEqual(
            (grievance.filed_via, grievance.advocate_name), ("advocate", "Tour advocate")
        )
        self.assertEqual(grievance.handler_id, self.supervisor)
        self.start_tour(
            f"/odoo/action-ht_case_management.ht_case_grievance_action/{grievance.id}",
            "ht_grievance_resolve_tour",
            login="ht_tour_journey_sup",
        )
        self.assertEqual(grievance.state, "resolved")
        self.assertEqual(grievance.resolved_by_id, self.supervisor)
        self.assertIn("in writing", grievance.answer)

    def test_closure_with_feedback_invitation(self):
        self.case.checklist_ids.write({"done": True})
        self.case.write(
            {
                "exit_plan": "<p>Independent</p>",
                "closure_reason_id": self.env.ref(
                    "ht_case_management.ht_case_closure_reason_goals_met"
                ).id,
            }
        )
        self.case.stage_id = self.env.ref("ht_case_management.ht_case_stage_closed")
        survey = self.env.ref("ht_case_management.ht_feedback_survey")
        before = survey.user_input_ids
        self.start_tour(
            f"/odoo/action-ht_case_management.ht_case_action/{self.case.id}",
            "ht_feedback_invite_tour",
            login="ht_tour_journey",
        )
        self.assertEqual(self.case.feedback_invited_on, fields.Date.context_today(self.case))
        answer = survey.user_input_ids - before
        self.assertEqual(len(answer), 1)
        self.assertFalse(answer.partner_id)
