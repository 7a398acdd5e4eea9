# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.tests import tagged

from .common import HtConsentCase


@tagged("post_install", "-at_install", "ht_consent")
class TestConsentCron(HtConsentCase):
    def test_expire_is_idempotent(self):
        old = self._consent(
            date_start=self.today - timedelta(days=30),
            date_end=self.today - timedelta(days=2),
        )
        current = self._consent(recipient_ids=[(6, 0, self.clinic.ids)])
        Consent = self.env["ht.consent"]
        Consent._cron_expire()
        self.assertEqual(old.state, "expired")
        self.assertEqual(current.state, "active")
        self.assertIn("expired:", self.subject.withdrawn_log)
        withdrawn_acts = old.activity_ids
        Consent._cron_expire()
        self.assertEqual(old.activity_ids, withdrawn_acts)
        self.assertEqual(self.subject.withdrawn_log.count("expired:"), 1)

    def test_reminder_planned_once(self):
        self.env["ir.config_parameter"].sudo().set_param("ht_consent.reminder_days", 10)
        soon = self._consent(date_end=self.today + timedelta(days=5))
        later = self._consent(
            date_end=self.today + timedelta(days=25),
            recipient_ids=[(6, 0, self.clinic.ids)],
        )
        act_type = self.env.ref("ht_consent.mail_act_consent_expiring")
        for _run in range(3):
            self.env["ht.consent"]._cron_expire()
        reminders = soon.activity_ids.filtered(lambda a: a.activity_type_id == act_type)
        self.assertEqual(len(reminders), 1)
        self.assertEqual(reminders.user_id, self.case_worker)
        self.assertFalse(later.activity_ids)

    def test_batches_report_progress(self):
        """Each call handles one batch and tells the cron runner what is done and
        what remains (ir.cron._notify_progress), so the runner commits between
        batches and calls again while something remains."""
        Consent = self.env["ht.consent"]
        while Consent._cron_expire():  # anything else past its end (demo data) first
            pass
        ended = Consent
        for i in range(3):
            ended |= self._consent(
                date_start=self.today - timedelta(days=30),
                date_end=self.today - timedelta(days=2 + i),
            )
        progress = []
        IrCron = type(self.env["ir.cron"])
        notify = IrCron._notify_progress

        def _notify_progress(cron, *, done, remaining, deactivate=False):
            progress.append((done, remaining))
            return notify(cron, done=done, remaining=remaining, deactivate=deactivate)

        self.patch(IrCron, "_notify_progress", _notify_progress)
        first = Consent._cron_expire(batch_size=2)
        second = Consent._cron_expire(batch_size=2)
        third = Consent._cron_expire(batch_size=2)
        self.assertEqual(progress, [(2, 1), (1, 0), (0, 0)])
        self.assertEqual((len(first), len(second), len(third)), (2, 1, 0))
        self.assertEqual(first | second, ended)
        self.assertEqual(set(ended.mapped("state")), {"expired"})

    def test_cron_record_runs(self):
        cron = self.env.ref("ht_consent.ir_cron_ht_consent_expire")
        old = self._consent(
            date_start=self.today - timedelta(days=30),
            date_end=self.today - timedelta(days=2),
        )
        cron.method_direct_trigger()
        self.assertEqual(old.state, "expired")
