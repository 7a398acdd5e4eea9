# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta
from urllib.parse import urlencode

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import certified_member


@tagged("post_install", "-at_install", "ht_referral_network")
class TestNetworkPortal(HttpCase):
    """The members' self-service directory (/my/network): for portal users of a
    certified member only; plain public values, capacity with its freshness, no
    confidential address."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, no_reset_password=True)
        )
        env = cls.env
        ref = env.ref
        cls.cat_housing = ref("ht_referral_network.ht_service_category_housing_emergency")
        cls.cat_legal = ref("ht_referral_network.ht_service_category_legal_immigration")
        cls.member = certified_member(env, "Dir Member Org")
        cls.shelter = certified_member(
            env,
            "Dir Quiet Shelter",
            ht_confidential_location=True,
            street="Dir Front Door 1",
            city="Dir City",
        )
        env["ht.confidential.address"].create(
            {"partner_id": cls.shelter.id, "street": "Dir Hidden Lane 12", "city": "Dir City"}
        )
        cls.clinic = certified_member(env, "Dir Law Clinic", street="Dir Main St 5", phone="555")
        cls.applicant = env["res.partner"].create({"name": "Dir Applicant", "is_company": True})
        cls.applicant._ht_set_membership("applicant", "applied")
        cls.lapsed = certified_member(env, "Dir Lapsed Org")
        cls.lapsed._ht_set_membership("lapsed", "certification expired")
        cls.outsider_org = env["res.partner"].create({"name": "Dir Not Member", "is_company": True})
        cls.region = env["ht.region"].create({"name": "Dir Region", "code": "dir"})
        cls.women = ref("ht_referral_network.ht_population_women")
        cls.spanish = ref("base.lang_es")
        cls.beds = env["ht.service"].create(
            {
                "provider_id": cls.shelter.id,
                "category_id": cls.cat_housing.id,
                "description": "Dir beds",
                "capacity_available": 3,
                "capacity_max": 5,
                "is_24_7": True,
                "lang_ids": [(6, 0, cls.spanish.ids)],
                "region_ids": [(6, 0, cls.region.ids)],
                "population_ids": [(6, 0, cls.women.ids)],
            }
        )
        cls.legal = env["ht.service"].create(
            {
                "provider_id": cls.clinic.id,
                "category_id": cls.cat_legal.id,
                "description": "Dir visas",
                "capacity_available": 0,
                "capacity_max": 10,
            }
        )
        # last counted 20 days ago: stale (the setting says 14)
        cls.legal.sudo().capacity_updated_on = fields.Datetime.now() - timedelta(days=20)
        env["ht.service"].create(
            {
                "provider_id": cls.applicant.id,
                "category_id": cls.cat_housing.id,
                "description": "Dir applicant beds",
                "capacity_available": 9,
                "capacity_max": 9,
            }
        )
        oncall = env["res.partner"].create({"name": "Dir On Call", "parent_id": cls.clinic.id})
        now = datetime.now()
        env["ht.oncall.shift"].create(
            {
                "provider_id": cls.clinic.id,
                "contact_id": oncall.id,
                "phone": "+1 555 7788",
                "date_start": now - timedelta(hours=1),
                "date_end": now + timedelta(hours=5),
            }
        )
        cls.portal_member = cls._portal(cls.member, "ht_dir_member")
        cls.portal_lapsed = cls._portal(cls.lapsed, "ht_dir_lapsed")
        cls.portal_outsider = cls._portal(cls.outsider_org, "ht_dir_outsider")
        cls.internal = new_test_user(
            env,
            "ht_dir_reader",
            groups="base.group_user,ht_referral_network.group_ht_network_user",
            password="ht_dir_reader",
        )

    @classmethod
    def _portal(cls, org, login):
        contact = cls.env["res.partner"].create({"name": login, "parent_id": org.id})
        return new_test_user(
            cls.env, login, groups="base.group_portal", partner_id=contact.id, password=login
        )

    def _page(self, **params):
        response = self.url_open(f"/my/network?{urlencode(params)}")
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_member_searches_the_directory(self):
        self.authenticate("ht_dir_member", "ht_dir_member")
        home = self.url_open("/my").text
        self.assertIn('href="/my/network"', home)
        page = self._page()
        self.assertIn("Dir beds", page)
        self.assertIn("Dir visas", page)
        self.assertNotIn("Dir applicant beds", page, "only certified members are listed")
        # the on-call number of the rota, now
        self.assertIn("+1 555 7788", page)
        # capacity and how fresh it is; the stale one flagged
        self.assertIn("updated today", page)
        self.assertIn("updated 20 days ago", page)
        self.assertEqual(page.count("ht_network_stale"), self._stale_count(page))
        beds_card = page.split('data-service-id="%s"' % self.beds.id)[1].split("ht_network_result")[
            0
        ]
        legal_card = page.split('data-service-id="%s"' % self.legal.id)[1].split(
            "ht_network_result"
        )[0]
        self.assertRegex(beds_card, r"3\s+of\s+5")
        self.assertNotIn("may be out of date", beds_card)
        self.assertIn("may be out of date", legal_card)
        # a confidential location: no street at all, neither hidden nor front door
        self.assertNotIn("Dir Hidden Lane", page)
        self.assertNotIn("Dir Front Door", page)
        self.assertIn("confidential location", beds_card)
        self.assertIn("Dir Main St 5", legal_card)

    def _stale_count(self, page):
        # every stale service of the page carries the flag, and only those
        return sum(
            1
            for service in self.env["ht.service"].search([])
            if f'data-service-id="{service.id}"' in page and service.capacity_stale
        )

    def test_filters(self):
        self.authenticate("ht_dir_member", "ht_dir_member")
        cases = [
            ({"category_id": self.cat_housing.id}, True, False),
            ({"category_id": self.cat_legal.id}, False, True),
            ({"available": "1"}, True, False),
            ({"lang_id": self.spanish.id}, True, False),
            ({"is_24_7": "1"}, True, True),  # the clinic is on call now
            ({"population_id": self.women.id}, True, True),  # the clinic serves everyone
            ({"region_id": self.region.id}, True, True),  # ...everywhere
        ]
        for params, beds, legal in cases:
            with self.subTest(params=params):
                page = self._page(**params)
                self.assertEqual(f'data-service-id="{self.beds.id}"' in page, beds)
                self.assertEqual(f'data-service-id="{self.legal.id}"' in page, legal)
        page = self._page(category_id="not a number", region_id="-4")
        self.assertIn("Dir beds", page)

    @mute_logger("odoo.http")
    def test_only_members_portal_users(self):
        for login in ("ht_dir_lapsed", "ht_dir_outsider", "ht_dir_reader"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                response = self.url_open("/my/network")
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Dir beds", response.text)
        self.authenticate("ht_dir_outsider", "ht_dir_outsider")
        self.assertNotIn('href="/my/network"', self.url_open("/my").text)
        self.logout()
        response = self.url_open("/my/network", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
