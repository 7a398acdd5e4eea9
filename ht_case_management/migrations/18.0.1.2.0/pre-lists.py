# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.2.0: five fixed selections become lists administrators edit (referral
decline and not-completed reasons, note types, legal milestone types, outcome
domains). Before the update each old selection column is set aside under
``<column>_legacy``, so that no ORM step touches it; ``post-lists.py`` maps each
record's code to its seeded value. The fixed 1-5 range of outcome scores becomes
each domain's scale (checked in Python): its SQL constraint goes."""

import logging
import re

from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# (table, old selection column): the new Many2one column is the old one + "_id"
LEGACY_COLUMNS = [
    ("ht_referral", "decline_reason"),
    ("ht_referral", "not_completed_reason"),
    ("ht_case_note", "note_type"),
    ("ht_case_legal_milestone", "milestone_type"),
    ("ht_case_eligibility", "milestone_type"),
    ("ht_case_outcome_score", "domain"),
]


def _has_column(cr, table, column):
    cr.execute(
        """SELECT 1 FROM information_schema.columns
            WHERE table_name = %s AND column_name = %s""",
        [table, column],
    )
    return bool(cr.fetchone())


# the old field names as views name them (field nodes, group_by contexts)
OLD_FIELD_RE = re.compile(
    r"""(name=\\"|'group_by': ')"""
    r"(decline_reason|not_completed_reason|note_type|milestone_type)"
    r"""(?=\\"|')"""
)
SCORE_DOMAIN_RE = re.compile(r'(name=\\")domain(?=\\")')


def _rename_in_views(cr):
    """The module's views that inherit a view reloaded first still name the old
    fields until their own file is reloaded: the parent's validation would fail.
    They get the new names now (their files rewrite them just after)."""
    cr.execute(
        """SELECT v.id, v.model, v.arch_db::text
             FROM ir_ui_view v
             JOIN ir_model_data d ON d.model = 'ir.ui.view' AND d.res_id = v.id
            WHERE d.module = 'ht_case_management' AND v.arch_db IS NOT NULL"""
    )
    for view_id, model, arch in cr.fetchall():
        new = OLD_FIELD_RE.sub(r"\1\2_id", arch)
        if model in ("ht.case.assessment", "ht.case.outcome.score"):
            new = SCORE_DOMAIN_RE.sub(r"\1domain_id", new)
        if new != arch:
            cr.execute("UPDATE ir_ui_view SET arch_db = %s::jsonb WHERE id = %s", [new, view_id])


def migrate(cr, version):
    _rename_in_views(cr)
    for table, column in LEGACY_COLUMNS:
        if not _has_column(cr, table, column) or _has_column(cr, table, f"{column}_legacy"):
            continue
        cr.execute(
            SQL(
                "ALTER TABLE %s RENAME COLUMN %s TO %s",
                SQL.identifier(table),
                SQL.identifier(column),
                SQL.identifier(f"{column}_legacy"),
            )
        )
        _logger.info("%s.%s set aside for its configurable list", table, column)
    # the range is each domain's now; the uniqueness is on the new column
    cr.execute(
        """ALTER TABLE ht_case_outcome_score
               DROP CONSTRAINT IF EXISTS ht_case_outcome_score_score_range,
               DROP CONSTRAINT IF EXISTS ht_case_outcome_score_domain_unique"""
    )
