# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from odoo.addons.ht_referral_network.models.ht_settings_network import TIMINGS


class HtSettings(models.TransientModel):
    """The Referral Network's timings on the Victim Services settings screen (the
    network installs without ht_consent, so the screen learns of them here, where
    both are installed); read through ``ht.network.timing._ht_timing``."""

    _inherit = "ht.settings"

    capacity_stale_days = fields.Integer("A service's capacity is stale after (days)")
    vetting_notice_days = fields.Integer("Warn before a pro bono vetting step expires (days)")
    mou_renewal_days = fields.Integer("Plan an MOU's renewal (days before it ends)")
    mou_activity_lead_days = fields.Integer("The MOU renewal activity is due (days before it ends)")
    mou_signature_reminder_days = fields.Integer("Remind MOU parties to sign every (days)")
    coverage_horizon_days = fields.Integer("Look for on-call gaps in the next (days)")
    coverage_gap_lead_days = fields.Integer(
        "An on-call gap's activity is due (days before the gap)"
    )

    @api.model
    def _ht_timing_specs(self):
        return dict(super()._ht_timing_specs(), **TIMINGS)
