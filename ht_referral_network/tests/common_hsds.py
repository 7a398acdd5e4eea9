# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A small published directory, a confidential shelter whose secrets are random
strings (so the tests can grep every output for them), and the official HSDS 3.0
schemas (``HT_HSDS_DIR``, else ``<repo>/../shared/hsds-3.0``, else
``/work/shared/hsds-3.0``: a test FAILS when none is there, it never skips)."""

import os
import secrets
from pathlib import Path

from odoo.tests import new_test_user

from odoo.addons.ht_referral_network.hsds import schema as hsds_schema

from .common import HtNetworkCase


def hsds_dir():
    candidates = []
    if os.environ.get("HT_HSDS_DIR"):
        candidates.append(Path(os.environ["HT_HSDS_DIR"]))
    candidates.append(Path(__file__).resolve().parents[2].parent / "shared" / "hsds-3.0")
    candidates.append(Path("/work/shared/hsds-3.0"))
    for path in candidates:
        if (path / "schema" / "service.json").is_file():
            return path
    raise AssertionError(
        "The official HSDS 3.0 schemas were not found (looked in: "
        + ", ".join(str(p) for p in candidates)
        + "). Set HT_HSDS_DIR to the folder holding schema/service.json."
    )


def secret():
    return f"zz{secrets.token_hex(8)}"


class HtHsdsMixinCase:
    """Mixed into HtNetworkCase subclasses (TransactionCase or HttpCase)."""

    @classmethod
    def _hsds_fixture(cls):
        cls.hsds_dir = hsds_dir()
        # The product looks the schemas up through this parameter too.
        cls.env["ir.config_parameter"].sudo().set_param(hsds_schema.SCHEMA_PARAM, str(cls.hsds_dir))
        cls.contact_editor = new_test_user(
            cls.env,
            "ht_hsds_editor",
            groups="base.group_user,base.group_partner_manager,"
            "ht_referral_network.group_ht_network_user",
        )
        env = cls.env
        cls.org = cls._provider(
            "Harbor Legal Aid",
            street="1 Public Square",
            city="Springfield",
            zip="12345",
            phone="+1 555 0100",
            email="intake@harbor.example",
            website="https://harbor.example",
            country_id=env.ref("base.us").id,
            state_id=env.ref("base.state_us_5").id,
        )
        cls.person_name = secret()
        cls.contact = env["res.partner"].create(
            {
                "name": cls.person_name,
                "parent_id": cls.org.id,
                "ht_contact_role": "intake",
                "email": "desk@harbor.example",
                "phone": "+1 555 0101",
            }
        )
        # A shelter: its public front door and its real location are random strings.
        cls.secrets = {
            "front_street": secret(),
            "real_street": secret(),
            "real_street2": secret(),
            "real_city": secret(),
            "real_zip": secret(),
            "real_notes": secret(),
        }
        cls.latitude, cls.longitude = 12.3456789, -65.4321987
        cls.shelter = cls._provider(
            "Safe Harbor Shelter",
            street=cls.secrets["front_street"],
            city="Springfield",
            phone="+1 555 0200",
            ht_confidential_location=True,
            partner_latitude=cls.latitude,
            partner_longitude=cls.longitude,
        )
        env["ht.confidential.address"].create(
            {
                "partner_id": cls.shelter.id,
                "street": cls.secrets["real_street"],
                "street2": cls.secrets["real_street2"],
                "city": cls.secrets["real_city"],
                "zip": cls.secrets["real_zip"],
                "notes": cls.secrets["real_notes"],
            }
        )
        cls.hidden_org = cls._provider("Unlisted Clinic", phone="+1 555 0300")
        cls.svc_legal = cls._service(
            cls.org,
            cls.cat_legal,
            description="Immigration relief for survivors",
            eligibility="Survivors of trafficking",
            min_age=18,
            max_age=99,
            population_ids=[(6, 0, cls.pop_adults.ids)],
            lang_ids=[(6, 0, cls.spanish.ids)],
            region_ids=[(6, 0, cls.region_a.ids)],
            schedule="Mon-Fri 9:00-17:00",
        )
        cls.svc_shelter = cls._service(cls.shelter, is_24_7=True, capacity_available=2)
        cls.svc_unpublished = cls._service(cls.org, cls.cat_housing)
        cls.svc_hidden_org = cls._service(cls.hidden_org)
        (cls.org | cls.shelter).write({"ht_hsds_published": True})
        (cls.svc_legal | cls.svc_shelter | cls.svc_hidden_org).write({"ht_hsds_published": True})
        cls.hidden_org.ht_hsds_published = False

    def assertNoSecret(self, text, where):
        for key, value in self.secrets.items():
            self.assertNotIn(value, text, f"{key} leaked in {where}")
        self.assertNotIn(self.person_name, text, f"a contact person's name leaked in {where}")
        for coordinate in (self.latitude, self.longitude):
            self.assertNotIn(str(coordinate)[:7], text, f"a coordinate leaked in {where}")

    def assertValid(self, name, document, compiled=False):
        problems = hsds_schema.errors(self.hsds_dir, name, document, compiled=compiled)
        self.assertFalse(problems, f"{name} {document.get('id')}: {problems}")


class HtHsdsCase(HtHsdsMixinCase, HtNetworkCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._hsds_fixture()
