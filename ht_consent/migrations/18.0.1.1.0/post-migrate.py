# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0: every consent keeps its purpose, now a record of
``ht.consent.purpose`` found by its code (the seeded purposes carry the old
selection's codes, each allowing exactly the use it allowed). A code with no
purpose (a customisation) gets one, named after its code and allowing the use of
the same code if there is one, so nothing is lost and nothing is broadened; then
the old column is dropped."""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    cr.execute(
        """SELECT 1 FROM information_schema.columns
            WHERE table_name = 'ht_consent' AND column_name = 'purpose_type_legacy'"""
    )
    if not cr.fetchone():
        return
    cr.execute(
        """INSERT INTO ht_consent_purpose (code, name, sequence, active,
                                          create_uid, write_uid, create_date, write_date)
           SELECT DISTINCT c.purpose_type_legacy,
                  jsonb_build_object('en_US', c.purpose_type_legacy), 100, TRUE, 1, 1,
                  now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
             FROM ht_consent c
            WHERE c.purpose_type_legacy IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM ht_consent_purpose p
                               WHERE p.code = c.purpose_type_legacy)
        RETURNING id, code"""
    )
    for purpose_id, code in cr.fetchall():
        cr.execute(
            """INSERT INTO ht_consent_purpose_use_rel (purpose_id, use_id)
               SELECT %s, u.id FROM ht_consent_use u WHERE u.code = %s""",
            [purpose_id, code],
        )
    cr.execute(
        """UPDATE ht_consent c
              SET purpose_id = p.id
             FROM ht_consent_purpose p
            WHERE p.code = c.purpose_type_legacy
              AND c.purpose_id IS NULL"""
    )
    _logger.info("purpose kept on %s consents", cr.rowcount)
    cr.execute("ALTER TABLE ht_consent DROP COLUMN purpose_type_legacy")
