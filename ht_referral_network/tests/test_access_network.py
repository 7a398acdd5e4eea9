# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import HtNetworkCase, acl_error, field_error, rule_error


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
        with self.assertRaisesRegex(AccessError, acl_error("read", "ht.confidential.address")):
            self.env["ht.confidential.address"].with_user(self.reader).search([])
        partner = self.shelter.with_user(self.reader)
        with self.assertRaisesRegex(
            AccessError, field_error("ht_confidential_address_ids", "res.partner")
        ):
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
        with self.assertRaisesRegex(
            AccessError, field_error("ht_confidential_address_ids", "res.partner")
        ):
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
        # capacity is what a reader may write: another organisation's service is
        # refused by the record rule, not by the field check above
        with self.assertRaisesRegex(AccessError, rule_error("write", "ht.service")):
            self.other_service.with_user(self.reader).write({"capacity_available": 0})
        self.assertEqual(self.other_service.capacity_available, 1)
        with self.assertRaisesRegex(AccessError, acl_error("create", "ht.service")):
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
            with (
                self.subTest(model=model),
                self.assertRaisesRegex(AccessError, acl_error("read", model)),
            ):
                self.env[model].with_user(self.employee).search([])
        with self.assertRaisesRegex(AccessError, field_error("ht_membership_state", "res.partner")):
            self.shelter.with_user(self.employee).read(["ht_membership_state"])

    def test_reader_cannot_manage(self):
        with self.assertRaisesRegex(AccessError, acl_error("create", "ht.mou")):
            self.env["ht.mou"].with_user(self.reader).create(
                {"name": "x", "date_start": self.today, "date_end": self.today}
            )
        with self.assertRaisesRegex(AccessError, acl_error("read", "ht.gap.report")):
            self.env["ht.gap.report"].with_user(self.reader).search([])
        with self.assertRaisesRegex(AccessError, "Only a Network Coordinator changes"):
            self.shelter.with_user(self.reader)._ht_set_membership("suspended", "no")
        self.assertEqual(self.shelter.ht_membership_state, "member")

    def test_contact_editor_cannot_change_membership(self):
        """Most internal users may edit contacts (Contact Creation is in Odoo's
        default user template): that must not let them certify, suspend or reset
        a provider, through the API or by writing the fields."""
        editor = new_test_user(
            self.env,
            "ht_net_editor",
            groups="base.group_user,base.group_partner_manager,"
            "ht_referral_network.group_ht_network_user",
        )
        applicant = self._provider("Applicant Org", member=False)
        applicant._ht_set_membership("applicant", "applied")
        with self.assertRaisesRegex(
            AccessError, "Only a Network Coordinator changes a network membership"
        ):
            self.shelter.with_user(editor)._ht_set_membership("suspended", "no")
        # written directly, the fields are refused to everyone: only the button
        refused = "changes only through the Change membership button"
        for partner, call in (
            (self.shelter, lambda p: p.write({"ht_membership_state": "none"})),
            (applicant, lambda p: p.write({"ht_membership_state": "member"})),
            (applicant, lambda p: p.write({"ht_membership_reason": "approved"})),
            (
                applicant,
                lambda p: p.write(
                    {"ht_membership_event_ids": [(0, 0, {"to_state": "member", "reason": "x"})]}
                ),
            ),
        ):
            with self.assertRaisesRegex(UserError, refused):
                call(partner.with_user(editor))
        with self.assertRaisesRegex(UserError, refused):
            self.env["res.partner"].with_user(editor).create(
                {"name": "Self-certified", "is_company": True, "ht_membership_state": "member"}
            )
        self.assertEqual(self.shelter.ht_membership_state, "member")
        self.assertEqual(applicant.ht_membership_state, "applicant")
        # the editor still edits the contact itself, and creates plain contacts
        self.shelter.with_user(editor).write({"phone": "+1 555 0100"})
        self.assertEqual(self.shelter.phone, "+1 555 0100")
        plain = self.env["res.partner"].with_user(editor).create({"name": "Plain Org"})
        self.assertEqual(plain.ht_membership_state, "none")
        # the coordinator does it, with the reason recorded
        self.shelter.with_user(self.coordinator)._ht_set_membership("suspended", "audit")
        self.assertEqual(self.shelter.ht_membership_state, "suspended")
