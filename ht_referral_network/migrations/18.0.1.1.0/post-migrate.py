# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0: every vetting step keeps its kind, now a record of
``ht.vetting.step.type`` found by its code (the seeded types carry the old
selection's codes, required of everyone, with no validity of their own: a step
expires on its own expiry date, as before). A code with no type (a
customisation) gets one, named after its code and not required, so nothing is
lost and no professional's vetting changes; then the old column is dropped and
each step's ``valid_until`` is its expiry."""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    cr.execute(
        """SELECT 1 FROM information_schema.columns
            WHERE table_name = 'ht_vetting_step' AND column_name = 'step_legacy'"""
    )
    if not cr.fetchone():
        return
    cr.execute(
        """INSERT INTO ht_vetting_step_type (code, name, sequence, active, required,
                                            validity_months, create_uid, write_uid,
                                            create_date, write_date)
           SELECT DISTINCT s.step_legacy,
                  jsonb_build_object('en_US', s.step_legacy), 100, TRUE, FALSE, 0, 1, 1,
                  now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
             FROM ht_vetting_step s
            WHERE s.step_legacy IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM ht_vetting_step_type t
                               WHERE t.code = s.step_legacy)"""
    )
    cr.execute(
        """UPDATE ht_vetting_step s
              SET step_type_id = t.id,
                  valid_until = s.expiry
             FROM ht_vetting_step_type t
            WHERE t.code = s.step_legacy
              AND s.step_type_id IS NULL"""
    )
    _logger.info("kind kept on %s vetting steps", cr.rowcount)
    cr.execute("ALTER TABLE ht_vetting_step DROP COLUMN step_legacy")
