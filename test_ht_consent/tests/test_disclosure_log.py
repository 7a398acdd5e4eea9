# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import HtConsentCase, acl_error


@tagged("post_install", "-at_install", "ht_consent")
class TestDisclosureLog(HtConsentCase):
    def _log(self):
        consent = self._consent()
        subject = self.subject.with_user(self.case_worker)
        return subject._ht_log_disclosure(
            self.shelter,
            self.cat_summary,
            consent=consent,
            channel="referral_packet",
            reference="REF/1",
        )

    def test_log_line_written(self):
        line = self._log()
        self.assertEqual(line.recipient_id, self.shelter)
        self.assertEqual(line.user_id, self.case_worker)
        self.assertEqual(line.subject_ref, "HT-T-0001")
        self.assertEqual(line.basis, "consent")
        self.assertEqual(self.subject.with_user(self.case_worker).ht_disclosure_count, 1)

    def test_log_cannot_be_changed_even_with_sudo(self):
        line = self._log()
        # users: write() refuses before the access rights are asked; unlink is refused
        # by the access rights (no group may delete), so the model's own refusal below
        # is reached by the superuser only
        for target in (line.with_user(self.case_worker), line.with_user(self.ht_admin)):
            with self.assertRaisesRegex(UserError, "append-only: a line is never changed"):
                target.write({"channel": "other"})
            with self.assertRaisesRegex(AccessError, acl_error("unlink", "ht.disclosure")):
                target.unlink()
        # and the superuser meets the model's own refusal
        with self.assertRaisesRegex(UserError, "append-only"):
            line.sudo().write({"channel": "other"})
        with self.assertRaisesRegex(UserError, "append-only"):
            line.sudo().unlink()
        self.assertTrue(line.exists())
        self.assertEqual(line.channel, "referral_packet")

    def test_log_cannot_be_created_directly(self):
        with self.assertRaisesRegex(UserError, "written by the system"):
            self.env["ht.disclosure"].with_user(self.case_worker).create(
                {"res_model": "ht.test.subject", "res_id": self.subject.id}
            )
        with self.assertRaisesRegex(UserError, "written by the system"):
            self.env["ht.disclosure"].sudo().create(
                {"res_model": "ht.test.subject", "res_id": self.subject.id}
            )

    def test_context_key_does_not_open_the_log(self):
        """The key the log once trusted opens nothing, even in superuser mode."""
        consent = self._consent()
        vals = {
            "res_model": "ht.test.subject",
            "res_id": self.subject.id,
            "company_id": self.env.company.id,
            "recipient_id": self.clinic.id,
            "basis": "consent",
            "consent_id": consent.id,
            "channel": "other",
            "user_id": self.case_worker.id,
            "disclosed_on": "2020-01-01 00:00:00",
        }
        Log = self.env["ht.disclosure"].with_context(ht_disclosure_api=True)
        with self.assertRaisesRegex(UserError, "written by the system"):
            Log.sudo().create(vals)
        with self.assertRaises(UserError):
            Log.with_user(self.case_worker).create(vals)
        self.assertFalse(Log.sudo().search([("recipient_id", "=", self.clinic.id)]))

    def test_consent_of_another_subject_refused(self):
        other = self.env["ht.test.subject"].create(
            {"code": "HT-T-0002", "manager_id": self.case_worker.id}
        )
        consent = self._consent()
        with self.assertRaisesRegex(UserError, "someone else"):
            other.with_user(self.case_worker)._ht_log_disclosure(
                self.shelter, self.cat_summary, consent=consent
            )

    def test_compelled_disclosure(self):
        wizard = (
            self.env["ht.compelled.disclosure"]
            .with_user(self.supervisor)
            .create(
                {
                    "res_model": "ht.test.subject",
                    "res_id": self.subject.id,
                    "recipient_id": self.clinic.id,
                    "category_ids": [(6, 0, self.cat_medical.ids)],
                    "legal_basis": "subpoena",
                    "legal_document": "U3VicG9lbmE=",
                    "legal_document_name": "subpoena.pdf",
                    "reference": "2026-CV-1",
                }
            )
        )
        wizard.action_record()
        line = self.env["ht.disclosure"].search([("reference", "=", "2026-CV-1")])
        self.assertEqual(line.basis, "compelled")
        self.assertEqual(line.authorised_by_id, self.supervisor)
        self.assertFalse(line.consent_id)
        act = self.subject.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("ht_consent.mail_act_notify_survivor")
        )
        self.assertEqual(act.user_id, self.case_worker)

    def _compelled_vals(self, **kw):
        return dict(
            {
                "res_model": "ht.test.subject",
                "res_id": self.subject.id,
                "recipient_id": self.clinic.id,
                "category_ids": [(6, 0, self.cat_medical.ids)],
                "legal_basis": "subpoena",
                "legal_document": "U3VicG9lbmE=",
                "reference": "2026-CV-2",
            },
            **kw,
        )

    def _compelled_lines(self):
        return self.env["ht.disclosure"].search([("reference", "=", "2026-CV-2")])

    def test_compelled_needs_supervisor(self):
        """A supervisor (who may use the wizard) cannot record a compelled disclosure
        authorised by someone who is not a supervisor."""
        wizard = (
            self.env["ht.compelled.disclosure"]
            .with_user(self.supervisor)
            .create(self._compelled_vals(authorised_by_id=self.case_worker.id))
        )
        with self.assertRaisesRegex(UserError, "must be authorised by a supervisor"):
            wizard.action_record()
        self.assertFalse(self._compelled_lines())
        self.assertFalse(self.subject.activity_ids)

    def test_compelled_wizard_is_for_supervisors(self):
        # the business check above is not reached by a case worker: the access
        # rights of the wizard stop them first
        with self.assertRaisesRegex(AccessError, acl_error("create", "ht.compelled.disclosure")):
            self.env["ht.compelled.disclosure"].with_user(self.case_worker).create(
                self._compelled_vals(authorised_by_id=self.supervisor.id)
            )
        self.assertFalse(self._compelled_lines())
