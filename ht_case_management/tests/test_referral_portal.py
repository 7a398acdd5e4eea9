# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.ht_referral_network.tests.common import field_error, rule_error
from odoo.addons.portal.controllers.portal import CustomerPortal

from .common_referral import HtReferralCase


@tagged("post_install", "-at_install", "ht_case_management")
class TestReferralPortal(HtReferralCase, HttpCase):
    def _sent(self, service=None):
        referral = self._referral(service=service)
        referral.action_send()
        return referral

    def _answer(self, referral, answer, **data):
        return self.url_open(
            f"/my/referrals/{referral.id}/answer",
            data=dict({"answer": answer, "csrf_token": self.csrf_token(referral)}, **data),
        )

    def csrf_token(self, referral=None):
        """The token the portal page puts in its forms, as a browser would send it."""
        url = f"/my/referrals/{referral.id}" if referral else "/my/referrals"
        match = re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text)
        return match.group(1) if match else ""

    def test_full_loop_through_the_portal(self):
        self._consent()
        self._consent(provider=self.provider_b)
        mine, other = self._sent(), self._sent(service=self.service_b)
        self.authenticate("ht_portal_a", "ht_portal_a")
        listing = self.url_open("/my/referrals")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(mine.name, listing.text)
        self.assertNotIn(other.name, listing.text)
        self.assertNotIn("Lucia", listing.text)
        page = self.url_open(f"/my/referrals/{mine.id}")
        self.assertIn(self.case.code, page.text)
        self.assertNotIn("Lucia", page.text)
        # viewing the packet is a logged disclosure
        views = self.env["ht.disclosure"].search(
            [("channel", "=", "portal_view"), ("reference", "=", mine.name)]
        )
        self.assertEqual(len(views), 1)
        self._answer(mine, "accept", note="Bed ready tonight")
        mine.invalidate_recordset()
        self.assertEqual(mine.state, "accepted")
        self._answer(mine, "complete")
        mine.invalidate_recordset()
        self.assertEqual(mine.state, "completed")

    def test_list_is_paged_like_odoo_portal_lists(self):
        """Odoo's portal pager: a page of `_items_per_page` referrals (newest first),
        so a provider's list costs the same whatever its history."""
        self._consent()
        older, newer = self._sent(), self._sent()
        self.authenticate("ht_portal_a", "ht_portal_a")
        with patch.object(CustomerPortal, "_items_per_page", 1):
            first = self.url_open("/my/referrals").text
            second = self.url_open("/my/referrals/page/2").text
        self.assertIn(newer.name, first)
        self.assertNotIn(older.name, first)
        self.assertIn("/my/referrals/page/2", first)
        self.assertIn(older.name, second)
        self.assertNotIn(newer.name, second)

    def test_decline_with_reason_prompts_capacity(self):
        self._consent()
        referral = self._sent()
        self.authenticate("ht_portal_a", "ht_portal_a")
        response = self._answer(
            referral,
            "decline",
            reason=self.env.ref("ht_case_management.ht_referral_decline_reason_no_capacity").id,
        )
        referral.invalidate_recordset()
        self.assertEqual(
            (referral.state, referral.decline_reason_id.code), ("declined", "no_capacity")
        )
        self.assertIn("update the capacity", response.text)
        self.url_open(
            f"/my/referrals/{referral.id}/capacity",
            data={"available": "4", "csrf_token": self.csrf_token(referral)},
        )
        self.service_a.invalidate_recordset()
        self.assertEqual(self.service_a.capacity_available, 4)

    def test_other_provider_cannot_open_by_id_url_or_token(self):
        self._consent()
        self._consent(provider=self.provider_b)
        referral = self._sent()
        self.authenticate("ht_portal_b", "ht_portal_b")
        for url in (
            f"/my/referrals/{referral.id}",
            f"/my/referrals/{referral.id}?access_token=anything",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn(self.case.code, response.text)
        response = self._answer_raw(referral, "accept")
        self.assertEqual(response.status_code, 404)
        own = self.env["ht.referral"].search(
            [("provider_id", "=", self.provider_b.id), ("state", "=", "sent")], limit=1
        )
        response = self.url_open(
            f"/my/referrals/{referral.id}/capacity",
            data={"available": "0", "csrf_token": self.csrf_token(own)},
        )
        self.assertEqual(response.status_code, 404)
        self.service_a.invalidate_recordset()
        self.assertEqual(self.service_a.capacity_available, 1)
        referral.invalidate_recordset()
        self.assertEqual(referral.state, "sent")
        # the record rule keeps another organisation out; the packet fields are not
        # even readable by portal users over RPC (the portal page shows them checked)
        with self.assertRaisesRegex(AccessError, rule_error("read", "ht.referral")):
            referral.with_user(self.portal_b).read(["state"])
        with self.assertRaisesRegex(AccessError, field_error("packet_need", "ht.referral")):
            referral.with_user(self.portal_a).read(["packet_need"])
        with self.assertRaisesRegex(AccessError, field_error("case_id", "ht.referral")):
            referral.with_user(self.portal_a).read(["case_id"])

    def test_packet_not_shown_after_consent_end_without_cron(self):
        """The consent ends; its expiry cron has not run yet: the portal re-decides
        at the view, shows no packet, logs no disclosure and withdraws the referral."""
        consent = self._consent()
        referral = self._sent()
        self.assertTrue(referral.packet_contact)
        today = fields.Date.today()
        self.env.cr.execute(
            "UPDATE ht_consent SET date_start = %s, date_end = %s WHERE id = %s",
            (today - timedelta(days=30), today - timedelta(days=1), consent.id),
        )
        self.env.invalidate_all()
        self.assertEqual(consent.state, "active")  # the cron has not run
        self.authenticate("ht_portal_a", "ht_portal_a")
        listing = self.url_open("/my/referrals")
        self.assertIn(referral.name, listing.text)
        # the list alone already re-decided and withdrew it
        referral.invalidate_recordset()
        self.assertTrue(referral.redacted)
        page = self.url_open(f"/my/referrals/{referral.id}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("Through the case manager", page.text)
        self.assertNotIn("Immediate", page.text)
        self.assertIn("withdrawn", page.text)
        views = self.env["ht.disclosure"].search(
            [("channel", "=", "portal_view"), ("reference", "=", referral.name)]
        )
        self.assertFalse(views)
        referral.invalidate_recordset()
        self.assertTrue(referral.redacted)
        self.assertFalse(referral.packet_need)
        self.assertTrue(
            any(referral.name in (a.summary or "") for a in self.case.activity_ids),
            "the case manager is told",
        )

    def _answer_raw(self, referral, answer):
        # a valid token of this user's own session, from a page they may open
        own = self._referral(service=self.service_b)
        own.action_send()
        return self.url_open(
            f"/my/referrals/{referral.id}/answer",
            data={"answer": answer, "csrf_token": self.csrf_token(own)},
        )
