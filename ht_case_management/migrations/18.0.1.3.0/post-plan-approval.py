# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.3.0: an approved service plan now holds only for the plan approved (its
fingerprint). Approvals given before keep holding for the plan as it stands at the
upgrade, so no case waits for a second approval because of the upgrade."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    approvals = env["ht.case.approval"].search(
        [("kind", "=", "plan"), ("state", "=", "approved"), ("plan_fingerprint", "=", False)]
    )
    for approval in approvals:
        approval.plan_fingerprint = approval.case_id._ht_plan_fingerprint()
