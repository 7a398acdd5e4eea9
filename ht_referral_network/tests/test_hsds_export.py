# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The directory as an Open Referral HSDS 3.0 dataset: stable ids, published
records only, every object valid against the official schemas, confidential
locations never out, and who may publish."""

import io
import json
import uuid
import zipfile

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import acl_error
from .common_hsds import HtHsdsCase

PUBLISH_REFUSED = "Only a Network Coordinator publishes"


@tagged("post_install", "-at_install", "ht_referral_network")
class TestHsdsExport(HtHsdsCase):
    def _export(self, user=None):
        buffer = io.BytesIO()
        exporter = self.env["ht.hsds.export"]
        counts = exporter.with_user(user or self.coordinator)._ht_export_zip(buffer)
        buffer.seek(0)
        with zipfile.ZipFile(buffer) as archive:
            files = {name: archive.read(name).decode() for name in archive.namelist()}
        return counts, files

    # ------------------------------------------------------------------ ids

    def test_records_get_a_stable_uuid_never_their_database_id(self):
        partner = self.env["res.partner"].create({"name": "New agency", "is_company": True})
        self.assertEqual(str(uuid.UUID(partner.ht_hsds_id)), partner.ht_hsds_id)
        copy = partner.copy()
        self.assertNotEqual(copy.ht_hsds_id, partner.ht_hsds_id)
        category = self.env["ht.service.category"].create({"name": "X", "code": "t_x"})
        self.assertTrue(uuid.UUID(category.ht_hsds_id))
        # Rows that existed before the field (install, upgrade) got one each.
        self.env.cr.execute(
            "SELECT count(*), count(DISTINCT ht_hsds_id) FROM res_partner "
            "WHERE ht_hsds_id IS NOT NULL"
        )
        total, distinct = self.env.cr.fetchone()
        self.env.cr.execute("SELECT count(*) FROM res_partner")
        self.assertEqual((total, distinct), (self.env.cr.fetchone()[0], total))
        # Nobody changes it afterwards, not even a coordinator.
        with self.assertRaisesRegex(AccessError, "never changes"):
            self.org.with_user(self.coordinator).write({"ht_hsds_id": str(uuid.uuid4())})
        with self.assertRaisesRegex(ValidationError, "is a UUID"):
            self.env["res.partner"].with_user(self.coordinator).create(
                {"name": "Bad", "ht_hsds_id": "not-a-uuid"}
            )

    def test_a_contact_editor_cannot_publish_or_choose_an_hsds_id(self):
        """The publish choice and the HSDS id are the coordinator's; a directory
        user who may edit contacts gets a refusal from write()/create()."""
        hidden = self.hidden_org.with_user(self.contact_editor)
        with self.assertRaisesRegex(AccessError, PUBLISH_REFUSED):
            hidden.write({"ht_hsds_published": True})
        with self.assertRaisesRegex(AccessError, PUBLISH_REFUSED):
            self.env["res.partner"].with_user(self.contact_editor).create(
                {"name": "Self-listed", "is_company": True, "ht_hsds_published": True}
            )
        with self.assertRaisesRegex(AccessError, PUBLISH_REFUSED):
            self.env["res.partner"].with_user(self.contact_editor).create(
                {"name": "Squatter", "is_company": True, "ht_hsds_id": self.org.ht_hsds_id}
            )
        # Other fields stay editable for them, and the choice is not touched.
        hidden.write({"phone": "+1 555 0399"})
        self.assertFalse(self.hidden_org.ht_hsds_published)
        # A directory user who updates capacity cannot publish a service either.
        self.svc_unpublished.sudo().provider_id = self.org
        with self.assertRaisesRegex(AccessError, "ht_hsds_published"):
            self.svc_unpublished.with_user(self.reader).write({"ht_hsds_published": True})
        # A coordinator can.
        self.hidden_org.with_user(self.coordinator).write({"ht_hsds_published": True})
        self.assertTrue(self.hidden_org.ht_hsds_published)

    # ------------------------------------------------------------------ dataset

    def test_export_is_valid_hsds_with_published_records_only(self):
        counts, files = self._export()
        self.assertEqual(
            set(files),
            {
                "taxonomies.json",
                "taxonomy_terms.json",
                "organizations.json",
                "services.json",
                "datapackage.json",
            },
        )
        orgs = json.loads(files["organizations.json"])
        services = json.loads(files["services.json"])
        self.assertEqual(
            {o["id"] for o in orgs} & {self.org.ht_hsds_id, self.shelter.ht_hsds_id},
            {self.org.ht_hsds_id, self.shelter.ht_hsds_id},
        )
        self.assertNotIn(self.hidden_org.ht_hsds_id, {o["id"] for o in orgs})
        service_ids = {s["id"] for s in services}
        self.assertIn(self.svc_legal.ht_hsds_id, service_ids)
        self.assertIn(self.svc_shelter.ht_hsds_id, service_ids)
        self.assertNotIn(self.svc_unpublished.ht_hsds_id, service_ids, "service not published")
        self.assertNotIn(self.svc_hidden_org.ht_hsds_id, service_ids, "organisation unpublished")
        self.assertEqual(counts["services.json"], len(services))
        # Every object, whole, against the official schemas (compiled and with $refs).
        for org in orgs:
            self.assertValid("organization", org, compiled=True)
            self.assertValid("organization", org)
        for svc in services:
            self.assertValid("service", svc, compiled=True)
            self.assertValid("service", svc)
            for sal in svc["service_at_locations"]:
                self.assertValid("service_at_location", sal, compiled=True)
                self.assertValid("location", sal["location"])
        for term in json.loads(files["taxonomy_terms.json"]):
            self.assertValid("taxonomy_term", term)
        for taxonomy in json.loads(files["taxonomies.json"]):
            self.assertValid("taxonomy", taxonomy)
        # What a reader of the dataset needs, mapped from our fields.
        legal = next(s for s in services if s["id"] == self.svc_legal.ht_hsds_id)
        self.assertEqual(legal["organization_id"], self.org.ht_hsds_id)
        self.assertEqual((legal["minimum_age"], legal["maximum_age"]), (18, 99))
        self.assertEqual([lang["code"] for lang in legal["languages"]], ["es"])
        self.assertEqual([a["name"] for a in legal["service_areas"]], ["North"])
        self.assertEqual(legal["schedules"][0]["description"], "Mon-Fri 9:00-17:00")
        terms = {a["taxonomy_term_id"] for a in legal["attributes"]}
        self.assertIn(self.cat_legal.ht_hsds_id, terms)
        shelter = next(s for s in services if s["id"] == self.svc_shelter.ht_hsds_id)
        self.assertEqual(shelter["schedules"][0]["byday"], "MO,TU,WE,TH,FR,SA,SU")
        capacity = {a["link_type"]: a["value"] for a in shelter["attributes"]}
        self.assertEqual(
            (capacity["capacity_available"], capacity["capacity_maximum"]), ("2", "10")
        )
        harbor = next(o for o in orgs if o["id"] == self.org.ht_hsds_id)
        self.assertEqual(harbor["locations"][0]["addresses"][0]["address_1"], "1 Public Square")
        # Role contacts only, named by their role: no person's name.
        self.assertEqual([c["name"] for c in harbor["contacts"]], ["Referral intake"])
        # The taxonomy keeps the category hierarchy.
        by_id = {t["id"]: t for t in json.loads(files["taxonomy_terms.json"])}
        self.assertEqual(
            by_id[self.cat_emergency_housing.ht_hsds_id]["parent_id"],
            self.cat_housing.ht_hsds_id,
        )
        # Ids are the stored UUIDs: a second export gives the same ones.
        _counts, again = self._export()
        self.assertEqual(again["services.json"], files["services.json"])

    def test_confidential_location_never_leaves(self):
        """The shelter is published with a virtual location: no street (neither
        its real one nor its front door), no coordinates, call for location."""
        _counts, files = self._export()
        for name, text in files.items():
            self.assertNoSecret(text, name)
        orgs = json.loads(files["organizations.json"])
        shelter = next(o for o in orgs if o["id"] == self.shelter.ht_hsds_id)
        (location,) = shelter["locations"]
        self.assertEqual(location["location_type"], "virtual")
        self.assertNotIn("addresses", location)
        self.assertNotIn("latitude", location)
        self.assertIn("Call +1 555 0200 for location", location["description"])
        # A non-confidential provider keeps its coordinates.
        self.org.write({"partner_latitude": 40.5, "partner_longitude": -3.5})
        _counts, files = self._export()
        harbor = next(
            o for o in json.loads(files["organizations.json"]) if o["id"] == self.org.ht_hsds_id
        )
        self.assertEqual(harbor["locations"][0]["latitude"], 40.5)

    def test_only_a_coordinator_exports(self):
        with self.assertRaisesRegex(AccessError, "Only a Network Coordinator exports"):
            self._export(user=self.reader)

    def test_constant_queries_per_batch(self):
        """A page of 2 or of 12 services (with their organisations, contacts,
        languages, regions, populations) costs the same number of queries."""
        for i in range(10):
            provider = self._provider(
                f"Extra {i}",
                phone="+1 555 1000",
                street="2 Main Street",
                city="Springfield",
                state_id=self.org.state_id.id,
                country_id=self.org.country_id.id,
                ht_hsds_published=True,
            )
            self.env["res.partner"].create(
                {"name": f"Desk {i}", "parent_id": provider.id, "ht_contact_role": "intake"}
            )
            self._service(
                provider,
                ht_hsds_published=True,
                lang_ids=[(6, 0, self.spanish.ids)],
                region_ids=[(6, 0, self.region_b.ids)],
                population_ids=[(6, 0, self.pop_minors.ids)],
            )
        # As in a request, the language is known (else _() asks the user's once).
        exporter = self.env["ht.hsds.export"].sudo().with_context(lang="en_US")
        domain = exporter._ht_service_domain()
        Service = self.env["ht.service"].sudo()
        exporter._ht_service_docs(Service.search(domain))  # warm the registry's caches
        counts = []
        for size in (2, 12):
            self.env.invalidate_all()
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            docs = exporter._ht_service_docs(Service.search(domain, limit=size))
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(len(docs), size)
        self.assertEqual(counts[0], counts[1], f"queries for 2 and 12 services: {counts}")
        self.env.invalidate_all()
        with self.assertQueryCount(counts[0]):
            exporter._ht_service_docs(Service.search(domain, limit=12))


@tagged("post_install", "-at_install", "ht_referral_network")
class TestHsdsAccessRights(HtHsdsCase):
    def test_non_coordinator_cannot_open_the_import_wizard(self):
        with self.assertRaisesRegex(AccessError, acl_error("create", "ht.hsds.import")):
            self.env["ht.hsds.import"].with_user(self.reader).create({"dry_run": True})
