# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The read-only HSDS 3.0 API (/hsds/...) as an outside consumer sees it: off by
default, public or per-consumer API keys, pages as the API reference describes,
only what is published (the rest answers exactly like what does not exist), no
confidential location, and a constant number of queries per page."""

import uuid
from urllib.parse import urlencode

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.ht_referral_network.controllers.hsds import ACCESS_PARAM
from odoo.addons.ht_referral_network.models.ht_hsds_export import (
    TAXONOMY_CATEGORY,
    derived_id,
)

from .common import HtNetworkCase
from .common_hsds import HtHsdsMixinCase

PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


@tagged("post_install", "-at_install", "ht_referral_network")
class TestHsdsApi(HtHsdsMixinCase, HtNetworkCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._hsds_fixture()

    def _mode(self, mode):
        self.env["ir.config_parameter"].sudo().set_param(ACCESS_PARAM, mode)

    def _get(self, path, key=None, **params):
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        if params:
            path = f"{path}?{urlencode(params)}"
        return self.url_open(path, headers=headers)

    def _json(self, path, **params):
        response = self._get(path, **params)
        self.assertEqual(response.status_code, 200, f"{path}: {response.text}")
        self.assertNoSecret(response.text, path)
        return response.json()

    # ------------------------------------------------------------------ access

    def test_api_is_off_by_default(self):
        self.assertEqual(
            self.env["ir.config_parameter"].sudo().get_param(ACCESS_PARAM, "off"), "off"
        )
        for path in ("/hsds/", "/hsds/services", f"/hsds/services/{self.svc_legal.ht_hsds_id}"):
            response = self._get(path)
            self.assertEqual(response.status_code, 404, path)
            self.assertNotIn(self.svc_legal.name, response.text)

    def test_api_key_mode_needs_a_valid_key(self):
        self._mode("apikey")
        consumer = self.env["res.users"].create(
            {"name": "211 consumer", "login": "hsds_consumer", "groups_id": []}
        )
        key = (
            self.env["res.users.apikeys"]
            .with_user(consumer)
            .sudo()
            ._generate("hsds", "211 directory", None)
        )
        self.assertEqual(self._get("/hsds/services").status_code, 401)
        self.assertEqual(self._get("/hsds/services", key="not-a-key").status_code, 401)
        self.assertEqual(self._get("/hsds/services", key=key[:-1] + "x").status_code, 401)
        ok = self._get("/hsds/services", key=key)
        self.assertEqual(ok.status_code, 200, ok.text)
        self.assertIn(self.svc_legal.ht_hsds_id, ok.text)
        # A key for another scope does not open the API.
        other = (
            self.env["res.users.apikeys"]
            .with_user(consumer)
            .sudo()
            ._generate("other", "something else", None)
        )
        self.assertEqual(self._get("/hsds/services", key=other).status_code, 401)
        # The key of an archived consumer no longer works.
        consumer.active = False
        self.assertEqual(self._get("/hsds/services", key=key).status_code, 401)

    # ------------------------------------------------------------------ contents

    def test_public_api_pages_and_documents(self):
        self._mode("public")
        index = self._json("/hsds/")
        self.assertEqual(index["version"], "3.0")
        self.assertTrue(index["openapi_url"].startswith("https://"))
        page = self._json("/hsds/services", per_page=1)
        self.assertEqual(set(page), PAGE_KEYS)
        self.assertEqual(page["size"], 1)
        self.assertTrue(page["first_page"])
        self.assertEqual(page["total_pages"], page["total_items"])
        for doc in page["contents"]:
            self.assertValid("service_list", doc, compiled=True)
        every = self._json("/hsds/services", per_page=500, full="true")["contents"]
        ids = {doc["id"] for doc in every}
        self.assertIn(self.svc_legal.ht_hsds_id, ids)
        self.assertNotIn(self.svc_unpublished.ht_hsds_id, ids)
        self.assertNotIn(self.svc_hidden_org.ht_hsds_id, ids)
        for doc in every:
            self.assertValid("service", doc, compiled=True)
        one = self._json(f"/hsds/services/{self.svc_legal.ht_hsds_id}")
        self.assertValid("service", one, compiled=True)
        self.assertEqual(one["organization"]["id"], self.org.ht_hsds_id)
        # Filters of the API reference.
        legal = self._json("/hsds/services", taxonomy_term_id=self.cat_legal.ht_hsds_id)
        self.assertEqual([d["id"] for d in legal["contents"]], [self.svc_legal.ht_hsds_id])
        housing = self._json("/hsds/services", taxonomy_term_id=self.cat_housing.ht_hsds_id)
        self.assertIn(self.svc_shelter.ht_hsds_id, {d["id"] for d in housing["contents"]})
        by_org = self._json("/hsds/services", organization_id=self.shelter.ht_hsds_id)
        self.assertEqual([d["id"] for d in by_org["contents"]], [self.svc_shelter.ht_hsds_id])
        found = self._json("/hsds/services", search="Immigration relief")
        self.assertEqual([d["id"] for d in found["contents"]], [self.svc_legal.ht_hsds_id])
        later = self._json("/hsds/services", modified_after="2999-01-01T00:00:00Z")
        self.assertTrue(later["empty"])
        self.assertEqual(
            self._json("/hsds/services", taxonomy_id=TAXONOMY_CATEGORY)["total_items"],
            self._json("/hsds/services")["total_items"],
        )
        self.assertEqual(self._get("/hsds/services", page="x").status_code, 400)
        # Organisations, taxonomy, service at location.
        orgs = self._json("/hsds/organizations", per_page=500)
        self.assertEqual(set(orgs), PAGE_KEYS)
        org_ids = {o["id"] for o in orgs["contents"]}
        self.assertTrue({self.org.ht_hsds_id, self.shelter.ht_hsds_id} <= org_ids)
        self.assertNotIn(self.hidden_org.ht_hsds_id, org_ids)
        for doc in orgs["contents"]:
            self.assertValid("organization_list", doc, compiled=True)
        full_org = self._json(f"/hsds/organizations/{self.shelter.ht_hsds_id}", full_service="1")
        self.assertValid("organization", full_org, compiled=True)
        self.assertEqual([s["id"] for s in full_org["services"]], [self.svc_shelter.ht_hsds_id])
        for taxonomy in self._json("/hsds/taxonomies")["contents"]:
            self.assertValid("taxonomy", taxonomy)
        terms = self._json("/hsds/taxonomy_terms", per_page=500, taxonomy_id=TAXONOMY_CATEGORY)
        self.assertIn(self.cat_legal.ht_hsds_id, {t["id"] for t in terms["contents"]})
        for term in terms["contents"]:
            self.assertValid("taxonomy_term", term)
        children = self._json("/hsds/taxonomy_terms", parent_id=self.cat_housing.ht_hsds_id)
        self.assertIn(
            self.cat_emergency_housing.ht_hsds_id, {t["id"] for t in children["contents"]}
        )
        sals = self._json("/hsds/service_at_locations", per_page=500, full="1")
        for sal in sals["contents"]:
            self.assertValid("service_at_location", sal, compiled=True)
        shelter_sal = next(
            s for s in sals["contents"] if s["service_id"] == self.svc_shelter.ht_hsds_id
        )
        self.assertEqual(
            shelter_sal["id"], derived_id(self.svc_shelter.ht_hsds_id, "service_at_location")
        )
        self.assertEqual(shelter_sal["location"]["location_type"], "virtual")
        self.assertNotIn("latitude", shelter_sal["location"])

    def test_unpublished_answers_exactly_like_nonexistent(self):
        self._mode("public")
        missing = self._get(f"/hsds/services/{uuid.uuid4()}")
        self.assertEqual(missing.status_code, 404)
        for path in (
            f"/hsds/services/{self.svc_unpublished.ht_hsds_id}",  # service not published
            f"/hsds/services/{self.svc_hidden_org.ht_hsds_id}",  # its organisation is not
            f"/hsds/services/{self.svc_legal.id}",  # a database id is no HSDS id
            f"/hsds/organizations/{self.hidden_org.ht_hsds_id}",
            f"/hsds/organizations/{self.contact.ht_hsds_id}",  # a person, never published
            f"/hsds/organizations/{uuid.uuid4()}",
        ):
            response = self._get(path)
            self.assertEqual(
                (response.status_code, response.content, response.headers["Content-Type"]),
                (missing.status_code, missing.content, missing.headers["Content-Type"]),
                path,
            )
        # Withdrawing a published provider withdraws its services at once.
        self.org.with_user(self.coordinator).ht_hsds_published = False
        response = self._get(f"/hsds/services/{self.svc_legal.ht_hsds_id}")
        self.assertEqual((response.status_code, response.content), (404, missing.content))

    def test_taxonomy_and_term_by_id(self):
        """A taxonomy or a term is found by its HSDS id; any other id answers like
        anything that does not exist."""
        self._mode("public")
        term = self._json(f"/hsds/taxonomy_terms/{self.cat_housing.ht_hsds_id}")
        self.assertEqual(term["id"], self.cat_housing.ht_hsds_id)
        self.assertEqual(
            self._json(f"/hsds/taxonomies/{TAXONOMY_CATEGORY}")["id"], TAXONOMY_CATEGORY
        )
        missing = self._get(f"/hsds/services/{uuid.uuid4()}")
        for path in (
            f"/hsds/taxonomy_terms/{uuid.uuid4()}",
            f"/hsds/taxonomy_terms/{self.cat_housing.id}",  # a database id is no HSDS id
            f"/hsds/taxonomies/{uuid.uuid4()}",
        ):
            response = self._get(path)
            self.assertEqual((response.status_code, response.content), (404, missing.content), path)

    def test_page_costs_constant_queries(self):
        """A page of 2 services and one of 12 cost the same number of queries."""
        self._mode("public")
        for i in range(10):
            provider = self._provider(
                f"Page {i}",
                phone="+1 555 1000",
                street="2 Main Street",
                city="Springfield",
                state_id=self.org.state_id.id,
                country_id=self.org.country_id.id,
                ht_hsds_published=True,
            )
            self._service(
                provider,
                ht_hsds_published=True,
                is_24_7=bool(i % 2),
                lang_ids=[(6, 0, self.spanish.ids)],
                region_ids=[(6, 0, self.region_b.ids)],
                population_ids=[(6, 0, self.pop_minors.ids)],
            )
        self._json("/hsds/services", per_page=12, full="1")  # warm-up
        counts = {}
        for size in (2, 12):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            page = self._json("/hsds/services", per_page=size, full="1")
            counts[size] = self.env.cr.sql_log_count - before
            self.assertEqual(page["size"], size)
        self.assertGreater(counts[2], 5, counts)
        self.assertEqual(counts[2], counts[12], counts)

    @mute_logger("odoo.http")
    def test_nothing_but_get(self):
        self._mode("public")
        response = self.url_open("/hsds/services", data={"x": "1"})
        self.assertIn(response.status_code, (403, 405))
