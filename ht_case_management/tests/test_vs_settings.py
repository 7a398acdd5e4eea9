# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Victim Services administrators (not Odoo's Settings administrators) change the
timings and the schedule of our scheduled actions, each in its range, over the
settings screen; nobody else, and nothing else of a scheduled action."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.ht_referral_network.tests.common_rpc import HostileRpcMixin

from .common import HtCaseCase

HOSTILE_CONTEXT = {"active_test": False, "install_mode": True, "uid": 1, "su": True}
REVIEW_PARAM = "ht_case_management.review_lead_days"


@tagged("post_install", "-at_install", "ht_case_management")
class TestVsSettings(HostileRpcMixin, HtCaseCase, HttpCase):
    hostile_context = HOSTILE_CONTEXT

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vs_admin = new_test_user(
            cls.env, "ht_s_admin", groups="base.group_user,ht_consent.group_ht_admin"
        )
        cls.reviews_cron = cls.env.ref("ht_case_management.ir_cron_ht_case_reviews")
        cls.mail_cron = cls.env.ref("mail.ir_cron_mail_scheduler_action")
        cls.params = cls.env["ir.config_parameter"].sudo()

    def _save(self, login, vals):
        """Open the settings form with ``vals`` and press Save, over JSON-RPC."""
        reply = self._call_as(login, "ht.settings", "create", vals)
        if "error" in reply:
            return reply
        return self._call_as(login, "ht.settings", "action_save", [reply["result"]])

    def _line(self, cron, **vals):
        return fields.Command.create(
            dict(
                {
                    "cron_id": cron.id,
                    "cron_name": "x",
                    "interval_number": cron.interval_number,
                    "interval_type": cron.interval_type,
                    "nextcall": fields.Datetime.to_string(cron.nextcall),
                    "active": cron.active,
                },
                **vals,
            )
        )

    def _cron_state(self, cron):
        self.env.invalidate_all()
        return cron.sudo().read(["interval_number", "interval_type", "active", "code", "model_id"])

    # ------------------------------------------------------------------ allowed

    def test_vs_admin_changes_a_timing_and_a_schedule(self):
        self.assertEqual(self.env["ht.settings"]._ht_timing("review_lead_days"), 3)
        reply = self._save(
            "ht_s_admin",
            {
                "review_lead_days": 10,
                "referral_deadline_emergency": 2.5,
                "cron_ids": [
                    self._line(self.reviews_cron, interval_number=6, interval_type="hours")
                ],
            },
        )
        self.assertNotIn("error", reply, reply.get("error"))
        self.assertEqual(self.params.get_param(REVIEW_PARAM), "10")
        self.assertEqual(self.env["ht.settings"]._ht_timing("review_lead_days"), 10)
        self.assertEqual(self.env["ht.referral"]._ht_deadline_hours("emergency"), 2.5)
        self.env.invalidate_all()
        self.assertEqual(self.reviews_cron.interval_number, 6)
        self.assertEqual(self.reviews_cron.interval_type, "hours")
        # the other timings kept their values (the form loads them)
        self.assertEqual(self.env["ht.settings"]._ht_timing("consent_reminder_days"), 14)

    def test_the_review_lead_time_is_used_by_the_cron(self):
        self.case.sudo().write({"next_review_date": fields.Date.today() + timedelta(days=8)})
        self.assertNotIn(self.case, self.env["ht.case"]._cron_plan_reviews())
        self.params.set_param(REVIEW_PARAM, "10")
        self.assertIn(self.case, self.env["ht.case"]._cron_plan_reviews())

    def test_the_reengagement_stage_is_a_setting(self):
        intensive = self.env.ref("ht_case_management.ht_case_stage_intensive")
        reply = self._save("ht_s_admin", {"reengage_stage_id": intensive.id, "cron_ids": []})
        self.assertNotIn("error", reply, reply.get("error"))
        self.assertEqual(self.env["ht.settings"]._ht_reengage_stage(), intensive)
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
        case.action_reengage()
        self.assertEqual(case.stage_id, intensive)
        # a closed stage is refused
        reply = self._save(
            "ht_s_admin", {"reengage_stage_id": self.stage_closed.id, "cron_ids": []}
        )
        self.assertIn("closed stage", reply["error"]["data"]["message"])
        self.assertEqual(self.env["ht.settings"]._ht_reengage_stage(), intensive)

    def test_only_victim_services_administrators_pass_the_check(self):
        for user in (self.manager, self.supervisor, self.coordinator):
            with self.assertRaisesRegex(AccessError, "Only Victim Services administrators"):
                self.env["ht.settings"].with_user(user)._ht_check_admin()
        self.env["ht.settings"].with_user(self.vs_admin)._ht_check_admin()

    def test_out_of_range_stored_value_falls_back_to_the_default(self):
        self.params.set_param(REVIEW_PARAM, "-4")
        self.assertEqual(self.env["ht.settings"]._ht_timing("review_lead_days"), 3)
        self.params.set_param("ht_case_management.deadline_standard", "0")
        self.assertEqual(self.env["ht.referral"]._ht_deadline_hours("standard"), 72.0)

    # ------------------------------------------------------------------ refused

    @mute_logger("odoo.http")
    def test_out_of_range_values_are_refused_and_nothing_changes(self):
        before = self._cron_state(self.reviews_cron)
        for vals, message in (
            ({"review_lead_days": 0}, "between 1 and 90"),
            ({"referral_deadline_standard": -1}, "between 0.5 and 720"),
            ({"consent_reminder_days": -3}, "between 1 and 365"),
            (
                {"cron_ids": [self._line(self.reviews_cron, interval_number=0)]},
                "interval must be at least 1",
            ),
        ):
            with self.subTest(vals=vals):
                reply = self._save("ht_s_admin", dict(vals, cron_ids=vals.get("cron_ids", [])))
                self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.ValidationError")
                self.assertIn(message, reply["error"]["data"]["message"])
                self.assertFalse(self.params.get_param(REVIEW_PARAM))
                self.assertFalse(self.params.get_param("ht_case_management.deadline_standard"))
                self.assertEqual(self._cron_state(self.reviews_cron), before)

    @mute_logger("odoo.http")
    def test_a_case_worker_cannot(self):
        before = self._cron_state(self.reviews_cron)
        for login in ("ht_c_mgr", "ht_c_sup"):
            with self.subTest(login=login):
                reply = self._save(
                    login,
                    {
                        "review_lead_days": 10,
                        "cron_ids": [self._line(self.reviews_cron, interval_number=9)],
                    },
                )
                self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")
                self.assertFalse(self.params.get_param(REVIEW_PARAM))
                self.assertEqual(self._cron_state(self.reviews_cron), before)
        # nor through Odoo's own models
        reply = self._call_as(
            "ht_c_mgr", "ir.cron", "write", [self.reviews_cron.id], {"interval_number": 9}
        )
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")
        reply = self._call_as("ht_c_mgr", "ir.config_parameter", "set_param", REVIEW_PARAM, "10")
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertFalse(self.params.get_param(REVIEW_PARAM))

    @mute_logger("odoo.http")
    def test_vs_admin_cannot_touch_another_cron_or_a_crons_code(self):
        mail_before = self._cron_state(self.mail_cron)
        ours_before = self._cron_state(self.reviews_cron)
        reply = self._save(
            "ht_s_admin",
            {"cron_ids": [self._line(self.mail_cron, interval_number=7, active=False)]},
        )
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.ValidationError")
        self.assertIn(
            "Only the scheduled actions of Victim Services", reply["error"]["data"]["message"]
        )
        self.assertEqual(self._cron_state(self.mail_cron), mail_before)
        for extra in ({"code": "model.unlink()"}, {"model_id": 1}, {"user_id": 1}):
            with self.subTest(extra=extra):
                reply = self._save(
                    "ht_s_admin", {"cron_ids": [self._line(self.reviews_cron, **extra)]}
                )
                self.assertIn("error", reply)
                self.assertEqual(self._cron_state(self.reviews_cron), ours_before)
        # after the line was saved, pointing it at another cron is refused too
        reply = self._call_as(
            "ht_s_admin",
            "ht.settings",
            "create",
            {"cron_ids": [self._line(self.reviews_cron)]},
        )
        settings = self.env["ht.settings"].browse(reply["result"])
        reply = self._call_as(
            "ht_s_admin",
            "ht.settings.cron",
            "write",
            settings.cron_ids.ids,
            {"cron_id": self.mail_cron.id, "interval_number": 7},
        )
        self.assertNotIn("error", reply)  # the line is the admin's own form row
        reply = self._call_as("ht_s_admin", "ht.settings", "action_save", [settings.id])
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.ValidationError")
        self.assertEqual(self._cron_state(self.mail_cron), mail_before)
        # and directly: no right on ir.cron
        reply = self._call_as(
            "ht_s_admin", "ir.cron", "write", [self.reviews_cron.id], {"code": "x"}
        )
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertEqual(self._cron_state(self.reviews_cron), ours_before)

    @mute_logger("odoo.http")
    def test_one_administrators_form_is_not_read_by_another(self):
        other = new_test_user(
            self.env, "ht_s_admin2", groups="base.group_user,ht_consent.group_ht_admin"
        )
        reply = self._call_as("ht_s_admin", "ht.settings", "create", {"review_lead_days": 11})
        reply = self._call_as(
            other.login, "ht.settings", "read", [reply["result"]], ["review_lead_days"]
        )
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")
