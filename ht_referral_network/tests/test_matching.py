# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo.tests import tagged

from .common import HtNetworkCase


@tagged("post_install", "-at_install", "ht_referral_network")
class TestMatching(HtNetworkCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The directory: ours only (demo providers are set aside).
        cls.env["ht.service"].search([]).write({"state": "inactive"})
        P = cls._provider
        cls.full = P("Full Shelter")
        cls.spanish_org = P("Casa Segura")
        cls.north = P("North Shelter")
        cls.partner_org = P("MOU Partner Shelter")
        cls.applicant = P("Applicant Shelter", member=False)
        cls.teen = P("Teen Shelter")
        cls.me = P("Referring Agency")
        S = cls._service
        cls.s_full = S(cls.full, capacity_available=0)
        cls.s_spanish = S(cls.spanish_org, capacity_available=2, lang_ids=[(6, 0, cls.spanish.ids)])
        cls.s_north = S(cls.north, capacity_available=5, region_ids=[(6, 0, cls.region_a.ids)])
        cls.s_mou = S(cls.partner_org, capacity_available=1)
        cls.s_applicant = S(cls.applicant, capacity_available=9)
        cls.s_teen = S(
            cls.teen, capacity_available=9, max_age=17, population_ids=[(6, 0, cls.pop_minors.ids)]
        )
        cls.s_legal = S(cls.north, category=cls.cat_legal, capacity_available=3)
        mou = cls.env["ht.mou"].create(
            {
                "name": "MOU",
                "date_start": cls.today - timedelta(days=10),
                "date_end": cls.today + timedelta(days=100),
                "document": "U2lnbmVk",
                "party_ids": [
                    (0, 0, {"partner_id": cls.me.id}),
                    (0, 0, {"partner_id": cls.partner_org.id}),
                ],
            }
        )
        for party in mou.party_ids:  # every party signs: the MOU takes effect
            party._ht_sign_wet("Signatory", cls.today, "U2lnbmVk", "signed.pdf")

    def test_ranking(self):
        Service = self.env["ht.service"].with_user(self.reader)
        found = Service._ht_match(
            self.cat_housing,
            populations=self.pop_adults,
            lang=self.spanish,
            region=self.region_a,
            age=30,
            referring_partner=self.me,
        )
        # non-members, wrong age/population, other categories and no-capacity ranking
        self.assertNotIn(self.s_applicant, found)
        self.assertNotIn(self.s_teen, found)
        self.assertNotIn(self.s_legal, found)
        self.assertEqual(found, self.s_spanish | self.s_north | self.s_mou | self.s_full)
        self.assertEqual(
            found.ids, [self.s_spanish.id, self.s_north.id, self.s_mou.id, self.s_full.id]
        )

    def test_minor_finds_teen_shelter(self):
        found = self.env["ht.service"]._ht_match(
            self.cat_housing, populations=self.pop_minors, age=15
        )
        self.assertIn(self.s_teen, found)
        self.assertEqual(found[0], self.s_teen)

    def test_region_filter_and_24_7(self):
        found = self.env["ht.service"]._ht_match(self.cat_emergency_housing, region=self.region_b)
        self.assertNotIn(self.s_north, found)
        at = datetime(2031, 1, 1, 3)
        self.assertFalse(self.env["ht.service"]._ht_match(self.cat_housing, need_24_7=True, at=at))
        self.s_mou.is_24_7 = True
        contact = self.env["res.partner"].create({"name": "Night", "parent_id": self.north.id})
        self.env["ht.oncall.shift"].create(
            {
                "provider_id": self.north.id,
                "contact_id": contact.id,
                "phone": "1",
                "date_start": at - timedelta(hours=1),
                "date_end": at + timedelta(hours=1),
            }
        )
        found = self.env["ht.service"]._ht_match(self.cat_housing, need_24_7=True, at=at)
        self.assertEqual(found, self.s_north | self.s_mou)

    def test_constant_query_count(self):
        Service = self.env["ht.service"].with_user(self.reader)
        args = {
            "populations": self.pop_adults,
            "lang": self.spanish,
            "region": self.region_a,
            "age": 30,
        }
        Service._ht_match(self.cat_housing, **args)
        self.env.flush_all()
        with self.assertQueryCount(1):
            Service._ht_match(self.cat_housing, **args)
        for i in range(30):
            self._service(self._provider(f"Extra {i}"), capacity_available=i % 3)
        self.env.flush_all()
        with self.assertQueryCount(1):
            found = Service._ht_match(self.cat_housing, **args)
        self.assertEqual(len(found), 20)
