# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Multi-agency case conferences on the calendar: nobody of another organisation
is invited without a consent covering it, the information discussed and service
coordination (by any path, JSON-RPC included); each organisation invited is a
logged disclosure; the calendar shows the case code only. And the network rule:
referrals only under an MOU in force, when the setting is on."""

import json
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.ht_referral_network.tests.common import acl_error, rule_error
from odoo.addons.ht_referral_network.tests.common_rpc import HostileRpcMixin

from .common_referral import HtReferralCase


@tagged("post_install", "-at_install", "ht_case_management")
class TestCaseConference(HostileRpcMixin, HtReferralCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.manager, cls.outsider):
            user.password = f"{user.login}-pw"
        cls.contact_a = cls.portal_a.partner_id
        cls.contact_a2 = cls.env["res.partner"].create(
            {"name": "Second Contact A", "parent_id": cls.provider_a.id, "email": "a2@example.com"}
        )

    def _conference(self, **kw):
        return (
            self.env["ht.case.conference"]
            .with_user(self.manager)
            .create(dict({"case_id": self.case.id, "category_ids": self.cat_summary.ids}, **kw))
        )

    def _disclosures(self):
        return self.env["ht.disclosure"].search(
            [("res_model", "=", "ht.case"), ("res_id", "=", self.case.id),
             ("channel", "=", "case_conference")]
        )  # fmt: skip

    def test_invitation_without_consent_is_refused_by_every_path(self):
        conference = self._conference()
        event = conference.event_id
        self.authenticate(self.manager.login, f"{self.manager.login}-pw")
        contact = self.contact_a.id
        new_contact = {"name": "New", "parent_id": self.provider_a.id}
        attendee = {"partner_id": contact}
        for model, method, args in (
            ("ht.case.conference", "write", [conference.ids, {"partner_ids": [(4, contact)]}]),
            ("calendar.event", "write", [event.ids, {"partner_ids": [(4, contact)]}]),
            ("calendar.event", "write", [event.ids, {"partner_ids": [(6, 0, [contact])]}]),
            ("calendar.event", "write", [event.ids, {"attendee_ids": [(0, 0, attendee)]}]),
            ("calendar.attendee", "create", [{"event_id": event.id, "partner_id": contact}]),
            ("calendar.event", "write", [event.ids, {"partner_ids": [(0, 0, new_contact)]}]),
        ):  # fmt: skip
            with self.subTest(model=model, args=args):
                __, error = self._rpc(model, method, *args)
                self.assertTrue(error, "the invitation was accepted")
                self.assertEqual(error["name"], "odoo.exceptions.UserError", error["message"])
                self.assertIn("cannot be invited", error["message"])
                self.assertIn("Harbor Test Shelter", error["message"])
                self.assertIn("No consent", error["message"])
        self.assertEqual(event.attendee_ids.partner_id, self.manager.partner_id)
        self.assertEqual(event.partner_ids, self.manager.partner_id)
        self.assertFalse(self._disclosures())
        self.assertFalse(conference.disclosed_partner_ids)

    def test_consent_for_another_purpose_or_category_is_not_enough(self):
        conference = self._conference()
        self._consent()  # for a referral: not for coordination
        with self.assertRaisesRegex(UserError, "cannot be invited.*covers Referral"):
            conference.write({"partner_ids": [(4, self.contact_a.id)]})
        self.env.invalidate_all()
        self._consent(purpose_type="coordination")
        conference.category_ids |= self.cat_identity
        with self.assertRaisesRegex(UserError, "does not cover: Identity"):
            conference.write({"partner_ids": [(4, self.contact_a2.id)]})
        self.env.invalidate_all()
        self.assertFalse(self._disclosures())
        self.assertEqual(conference.event_id.attendee_ids.partner_id, self.manager.partner_id)

    def test_invitation_with_consent_is_a_logged_disclosure(self):
        consent = self._consent(purpose_type="coordination")
        conference = self._conference()
        self.authenticate(self.manager.login, f"{self.manager.login}-pw")
        __, error = self._rpc(
            "calendar.event", "write", conference.event_id.ids,
            {"partner_ids": [(4, self.contact_a.id)]},
        )  # fmt: skip
        self.assertFalse(error)
        self.assertIn(self.contact_a, conference.event_id.attendee_ids.partner_id)
        line = self._disclosures()
        self.assertEqual(len(line), 1)
        self.assertEqual(line.recipient_id, self.provider_a)
        self.assertEqual(line.consent_id, consent)
        self.assertEqual(line.category_ids, self.cat_summary)
        self.assertEqual(line.user_id, self.manager)
        self.assertEqual(line.reference, conference.name)
        self.assertEqual(conference.disclosed_partner_ids, self.provider_a)
        self.assertEqual(conference.organisation_ids, self.provider_a)
        # a second person of the same organisation: checked, not logged twice
        conference.with_user(self.manager).write({"partner_ids": [(4, self.contact_a2.id)]})
        self.assertEqual(len(self._disclosures()), 1)
        # our own staff need no consent
        conference.with_user(self.manager).write(
            {"partner_ids": [(4, self.teammate.partner_id.id)]}
        )
        self.assertEqual(len(self._disclosures()), 1)

    def test_calendar_shows_the_case_code_only(self):
        self._consent(purpose_type="coordination")
        conference = self._conference(agenda="<p>Lucia Secretname's housing</p>")
        # Odoo's own test runner sends (and deletes) the invitation at once, pytest-odoo
        # queues it: read what leaves either way
        sent = []

        def record(server, message, *args, **kwargs):
            for part in message.walk():
                if part.get_content_maintype() == "text":
                    sent.append(part.get_payload(decode=True).decode(errors="replace"))
            sent.append(str(message["Subject"]))
            return "<ht-test@example.com>"

        with patch.object(type(self.env["ir.mail_server"]), "send_email", record):
            conference.write({"partner_ids": [(4, self.contact_a.id)]})
            self.env.flush_all()
        event = conference.event_id
        self.assertIn(self.case.code, event.name)
        self.env.flush_all()
        for text in (event.name, event.description or "", event.display_name):
            self.assertNotIn("Lucia", text)
            self.assertNotIn("Secretname", text)
        # what any employee reads of the meeting
        seen = json.dumps(event.with_user(self.employee).read(["name", "description"]))
        self.assertNotIn("Secretname", seen)
        mails = self.env["mail.mail"].search([("recipient_ids", "in", self.contact_a.ids)])
        texts = [f"{mail.subject} {mail.body_html}" for mail in mails] + sent
        self.assertTrue(texts, "the attendee was not invited")
        for text in texts:
            self.assertNotIn("Secretname", text)
        with self.assertRaisesRegex(UserError, "case code only"):
            event.with_user(self.manager).write({"name": "Conference about Lucia"})
        with self.assertRaisesRegex(UserError, "case code only"):
            event.with_user(self.manager).write({"description": "<p>Lucia</p>"})

    def test_conference_is_the_case_teams(self):
        self._consent(purpose_type="coordination")
        conference = self._conference()
        self.assertEqual(conference.with_user(self.teammate).name, conference.name)
        with self.assertRaisesRegex(AccessError, rule_error("read", "ht.case.conference")):
            conference.with_user(self.outsider).read(["minutes"])
        with self.assertRaisesRegex(AccessError, acl_error("read", "ht.case.conference")):
            conference.with_user(self.coordinator).read(["minutes"])
        # an employee outside the team cannot use the meeting to invite anyone, even
        # once invited to it (an attendee may edit a private meeting)
        conference.with_user(self.manager).write(
            {"partner_ids": [(4, self.outsider.partner_id.id)]}
        )
        self.authenticate(self.outsider.login, f"{self.outsider.login}-pw")
        __, error = self._rpc(
            "calendar.event", "write", conference.event_id.ids,
            {"partner_ids": [(4, self.contact_a.id)]},
        )  # fmt: skip
        self.assertTrue(error)
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.assertFalse(self._disclosures())
        with self.assertRaisesRegex(UserError, "stays with its case"):
            other = self.env["ht.case"].with_user(self.manager).create({"legal_name": "Other"})
            conference.with_user(self.manager).write({"case_id": other.id})
        with self.assertRaisesRegex(UserError, "changes only through"):
            conference.with_user(self.manager).write(
                {"disclosed_partner_ids": [(4, self.provider_b.id)]}
            )

    # ------------------------------------------------------------------ network rule

    def test_network_rule_referrals_only_under_an_active_mou(self):
        self._consent()
        Param = self.env["ir.config_parameter"].sudo()
        # off (the default): an MOU only ranks; the referral goes
        referral = self._referral()
        referral.with_user(self.manager).action_send()
        self.assertEqual(referral.state, "sent")
        Param.set_param("ht_referral_network.referral_requires_mou", "True")
        blocked = self._referral()
        with self.assertRaisesRegex(UserError, "Harbor Test Shelter has no MOU in force with"):
            blocked.with_user(self.manager).action_send()
        self.assertEqual(blocked.state, "draft")
        mou = self.env["ht.mou"].create(
            {
                "name": "Agency and shelter",
                "date_start": fields.Date.today() - timedelta(days=1),
                "date_end": fields.Date.today() + timedelta(days=100),
                "party_ids": [
                    (0, 0, {"partner_id": self.case.company_id.partner_id.id}),
                    (0, 0, {"partner_id": self.provider_a.id}),
                ],
            }
        )
        for party in mou.party_ids:
            party._ht_sign_wet("Signatory", fields.Date.today(), "eA==", "signed.pdf")
        self.assertEqual(mou.state, "active")
        blocked.with_user(self.manager).action_send()
        self.assertEqual(blocked.state, "sent")
