# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, new_test_user


class HtCaseCase(TransactionCase):
    """One user per role and a case managed by ``manager`` with ``teammate`` on
    the team; ``outsider`` is a case worker of the same agency not on it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_reset_password=True))
        cw = "base.group_user,ht_consent.group_ht_case_worker"
        cls.manager = new_test_user(cls.env, "ht_c_mgr", groups=cw, email="mgr@example.com")
        cls.teammate = new_test_user(cls.env, "ht_c_team", groups=cw, email="team@example.com")
        cls.outsider = new_test_user(cls.env, "ht_c_out", groups=cw + ",base.group_allow_export")
        cls.supervisor = new_test_user(
            cls.env, "ht_c_sup", groups="base.group_user,ht_consent.group_ht_supervisor"
        )
        cls.coordinator = new_test_user(
            cls.env,
            "ht_c_nc",
            groups="base.group_user,ht_referral_network.group_ht_network_coordinator",
        )
        cls.volunteer = new_test_user(
            cls.env, "ht_c_vol", groups="base.group_user,ht_case_management.group_ht_volunteer"
        )
        cls.employee = new_test_user(cls.env, "ht_c_emp", groups="base.group_user")
        ref = cls.env.ref
        cls.stage_crisis = ref("ht_case_management.ht_case_stage_crisis")
        cls.stage_intensive = ref("ht_case_management.ht_case_stage_intensive")
        cls.stage_closed = ref("ht_case_management.ht_case_stage_closed")
        cls.case = cls.env["ht.case"].browse(
            cls.env["ht.case"]
            .with_user(cls.manager)
            .create(
                {
                    "legal_name": "Lucia Secretname",
                    "preferred_name": "Lu",
                    "team_user_ids": [(6, 0, cls.teammate.ids)],
                    "stage_id": cls.stage_crisis.id,
                }
            )
            .id
        )
        # the creation's pending tracking is settled, as at the end of a request
        cls.env.flush_all()
        cls.env.cr.precommit.run()

    def flush_tracking(self):
        """Tracking messages are written at pre-commit time, as in a request."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _tick_checklist(self, case=None):
        (case or self.case).checklist_ids.write({"done": True})
