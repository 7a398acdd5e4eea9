# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Vetting step types as records (``ht.vetting.step.type``): only Network
Coordinators shape them (JSON-RPC with any context key); a professional is vetted
while every active required type that applies to their profession has a current
step, each type's validity deciding when a step expires (compute, search and the
expiry warning alike); the upgrade keeps every step's kind."""

import importlib.util
from datetime import timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import HtNetworkCase
from .common_rpc import HostileRpcMixin

HOSTILE_CONTEXT = {"active_test": False, "install_mode": True, "ht_network_admin": True}
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations" / "18.0.1.1.0"
SEEDED = ("background", "references", "training", "confidentiality")


def _script(name):
    spec = importlib.util.spec_from_file_location(
        f"ht_network_mig_{name.replace('-', '_')}", MIGRATIONS / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install", "ht_referral_network")
class TestVettingStepConfig(HostileRpcMixin, HtNetworkCase, HttpCase):
    hostile_context = HOSTILE_CONTEXT

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.types = {
            code: cls.env.ref(f"ht_referral_network.ht_vetting_step_type_{code}") for code in SEEDED
        }
        cls.attorney_profession = cls.env.ref("ht_referral_network.ht_profession_attorney")

    def _professional(self, profession, steps=SEEDED, days_ago=10, expiry=False):
        partner = self.env["res.partner"].create(
            {"name": f"Pro {profession}", "ht_pro_bono": True, "ht_profession": profession}
        )
        self.env["ht.vetting.step"].create(
            [
                {
                    "partner_id": partner.id,
                    "step_type_id": self.types[step].id if step in self.types else step.id,
                    "date": self.today - timedelta(days=days_ago),
                    "expiry": expiry,
                }
                for step in steps
            ]
        )
        return partner

    def _vetted(self, partner):
        """The flag as read and as searched (they must agree)."""
        partner.invalidate_recordset(["ht_vetted"])
        found = partner in self.env["res.partner"].search([("ht_vetted", "=", True)])
        self.assertEqual(found, partner.ht_vetted, "compute and search disagree")
        self.assertEqual(
            partner in self.env["res.partner"].search([("ht_vetted", "=", False)]), not found
        )
        return found

    def test_only_coordinators_edit_step_types(self):
        background = self.types["background"]
        for user in (self.reader, self.employee):
            self.authenticate(user.login, user.login)
            for method, args in (
                ("write", (background.ids, {"validity_months": 1200})),
                ("write", (background.ids, {"active": False})),
                ("create", ({"name": "Mine", "code": "mine"},)),
                ("unlink", (background.ids,)),
            ):
                __, error = self._rpc("ht.vetting.step.type", method, *args)
                self.assertEqual(error["name"], "odoo.exceptions.AccessError", user.login)
        self.assertEqual(background.validity_months, 0)
        self.assertTrue(background.active)
        self.authenticate(self.coordinator.login, self.coordinator.login)
        __, error = self._rpc(
            "ht.vetting.step.type", "write", background.ids, {"validity_months": 24}
        )
        self.assertFalse(error)
        self.assertEqual(background.validity_months, 24)
        __, error = self._rpc(
            "ht.vetting.step.type", "write", background.ids, {"validity_months": -1}
        )
        self.assertEqual(error["name"], "odoo.exceptions.ValidationError")
        self.assertRegex(error["message"], "cannot be negative")

    def test_vetted_means_every_required_type_of_the_profession(self):
        attorney = self._professional("attorney")
        doctor = self._professional("doctor")
        self.assertTrue(self._vetted(attorney))
        self.assertTrue(self._vetted(doctor))
        # a step for attorneys only: attorneys need it, doctors do not
        bar = self.env["ht.vetting.step.type"].create(
            {
                "name": "Bar admission checked",
                "code": "bar_admission",
                "profession_ids": [(6, 0, self.attorney_profession.ids)],
            }
        )
        self.assertFalse(self._vetted(attorney))
        self.assertTrue(self._vetted(doctor))
        self.env["ht.vetting.step"].create({"partner_id": attorney.id, "step_type_id": bar.id})
        self.assertTrue(self._vetted(attorney))
        # an optional or archived type is not needed; a missing required one is
        interpreter = self._professional("interpreter", steps=SEEDED[:3])
        self.assertFalse(self._vetted(interpreter))
        self.types["confidentiality"].required = False
        self.assertTrue(self._vetted(interpreter))
        self.types["confidentiality"].required = True
        self.types["confidentiality"].active = False
        self.assertTrue(self._vetted(interpreter))
        # nobody is vetted when no required step applies at all
        self.env["ht.vetting.step.type"].search([]).active = False
        self.assertFalse(self._vetted(interpreter))
        self.assertFalse(self._vetted(doctor))

    def test_each_types_validity_decides_expiry(self):
        self.types["background"].validity_months = 12
        fresh = self._professional("doctor", days_ago=300)
        stale = self._professional("dentist", days_ago=400)
        self.assertTrue(self._vetted(fresh))
        self.assertFalse(self._vetted(stale))
        step = fresh.ht_vetting_step_ids.filtered(lambda s: s.step_type_id.code == "background")
        self.assertEqual(step.valid_until, step.date + relativedelta(months=12))
        # an expiry entered on the step itself takes precedence
        step.expiry = self.today - timedelta(days=1)
        self.assertFalse(self._vetted(fresh))
        # the warning before expiry reads each type's validity
        self.env["ir.config_parameter"].sudo().set_param(
            "ht_referral_network.vetting_notice_days", 30
        )
        soon = self._professional(
            "attorney",
            days_ago=(self.today - (self.today - relativedelta(months=12))).days - 10,
        )
        self.env["ht.vetting.step"]._cron_warn_expiring()
        act_type = self.env.ref("ht_referral_network.mail_act_vetting_expiry")
        activity = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", soon.id),
                ("activity_type_id", "=", act_type.id),
            ]
        )
        self.assertEqual(len(activity), 1)
        self.assertIn("Background check", activity.summary)
        self.assertNotIn("References", activity.summary)

    def test_a_used_type_is_archived_not_deleted(self):
        self._professional("doctor", steps=("background",))
        with self.assertRaisesRegex(UserError, "archive it instead"):
            self.types["background"].with_user(self.coordinator).unlink()
        unused = self.env["ht.vetting.step.type"].create({"name": "Unused", "code": "unused"})
        unused.with_user(self.coordinator).unlink()
        self.assertFalse(unused.exists())
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.env["ht.vetting.step.type"].create(
                {"name": "Bad", "code": "bad", "validity_months": -3}
            )

    def test_upgrade_keeps_every_steps_kind(self):
        """The 18.0.1.1.0 scripts on a database shaped as before: each step keeps
        its kind (a seeded type by code; an unknown code gets a type of its own,
        not required) and its expiry; vetting is unchanged."""
        cr = self.env.cr
        vetted = self._professional("attorney", expiry=self.today + timedelta(days=5))
        partial = self._professional("doctor", steps=SEEDED[:2])
        custom = self._professional("dentist", steps=SEEDED[:1])
        self.env.flush_all()
        codes = {}
        for step in (vetted | partial | custom).ht_vetting_step_ids:
            codes[step.id] = step.step_type_id.code
        custom_step = custom.ht_vetting_step_ids
        codes[custom_step.id] = "custom_licence"
        cr.execute("ALTER TABLE ht_vetting_step ALTER COLUMN step_type_id DROP NOT NULL")
        cr.execute("ALTER TABLE ht_vetting_step ADD COLUMN step varchar")
        for step_id, code in codes.items():
            cr.execute(
                """UPDATE ht_vetting_step SET step = %s, step_type_id = NULL, valid_until = NULL
                    WHERE id = %s""",
                [code, step_id],
            )
        _script("pre-migrate").migrate(cr, "18.0.1.0.0")
        _script("post-migrate").migrate(cr, "18.0.1.0.0")
        self.env.invalidate_all()
        for step in (vetted | partial).ht_vetting_step_ids:
            self.assertEqual(step.step_type_id, self.types[codes[step.id]])
        self.assertEqual(custom_step.step_type_id.code, "custom_licence")
        self.assertFalse(custom_step.step_type_id.required)
        self.assertEqual(
            set(vetted.ht_vetting_step_ids.mapped("valid_until")), {self.today + timedelta(days=5)}
        )
        self.assertTrue(self._vetted(vetted))
        self.assertFalse(self._vetted(partial))
        cr.execute("SELECT count(*) FROM ht_vetting_step WHERE step_type_id IS NULL")
        self.assertEqual(cr.fetchone()[0], 0)
        cr.execute(
            """SELECT 1 FROM information_schema.columns
                WHERE table_name = 'ht_vetting_step' AND column_name LIKE 'step%%'
                  AND column_name != 'step_type_id'"""
        )
        self.assertFalse(cr.fetchall())
        _script("pre-migrate").migrate(cr, "18.0.1.0.0")
        _script("post-migrate").migrate(cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(custom_step.step_type_id.code, "custom_licence")
