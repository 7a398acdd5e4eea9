# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0: a consent's purpose becomes a configurable record
(``ht.consent.purpose``, field ``purpose_id``). Before the update the old
selection column is set aside, so that no ORM step touches it; post-migrate maps
each consent's code to its purpose record."""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    cr.execute(
        """SELECT 1 FROM information_schema.columns
            WHERE table_name = 'ht_consent' AND column_name = 'purpose_type'"""
    )
    if not cr.fetchone():
        return
    cr.execute("ALTER TABLE ht_consent RENAME COLUMN purpose_type TO purpose_type_legacy")
    _logger.info("ht_consent.purpose_type set aside for the consent purpose list")
