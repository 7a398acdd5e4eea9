# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0: the case's closure reason becomes a configurable list
(``ht.case.closure.reason``, field ``closure_reason_id``). Before the update the
old selection column is set aside, so that no ORM step touches it; post-migrate
maps each case's code to its reason record."""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    cr.execute(
        """SELECT 1 FROM information_schema.columns
            WHERE table_name = 'ht_case' AND column_name = 'closure_reason'"""
    )
    if not cr.fetchone():
        return
    cr.execute("ALTER TABLE ht_case RENAME COLUMN closure_reason TO closure_reason_legacy")
    _logger.info("ht_case.closure_reason set aside for the closure reason list")
