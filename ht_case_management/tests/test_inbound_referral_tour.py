# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.ht_referral_network.tests.common import certified_member


@tagged("post_install", "-at_install", "ht_case_management")
class TestInboundReferralTour(HttpCase):
    # a phone
    browser_size = "390x844"
    touch_enabled = True

    def test_member_searches_refers_and_intake_opens_it(self):
        env = self.env(context=dict(self.env.context, no_reset_password=True))
        org = certified_member(env, "Tour Member Org")
        contact = env["res.partner"].create({"name": "Tour Member", "parent_id": org.id})
        new_test_user(
            env,
            "ht_tour_member",
            groups="base.group_portal",
            partner_id=contact.id,
            password="ht_tour_member",
        )
        worker = new_test_user(
            env,
            "ht_tour_intake",
            groups="base.group_user,ht_consent.group_ht_case_worker",
            password="ht_tour_intake",
        )
        env["ir.config_parameter"].set_param(
            "ht_case_management.inbound_referral_user_id", worker.id
        )
        env["ht.service"].create(
            {
                "provider_id": org.id,
                "category_id": env.ref(
                    "ht_referral_network.ht_service_category_housing_emergency"
                ).id,
                "description": "Tour Member Beds",
                "capacity_available": 2,
                "capacity_max": 4,
            }
        )
        on_call = env["res.partner"].create({"name": "Tour On Call", "parent_id": org.id})
        env["ht.oncall.shift"].create(
            {
                "provider_id": org.id,
                "contact_id": on_call.id,
                "phone": "+1 555 4242",
                "date_start": datetime.now() - timedelta(hours=1),
                "date_end": datetime.now() + timedelta(hours=3),
            }
        )
        self.start_tour("/my/network", "ht_member_portal_tour", login="ht_tour_member")
        inbound = env["ht.inbound.referral"].search([("referring_partner_id", "=", org.id)])
        self.assertEqual(len(inbound), 1)
        self.assertEqual((inbound.person_name, inbound.approx_age), ("Tourina", 31))
        self.assertEqual(inbound.need_category_ids.name, "Housing")
        self.assertTrue(inbound.activity_ids.filtered(lambda a: a.user_id == worker))

        self.browser_size = "1366x768"
        self.touch_enabled = False
        self.start_tour(
            "/odoo/action-ht_case_management.ht_inbound_referral_action",
            "ht_inbound_intake_tour",
            login="ht_tour_intake",
        )
        self.assertEqual(inbound.state, "closed")
        self.assertEqual(inbound.case_id.preferred_name, "Tourina")
        self.assertEqual(inbound.case_id.safe_phone, "+1 555 2718 after 6 pm")
        self.assertFalse(inbound.person_name)
