# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An MOU signed by two parties on the portal, in a real browser
(static/tests/tours/ht_mou_tours.js)."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import certified_member


@tagged("post_install", "-at_install", "ht_referral_network")
class TestMouTour(HttpCase):
    def test_mou_signed_by_two_parties_on_the_portal(self):
        env = self.env
        parties = []
        for name, login in (("Tour Shelter", "ht_tour_mou_a"), ("Tour Clinic", "ht_tour_mou_b")):
            org = certified_member(env, name)
            contact = env["res.partner"].create(
                {"name": f"Director {name}", "parent_id": org.id, "email": f"{login}@example.com"}
            )
            new_test_user(
                env, login, groups="base.group_portal", partner_id=contact.id, password=login
            )
            parties.append((0, 0, {"partner_id": org.id, "signatory_id": contact.id}))
        mou = env["ht.mou"].create(
            {
                "name": "Tour MOU",
                "date_start": fields.Date.today(),
                "date_end": fields.Date.today() + timedelta(days=365),
                "party_ids": parties,
            }
        )
        mou.action_request_signatures()
        self.start_tour("/my/mous", "ht_mou_portal_sign_tour", login="ht_tour_mou_a")
        self.assertEqual(mou.party_ids[0].sign_method, "portal")
        self.assertFalse(mou.party_ids[1].signed_on)
        self.assertEqual(mou.state, "negotiation")
        self.start_tour("/my/mous", "ht_mou_portal_sign_tour", login="ht_tour_mou_b")
        self.assertTrue(mou.party_ids[1].signature)
        self.assertEqual(mou.state, "active")
