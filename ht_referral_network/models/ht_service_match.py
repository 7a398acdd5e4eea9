# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# What the matching filters and ranks on, kept on the service row by the system.
MATCH_KEYS = {
    "ht_match_region_key": "region_ids",
    "ht_match_population_key": "population_ids",
    "ht_match_lang_key": "lang_ids",
}


class HtService(models.Model):
    """The regions, populations and languages of a service stored on its own row
    (denormalised, as JSON arrays of ids, NULL when the list is empty), so that
    ``_ht_match`` reads one covering index per category instead of probing three
    relation tables for each candidate (measured in benchmarks/: 50,000 services).

    The arrays are stored computed fields: the ORM recomputes them whenever a
    service's regions, populations or languages change (or one of those records is
    deleted). Nobody writes them: ``create()``/``write()`` refuse them, from any
    caller; databases upgraded from 18.0.1.1.0 get them filled in SQL
    (migrations/18.0.1.2.0)."""

    _inherit = "ht.service"

    ht_match_region_key = fields.Json(
        "Regions (matching)", compute="_compute_ht_match_keys", store=True, copy=False
    )
    ht_match_population_key = fields.Json(
        "Populations (matching)", compute="_compute_ht_match_keys", store=True, copy=False
    )
    ht_match_lang_key = fields.Json(
        "Languages (matching)", compute="_compute_ht_match_keys", store=True, copy=False
    )

    # ``.active``: deleting a region, population or language recomputes the
    # services that listed it (archiving one keeps it: the relation keeps it too).
    @api.depends(
        "region_ids",
        "region_ids.active",
        "population_ids",
        "population_ids.active",
        "lang_ids",
        "lang_ids.active",
    )
    def _compute_ht_match_keys(self):
        # every id of the relation, archived ones included: what the relation table holds
        services = self.with_context(active_test=False)
        for rec in services:
            for key, fname in MATCH_KEYS.items():
                rec[key] = sorted(rec[fname]._origin.ids) or False

    @api.model
    def _ht_match_key(self, records):
        """The JSON a key must contain for ``records`` (``@>``): their ids."""
        return json.dumps(sorted(records.ids))

    def _ht_refuse_match_keys(self, fnames):
        given = MATCH_KEYS.keys() & set(fnames)
        if given:
            raise UserError(
                _(
                    "%(fields)s follow the service's regions, populations and languages: "
                    "change those instead.",
                    fields=", ".join(
                        self._fields[f]._description_string(self.env) for f in sorted(given)
                    ),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._ht_refuse_match_keys(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._ht_refuse_match_keys(vals)
        return super().write(vals)

    def init(self):
        res = super().init()
        # The matching's candidates of one category, active, with every column the
        # query filters and ranks on: an index-only scan (no heap page per service).
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS ht_service_match_index
                   ON ht_service (category_id)
                   INCLUDE (id, provider_id, min_age, max_age, capacity_available, is_24_7,
                            ht_match_region_key, ht_match_population_key, ht_match_lang_key)
                WHERE state = 'active'"""
        )
        return res
