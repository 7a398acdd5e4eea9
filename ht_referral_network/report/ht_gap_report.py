# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class HtGapReport(models.Model):
    """Service category × population × region: how many certified members offer
    it and how much capacity is left. Cells with no provider are gaps.
    A service with no population (region) listed serves every population (region).
    A network that has no region (population) at all gets one row per category with
    the region (population) empty, standing for the whole area: the map is never
    empty for want of regions."""

    _name = "ht.gap.report"
    _description = "Service gap map"
    _auto = False
    _order = "provider_count, category_id"

    category_id = fields.Many2one("ht.service.category", readonly=True)
    population_id = fields.Many2one(
        "ht.population", readonly=True, help="Empty: no population is defined (everyone)."
    )
    region_id = fields.Many2one(
        "ht.region", readonly=True, help="Empty: the network has no regions (the whole area)."
    )
    provider_count = fields.Integer("Certified providers", readonly=True, aggregator="sum")
    service_count = fields.Integer("Services", readonly=True, aggregator="sum")
    capacity_available = fields.Integer("Available capacity", readonly=True, aggregator="sum")
    is_gap = fields.Boolean("No provider", readonly=True)
    no_capacity = fields.Boolean("No capacity left", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %s AS (
                WITH live AS (
                    SELECT s.id, s.category_id, s.provider_id, s.capacity_available
                      FROM ht_service s
                      JOIN res_partner p ON p.id = s.provider_id
                     WHERE s.state = 'active' AND p.active AND p.ht_membership_state = 'member'
                ),
                regions AS (
                    SELECT id FROM ht_region WHERE active
                    UNION ALL
                    SELECT NULL::integer WHERE NOT EXISTS (SELECT 1 FROM ht_region WHERE active)
                ),
                populations AS (
                    SELECT id FROM ht_population WHERE active
                    UNION ALL
                    SELECT NULL::integer
                     WHERE NOT EXISTS (SELECT 1 FROM ht_population WHERE active)
                )
                SELECT ROW_NUMBER() OVER (ORDER BY c.id, pop.id, r.id) AS id,
                       c.id AS category_id,
                       pop.id AS population_id,
                       r.id AS region_id,
                       COUNT(DISTINCT live.provider_id) AS provider_count,
                       COUNT(live.id) AS service_count,
                       COALESCE(SUM(live.capacity_available), 0) AS capacity_available,
                       COUNT(live.id) = 0 AS is_gap,
                       COALESCE(SUM(live.capacity_available), 0) = 0 AS no_capacity
                  FROM ht_service_category c
                 CROSS JOIN populations pop
                 CROSS JOIN regions r
                  LEFT JOIN live
                    ON live.category_id = c.id
                   AND (pop.id IS NULL
                        OR NOT EXISTS (SELECT 1 FROM ht_population_ht_service_rel x
                                        WHERE x.ht_service_id = live.id)
                        OR EXISTS (SELECT 1 FROM ht_population_ht_service_rel x
                                    WHERE x.ht_service_id = live.id
                                      AND x.ht_population_id = pop.id))
                   AND (r.id IS NULL
                        OR NOT EXISTS (SELECT 1 FROM ht_region_ht_service_rel y
                                        WHERE y.ht_service_id = live.id)
                        OR EXISTS (SELECT 1 FROM ht_region_ht_service_rel y
                                    WHERE y.ht_service_id = live.id AND y.ht_region_id = r.id))
                 WHERE c.active
                 GROUP BY c.id, pop.id, r.id
            )
            """,
                SQL.identifier(self._table),
            )
        )
