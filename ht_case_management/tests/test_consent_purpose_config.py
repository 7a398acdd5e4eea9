# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Consent purposes as records (``ht.consent.purpose``), against a logged-in
caller talking JSON-RPC with any context key: only Victim Services
administrators shape them; the uses a given consent relies on are never
broadened; the purpose is a term of the consent; each disclosure asks the
purpose's uses at that moment; the upgrade keeps every consent's purpose."""

import importlib.util
import json
from pathlib import Path

from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.ht_consent.models.ht_consent_use import USES
from odoo.addons.ht_referral_network.tests.common_rpc import HostileRpcMixin

from .common_referral import HtReferralCase

HOSTILE_CONTEXT = {
    "ht_manager_change": True,
    "ht_reengage": True,
    "ht_list_read": True,
    "ht_disclosure_api": True,
    "active_test": False,
    "install_mode": True,
}
MIGRATIONS = Path(__file__).resolve().parents[2] / "ht_consent" / "migrations" / "18.0.1.1.0"


def _script(name):
    spec = importlib.util.spec_from_file_location(
        f"ht_consent_mig_{name.replace('-', '_')}", MIGRATIONS / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install", "ht_case_management")
class TestConsentPurposeConfig(HostileRpcMixin, HtReferralCase, HttpCase):
    hostile_context = HOSTILE_CONTEXT

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vs_admin = new_test_user(
            cls.env, "ht_c_vsadm", groups="base.group_user,ht_consent.group_ht_admin"
        )
        cls.settings_admin = new_test_user(
            cls.env, "ht_c_sysadm", groups="base.group_user,base.group_system"
        )
        for user in (cls.manager, cls.supervisor, cls.vs_admin, cls.settings_admin):
            user.password = f"{user.login}-pw"
        ref = cls.env.ref
        cls.referral_purpose = ref("ht_consent.ht_consent_purpose_referral")
        cls.use_referral = ref("ht_consent.ht_consent_use_referral")
        cls.use_research = ref("ht_consent.ht_consent_use_research")
        cls.use_law = ref("ht_consent.ht_consent_use_law_enforcement")

    def _login(self, user):
        self.authenticate(user.login, f"{user.login}-pw")

    def assertRefused(self, error, message, name="odoo.exceptions.UserError"):
        self.assertTrue(error, "the server accepted the call")
        self.assertEqual(error["name"], name, error.get("message"))
        self.assertRegex(error["message"], message)

    # ------------------------------------------------------------ who shapes them

    def test_only_victim_services_admins_edit_purposes(self):
        """Case workers, supervisors and Odoo's Settings administrators read
        purposes but change none; a Victim Services administrator does."""
        for user in (self.manager, self.supervisor, self.settings_admin):
            self._login(user)
            __, error = self._rpc("ht.consent.purpose", "read", self.referral_purpose.ids, ["name"])
            self.assertFalse(error, user.login)
            for method, args in (
                ("write", (self.referral_purpose.ids, {"name": "Anything"})),
                ("write", (self.referral_purpose.ids, {"use_ids": [(4, self.use_research.id)]})),
                ("create", ({"name": "Mine", "code": "mine"},)),
                ("unlink", (self.referral_purpose.ids,)),
            ):
                __, error = self._rpc("ht.consent.purpose", method, *args)
                self.assertRefused(error, "not allowed to", name="odoo.exceptions.AccessError")
            # nor the technical list of uses
            __, error = self._rpc(
                "ht.consent.use", "write", self.use_research.ids, {"code": "referral"}
            )
            self.assertRefused(error, "not allowed to", name="odoo.exceptions.AccessError")
        self.assertEqual(self.referral_purpose.name, "Referral / warm hand-off")
        self.assertEqual(self.referral_purpose.use_ids, self.use_referral)
        self.assertFalse(self.env["ht.consent.purpose"].search([("code", "=", "mine")]))
        self._login(self.vs_admin)
        __, error = self._rpc(
            "ht.consent.purpose", "write", self.referral_purpose.ids, {"sequence": 3}
        )
        self.assertFalse(error)
        self.assertEqual(self.referral_purpose.sequence, 3)

    def test_uses_of_a_given_purpose_are_never_broadened(self):
        """Once a consent was given for a purpose, an administrator cannot add a use
        to it, in any command form, nor change its code; removing a use is
        allowed. A purpose only drafts rely on can still be broadened."""
        self._consent()  # active, for the referral purpose
        self._login(self.vs_admin)
        for use_commands in (
            [(4, self.use_research.id)],
            [(6, 0, [self.use_referral.id, self.use_law.id])],
            [(5, 0, 0), (4, self.use_research.id)],
            [(0, 0, {"name": "New use", "code": "research"})],
        ):
            __, error = self._rpc(
                "ht.consent.purpose",
                "write",
                self.referral_purpose.ids,
                {"use_ids": use_commands},
            )
            self.assertRefused(error, "Create a new purpose")
        __, error = self._rpc(
            "ht.consent.purpose", "write", self.referral_purpose.ids, {"code": "anything"}
        )
        self.assertRefused(error, "code of purpose .* cannot change")
        self.assertEqual(self.referral_purpose.use_ids, self.use_referral)
        self.assertEqual(self.referral_purpose.code, "referral")
        # a draft is no agreement yet
        benefits = self.env.ref("ht_consent.ht_consent_purpose_benefits")
        self._consent(provider=self.provider_b, activate=False, purpose_id=benefits.id)
        __, error = self._rpc(
            "ht.consent.purpose", "write", benefits.ids, {"use_ids": [(4, self.use_research.id)]}
        )
        self.assertFalse(error)
        self.assertEqual(benefits.use_ids.mapped("code"), ["benefits", "research"])
        # narrowing is allowed, and a check made afterwards follows it at once
        __, error = self._rpc(
            "ht.consent.purpose",
            "write",
            self.referral_purpose.ids,
            {"use_ids": [(3, self.use_referral.id)]},
        )
        self.assertFalse(error)
        with self.assertRaisesRegex(UserError, "not Referral"):
            self.case._ht_consent_check(self.provider_a, self.cat_summary, "referral")

    def test_purpose_is_a_term_of_a_given_consent(self):
        consent = self._consent()
        research = self.env.ref("ht_consent.ht_consent_purpose_research")
        self._login(self.manager)
        __, error = self._rpc("ht.consent", "write", consent.ids, {"purpose_id": research.id})
        self.assertRefused(error, "cannot be edited .*purpose_id")
        self.assertEqual(consent.purpose_id, self.referral_purpose)

    def test_new_purpose_with_referral_use_sends_a_referral_not_a_report(self):
        self._login(self.vs_admin)
        purpose_id, error = self._rpc(
            "ht.consent.purpose",
            "create",
            {
                "name": "Housing referral",
                "code": "housing_referral",
                "use_ids": [(6, 0, self.use_referral.ids)],
            },
        )
        self.assertFalse(error)
        consent = self._consent(purpose_id=purpose_id)
        referral = self._referral()
        self._login(self.manager)
        __, error = self._rpc("ht.referral", "action_send", referral.ids)
        self.assertFalse(error)
        self.assertEqual(referral.state, "sent")
        self.assertEqual(referral.consent_id, consent)
        for use, label in (("research", "Evaluation and research"), ("law_enforcement", "Law")):
            with self.assertRaisesRegex(UserError, f"covers Housing referral, not {label}"):
                self.case._ht_consent_check(self.provider_a, self.cat_summary, use)

    def test_archived_not_deleted(self):
        self._consent()
        self._login(self.vs_admin)
        __, error = self._rpc("ht.consent.purpose", "unlink", self.referral_purpose.ids)
        self.assertRefused(error, "archive it instead")
        self.assertTrue(self.referral_purpose.exists())
        __, error = self._rpc(
            "ht.consent.purpose", "write", self.referral_purpose.ids, {"active": False}
        )
        self.assertFalse(error)
        self.assertFalse(self.referral_purpose.active)
        # a consent given for it keeps its terms: still decided by its uses
        self.assertTrue(self.case._ht_consent_check(self.provider_a, self.cat_summary, "referral"))
        # ... but no new consent is given for it (a renewal chooses another purpose)
        draft = self._consent(
            provider=self.provider_b, activate=False, purpose_id=self.referral_purpose.id
        )
        self._login(self.manager)
        __, error = self._rpc("ht.consent", "action_activate", draft.ids)
        self.assertRefused(error, "choose a purpose in use")
        self.assertEqual(draft.state, "draft")
        self._login(self.vs_admin)
        # a purpose nobody used is deleted
        unused, error = self._rpc(
            "ht.consent.purpose", "create", {"name": "Unused", "code": "unused"}
        )
        __, error = self._rpc("ht.consent.purpose", "unlink", [unused])
        self.assertFalse(error)

    def test_purpose_shown_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.referral_purpose.update_field_translations(
            "name", {"es_ES": "Derivación / traspaso acompañado"}
        )
        self.referral_purpose.update_field_translations(
            "description", {"es_ES": "Para derivarle a las organizaciones nombradas."}
        )
        consent = self._consent(explained_lang="es_ES")
        self.assertEqual(
            consent.with_context(lang="es_ES")._ht_purpose_label(),
            "Derivación / traspaso acompañado",
        )
        html = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html("ht_consent.report_ht_consent", consent.ids)[0]
            .decode()
        )
        self.assertIn("Derivación / traspaso acompañado", html)
        self.assertIn("Para derivarle a las organizaciones nombradas.", html)
        receipt = consent.with_user(self.manager).with_context(lang="es_ES")._ht_receipt()
        self.assertIn("Derivación / traspaso acompañado", json.dumps(receipt, ensure_ascii=False))

    # ------------------------------------------------------------ the upgrade

    def test_upgrade_keeps_every_consents_purpose(self):
        """The 18.0.1.1.0 scripts on a database shaped as before: each code maps
        to its seeded purpose, which allows exactly the use it allowed (the old
        PURPOSE_USES gave each purpose its own use); an unknown code gets a
        purpose of its own that allows nothing it did not."""
        cr = self.env.cr
        codes = [code for code, _label in USES] + ["custom_legal_aid"]
        consents = {code: self._consent(activate=False) for code in codes}
        self.env.flush_all()
        cr.execute("ALTER TABLE ht_consent ALTER COLUMN purpose_id DROP NOT NULL")
        cr.execute("ALTER TABLE ht_consent ADD COLUMN purpose_type varchar")
        for code, consent in consents.items():
            cr.execute(
                "UPDATE ht_consent SET purpose_type = %s, purpose_id = NULL WHERE id = %s",
                [code, consent.id],
            )
        _script("pre-migrate").migrate(cr, "18.0.1.0.0")
        _script("post-migrate").migrate(cr, "18.0.1.0.0")
        self.env.invalidate_all()
        for code, _label in USES:
            consent = consents[code]
            with self.subTest(code=code):
                self.assertEqual(
                    consent.purpose_id, self.env.ref(f"ht_consent.ht_consent_purpose_{code}")
                )
                for use, _use_label in USES:
                    self.assertEqual(consent._ht_allows_use(use), use == code)
        custom = consents["custom_legal_aid"].purpose_id
        self.assertEqual((custom.code, custom.name), ("custom_legal_aid", "custom_legal_aid"))
        self.assertFalse(custom.use_ids)
        cr.execute(
            """SELECT column_name FROM information_schema.columns
                WHERE table_name = 'ht_consent' AND column_name LIKE 'purpose%%'"""
        )
        self.assertEqual(sorted(row[0] for row in cr.fetchall()), ["purpose", "purpose_id"])
        cr.execute("SELECT count(*) FROM ht_consent WHERE purpose_id IS NULL")
        self.assertEqual(cr.fetchone()[0], 0)
        # running them again (an interrupted upgrade restarted) changes nothing
        _script("pre-migrate").migrate(cr, "18.0.1.0.0")
        _script("post-migrate").migrate(cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(consents["custom_legal_aid"].purpose_id, custom)
