# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An administrator adds a stage requirement in a real browser; a case worker
meets it (static/tests/tours/ht_workflow_config_tour.js)."""

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install", "ht_case_management")
class TestWorkflowConfigTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.admin = new_test_user(
            env,
            "ht_tour_wf_admin",
            groups="base.group_user,ht_consent.group_ht_admin",
            password="ht_tour_wf_admin",
            tz="UTC",
        )
        cls.worker = new_test_user(
            env,
            "ht_tour_wf_worker",
            groups="base.group_user,ht_consent.group_ht_case_worker",
            password="ht_tour_wf_worker",
            tz="UTC",
        )
        cls.crisis = env.ref("ht_case_management.ht_case_stage_crisis")
        cls.case = env["ht.case"].with_user(cls.worker).create({"legal_name": "Tour Workflow"})
        cls.case.checklist_ids.write({"done": True})
        cls.assessment = (
            env["ht.case.assessment"]
            .with_user(cls.worker)
            .create({"case_id": cls.case.id, "assessment_type": "comprehensive"})
        )

    def test_requirement_added_then_met(self):
        self.start_tour(
            "/odoo/action-ht_case_management.ht_case_stage_action",
            "ht_workflow_config_admin_tour",
            login="ht_tour_wf_admin",
        )
        requirement = self.crisis.requirement_ids
        self.assertEqual(
            (requirement.kind, requirement.assessment_type), ("assessment", "comprehensive")
        )
        with mute_logger("odoo.http"):
            self.start_tour(
                f"/odoo/action-ht_case_management.ht_case_action/{self.case.id}",
                "ht_workflow_config_worker_tour",
                login="ht_tour_wf_worker",
            )
        self.assertTrue(self.assessment.completed_on)
        self.assertEqual(self.assessment.completed_by_id, self.worker)
        self.assertEqual(
            self.case.stage_id, self.env.ref("ht_case_management.ht_case_stage_intensive")
        )
