# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An administrator adds a stage requirement and rewords a notification text in a
real browser; a case worker meets the requirement, and the next referral sent carries
the new words (static/tests/tours/ht_workflow_config_tour.js; the decline reason an
administrator adds and a provider uses: test_config_lists.py)."""

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

    def test_notification_text_reworded_then_used(self):
        self.start_tour(
            "/odoo/action-ht_consent.ht_notification_template_action",
            "ht_workflow_config_template_tour",
            login="ht_tour_wf_admin",
        )
        template = self.env.ref("ht_case_management.mail_template_referral_sent")
        self.assertEqual(
            template.subject,
            "Harbor Light referral {{ object.name }} for case {{ object.case_code }}",
        )
        # a referral of the demo data: the provider's next notice reads the new words
        referral = self.env["ht.referral"].search([("state", "=", "sent")], limit=1)
        text = template._ht_render(referral, lang="en_US")
        self.assertEqual(
            text["subject"], f"Harbor Light referral {referral.name} for case {referral.case_code}"
        )
