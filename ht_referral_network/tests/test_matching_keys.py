# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The regions, populations and languages the matching reads from the service's
own row (ht_service_match.py): kept by the system when the lists change, refused
to any caller who writes them, filled by the 18.0.1.2.0 migration."""

import importlib.util
from pathlib import Path

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import HtNetworkCase
from .common_rpc import HostileRpcMixin

MIGRATION = Path(__file__).resolve().parent.parent / "migrations" / "18.0.1.2.0"
KEYS = ("ht_match_region_key", "ht_match_population_key", "ht_match_lang_key")
REFUSED = r"follow the service's regions, populations and languages"


def _stored_keys(env, services):
    env.flush_all()
    env.cr.execute(
        "SELECT id, ht_match_region_key, ht_match_population_key, ht_match_lang_key"
        " FROM ht_service WHERE id IN %s ORDER BY id",
        [tuple(services.ids)],
    )
    return env.cr.fetchall()


@tagged("post_install", "-at_install", "ht_referral_network")
class TestMatchingKeys(HtNetworkCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ht.service"].search([]).write({"state": "inactive"})
        cls.org_a = cls._provider("Key Shelter A")
        cls.org_b = cls._provider("Key Shelter B")
        cls.org_c = cls._provider("Key Shelter C")
        cls.s_a = cls._service(cls.org_a, region_ids=[(6, 0, cls.region_a.ids)])
        cls.s_b = cls._service(cls.org_b, population_ids=[(6, 0, cls.pop_minors.ids)])
        cls.s_c = cls._service(cls.org_c, lang_ids=[(6, 0, cls.spanish.ids)])
        cls.services = cls.s_a | cls.s_b | cls.s_c

    def _expected(self, region=None, populations=None):
        """What the matching must find, decided from the relations themselves."""
        wanted = set((populations or self.env["ht.population"]).ids)
        return {
            s
            for s in self.services
            if (not region or not s.region_ids or region in s.region_ids)
            and (not s.population_ids or wanted <= set(s.population_ids.ids))
        }

    def _found(self, region=None, populations=None):
        found = self.env["ht.service"]._ht_match(
            self.cat_emergency_housing, region=region, populations=populations
        )
        return set(found & self.services)

    def _assert_same_as_relations(self):
        self.env.invalidate_all()
        for region in (None, self.region_a, self.region_b):
            for pops in (None, self.pop_minors, self.pop_adults, self.pop_minors | self.pop_adults):
                self.assertEqual(
                    self._found(region, pops),
                    self._expected(region, pops),
                    f"region {region and region.name}, populations {pops and pops.mapped('name')}",
                )

    def test_match_follows_region_and_population_changes(self):
        self._assert_same_as_relations()
        self.assertEqual(self._found(self.region_b), {self.s_b, self.s_c})
        # the coordinator moves A to the south and B to adults and minors
        self.s_a.with_user(self.coordinator).write({"region_ids": [(6, 0, self.region_b.ids)]})
        self.s_b.with_user(self.coordinator).write({"population_ids": [(4, self.pop_adults.id)]})
        self.assertEqual(self.s_a.ht_match_region_key, self.region_b.ids)
        self.assertEqual(
            self.s_b.ht_match_population_key, sorted((self.pop_minors | self.pop_adults).ids)
        )
        self._assert_same_as_relations()
        self.assertEqual(self._found(self.region_b), {self.s_a, self.s_b, self.s_c})
        self.assertEqual(self._found(self.region_a), {self.s_b, self.s_c})
        self.assertEqual(self._found(populations=self.pop_adults), {self.s_a, self.s_b, self.s_c})
        # emptied lists mean everywhere / everyone again
        self.s_a.write({"region_ids": [(5, 0, 0)]})
        self.s_b.write({"population_ids": [(3, self.pop_adults.id), (3, self.pop_minors.id)]})
        self.assertEqual(_stored_keys(self.env, self.s_a | self.s_b)[0][1], None)
        self.assertEqual(_stored_keys(self.env, self.s_a | self.s_b)[1][2], None)
        self._assert_same_as_relations()
        # languages rank first and filter the members' directory
        found = self.env["ht.service"]._ht_match(
            self.cat_emergency_housing, lang=self.spanish, only_lang=True
        )
        self.assertEqual(found & self.services, self.s_c)

    def test_deleted_population_or_region_leaves_the_services(self):
        region = self.env["ht.region"].create({"name": "Gone", "code": "t_gone"})
        pop = self.env["ht.population"].create({"name": "Gone", "code": "t_gone"})
        self.s_a.write({"region_ids": [(4, region.id)]})
        self.s_b.write({"population_ids": [(4, pop.id)]})
        self.assertEqual(self.s_a.ht_match_region_key, sorted((self.region_a | region).ids))
        region.unlink()
        pop.unlink()
        self.env.invalidate_all()
        rows = {row[0]: row[1:] for row in _stored_keys(self.env, self.services)}
        self.assertEqual(rows[self.s_a.id][0], self.region_a.ids)
        self.assertEqual(rows[self.s_b.id][1], self.pop_minors.ids)
        self._assert_same_as_relations()

    def test_archived_region_still_restricts(self):
        """The relation keeps an archived region; the stored list keeps it too."""
        self.region_a.active = False
        self.s_a.write({"population_ids": [(4, self.pop_adults.id)]})  # recompute A
        self.assertEqual(self.s_a.ht_match_region_key, self.region_a.ids)
        self.assertNotIn(self.s_a, self._found(self.region_b))

    def test_keys_refused_to_every_caller(self):
        for env in (self.coordinator, self.env.user):
            Service = self.env["ht.service"].with_user(env)
            for key in KEYS:
                with self.assertRaisesRegex(UserError, REFUSED):
                    Service.browse(self.s_c.id).write({key: [self.region_b.id]})
                with self.assertRaisesRegex(UserError, REFUSED):
                    Service.create(
                        {
                            "provider_id": self.org_a.id,
                            "category_id": self.cat_housing.id,
                            key: [self.region_b.id],
                        }
                    )
        self.assertEqual(self.s_c.ht_match_region_key, False)

    def test_migration_fills_what_the_compute_gives(self):
        self.s_a.write({"region_ids": [(4, self.region_b.id)], "lang_ids": [(4, self.spanish.id)]})
        expected = _stored_keys(self.env, self.services)
        # the database as 18.0.1.1.0 left it: no columns
        for key in KEYS:
            self.env.cr.execute(f"ALTER TABLE ht_service DROP COLUMN {key} CASCADE")
        spec = importlib.util.spec_from_file_location(
            "ht_network_mig_match_keys", MIGRATION / "pre-match-keys.py"
        )
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "18.0.1.1.0")
        self.env.invalidate_all()
        self.assertEqual(_stored_keys(self.env, self.services), expected)
        self.assertEqual(expected[0][1], sorted((self.region_a | self.region_b).ids))


@tagged("post_install", "-at_install", "ht_referral_network")
class TestMatchingKeysRpc(HostileRpcMixin, HttpCase):
    def test_coordinator_cannot_write_keys_over_rpc(self):
        coordinator = self.env["res.users"].create(
            {
                "name": "Key Coordinator",
                "login": "ht_key_coord",
                "password": "ht_key_coord",
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            self.env.ref("base.group_user").id,
                            self.env.ref("ht_referral_network.group_ht_network_coordinator").id,
                        ],
                    )
                ],
            }
        )
        org = self.env["res.partner"].create({"name": "RPC Shelter", "is_company": True})
        region = self.env["ht.region"].create({"name": "RPC", "code": "t_rpc"})
        service = self.env["ht.service"].create(
            {
                "provider_id": org.id,
                "category_id": self.env.ref("ht_referral_network.ht_service_category_housing").id,
            }
        )
        self.authenticate(coordinator.login, coordinator.login)
        for key in KEYS:
            _result, error = self._rpc("ht.service", "write", [service.id], {key: [region.id]})
            self.assertRegex(error and error["message"] or "", REFUSED)
        self.assertFalse(service.ht_match_region_key)
        # the coordinator's own way: the regions served
        _result, error = self._rpc(
            "ht.service", "write", [service.id], {"region_ids": [(6, 0, region.ids)]}
        )
        self.assertFalse(error)
        self.assertEqual(service.ht_match_region_key, region.ids)
