# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.2.0: every referral, note, legal milestone, programme eligibility and
outcome score keeps its value, now a record of its list found by code (the seeded
values carry the old selections' codes). A code with no value (a customisation)
gets one, named after its code, so nothing is lost; then the old column goes."""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# (table, old column, new column, list table, extra columns of a value made from a code)
MAPPINGS = [
    ("ht_referral", "decline_reason", "decline_reason_id", "ht_referral_decline_reason", {}),
    (
        "ht_referral",
        "not_completed_reason",
        "not_completed_reason_id",
        "ht_referral_not_completed_reason",
        {},
    ),
    ("ht_case_note", "note_type", "note_type_id", "ht_case_note_type", {}),
    (
        "ht_case_legal_milestone",
        "milestone_type",
        "milestone_type_id",
        "ht_case_legal_milestone_type",
        {"reminder_days": 14},
    ),
    (
        "ht_case_eligibility",
        "milestone_type",
        "milestone_type_id",
        "ht_case_legal_milestone_type",
        {"reminder_days": 14},
    ),
    (
        "ht_case_outcome_score",
        "domain",
        "domain_id",
        "ht_case_outcome_domain",
        {"scale_min": 1, "scale_max": 5, "better": "higher"},
    ),
]


def _has_column(cr, table, column):
    cr.execute(
        """SELECT 1 FROM information_schema.columns
            WHERE table_name = %s AND column_name = %s""",
        [table, column],
    )
    return bool(cr.fetchone())


def migrate(cr, version):
    for table, old, new, list_table, extra in MAPPINGS:
        legacy = f"{old}_legacy"
        if not _has_column(cr, table, legacy):
            continue
        ident = SQL.identifier
        insert_columns = SQL(", ").join(
            ident(name)
            for name in (
                "code",
                "name",
                "sequence",
                "active",
                "create_uid",
                "write_uid",
                "create_date",
                "write_date",
                *extra,
            )
        )
        extra_values = SQL("").join(SQL(", %s", value) for value in extra.values())
        cr.execute(
            SQL(
                """INSERT INTO %(list)s (%(columns)s)
                   SELECT DISTINCT t.%(legacy)s, jsonb_build_object('en_US', t.%(legacy)s),
                          100, TRUE, 1, 1, now() AT TIME ZONE 'UTC',
                          now() AT TIME ZONE 'UTC'%(extra)s
                     FROM %(table)s t
                    WHERE t.%(legacy)s IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM %(list)s r WHERE r.code = t.%(legacy)s)""",
                list=ident(list_table),
                columns=insert_columns,
                legacy=ident(legacy),
                extra=extra_values,
                table=ident(table),
            )
        )
        cr.execute(
            SQL(
                """UPDATE %(table)s t
                      SET %(new)s = r.id
                     FROM %(list)s r
                    WHERE r.code = t.%(legacy)s
                      AND t.%(new)s IS NULL""",
                table=ident(table),
                new=ident(new),
                list=ident(list_table),
                legacy=ident(legacy),
            )
        )
        _logger.info("%s.%s kept on %s records as %s", table, old, cr.rowcount, new)
        cr.execute(SQL("ALTER TABLE %s DROP COLUMN %s", ident(table), ident(legacy)))
