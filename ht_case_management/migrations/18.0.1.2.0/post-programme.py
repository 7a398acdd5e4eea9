# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.2.0: every case belongs to a programme. The seeded "Standard" programme
is the pipeline as it was: every stage of this database (the five seeded ones
and any an administrator added, archived ones still used by a case), in the
stages' own order; every existing case joins it. Runs before the NOT NULL of
``ht_case.programme_id`` is applied."""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    programme = env.ref("ht_case_management.ht_case_programme_standard", raise_if_not_found=False)
    if not programme:
        return
    stages = env["ht.case.stage"].with_context(active_test=False).search([])
    stages = stages.filtered(
        lambda s: (
            s.active
            or env["ht.case"]
            .with_context(active_test=False)
            .search_count([("stage_id", "=", s.id)], limit=1)
        )
    )
    missing = stages - programme.stage_line_ids.stage_id
    programme.write(
        {
            "stage_line_ids": [
                (0, 0, {"stage_id": stage.id, "sequence": stage.sequence}) for stage in missing
            ]
        }
    )
    cr.execute("UPDATE ht_case SET programme_id = %s WHERE programme_id IS NULL", (programme.id,))
    _logger.info("%s existing cases joined the programme %s", cr.rowcount, programme.name)
