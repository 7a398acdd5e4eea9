# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.2.0: a service's regions, populations and languages are stored on its
row for the matching (``ht_service_match.py``). On an existing database the three
columns are created and filled here in SQL, one UPDATE for every service, before
the update: the ORM then finds them and does not recompute 50,000 services one
batch at a time. The values are what the compute gives: the sorted ids of the
relation, NULL for none."""

import logging

_logger = logging.getLogger(__name__)

KEYS = (
    ("ht_match_region_key", "ht_region_ht_service_rel", "ht_region_id"),
    ("ht_match_population_key", "ht_population_ht_service_rel", "ht_population_id"),
    ("ht_match_lang_key", "ht_service_res_lang_rel", "res_lang_id"),
)


def migrate(cr, version):
    cr.execute("SELECT to_regclass('ht_service') IS NOT NULL")
    if not cr.fetchone()[0]:
        return
    for column, table, id_column in KEYS:
        # names from the constant above, never from input
        cr.execute(f"ALTER TABLE ht_service ADD COLUMN IF NOT EXISTS {column} jsonb")
        cr.execute(
            f"""UPDATE ht_service s
                   SET {column} = (SELECT jsonb_agg(r.{id_column} ORDER BY r.{id_column})
                                     FROM {table} r
                                    WHERE r.ht_service_id = s.id)"""
        )
        _logger.info("ht_service.%s filled for %s services", column, cr.rowcount)
