# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.ht_referral_network.tests.common import rule_error

from .common_referral import HtReferralCase


@tagged("post_install", "-at_install", "ht_case_management")
class TestReferral(HtReferralCase):
    def _disclosures(self):
        return self.env["ht.disclosure"].search(
            [("res_model", "=", "ht.case"), ("res_id", "=", self.case.id)]
        )

    def test_send_without_consent_fails_and_writes_nothing(self):
        referral = self._referral()
        mails_before = self.env["mail.mail"].search_count([])
        with self.assertRaisesRegex(UserError, "(?s)No consent .*Start the consent"):
            referral.action_send()
        self.assertEqual(referral.state, "draft")
        self.assertFalse(referral.packet_need)
        self.assertFalse(self._disclosures())
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before)

    def test_send_builds_packet_logs_and_notifies_without_identity(self):
        consent = self._consent()
        referral = self._referral()
        referral.action_send()
        self.assertEqual(referral.state, "sent")
        self.assertEqual(referral.consent_id, consent)
        self.assertEqual(referral.packet_urgency, "Immediate")
        self.assertTrue(referral.packet_need)
        self.assertFalse(referral.packet_person or referral.packet_phone or referral.packet_details)
        self.assertAlmostEqual(
            referral.response_deadline,
            referral.sent_on + timedelta(hours=72),
            delta=timedelta(seconds=5),
        )
        line = self._disclosures()
        self.assertEqual(
            (line.channel, line.recipient_id, line.reference),
            ("referral_packet", self.provider_a, referral.name),
        )
        # the provider's intake contact is told, by case code only, once the
        # scheduled action the send triggered has run
        self.assertFalse(
            referral.message_ids.filtered(lambda m: self.portal_a.partner_id in m.partner_ids)
        )
        self._deliver_notices()
        message = referral.message_ids.filtered(lambda m: self.portal_a.partner_id in m.partner_ids)
        self.assertIn(self.case.code, message.body)
        texts = " ".join(
            self.env["mail.mail"].sudo().search([("model", "=", "ht.referral")]).mapped("body_html")
            + referral.message_ids.mapped(lambda m: str(m.body))
        )
        self.assertNotIn("Lucia", texts)
        self.assertNotIn("Secretname", texts)

    def test_identity_only_if_chosen_and_covered(self):
        self._consent()
        referral = self._referral(
            packet_category_ids=[(6, 0, (self.cat_summary | self.cat_identity).ids)]
        )
        with self.assertRaisesRegex(UserError, "does not cover: Identity"):
            referral.action_send()
        self.assertEqual(referral.state, "draft")
        self.assertFalse(referral.packet_person)
        # a consent for another purpose does not carry a referral
        self._consent(categories=self.cat_summary | self.cat_identity, purpose_type="coordination")
        with self.assertRaisesRegex(UserError, "does not cover: Identity"):
            referral.action_send()
        # a consent for this very purpose (a referral) that covers the identity
        covering = self._consent(
            categories=self.cat_summary | self.cat_identity, purpose_type="referral"
        )
        referral.action_send()
        self.assertEqual(referral.consent_id, covering)
        self.assertEqual(referral.packet_person, "Lu")

    def test_deadline_in_the_past_refused(self):
        self._consent()
        referral = self._referral(response_deadline=fields.Datetime.now() - timedelta(hours=1))
        with self.assertRaisesRegex(UserError, "deadline .* is in the past"):
            referral.action_send()
        self.assertEqual(referral.state, "draft")
        self.assertFalse(self._disclosures())

    def test_prepare_consent_then_send(self):
        referral = self._referral()
        action = referral.action_prepare_consent()
        self.assertEqual(referral.state, "awaiting_consent")
        consent = (
            self.env["ht.consent"]
            .with_user(self.manager)
            .with_context(**action["context"])
            .create({"method": "document", "signed_document": "eA==", "limits_explained": True})
        )
        self.assertEqual(consent.recipient_ids, self.provider_a)
        self.assertEqual(consent.subject_ref, self.case.code)
        consent.action_activate()
        referral.action_send()
        self.assertEqual(referral.consent_id, consent)

    def test_warm_handoff_needs_permission(self):
        self._consent()
        referral = self._referral(mode="warm_handoff")
        with self.assertRaisesRegex(UserError, "client's permission"):
            referral.action_send()
        referral.client_permission = True
        referral.action_send()
        self.assertEqual(referral.state, "sent")

    def test_bad_input(self):
        applicant = self.env["res.partner"].create({"name": "Not Yet", "is_company": True})
        applicant._ht_set_membership("applicant", "applied")
        service = self.env["ht.service"].create(
            {"provider_id": applicant.id, "category_id": self.service_a.category_id.id}
        )
        with self.assertRaisesRegex(UserError, "not a certified member"), self.env.cr.savepoint():
            self._referral(service=service)
        self.service_b.state = "closed"
        with self.assertRaisesRegex(UserError, "not active"), self.env.cr.savepoint():
            self._referral(service=self.service_b)
        self.assertFalse(self.env["ht.referral"].search([("case_id", "=", self.case.id)]))

    def test_revocation_redacts_closed_referrals_too(self):
        """What was sent is wiped from every referral relying on the consent, open
        or closed: the identity does not stay at rest on a declined or completed
        referral. Only the open ones ask the case manager for a conversation."""
        consent = self._consent(categories=self.cat_summary | self.cat_identity)
        declined, completed, open_ = (self._referral() for _i in range(3))
        for referral in (declined, completed, open_):
            referral.packet_category_ids = self.cat_summary | self.cat_identity
        (declined | completed | open_).action_send()
        self.assertEqual(declined.packet_person, "Lu")
        declined.with_user(self.portal_a)._ht_portal_respond(
            "decline",
            reason=self.env.ref("ht_case_management.ht_referral_decline_reason_no_capacity"),
        )
        completed.with_user(self.portal_a)._ht_portal_respond("accept")
        completed.with_user(self.portal_a)._ht_portal_respond("complete")
        before = self.case.activity_ids
        consent._ht_revoke(method="written")
        for referral in (declined, completed, open_):
            self.assertTrue(referral.redacted)
            self.assertFalse(
                referral.packet_person or referral.packet_phone or referral.packet_need
            )
        self.assertEqual((declined.state, completed.state), ("declined", "completed"))
        planned = (self.case.activity_ids - before).mapped("summary")
        self.assertTrue(any(open_.name in (s or "") for s in planned))
        self.assertFalse(any(completed.name in (s or "") for s in planned))

    def test_revocation_redacts_open_referrals_at_once(self):
        consent = self._consent()
        referral = self._referral()
        referral.action_send()
        self.env["mail.mail"].sudo().create(
            {
                "model": "ht.referral",
                "res_id": referral.id,
                "body_html": "queued",
                "state": "outgoing",
            }
        )
        consent._ht_revoke(method="verbal")
        self.assertTrue(referral.redacted)
        self.assertFalse(referral.packet_need or referral.packet_contact or referral.packet_urgency)
        self.assertEqual(referral.case_code, self.case.code)
        queued = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "ht.referral"), ("res_id", "=", referral.id)])
        )
        # the queued mail is kept (nothing is lost) and will not go out
        self.assertIn("queued", queued.mapped("body_html"))
        self.assertEqual(set(queued.mapped("state")) - {"cancel", "sent"}, set())
        self.assertEqual(queued.filtered(lambda m: m.body_html == "queued").state, "cancel")
        summaries = self.case.activity_ids.mapped("summary")
        self.assertTrue(any(referral.name in (s or "") for s in summaries))
        # the provider can no longer act on it
        with self.assertRaisesRegex(UserError, "withdrawn"):
            referral.with_user(self.portal_a)._ht_portal_respond("accept")

    def test_accept_takes_capacity_and_no_capacity_refused(self):
        self._consent()
        first = self._referral()
        first.action_send()
        first.with_user(self.portal_a)._ht_portal_respond("accept", note="We have a bed")
        self.assertEqual(first.state, "accepted")
        self.assertEqual(self.service_a.capacity_available, 0)
        self.assertTrue(first.first_answer_on)
        second = self._referral()
        second.action_send()
        with self.assertRaisesRegex(UserError, "no capacity left"):
            second.with_user(self.portal_a)._ht_portal_respond("accept")
        second.with_user(self.portal_a)._ht_portal_respond(
            "decline",
            reason=self.env.ref("ht_case_management.ht_referral_decline_reason_no_capacity"),
        )
        self.assertEqual((second.state, second.decline_reason_id.code), ("declined", "no_capacity"))
        self.assertEqual(self.service_a.capacity_available, 0)

    def test_provider_cannot_answer_for_another(self):
        self._consent()
        referral = self._referral()
        referral.action_send()
        # Another provider's portal user does not even see it: the record rule stops
        # them before the "own contacts" check in _ht_portal_respond can be reached.
        with self.assertRaisesRegex(AccessError, rule_error("read", "ht.referral")):
            referral.with_user(self.portal_b)._ht_portal_respond("accept")
        # That check stops internal users who may read the referral (the case team,
        # supervisors): they cannot answer in the provider's name.
        for user in (self.manager, self.supervisor):
            with self.assertRaisesRegex(
                AccessError, "Only the provider's own contacts answer a referral"
            ):
                referral.with_user(user)._ht_portal_respond("accept")
        self.assertEqual(self.service_a.capacity_available, 1)
        with self.assertRaisesRegex(UserError, "not possible"):
            referral.with_user(self.portal_a)._ht_portal_respond("complete")
        with self.assertRaisesRegex(UserError, "why you decline"):
            referral.with_user(self.portal_a)._ht_portal_respond("decline")
        self.assertEqual(referral.state, "sent")

    def test_cron_twice_creates_each_activity_once(self):
        self._consent()
        late, stale, done = (
            self._referral(),
            self._referral(service=self.service_b),
            self._referral(service=self.service_b),
        )
        self._consent(provider=self.provider_b)
        for ref in (late, stale, done):
            ref.action_send()
        stale.with_user(self.portal_b)._ht_portal_respond("accept")
        done.with_user(self.portal_b)._ht_portal_respond("accept")
        done.with_user(self.portal_b)._ht_portal_respond("complete")
        Referral = self.env["ht.referral"]
        acts_before = len(self.case.activity_ids)
        with freeze_time(fields.Datetime.now() + timedelta(days=8)):
            Referral._cron_followup()
            count_after_first = len(self.case.activity_ids)
            mails_after_first = self.env["mail.message"].search_count(
                [("model", "=", "ht.referral")]
            )
            Referral._cron_followup()
            self.assertEqual(len(self.case.activity_ids), count_after_first)
            self.assertEqual(
                self.env["mail.message"].search_count([("model", "=", "ht.referral")]),
                mails_after_first,
            )
        self.assertEqual(late.state, "expired")
        # one reminder to the provider's contacts, attached to no record
        reminders = self.env["mail.message"].search(
            [("model", "=", False), ("body", "ilike", stale.name)]
        )
        self.assertEqual(len(reminders), 1)
        self.assertIn("Please update", str(reminders.body))
        self.assertEqual(reminders.partner_ids, self.portal_b.partner_id)
        self.assertEqual(count_after_first - acts_before, 3)  # re-route, follow up, follow-through
        self.assertNotIn(
            "Lucia", " ".join(self.case.activity_ids.mapped(lambda a: a.summary or ""))
        )

    def test_retried_send_gives_one_mail_and_one_disclosure(self):
        self._consent()
        referral = self._referral()
        with self.assertRaises(RuntimeError), self.env.cr.savepoint():
            referral.action_send()
            raise RuntimeError("serialization failure: the request is retried")
        self.env.invalidate_all()
        self.assertEqual(referral.state, "draft")
        referral.action_send()
        self.assertEqual(len(self._disclosures()), 1)
        self._deliver_notices()
        notices = referral.message_ids.filtered(lambda m: self.portal_a.partner_id in m.partner_ids)
        self.assertEqual(len(notices), 1)

    def test_matching_wizard_ranks_and_creates_draft(self):
        action = self.case.with_user(self.manager).action_refer(need=self.need)
        wizard = self.env["ht.referral.wizard"].browse(action["res_id"])
        services = wizard.line_ids.mapped("service_id")
        self.assertIn(self.service_a, services)
        self.assertIn(self.service_b, services)
        self.assertEqual(wizard.line_ids[0].rank, 1)
        result = wizard.line_ids.filtered(lambda l: l.service_id == self.service_b).action_choose()
        referral = self.env["ht.referral"].browse(result["res_id"])
        self.assertEqual((referral.state, referral.service_id), ("draft", self.service_b))
        self.assertEqual(self.need.status, "in_plan")

    def test_reporting_measures(self):
        self._consent()
        self._consent(provider=self.provider_b)
        sent_at = fields.Datetime.now().replace(microsecond=0)
        with freeze_time(sent_at):
            fast, slow, waiting = (
                self._referral(),
                self._referral(service=self.service_b),
                self._referral(service=self.service_b),
            )
            (fast | slow | waiting).action_send()
        with freeze_time(sent_at + timedelta(hours=2)):
            fast.with_user(self.portal_a)._ht_portal_respond("accept")
        with freeze_time(sent_at + timedelta(hours=5, minutes=30)):
            slow.with_user(self.portal_b)._ht_portal_respond(
                "decline",
                reason=self.env.ref("ht_case_management.ht_referral_decline_reason_not_eligible"),
            )
        with freeze_time(sent_at + timedelta(hours=9)):
            fast.with_user(self.portal_a)._ht_portal_respond("complete")  # not a first answer
        self.assertEqual((fast.hours_to_answer, slow.hours_to_answer), (2.0, 5.5))
        self.assertEqual((waiting.hours_to_answer, waiting.is_answered), (0.0, 0))
        self.env.flush_all()
        data = self.env["ht.referral"].read_group(
            [("id", "in", (fast | slow | waiting).ids), ("is_answered", "=", 1)],
            ["is_accepted:sum", "is_answered:sum", "is_completed:sum", "hours_to_answer:avg"],
            [],
        )[0]
        self.assertEqual(
            (data["is_accepted"], data["is_answered"], data["is_completed"]), (1, 2, 1)
        )
        self.assertAlmostEqual(data["hours_to_answer"], 3.75)

    # ------------------------------------------------------------------ consent at every disclosure

    def test_research_consent_carries_no_referral(self):
        self._consent(purpose_type="research")
        referral = self._referral()
        with self.assertRaisesRegex(UserError, "covers Evaluation and research, not Referral"):
            referral.action_send()
        self.assertEqual(referral.state, "draft")
        self.assertFalse(referral.packet_need)
        self.assertFalse(self._disclosures())

    def _renew(self, consent, **vals):
        action = consent.with_user(self.manager).action_renew()
        new = self.env["ht.consent"].with_user(self.manager).browse(action["res_id"])
        new.write(dict({"limits_explained": True, "signed_document": "eA=="}, **vals))
        new.action_activate()
        return new

    def test_renewal_keeps_open_referrals(self):
        """Renewing with the same terms moves open referrals to the new consent: the
        provider can still complete them."""
        consent = self._consent()
        referral = self._referral()
        referral.action_send()
        referral.with_user(self.portal_a)._ht_portal_respond("accept")
        new = self._renew(consent)
        self.assertEqual(consent.state, "superseded")
        self.assertFalse(referral.redacted)
        self.assertEqual(referral.consent_id, new)
        self.assertTrue(referral.packet_need)
        self.assertEqual(referral._ht_packet_consent(), new)
        referral.with_user(self.portal_a)._ht_portal_respond("complete")
        self.assertEqual(referral.state, "completed")

    def test_amendment_that_drops_the_provider_redacts(self):
        consent = self._consent(provider=self.provider_a | self.provider_b)
        to_a = self._referral()
        to_b = self._referral(service=self.service_b)
        (to_a | to_b).action_send()
        new = self._renew(consent, recipient_ids=[(6, 0, self.provider_b.ids)])
        self.assertTrue(to_a.redacted)
        self.assertFalse(to_a.packet_need)
        self.assertEqual(to_a.consent_id, consent)
        self.assertEqual((to_b.redacted, to_b.consent_id), (False, new))
        with self.assertRaisesRegex(UserError, "withdrawn"):
            to_a.with_user(self.portal_a)._ht_portal_respond("accept")
        # an amendment to another purpose carries no referral either
        self._renew(new, purpose_id=self.env.ref("ht_consent.ht_consent_purpose_research").id)
        self.assertTrue(to_b.redacted)

    # ------------------------------------------------------------------ protected fields

    def test_state_packet_and_terms_only_through_methods(self):
        self._consent()
        referral = self._referral()
        referral.action_send()
        mine = referral.with_user(self.manager)
        for vals in (
            {"state": "completed"},
            {"state": "draft"},
            {"consent_id": False},
            {"redacted": True},
            {"packet_person": "Lucia Secretname"},
            {"packet_details": "more"},
            {"sent_on": "2020-01-01 00:00:00"},
            {
                "decline_reason_id": self.env.ref(
                    "ht_case_management.ht_referral_decline_reason_other"
                ).id
            },
            {"response_note": "forged answer"},
            {"followup_done": True},
            {"case_code": "HT-OTHER"},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "changes only through"):
                mine.write(vals)
        for vals in (
            {"service_id": self.service_b.id},
            {"packet_category_ids": [(4, self.cat_identity.id)]},
            {"details_to_share": "her address"},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "went out on these"):
                mine.write(vals)
        self.assertEqual((referral.state, referral.service_id), ("sent", self.service_a))
        self.assertFalse(referral.packet_person)
        # nor can a referral be created as already sent, with a packet of one's own
        with self.assertRaisesRegex(UserError, "Send"):
            self._referral(state="sent", packet_person="Lucia Secretname")
