# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0: a vetting step's kind becomes a configurable record
(``ht.vetting.step.type``, field ``step_type_id``). Before the update the old
selection column is set aside, so that no ORM step touches it; post-migrate maps
each step's code to its type record."""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    cr.execute(
        """SELECT 1 FROM information_schema.columns
            WHERE table_name = 'ht_vetting_step' AND column_name = 'step'"""
    )
    if not cr.fetchone():
        return
    cr.execute("ALTER TABLE ht_vetting_step RENAME COLUMN step TO step_legacy")
    _logger.info("ht_vetting_step.step set aside for the vetting step types")
