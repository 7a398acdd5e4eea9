# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)

NOTICE_BATCH = 200


class HtReferralNotice(models.Model):
    """A provider notification owed for a sent referral: written in the send's
    transaction (one INSERT, so the send stays fast and nothing is lost: no
    commit without it), delivered by the scheduled action the send triggers
    (``_cron_deliver``: Odoo's ``message_post`` to the provider's intake contacts,
    as the sender). No client reads or writes these rows (access for nobody: the
    system works on them as superuser)."""

    _name = "ht.referral.notice"
    _description = "Provider notification to deliver"
    _ht_case_data = True
    _order = "id"

    referral_id = fields.Many2one("ht.referral", required=True, ondelete="cascade", index=True)
    sender_id = fields.Many2one("res.users", required=True, ondelete="cascade")
    # A delivery the text refused (a template changed around its checks): kept, with
    # why, out of the queue, so the next notices still go out.
    failed_reason = fields.Char(readonly=True)

    @api.model
    def _cron_deliver(self, batch_size=NOTICE_BATCH):
        """Deliver the notices owed, oldest first, in batches (each batch commits
        through ``ir.cron``'s progress). A notice whose referral's packet may no
        longer be shared (withdrawn, consent ended) is dropped, not delivered: telling
        the provider would be a disclosure without consent."""
        notices = self.search([("failed_reason", "=", False)], limit=batch_size)
        for notice in notices:
            try:
                with self.env.cr.savepoint():
                    notice._ht_deliver()
            except (UserError, ValidationError) as error:
                notice.failed_reason = str(error)[:500]
                _logger.warning(
                    "Referral notice %s not delivered, kept: %s", notice.id, notice.failed_reason
                )
        remaining = (
            self.search_count([("failed_reason", "=", False)]) if len(notices) == batch_size else 0
        )
        self.env["ir.cron"]._notify_progress(done=len(notices), remaining=remaining)
        return notices

    def _ht_deliver(self):
        self.ensure_one()
        sender = self.sender_id
        # as the sender (author, e-mail address, language); sudo: the send was
        # decided and checked in the sender's request, the system delivers it.
        referral = (
            self.referral_id.with_user(sender).with_context(lang=sender.lang or "en_US").sudo()
        )
        self.unlink()
        if referral.redacted or referral.state in ("draft", "awaiting_consent"):
            return False
        try:
            referral._ht_packet_consent()
        except UserError:
            return False
        referral._ht_notify_provider()
        return True


class HtReferral(models.Model):
    _inherit = "ht.referral"

    def _ht_queue_provider_notice(self):
        """At send: owe the provider their notification (delivered right after the
        commit by the scheduled action), after checking now what would make it
        impossible to e-mail (the sender's or agency's address)."""
        self.ensure_one()
        company = self.company_id or self.env.company
        if (
            not self.env.su
            and not (self.env.user.email_formatted or company.email_formatted)
            and self._ht_provider_contacts()
        ):
            raise UserError(
                _(
                    "Referral %(ref)s cannot be e-mailed to %(provider)s: neither you nor "
                    "%(company)s has an e-mail address. Add one in your preferences or on "
                    "the company (Settings > Companies), then send again.",
                    ref=self.name,
                    provider=self.provider_id.name,
                    company=company.name,
                )
            )
        # The text is checked now, so that a send is refused rather than a provider
        # left untold (mail_template.py: the identity check).
        self.env.ref("ht_case_management.mail_template_referral_sent")._ht_check_identity_safe()
        # sudo: the queue is the system's; nobody else reads or writes it.
        self.env["ht.referral.notice"].sudo().create(
            {"referral_id": self.id, "sender_id": self.env.uid}
        )
        self.env.ref("ht_case_management.ir_cron_ht_referral_notice").sudo()._trigger()
