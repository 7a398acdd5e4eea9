# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import HtNetworkCase


@tagged("post_install", "-at_install", "ht_referral_network")
class TestNetworkAccess(HtNetworkCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shelter = cls._provider(
            "Secret Shelter", ht_confidential_location=True, street="Front door: PO Box 1"
        )
        cls.env["ht.confidential.address"].create(
            {"partner_id": cls.shelter.id, "street": "99 Hidden Road", "city": "Metro"}
        )
        cls.own = cls._provider("Reader's Agency")
        cls.reader.company_id.partner_id  # noqa: B018 - the reader's company partner exists
        cls.reader.partner_id.parent_id = cls.own
        cls.own_service = cls._service(cls.own)
        cls.other_service = cls._service(cls.shelter)

    def test_confidential_address_hidden_from_reader(self):
        with self.assertRaises(AccessError):
            self.env["ht.confidential.address"].with_user(self.reader).search([])
        partner = self.shelter.with_user(self.reader)
        with self.assertRaises(AccessError):
            partner.read(["ht_confidential_address_ids"])
        plain = [
            name
            for name, field in partner._fields.items()
            if field.store
            and field.type not in ("one2many", "many2many", "binary")
            and (not field.groups or self.reader.has_groups(field.groups))
        ]
        data = partner.read(plain)[0]
        self.assertNotIn("Hidden Road", str(data))
        # search by the real street finds nothing; export carries nothing of it
        Partner = self.env["res.partner"].with_user(self.reader)
        self.assertFalse(Partner.search([("street", "ilike", "Hidden Road")]))
        exported = partner.export_data(["name", "street", "city"])["datas"]
        self.assertNotIn("Hidden Road", str(exported))
        with self.assertRaises(AccessError):
            partner.export_data(["ht_confidential_address_ids/street"])
        # and the coordinator reads it
        coordinator_view = self.shelter.with_user(self.coordinator).ht_confidential_address_ids
        self.assertEqual(coordinator_view.street, "99 Hidden Road")

    def test_reader_updates_only_own_capacity(self):
        mine = self.own_service.with_user(self.reader)
        mine.write({"capacity_available": 4})
        self.assertEqual(self.own_service.capacity_available, 4)
        with self.assertRaisesRegex(AccessError, "only update the capacity"):
            mine.write({"description": "changed"})
        with self.assertRaises(AccessError):
            self.other_service.with_user(self.reader).write({"capacity_available": 0})
        with self.assertRaises(AccessError):
            self.env["ht.service"].with_user(self.reader).create(
                {"provider_id": self.own.id, "category_id": self.cat_housing.id}
            )
        self.assertIn(self.other_service, self.env["ht.service"].with_user(self.reader).search([]))

    def test_employee_reads_nothing_of_the_network(self):
        for model in (
            "ht.service",
            "ht.mou",
            "ht.oncall.shift",
            "ht.certification",
            "ht.gap.report",
            "ht.volunteer.opportunity",
            "ht.network.event",
            "ht.confidential.address",
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.employee).search([])
        with self.assertRaises(AccessError):
            self.shelter.with_user(self.employee).read(["ht_membership_state"])

    def test_reader_cannot_manage(self):
        with self.assertRaises(AccessError):
            self.env["ht.mou"].with_user(self.reader).create(
                {"name": "x", "date_start": self.today, "date_end": self.today}
            )
        with self.assertRaises(AccessError):
            self.env["ht.gap.report"].with_user(self.reader).search([])
        with self.assertRaises(AccessError):
            self.shelter.with_user(self.reader)._ht_set_membership("suspended", "no")
