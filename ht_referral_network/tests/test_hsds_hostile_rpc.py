# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The HSDS fields and the dataset download, tried by a hostile logged-in user:
JSON-RPC with any context key and any value."""

import io
import uuid
import zipfile

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import HtNetworkCase
from .common_hsds import HtHsdsMixinCase
from .common_rpc import HostileRpcMixin

HOSTILE_CONTEXT = {
    "active_test": False,
    "tracking_disable": True,
    "install_mode": True,
    "ht_hsds_coordinator": True,
    "default_ht_hsds_published": True,
}


@tagged("post_install", "-at_install", "ht_referral_network")
class TestHsdsHostileRpc(HostileRpcMixin, HtHsdsMixinCase, HtNetworkCase, HttpCase):
    hostile_context = HOSTILE_CONTEXT

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._hsds_fixture()

    @mute_logger("odoo.http")
    def test_a_directory_user_cannot_publish_over_rpc(self):
        """A contact editor of the directory (what a case worker may be) cannot
        publish a provider, create one published, or take another's HSDS id."""
        self.authenticate("ht_hsds_editor", "ht_hsds_editor")
        attempts = [
            ("res.partner", "write", [self.hidden_org.id], {"ht_hsds_published": True}),
            (
                "res.partner",
                "create",
                {"name": "Self-listed", "is_company": True, "ht_hsds_published": True},
            ),
            (
                "res.partner",
                "create",
                {"name": "Squatter", "is_company": True, "ht_hsds_id": self.org.ht_hsds_id},
            ),
            ("res.partner", "write", [self.org.id], {"ht_hsds_id": str(uuid.uuid4())}),
            ("res.partner", "web_save", [self.hidden_org.id], {"ht_hsds_published": True}, {}),
        ]
        for model, method, *args in attempts:
            self.assertRefused(
                self._call(model, method, *args),
                "Only a Network Coordinator publishes|never changes",
                f"{method} {args}",
            )
        self.env.invalidate_all()
        self.assertFalse(self.hidden_org.ht_hsds_published)
        self.assertFalse(
            self.env["res.partner"].search([("name", "in", ("Self-listed", "Squatter"))])
        )

    @mute_logger("odoo.http")
    def test_a_capacity_updater_cannot_publish_a_service_over_rpc(self):
        self.svc_unpublished.provider_id = self.org
        self.reader.parent_id = self.org  # works at the provider: updates its capacity
        self.authenticate("ht_net_reader", "ht_net_reader")
        reply = self._call(
            "ht.service", "write", [self.svc_unpublished.id], {"capacity_available": 3}
        )
        self.assertTrue(reply.get("result"), reply)
        reply = self._call(
            "ht.service", "write", [self.svc_unpublished.id], {"ht_hsds_published": True}
        )
        self.assertRefused(reply, "ask the Network Coordinator to change ht_hsds_published")
        self.env.invalidate_all()
        self.assertFalse(self.svc_unpublished.ht_hsds_published)

    @mute_logger("odoo.http")
    def test_listing_follows_publication(self):
        """Whether a service is listed is the system's: not even a coordinator
        lists by hand the service of an unpublished organisation."""
        self.assertFalse(self.svc_hidden_org.ht_hsds_listed)
        self.authenticate("ht_net_coord", "ht_net_coord")
        reply = self._call(
            "ht.service", "write", [self.svc_hidden_org.id], {"ht_hsds_listed": True}
        )
        self.assertRefused(reply, "follows its and its provider's publication")
        self.env.invalidate_all()
        self.assertFalse(self.svc_hidden_org.ht_hsds_listed)
        # Publishing the organisation lists it; archiving it unlists it again.
        self.hidden_org.with_user(self.coordinator).ht_hsds_published = True
        self.assertTrue(self.svc_hidden_org.ht_hsds_listed)
        self.hidden_org.active = False
        self.assertFalse(self.svc_hidden_org.ht_hsds_listed)

    @mute_logger("odoo.http")
    def test_the_dataset_download_is_for_coordinators(self):
        self.authenticate("ht_net_reader", "ht_net_reader")
        self.assertEqual(self.url_open("/hsds/export/dataset.zip").status_code, 404)
        self.authenticate("ht_net_coord", "ht_net_coord")
        response = self.url_open("/hsds/export/dataset.zip")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/zip")
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            self.assertIn("services.json", archive.namelist())
            for name in archive.namelist():
                self.assertNoSecret(archive.read(name).decode(), name)
            self.assertIn(self.svc_legal.ht_hsds_id, archive.read("services.json").decode())
