# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import HtCaseCase


@tagged("post_install", "-at_install", "ht_case_management")
class TestCaseStage(HtCaseCase):
    def test_code_and_display_name(self):
        self.assertTrue(self.case.code.startswith("HT-"))
        self.assertEqual(self.case.display_name, self.case.code)
        self.assertNotIn("Lucia", self.case.display_name)

    def test_checklist_blocks_leaving_stage(self):
        case = self.case.with_user(self.manager)
        self.assertEqual(len(case.checklist_ids), 2)
        with self.assertRaisesRegex(UserError, "cannot leave Crisis Response yet"):
            case.stage_id = self.stage_intensive
        self._tick_checklist()
        case.stage_id = self.stage_intensive
        self.assertEqual(case.stage_id, self.stage_intensive)
        # entering the stage created its checklist and its plan template goal
        self.assertIn("Baseline outcome scores recorded", case.checklist_ids.mapped("name"))
        self.assertIn("Agree the service plan with the client", case.goal_ids.mapped("name"))
        self.assertEqual(
            case.stage_history_ids.mapped("stage_id"), self.stage_intensive | self.stage_crisis
        )

    def test_closing_needs_exit_plan_and_reason(self):
        case = self.case.with_user(self.manager)
        with self.assertRaisesRegex(UserError, "exit plan and a closure reason"):
            case.stage_id = self.stage_closed
        case.write(
            {
                "exit_plan": "<p>Moves to her sister's</p>",
                "closure_reason_id": self.env.ref(
                    "ht_case_management.ht_case_closure_reason_goals_met"
                ).id,
            }
        )
        case.stage_id = self.stage_closed
        self.assertTrue(case.is_closed)
        self.assertTrue(case.closed_on)

    def test_reengagement_keeps_history(self):
        case = self.case.with_user(self.manager)
        case.write(
            {
                "exit_plan": "<p>plan</p>",
                "closure_reason_id": self.env.ref(
                    "ht_case_management.ht_case_closure_reason_goals_met"
                ).id,
            }
        )
        case.stage_id = self.stage_closed
        with self.assertRaisesRegex(UserError, "Re-engage"):
            case.stage_id = self.stage_intensive
        case.action_reengage()
        self.assertEqual(case.stage_id, self.stage_crisis)
        self.assertEqual(case.reengagement_count, 1)
        self.assertFalse(case.closure_reason_id)
        self.assertEqual(
            [h.stage_id.name for h in case.stage_history_ids.sorted("id")],
            ["Crisis Response", "Closed", "Crisis Response"],
        )
        self.assertIn("<p>plan</p>", case.exit_plan)
        with self.assertRaisesRegex(UserError, "is not closed"):
            case.action_reengage()

    def test_context_key_does_not_reopen_a_closed_case(self):
        case = self.case.with_user(self.manager)
        case.write(
            {
                "exit_plan": "<p>plan</p>",
                "closure_reason_id": self.env.ref(
                    "ht_case_management.ht_case_closure_reason_goals_met"
                ).id,
            }
        )
        case.stage_id = self.stage_closed
        with self.assertRaisesRegex(UserError, "Re-engage"):
            case.with_context(ht_reengage=True).write({"stage_id": self.stage_intensive.id})
        self.assertEqual(case.stage_id, self.stage_closed)
        self.assertEqual(case.reengagement_count, 0)

    def test_history_and_audit_fields_only_through_methods(self):
        case = self.case.with_user(self.manager)
        for vals in (
            {"code": "HT-FAKE-1"},
            {"closed_on": "2020-01-01"},
            {"reengagement_count": 7},
            {"intake_channel": "crm"},
            {"next_review_date": "2099-01-01"},
            {"review_activity_for": "2099-01-01"},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "changes only through"):
                case.write(vals)
        self.assertEqual(case.intake_channel, "walk_in")
        with self.assertRaisesRegex(UserError, "Case code changes only through"):
            self.env["ht.case"].with_user(self.manager).create({"code": "HT-FAKE-2"})
        # the intake that opens a case still says how it came in
        walk_in = self.env["ht.case"].with_user(self.manager).create({"intake_channel": "crm"})
        self.assertEqual(walk_in.intake_channel, "crm")

    def test_plan_from_pathway(self):
        pathway = self.env["ht.pathway"].create(
            {
                "name": "Test pathway",
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "category_id": self.env.ref(
                                "ht_referral_network.ht_service_category_food"
                            ).id,
                            "urgency": "immediate",
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "category_id": self.env.ref(
                                "ht_referral_network.ht_service_category_esl"
                            ).id,
                            "urgency": "later",
                        },
                    ),
                ],
            }
        )
        goals = self.case.with_user(self.manager).action_start_plan_from_pathway(pathway)
        self.assertEqual(len(goals), 2)
        self.assertEqual(goals.mapped("responsible_user_id"), self.manager)
