# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import HtNetworkCase


@tagged("post_install", "-at_install", "ht_referral_network")
class TestService(HtNetworkCase):
    def test_capacity_staleness(self):
        provider = self._provider("Stale Org")
        service = self._service(provider)
        self.assertFalse(service.capacity_stale)
        Service = self.env["ht.service"]
        with freeze_time(fields.Datetime.now() + timedelta(days=15)):
            service.invalidate_recordset(["capacity_stale"])
            self.assertTrue(service.capacity_stale)
            self.assertIn(service, Service.search([("capacity_stale", "=", True)]))
            service.action_confirm_capacity()
            service.invalidate_recordset(["capacity_stale"])
            self.assertFalse(service.capacity_stale)
        self.env["ir.config_parameter"].sudo().set_param(
            "ht_referral_network.capacity_stale_days", 3
        )
        with freeze_time(fields.Datetime.now() + timedelta(days=20)):
            self.assertIn(service, Service.search([("capacity_stale", "=", True)]))

    def test_bad_capacity(self):
        provider = self._provider("Bad Org")
        # Python checks (ValidationError, the message users see), not the SQL constraint
        for vals, message in (
            ({"capacity_available": 11, "capacity_max": 10}, "11 available is more than the max"),
            ({"min_age": 18, "max_age": 12}, "the minimum age is above the maximum age"),
            ({"min_age": -1}, "Ages cannot be negative"),
        ):
            with (
                self.subTest(message=message),
                self.assertRaisesRegex(ValidationError, message),
                self.env.cr.savepoint(),
            ):
                self._service(provider, **vals)
        self.assertFalse(provider.ht_service_ids)
        # A negative capacity: on write, the Python check refuses it before the row is
        # written; on create, PostgreSQL's CHECK refuses the INSERT first (the client
        # shows the constraint's message). Either way nothing is stored.
        service = self._service(provider, capacity_available=2)
        for field in ("capacity_available", "capacity_max"):
            with (
                self.subTest(field=field),
                self.assertRaisesRegex(ValidationError, "^Capacity cannot be negative"),
                self.env.cr.savepoint(),
            ):
                service.write({field: -1})
        service.invalidate_recordset()
        self.assertEqual((service.capacity_available, service.capacity_max), (2, 10))
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaisesRegex(IntegrityError, "ht_service_capacity_non_negative"),
            self.env.cr.savepoint(),
        ):
            self._service(provider, capacity_available=-1)
        self.assertEqual(provider.ht_service_ids, service)

    def _gap_map(self, category):
        """The map's cells of ``category`` by (population, region), read afresh
        (one query: the view is computed as a whole)."""
        self.env.flush_all()
        self.env["ht.gap.report"].invalidate_model()
        Report = self.env["ht.gap.report"]
        cells = Report.search_fetch([("category_id", "=", category.id)], list(Report._fields))
        by_key = cells.grouped(lambda c: (c.population_id, c.region_id))
        self.assertTrue(all(len(c) == 1 for c in by_key.values()), "one cell per key")
        return by_key

    def test_gap_report(self):
        # the directory is ours only (demo services set aside)
        self.env["ht.service"].search([]).write({"state": "inactive"})
        provider = self._provider("Gap Org")
        self._service(
            provider,
            capacity_available=3,
            population_ids=[(6, 0, self.pop_adults.ids)],
            region_ids=[(6, 0, self.region_a.ids)],
        )
        cells = self._gap_map(self.cat_emergency_housing)
        cell = cells[self.pop_adults, self.region_a]
        self.assertEqual(
            (cell.provider_count, cell.service_count, cell.capacity_available, cell.is_gap),
            (1, 1, 3, False),
        )
        # minors in the south, adults in the south: not served by it, gaps
        gap = cells[self.pop_minors, self.region_b]
        self.assertEqual((gap.provider_count, gap.is_gap, gap.no_capacity), (0, True, True))
        self.assertTrue(cells[self.pop_adults, self.region_b].is_gap)
        # every other cell of the category is a gap too: one provider in all
        self.assertEqual(sum(c.provider_count for c in cells.values()), 1)
        self.assertEqual([c for c in cells.values() if not c.is_gap], [cell])
        # the gap filter finds them (the view's own boolean, as the menu's filter)
        gaps = self.env["ht.gap.report"].search(
            [("is_gap", "=", True), ("category_id", "=", self.cat_emergency_housing.id)]
        )
        self.assertEqual(len(gaps), len(cells) - 1)
        self.assertNotIn(cell, gaps)
        # a full service still covers, but has no capacity left
        provider.ht_service_ids.capacity_available = 0
        cell = self._gap_map(self.cat_emergency_housing)[self.pop_adults, self.region_a]
        self.assertEqual((cell.is_gap, cell.no_capacity), (False, True))

    def test_gap_report_without_regions(self):
        """A network that defines no region still gets its map: one row per category
        and population, the region empty (the whole area)."""
        self.env["ht.service"].search([]).write({"state": "inactive"})
        self.env["ht.region"].with_context(active_test=False).search([]).unlink()
        provider = self._provider("Gap Org")
        self._service(provider, capacity_available=2, population_ids=[(6, 0, self.pop_adults.ids)])
        no_region = self.env["ht.region"]
        cells = self._gap_map(self.cat_emergency_housing)
        self.assertEqual({region for _pop, region in cells}, {no_region})
        covered = cells[self.pop_adults, no_region]
        self.assertEqual((covered.provider_count, covered.capacity_available), (1, 2))
        gap = cells[self.pop_minors, no_region]
        self.assertEqual((gap.provider_count, gap.is_gap), (0, True))
        # every active category shows, covered or not
        self.assertTrue(self._gap_map(self.cat_legal)[self.pop_adults, no_region].is_gap)
        # archived regions do not count; an active region brings the region rows back
        region = self.env["ht.region"].create({"name": "East", "code": "t_east"})
        cells = self._gap_map(self.cat_emergency_housing)
        self.assertEqual({region for _pop, region in cells}, {region})
        self.assertEqual(cells[self.pop_adults, region].provider_count, 1)
        region.active = False
        cells = self._gap_map(self.cat_emergency_housing)
        self.assertEqual(cells[self.pop_adults, no_region].provider_count, 1)
