# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

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
        for vals, message in (
            ({"capacity_available": -1}, "negative"),
            ({"capacity_available": 11, "capacity_max": 10}, "more than the maximum"),
            ({"min_age": 18, "max_age": 12}, "minimum age"),
        ):
            with (
                self.subTest(message=message),
                self.assertRaisesRegex(Exception, message),
                self.env.cr.savepoint(),
            ):
                self._service(provider, **vals)
        self.assertFalse(provider.ht_service_ids)

    def test_gap_report(self):
        provider = self._provider("Gap Org")
        self._service(
            provider,
            population_ids=[(6, 0, self.pop_adults.ids)],
            region_ids=[(6, 0, self.region_a.ids)],
        )
        Report = self.env["ht.gap.report"]
        self.env.flush_all()
        cell = Report.search(
            [
                ("category_id", "=", self.cat_emergency_housing.id),
                ("population_id", "=", self.pop_adults.id),
                ("region_id", "=", self.region_a.id),
            ]
        )
        self.assertGreaterEqual(cell.provider_count, 1)
        self.assertFalse(cell.is_gap)
        gap = Report.search(
            [
                ("category_id", "=", self.cat_emergency_housing.id),
                ("population_id", "=", self.pop_minors.id),
                ("region_id", "=", self.region_b.id),
            ]
        )
        # nothing of ours serves minors in the south (demo data has no region there either)
        self.assertTrue(gap.is_gap, gap.read(["provider_count"]))
        self.assertTrue(Report.read_group([("is_gap", "=", True)], ["provider_count:sum"], []))
