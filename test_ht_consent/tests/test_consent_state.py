# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import HtConsentCase


@tagged("post_install", "-at_install", "ht_consent")
class TestConsentState(HtConsentCase):
    def test_draft_to_active(self):
        consent = self._consent(activate=False)
        self.assertEqual(consent.state, "draft")
        self.assertTrue(consent.name.startswith("CONS/"))
        consent.action_activate()
        self.assertEqual(consent.state, "active")
        self.assertTrue(consent.signed_on)

    def test_display_name_uses_code_not_person(self):
        consent = self._consent()
        self.assertIn("HT-T-0001", consent.display_name)
        self.assertNotIn("Maria", consent.display_name)
        self.assertEqual(consent.subject_ref, "HT-T-0001")

    def test_activation_needs_informed_and_signature(self):
        consent = self._consent(activate=False, limits_explained=False)
        with self.assertRaisesRegex(UserError, "limits of confidentiality"):
            consent.action_activate()
        signed = self._consent(activate=False, method="signed", signed_document=False)
        with self.assertRaisesRegex(UserError, "sign"):
            signed.action_activate()
        self.assertEqual(signed.state, "draft")

    def test_active_terms_locked(self):
        consent = self._consent()
        for vals in (
            {"date_end": self.today + timedelta(days=40)},
            {"category_ids": [(4, self.cat_medical.id)]},
            {"recipient_ids": [(4, self.clinic.id)]},
            {"purpose_id": self.env.ref("ht_consent.ht_consent_purpose_research").id},
        ):
            with self.assertRaisesRegex(UserError, "cannot be edited"):
                consent.write(vals)
        self.assertEqual(consent.date_end, self.today + timedelta(days=30))

    def test_active_cannot_be_deleted(self):
        consent = self._consent()
        with self.assertRaisesRegex(UserError, "never deleted"):
            consent.unlink()
        with self.assertRaisesRegex(UserError, "never deleted"):
            consent.sudo().unlink()
        self.assertTrue(consent.exists())

    def test_archive_only_by_admin(self):
        consent = self._consent()
        with self.assertRaisesRegex(UserError, "administrator"):
            consent.with_user(self.supervisor).write({"active": False})
        consent.with_user(self.ht_admin).write({"active": False})
        self.assertFalse(consent.active)

    def test_revoke_at_once(self):
        consent = self._consent()
        consent._ht_revoke(method="written", reason="Moved away")
        self.assertEqual(consent.state, "revoked")
        self.assertEqual(consent.revoked_by_id, self.case_worker)
        self.assertEqual(consent.revocation_method, "written")
        with self.assertRaisesRegex(UserError, "revoked on"):
            self.subject._ht_consent_check(self.shelter, self.cat_summary, "referral")
        # the subject was told and the case manager has an activity
        self.assertIn("revoked:", self.subject.withdrawn_log)
        self.assertTrue(consent.activity_ids.filtered(lambda a: a.user_id == self.case_worker))

    def test_revoke_twice_or_expired_is_an_error(self):
        consent = self._consent()
        consent._ht_revoke()
        with self.assertRaisesRegex(UserError, "cannot be revoked"):
            consent._ht_revoke()
        old = self._consent(
            date_start=self.today - timedelta(days=40),
            date_end=self.today - timedelta(days=10),
        )
        with self.assertRaisesRegex(UserError, "expired on"):
            old._ht_revoke()

    def test_revoke_wizard_by_supervisor(self):
        consent = self._consent()
        wizard = (
            self.env["ht.consent.revoke"]
            .with_user(self.supervisor)
            .create({"consent_id": consent.id, "method": "verbal"})
        )
        wizard.action_revoke()
        self.assertEqual(consent.state, "revoked")
        self.assertEqual(consent.revoked_by_id, self.supervisor)

    def test_renewal_supersedes_and_keeps_both(self):
        consent = self._consent()
        action = consent.action_renew()
        new = self.env["ht.consent"].browse(action["res_id"])
        self.assertEqual(new.state, "draft")
        self.assertEqual(new.supersedes_id, consent)
        self.assertEqual(new.category_ids, consent.category_ids)
        new.write(
            {
                "category_ids": [(4, self.cat_medical.id)],
                "limits_explained": True,
                "signed_document": "U2lnbmVk",
            }
        )
        new.action_activate()
        self.assertEqual(consent.state, "superseded")
        self.assertEqual(consent.superseded_by_id, new)
        found = self.subject._ht_consent_check(
            self.shelter, self.cat_summary | self.cat_medical, "referral"
        )
        self.assertEqual(found, new)

    def test_verbal_lapses_after_window(self):
        self.env["ir.config_parameter"].sudo().set_param("ht_consent.verbal_hours", 48)
        consent = self._consent(method="verbal", signed_document=False)
        self.assertEqual(consent.verbal_valid_until, consent.collected_on + timedelta(hours=48))
        at = consent.collected_on + timedelta(hours=47)
        self.assertEqual(
            self.subject._ht_consent_check(self.shelter, self.cat_summary, "referral", at=at),
            consent,
        )
        with self.assertRaisesRegex(UserError, "verbal consent .* lapsed"):
            self.subject._ht_consent_check(
                self.shelter,
                self.cat_summary,
                "referral",
                at=consent.collected_on + timedelta(hours=49),
            )
        # recording the written release makes it hold until its end date
        consent.write({"signed_document": "U2lnbmVk", "method": "document"})
        self.assertEqual(
            self.subject._ht_consent_check(
                self.shelter,
                self.cat_summary,
                "referral",
                at=consent.collected_on + timedelta(hours=49),
            ),
            consent,
        )

    def test_bad_input_writes_nothing(self):
        Consent = self.env["ht.consent"].with_user(self.case_worker)
        before = Consent.search_count([])
        cases = [
            ({"date_end": self.today - timedelta(days=1)}, "before it starts"),
            ({"recipient_ids": [(5,)]}, "at least one organisation"),
            ({"category_ids": [(5,)]}, "at least one category"),
            ({"date_end": self.today + timedelta(days=400)}, "at most 365"),
            ({"given_by": "guardian"}, "name and their relationship"),
            (
                {
                    "given_by": "guardian",
                    "representative_name": "X",
                    "representative_relationship": "uncle",
                    "representative_flagged": True,
                },
                "suspected trafficker",
            ),
        ]
        for vals, message in cases:
            # the savepoint plays the request's transaction: it is rolled back on error
            with (
                self.subTest(message=message),
                self.assertRaisesRegex(ValidationError, message),
                self.env.cr.savepoint(),
            ):
                Consent.create(self._consent_vals(**vals))
        self.assertEqual(Consent.search_count([]), before)

    def test_recipient_must_be_organisation(self):
        person = self.env["res.partner"].create({"name": "Some Person"})
        with self.assertRaisesRegex(ValidationError, "organisations"):
            self._consent(activate=False, recipient_ids=[(6, 0, person.ids)])

    def test_release_form_renders(self):
        consent = self._consent()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.case_worker)
            ._render_qweb_html("ht_consent.report_ht_consent", consent.ids)[0]
            .decode()
        )
        self.assertIn("Harbor Shelter", html)
        self.assertIn("How to revoke", html)
        self.assertIn("Maria Example", html)  # the person signs their own release

    def test_release_form_in_spanish(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["ht_consent"], ["es_ES"], overwrite=True)
        consent = self._consent(explained_lang="es_ES")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("ht_consent.report_ht_consent", consent.ids)[0]
            .decode()
        )
        self.assertIn("Cómo revocarla", html)
        self.assertIn("Resumen del caso y necesidades", html)

    # ------------------------------------------------------------------ protected fields

    def test_state_and_audit_fields_only_through_methods(self):
        """What the form shows read-only cannot be written by the case worker either."""
        consent = self._consent().with_user(self.case_worker)
        now = fields.Datetime.now()
        for vals in (
            {"state": "draft"},
            {"state": "revoked"},
            {"revoked_on": now},
            {"revoked_by_id": self.case_worker.id},
            {"superseded_on": now},
            {"expired_on": now},
            {"expiry_reminder_done": True},
            {"last_used_on": now},
            {"signed_on": now - timedelta(days=1)},
            {"verbal_valid_until": now},
            {"name": "CONS/FAKE"},
            {"subject_ref": "HT-OTHER"},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "changes only through"):
                consent.write(vals)
        self.assertEqual(consent.state, "active")
        self.assertFalse(consent.revoked_on)
        # unchanged values are no change
        consent.write({"state": "active"})

    def test_revoked_consent_cannot_be_revived(self):
        consent = self._consent()
        consent._ht_revoke()
        with self.assertRaisesRegex(UserError, "Revoke"):
            consent.with_user(self.case_worker).write({"revoked_on": False})
        with self.assertRaisesRegex(UserError, "Activate"):
            consent.with_user(self.case_worker).write({"state": "active"})
        self.assertEqual(consent.state, "revoked")

    def test_draft_again_then_new_terms_refused(self):
        """Active -> draft -> new recipients -> re-activated: the first step fails."""
        consent = self._consent().with_user(self.case_worker)
        with self.assertRaisesRegex(UserError, "State changes only through"):
            consent.write({"state": "draft"})
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            consent.write({"recipient_ids": [(4, self.clinic.id)]})
        self.assertEqual((consent.state, consent.recipient_ids), ("active", self.shelter))

    def test_validity_needs_state_and_dates(self):
        """A consent that is not active is never valid, whatever its date fields say
        (even if a superuser or a bad import cleared them)."""
        revoked = self._consent()
        revoked._ht_revoke()
        revoked.sudo().write({"revoked_on": False})
        self.assertIn("revoked", revoked._ht_invalid_reason())
        expired = self._consent(recipient_ids=[(6, 0, self.clinic.ids)])
        expired.sudo().write({"state": "expired"})
        self.assertIn("expired", expired._ht_invalid_reason())
        superseded = self._consent(category_ids=[(6, 0, self.cat_medical.ids)])
        superseded.sudo().write({"state": "superseded"})
        self.assertIn("superseded", superseded._ht_invalid_reason())
        for categories in (self.cat_summary, self.cat_medical):
            with self.assertRaises(UserError):
                self.subject._ht_consent_check(self.shelter, categories, "referral")

    def test_state_cannot_be_created_or_defaulted(self):
        Consent = self.env["ht.consent"].with_user(self.case_worker)
        with self.assertRaisesRegex(UserError, "State changes only through"):
            Consent.create(self._consent_vals(state="active"))
        with self.assertRaisesRegex(UserError, "Revoke"):
            Consent.create(self._consent_vals(revoked_on=fields.Datetime.now()))
        # a client's default_* context keys do not set protected fields either
        consent = Consent.with_context(default_state="active", default_name="X").create(
            self._consent_vals()
        )
        self.assertEqual(consent.state, "draft")
        self.assertTrue(consent.name.startswith("CONS/"))

    def test_lapsed_verbal_consent_not_revived_by_method(self):
        self.env["ir.config_parameter"].sudo().set_param("ht_consent.verbal_hours", 48)
        consent = self._consent(
            method="verbal",
            signed_document=False,
            collected_on=fields.Datetime.now() - timedelta(hours=49),
        ).with_user(self.case_worker)
        self.assertFalse(consent._ht_is_valid())
        with self.assertRaisesRegex(UserError, "lapsed"):
            consent.write({"method": "signed"})
        with self.assertRaisesRegex(UserError, "lapsed"):
            consent.write({"method": "document", "signed_document": "U2lnbmVk"})
        self.assertEqual(consent.method, "verbal")
        self.assertFalse(consent._ht_is_valid())

    def test_written_release_needs_its_proof(self):
        consent = self._consent(method="verbal", signed_document=False).with_user(self.case_worker)
        with self.assertRaisesRegex(UserError, "stays verbal"):
            consent.write({"method": "signed"})
        with self.assertRaisesRegex(UserError, "stays verbal"):
            consent.write({"method": "document"})
        self.assertEqual(consent.method, "verbal")
        consent.write({"method": "document", "signed_document": "U2lnbmVk"})
        self.assertEqual(consent.method, "document")
        self.assertTrue(consent.signed_on)
