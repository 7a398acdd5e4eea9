# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Risk factors ticked on an assessment give its score (sum of the weights) and
level (configurable thresholds); a completed assessment keeps its score; each
assessment is a point of the case's risk history."""

from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common_workflow import HtWorkflowRpcCase


@tagged("post_install", "-at_install", "ht_case_management")
class TestRiskFactors(HtWorkflowRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env, "ht_c_adm", groups="base.group_user,ht_consent.group_ht_admin"
        )
        ref = cls.env.ref
        cls.trafficker = ref("ht_case_management.ht_risk_factor_trafficker_contact")  # 5
        cls.no_place = ref("ht_case_management.ht_risk_factor_no_safe_place")  # 4
        cls.documents = ref("ht_case_management.ht_risk_factor_documents")  # 2
        cls.suicidal = ref("ht_case_management.ht_risk_factor_suicidal")  # 5

    def _assess(self, factors, kind="rapid"):
        return self.assertDone(
            self._rpc(
                "ht.case.assessment",
                "create",
                {
                    "case_id": self.case.id,
                    "assessment_type": kind,
                    "risk_factor_ids": [(6, 0, factors.ids)],
                    "risk_score": 0,
                },
            )
        )

    @mute_logger("odoo.http")
    def test_score_is_the_sum_of_weights_and_level_follows_thresholds(self):
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        Assessment = self.env["ht.case.assessment"]
        low = Assessment.browse(self._assess(self.documents))
        self.assertEqual((low.risk_score, low.risk_level), (2, "low"))
        medium = Assessment.browse(self._assess(self.no_place))
        self.assertEqual((medium.risk_score, medium.risk_level), (4, "medium"))
        high = Assessment.browse(self._assess(self.trafficker | self.no_place))
        self.assertEqual((high.risk_score, high.risk_level), (9, "high"))
        imminent = Assessment.browse(self._assess(self.trafficker | self.no_place | self.suicidal))
        self.assertEqual((imminent.risk_score, imminent.risk_level), (14, "imminent"))
        # the level is the score's, whatever a client sends
        self.assertDone(self._rpc("ht.case.assessment", "write", [high.id], {"risk_level": "low"}))
        high.invalidate_recordset()
        self.assertEqual(high.risk_level, "high")
        self.assertRefusedRegex(
            self._rpc("ht.case.assessment", "write", [high.id], {"risk_score": 1}),
            "Risk Score changes only through the risk factors ticked",
        )
        self.assertRefusedRegex(
            self._rpc(
                "ht.case.assessment",
                "create",
                {"case_id": self.case.id, "risk_score": 40},
            ),
            "cannot be set directly",
        )
        # unticking one rescores it
        self.assertDone(
            self._rpc(
                "ht.case.assessment",
                "write",
                [high.id],
                {"risk_factor_ids": [(3, self.trafficker.id)]},
            )
        )
        high.invalidate_recordset()
        self.assertEqual((high.risk_score, high.risk_level), (4, "medium"))

    @mute_logger("odoo.http")
    def test_completed_assessment_keeps_its_score_and_history_grows(self):
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        first = self.env["ht.case.assessment"].browse(self._assess(self.trafficker | self.no_place))
        self.assertDone(self._rpc("ht.case.assessment", "action_complete", [first.id]))
        for vals in (
            {"risk_factor_ids": [(5, 0, 0)]},
            {"risk_level": "low"},
        ):
            reply = self._rpc("ht.case.assessment", "write", [first.id], vals)
            self.assertRefusedRegex(reply, "is completed: its risk is kept as it was scored")
        self.assertRefusedRegex(
            self._rpc("ht.case.assessment", "action_complete", [first.id]), "already completed"
        )
        # a new weight does not rewrite history
        self.trafficker.with_user(self.admin).weight = 1
        first.invalidate_recordset()
        self.assertEqual((first.risk_score, first.risk_level), (9, "high"))
        self.assertEqual(self.case.risk_level_latest, "high")
        # a reassessment is a new point; the case shows the latest
        self.env["ht.case.assessment"].browse(self._assess(self.documents, kind="reassessment"))
        self.case.invalidate_recordset()
        self.assertEqual((self.case.risk_score_latest, self.case.risk_level_latest), (2, "low"))
        points = self.case.assessment_ids.filtered("risk_factor_ids").mapped("risk_score")
        self.assertEqual(sorted(points), [2, 9])

    @mute_logger("odoo.http")
    def test_thresholds_and_weights_are_validated(self):
        medium = self.env.ref("ht_case_management.ht_risk_threshold_medium")
        high = self.env.ref("ht_case_management.ht_risk_threshold_high")
        self.authenticate("ht_c_adm", "ht_c_adm")
        self.assertRefusedRegex(
            self._rpc("ht.case.risk.threshold", "write", [medium.id], {"min_score": 8}),
            "must increase with the level",
            error="ValidationError",
        )
        self.assertRefusedRegex(
            self._rpc("ht.case.risk.threshold", "write", [high.id], {"min_score": 20}),
            "must increase with the level",
            error="ValidationError",
        )
        self.assertRefusedRegex(
            self._rpc("ht.case.risk.threshold", "write", [medium.id], {"min_score": 0}),
            "positive score",
            error="ValidationError",
        )
        self.assertRefusedRegex(
            self._rpc("ht.case.risk.factor", "create", {"name": "Odd", "weight": -2}),
            "must be a positive number",
            error="ValidationError",
        )
        self.assertDone(self._rpc("ht.case.risk.threshold", "write", [medium.id], {"min_score": 3}))
        self.assertEqual(self.env["ht.case.risk.threshold"]._ht_level(3), "medium")
        # case workers read the factors, never change them
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        self.assertRefusedRegex(
            self._rpc("ht.case.risk.factor", "write", [self.documents.id], {"weight": 9}),
            "not allowed to modify",
            error="AccessError",
        )
