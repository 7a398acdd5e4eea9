# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0: every case keeps its closure reason, now a record of
``ht.case.closure.reason`` found by its code (the seeded reasons carry the old
selection's codes). A code with no reason (a customisation) gets one, named after
its code, so nothing is lost; then the old column is dropped."""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    cr.execute(
        """SELECT 1 FROM information_schema.columns
            WHERE table_name = 'ht_case' AND column_name = 'closure_reason_legacy'"""
    )
    if not cr.fetchone():
        return
    cr.execute(
        """INSERT INTO ht_case_closure_reason (code, name, sequence, active,
                                               create_uid, write_uid, create_date, write_date)
           SELECT DISTINCT c.closure_reason_legacy,
                  jsonb_build_object('en_US', c.closure_reason_legacy), 100, TRUE, 1, 1,
                  now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
             FROM ht_case c
            WHERE c.closure_reason_legacy IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM ht_case_closure_reason r
                               WHERE r.code = c.closure_reason_legacy)"""
    )
    cr.execute(
        """UPDATE ht_case c
              SET closure_reason_id = r.id
             FROM ht_case_closure_reason r
            WHERE r.code = c.closure_reason_legacy
              AND c.closure_reason_id IS NULL"""
    )
    _logger.info("closure reason kept on %s cases", cr.rowcount)
    cr.execute("ALTER TABLE ht_case DROP COLUMN closure_reason_legacy")
