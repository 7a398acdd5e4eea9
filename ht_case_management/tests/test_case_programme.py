# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Case programmes: each case belongs to one (the seeded Standard programme is
today's pipeline); it moves only among its programme's stages; a new case starts
in its programme's first stage with the programme's default plan; existing cases
join the Standard programme on upgrade."""

import importlib.util
from pathlib import Path

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_workflow import HtWorkflowRpcCase

MIGRATION = Path(__file__).resolve().parent.parent / "migrations" / "18.0.1.2.0"


@tagged("post_install", "-at_install", "ht_case_management")
class TestCaseProgramme(HtWorkflowRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.standard = cls.env.ref("ht_case_management.ht_case_programme_standard")
        cls.pathway = cls.env["ht.pathway"].create(
            {
                "name": "Minors pathway",
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "category_id": cls.env.ref(
                                "ht_referral_network.ht_service_category_case_management"
                            ).id,
                            "urgency": "immediate",
                        },
                    )
                ],
            }
        )
        # minors: intensive first, then crisis, then closed (no transitional)
        cls.minors = cls.env["ht.case.programme"].create(
            {
                "name": "Minors",
                "pathway_ids": [(6, 0, cls.pathway.ids)],
                "stage_line_ids": [
                    (0, 0, {"sequence": 1, "stage_id": cls.stage_intensive.id}),
                    (0, 0, {"sequence": 2, "stage_id": cls.stage_crisis.id}),
                    (0, 0, {"sequence": 3, "stage_id": cls.stage_closed.id}),
                ],
            }
        )
        cls.stage_transitional = cls.env.ref("ht_case_management.ht_case_stage_transitional")

    def test_seeded_programme_is_todays_pipeline(self):
        stages = self.env["ht.case.stage"].search([])
        self.assertEqual(self.standard.stage_ids, stages)
        self.assertEqual(
            self.standard.stage_ids.ids, stages.sorted(lambda s: (s.sequence, s.id)).ids
        )
        case = self.env["ht.case"].with_user(self.manager).create({"legal_name": "New one"})
        self.assertEqual((case.programme_id, case.stage_id), (self.standard, self.stage_crisis))
        self.assertEqual(self.case.programme_id, self.standard)

    @mute_logger("odoo.http")
    def test_a_case_moves_only_within_its_programme(self):
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        case_id = self.assertDone(
            self._rpc(
                "ht.case",
                "create",
                {"legal_name": "Young One", "programme_id": self.minors.id},
            )
        )
        case = self.env["ht.case"].browse(case_id)
        # starts in the programme's first stage, with its default plan
        self.assertEqual(case.stage_id, self.stage_intensive)
        self.assertIn("Case management", case.goal_ids.mapped("name"))
        case.checklist_ids.write({"done": True})
        reply = self._rpc("ht.case", "write", [case_id], {"stage_id": self.stage_transitional.id})
        self.assertRefusedRegex(
            reply, r"Transitional Support is not a stage of HT-\S+'s programme \(Minors\)"
        )
        reply = self._rpc(
            "ht.case",
            "create",
            {
                "legal_name": "Elsewhere",
                "programme_id": self.minors.id,
                "stage_id": self.stage_transitional.id,
            },
        )
        self.assertRefusedRegex(reply, "is not a stage of the programme Minors", "ValidationError")
        # changing the programme of a case whose stage the new one lacks
        self.case.checklist_ids.write({"done": True})
        self.assertDone(
            self._rpc("ht.case", "write", [self.case.id], {"stage_id": self.stage_intensive.id})
        )
        self.case.checklist_ids.write({"done": True})
        self.assertDone(
            self._rpc("ht.case", "write", [self.case.id], {"stage_id": self.stage_transitional.id})
        )
        reply = self._rpc("ht.case", "write", [self.case.id], {"programme_id": self.minors.id})
        self.assertRefusedRegex(
            reply, "Transitional Support is not a stage of the programme Minors", "ValidationError"
        )
        case.invalidate_recordset()
        self.assertEqual(case.stage_id, self.stage_intensive)
        # the kanban filtered on a programme shows its columns in its order
        groups = (
            self.env["ht.case"]
            .with_user(self.manager)
            .web_read_group([("programme_id", "=", self.minors.id)], ["stage_id"], ["stage_id"])
        )
        self.assertEqual(
            [g["stage_id"][0] for g in groups["groups"]],
            [self.stage_intensive.id, self.stage_crisis.id, self.stage_closed.id],
        )

    def test_reengaged_in_the_programmes_first_stage(self):
        case = (
            self.env["ht.case"]
            .with_user(self.manager)
            .create({"legal_name": "Back again", "programme_id": self.minors.id})
        )
        case.write(
            {
                "exit_plan": "<p>Plan</p>",
                "closure_reason_id": self.env.ref(
                    "ht_case_management.ht_case_closure_reason_goals_met"
                ).id,
            }
        )
        case.write({"stage_id": self.stage_closed.id})
        case.action_reengage()
        self.assertEqual(case.stage_id, self.stage_intensive)

    def test_existing_cases_join_the_standard_programme_on_upgrade(self):
        cr = self.env.cr
        custom = self.env["ht.case.stage"].create({"name": "Respite", "sequence": 50})
        other = self.env["ht.case"].create({"legal_name": "Before programmes"})
        self.env.flush_all()
        # the database as 18.0.1.1.0 left it: no programme on any case
        cr.execute("ALTER TABLE ht_case ALTER COLUMN programme_id DROP NOT NULL")
        cr.execute(
            "UPDATE ht_case SET programme_id = NULL WHERE id IN %s", [(self.case.id, other.id)]
        )
        spec = importlib.util.spec_from_file_location(
            "ht_case_mig_post_programme", MIGRATION / "post-programme.py"
        )
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(cr, "18.0.1.1.0")
        self.env.invalidate_all()
        self.assertEqual((self.case | other).programme_id, self.standard)
        # a stage an administrator had added stays in the pipeline
        self.assertIn(custom, self.standard.stage_ids)
        cr.execute("SELECT count(*) FROM ht_case WHERE programme_id IS NULL")
        self.assertEqual(cr.fetchone()[0], 0)
