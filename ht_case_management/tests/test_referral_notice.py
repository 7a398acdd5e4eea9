# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The provider's notification of a sent referral is owed in the send's own
transaction (one row of ``ht.referral.notice``) and delivered by the scheduled
action the send triggers: once, as the sender, never after the packet was
withdrawn; no client reads or writes the queue."""

import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_referral import HtReferralCase


@tagged("post_install", "-at_install", "ht_case_management")
class TestReferralNotice(HtReferralCase):
    def _notices(self, referral):
        return self.env["ht.referral.notice"].search([("referral_id", "=", referral.id)])

    def _told(self, referral):
        return referral.message_ids.filtered(lambda m: self.portal_a.partner_id in m.partner_ids)

    def test_send_owes_one_notice_delivered_once_as_the_sender(self):
        self._consent()
        referral = self._referral()
        cron = self.env.ref("ht_case_management.ir_cron_ht_referral_notice")
        Trigger = self.env["ir.cron.trigger"]
        before = Trigger.search([("cron_id", "=", cron.id)])
        referral.with_user(self.manager).action_send()
        self.assertTrue(
            Trigger.search([("cron_id", "=", cron.id)]) - before, "the send triggers the delivery"
        )
        self.assertEqual(len(self._notices(referral)), 1, "the notice is owed at once")
        self.assertFalse(self._told(referral))
        self._deliver_notices()
        message = self._told(referral)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.manager.partner_id)
        self.assertIn(self.case.code, str(message.body))
        self.assertIn(referral.name, str(message.body))
        self.assertFalse(self._notices(referral), "a delivered notice is not owed any more")
        self._deliver_notices()
        self.assertEqual(len(self._told(referral)), 1, "delivered once")

    def test_withdrawn_packet_is_not_announced(self):
        consent = self._consent()
        referral = self._referral()
        referral.with_user(self.manager).action_send()
        consent.with_user(self.manager)._ht_revoke(reason="changed her mind")
        self._deliver_notices()
        self.assertFalse(self._told(referral), "told the provider after the consent ended")
        self.assertFalse(self._notices(referral))

    @mute_logger("odoo.addons.ht_case_management.models.ht_referral_notice")
    def test_a_text_refused_at_delivery_is_kept_and_the_queue_goes_on(self):
        """The referral-sent text changed in SQL between a send and its delivery: that
        notice is kept with why, out of the queue, and the next one is delivered."""
        self._consent()
        first, second = self._referral(), self._referral()
        first.with_user(self.manager).action_send()
        template = self.env.ref("ht_case_management.mail_template_referral_sent")
        subject = template.subject
        self.env.cr.execute(
            "UPDATE mail_template SET subject = %s WHERE id = %s",
            [json.dumps({"en_US": "For {{ object.case_id.legal_name }}"}), template.id],
        )
        self.env.invalidate_all()
        self._deliver_notices()
        kept = self._notices(first)
        self.assertEqual(len(kept), 1, "a notice refused at delivery was lost")
        self.assertIn("legal_name", kept.failed_reason)
        self.assertFalse(self._told(first))
        template.subject = subject
        second.with_user(self.manager).action_send()
        self._deliver_notices()
        self.assertEqual(len(self._told(second)), 1, "the queue stopped behind a failed notice")

    def test_failed_send_owes_nothing(self):
        referral = self._referral()
        with self.assertRaisesRegex(UserError, "No consent"), self.env.cr.savepoint():
            referral.with_user(self.manager).action_send()
        self.assertFalse(self._notices(referral))

    def test_nobody_reads_or_writes_the_queue(self):
        self._consent()
        referral = self._referral()
        referral.with_user(self.manager).action_send()
        Notice = self.env["ht.referral.notice"]
        for user in (self.manager, self.portal_a):
            with self.assertRaises(AccessError):
                Notice.with_user(user).search([])
            with self.assertRaises(AccessError):
                Notice.with_user(user).create({"referral_id": referral.id, "sender_id": user.id})
            with self.assertRaises(AccessError):
                self._notices(referral).with_user(user).unlink()
        self.assertEqual(len(self._notices(referral)), 1)
