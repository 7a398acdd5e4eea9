# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Loading an HSDS 3.0 dataset: dry run, upsert by HSDS id, one savepoint per
organisation with a report, schema validation first, applicants only, and only
a Network Coordinator imports."""

import base64
import io
import json
import uuid
import zipfile

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import acl_error
from .common_hsds import HtHsdsCase


@tagged("post_install", "-at_install", "ht_referral_network")
class TestHsdsImport(HtHsdsCase):
    def _dataset(self):
        """Our own export, as another directory would send it (new ids)."""
        buffer = io.BytesIO()
        self.env["ht.hsds.export"].with_user(self.coordinator)._ht_export_zip(buffer)
        buffer.seek(0)
        with zipfile.ZipFile(buffer) as archive:
            return {
                name: json.loads(archive.read(name))
                for name in archive.namelist()
                if name != "datapackage.json"
            }

    def _foreign_org(self, name, category=None, services=1):
        org_id = str(uuid.uuid4())
        org = {
            "id": org_id,
            "name": name,
            "description": f"{name}, a member of another directory",
            "email": "hello@foreign.example",
            "phones": [{"id": str(uuid.uuid4()), "number": "+1 555 0900"}],
            "locations": [
                {
                    "id": str(uuid.uuid4()),
                    "location_type": "physical",
                    "addresses": [
                        {
                            "id": str(uuid.uuid4()),
                            "address_1": "9 Elm Street",
                            "city": "Shelbyville",
                            "state_province": "IL",
                            "postal_code": "62565",
                            "country": "US",
                            "address_type": "physical",
                        }
                    ],
                }
            ],
        }
        svcs = []
        for i in range(services):
            sid = str(uuid.uuid4())
            svcs.append(
                {
                    "id": sid,
                    "organization_id": org_id,
                    "name": f"{name} service {i}",
                    "status": "active",
                    "description": "Walk-in legal clinic",
                    "minimum_age": 16,
                    "languages": [{"id": str(uuid.uuid4()), "code": "es", "name": "Spanish"}],
                    "service_areas": [{"id": str(uuid.uuid4()), "name": "South"}],
                    "schedules": [
                        {
                            "id": str(uuid.uuid4()),
                            "byday": "MO,TU,WE,TH,FR,SA,SU",
                            "opens_at": "00:00",
                            "closes_at": "23:59",
                        }
                    ],
                    "attributes": [
                        {
                            "id": str(uuid.uuid4()),
                            "taxonomy_term_id": (category or self.cat_legal).ht_hsds_id,
                        }
                    ],
                }
            )
        return org, svcs

    def _wizard(self, files, dry_run, zipped=True, user=None):
        if zipped:
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as archive:
                for name, content in files.items():
                    archive.writestr(name, json.dumps(content))
            data, filename = buffer.getvalue(), "dataset.zip"
        else:
            ((filename, content),) = files.items()
            data = json.dumps(content).encode()
        return (
            self.env["ht.hsds.import"]
            .with_user(user or self.coordinator)
            .create({"data_file": base64.b64encode(data), "filename": filename, "dry_run": dry_run})
        )

    def _state(self):
        self.env.flush_all()
        counts = {}
        for table in ("res_partner", "ht_service", "ht_membership_event", "mail_message"):
            self.env.cr.execute(f"SELECT count(*), max(write_date) FROM {table}")  # fixed names
            counts[table] = self.env.cr.fetchone()
        return counts

    def _lines(self, wizard):
        return {(line.kind, line.name): (line.action, line.message) for line in wizard.line_ids}

    def test_dry_run_writes_nothing(self):
        org, services = self._foreign_org("Shelbyville Legal", services=2)
        before = self._state()
        wizard = self._wizard({"organizations.json": [org], "services.json": services}, True)
        wizard.action_run()
        self.assertEqual(self._state(), before)
        lines = self._lines(wizard)
        self.assertEqual(lines[("organization", "Shelbyville Legal")][0], "create")
        self.assertIn("would be created", lines[("organization", "Shelbyville Legal")][1])
        self.assertEqual(lines[("service", "Shelbyville Legal service 0")][0], "create")
        self.assertIn("Dry run", wizard.summary)
        self.assertFalse(
            self.env["res.partner"].search([("ht_hsds_id", "=", org["id"])]),
        )

    def test_import_creates_applicants_then_updates_by_hsds_id(self):
        org, services = self._foreign_org("Shelbyville Legal")
        wizard = self._wizard({"organizations.json": [org], "services.json": services}, False)
        wizard.action_run()
        partner = self.env["res.partner"].search([("ht_hsds_id", "=", org["id"])])
        self.assertEqual(partner.name, "Shelbyville Legal")
        self.assertTrue(partner.is_company)
        self.assertEqual(partner.ht_membership_state, "applicant")
        self.assertFalse(partner.ht_hsds_published, "imported records are not published")
        self.assertEqual((partner.street, partner.city), ("9 Elm Street", "Shelbyville"))
        service = partner.ht_service_ids
        self.assertEqual(service.ht_hsds_id, services[0]["id"])
        self.assertEqual(service.category_id, self.cat_legal)
        self.assertEqual(service.min_age, 16)
        self.assertEqual(service.lang_ids, self.spanish)
        self.assertEqual(service.region_ids, self.region_b)
        self.assertTrue(service.is_24_7)
        self.assertFalse(service.ht_hsds_published)
        # The same dataset again, changed: updated in place, nothing duplicated.
        org["name"] = "Shelbyville Legal Aid"
        services[0]["minimum_age"] = 18
        wizard = self._wizard({"organizations.json": [org], "services.json": services}, False)
        wizard.action_run()
        self.assertEqual(self.env["res.partner"].search_count([("ht_hsds_id", "=", org["id"])]), 1)
        self.assertEqual(partner.name, "Shelbyville Legal Aid")
        self.assertEqual(service.min_age, 18)
        self.assertEqual(len(partner.ht_service_ids), 1)
        self.assertEqual(
            self._lines(wizard)[("organization", "Shelbyville Legal Aid")][0], "update"
        )
        # Our own export imported back: certified members stay members, nothing new.
        before = self.env["res.partner"].search_count([])
        wizard = self._wizard(self._dataset(), False)
        wizard.action_run()
        self.assertEqual(self.env["res.partner"].search_count([]), before)
        self.assertEqual(self.org.ht_membership_state, "member")
        self.assertEqual(
            {line.action for line in wizard.line_ids}, {"update"}, wizard.line_ids.mapped("message")
        )

    def test_bad_dataset_rolls_back_each_failed_organisation_and_reports(self):
        good, good_services = self._foreign_org("Good Clinic")
        clash, clash_services = self._foreign_org("Clash Clinic", services=2)
        # Its second service claims the id of a service of another provider here.
        clash_services[1]["id"] = self.svc_legal.ht_hsds_id
        invalid, _invalid_services = self._foreign_org("Invalid Clinic", services=0)
        invalid["id"] = "not-a-uuid"
        del invalid["description"]
        unknown, unknown_services = self._foreign_org("Other Taxonomy")
        unknown_services[0]["attributes"][0]["taxonomy_term_id"] = str(uuid.uuid4())
        services_before = self.svc_legal.read(["provider_id", "min_age"])
        wizard = self._wizard(
            {
                "organizations.json": [good, clash, invalid, unknown],
                "services.json": good_services + clash_services + unknown_services,
            },
            False,
        )
        wizard.action_run()
        lines = self._lines(wizard)
        Partner = self.env["res.partner"]
        self.assertTrue(Partner.search([("ht_hsds_id", "=", good["id"])]).ht_service_ids)
        # Nothing of the failing organisation: neither it nor its first service.
        self.assertFalse(Partner.search([("ht_hsds_id", "=", clash["id"])]))
        self.assertFalse(
            self.env["ht.service"].search([("ht_hsds_id", "=", clash_services[0]["id"])])
        )
        self.assertEqual(self.svc_legal.read(["provider_id", "min_age"]), services_before)
        action, message = lines[("organization", "Clash Clinic")]
        self.assertEqual(action, "error")
        self.assertIn("nothing of this organisation was imported", message)
        self.assertIn("belongs here to another provider (Harbor Legal Aid)", message)
        self.assertEqual(lines[("service", "Clash Clinic service 0")][0], "error")
        # The schema says what is wrong, in words.
        action, message = lines[("organization", "Invalid Clinic")]
        self.assertEqual(action, "error")
        self.assertIn("'not-a-uuid' is not a 'uuid'", message)
        self.assertIn("'description' is a required property", message)
        # A service in a taxonomy we do not know is skipped, its organisation comes.
        action, message = lines[("service", "Other Taxonomy service 0")]
        self.assertEqual(action, "skip")
        self.assertIn("no service category of this network", message)
        self.assertTrue(Partner.search([("ht_hsds_id", "=", unknown["id"])]))
        self.assertIn("1 organisation(s) failed", wizard.summary)

    def test_a_single_json_file_and_unreadable_files(self):
        org, services = self._foreign_org("Single File Clinic")
        org["services"] = services
        wizard = self._wizard({"organization.json": org}, False, zipped=False)
        wizard.action_run()
        partner = self.env["res.partner"].search([("ht_hsds_id", "=", org["id"])])
        self.assertEqual(len(partner.ht_service_ids), 1)
        broken = (
            self.env["ht.hsds.import"]
            .with_user(self.coordinator)
            .create({"data_file": base64.b64encode(b"{not json"), "filename": "x.json"})
        )
        with self.assertRaisesRegex(UserError, "x.json is not valid JSON"):
            broken.action_run()

    def test_only_a_coordinator_imports(self):
        with self.assertRaisesRegex(AccessError, acl_error("create", "ht.hsds.import")):
            self._wizard({"organizations.json": []}, True, user=self.reader)
        org, services = self._foreign_org("Sneaky Clinic")
        wizard = self._wizard({"organizations.json": [org], "services.json": services}, False)
        # The coordinator's wizard run by someone else: refused before anything.
        with self.assertRaisesRegex(AccessError, "Only a Network Coordinator imports"):
            wizard.with_user(self.reader).action_run()
        self.assertFalse(self.env["res.partner"].search([("ht_hsds_id", "=", org["id"])]))
