# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# The Referral Network's timings (see ht_consent/models/ht_settings.py): key (a
# field of ht.settings) -> system parameter, default, range.
TIMINGS = {
    "capacity_stale_days": {
        "param": "ht_referral_network.capacity_stale_days",
        "default": 14,
        "min": 1,
        "max": 365,
    },
    "vetting_notice_days": {
        "param": "ht_referral_network.vetting_notice_days",
        "default": 30,
        "min": 1,
        "max": 365,
    },
    "mou_renewal_days": {
        "param": "ht_referral_network.mou_renewal_days",
        "default": 60,
        "min": 1,
        "max": 730,
    },
    "mou_activity_lead_days": {
        "param": "ht_referral_network.mou_activity_lead_days",
        "default": 30,
        "min": 1,
        "max": 365,
    },
    "mou_signature_reminder_days": {
        "param": "ht_referral_network.mou_signature_reminder_days",
        "default": 7,
        "min": 1,
        "max": 90,
    },
    "coverage_horizon_days": {
        "param": "ht_referral_network.coverage_horizon_days",
        "default": 30,
        "min": 1,
        "max": 365,
    },
    "coverage_gap_lead_days": {
        "param": "ht_referral_network.coverage_gap_lead_days",
        "default": 2,
        "min": 1,
        "max": 60,
    },
}


class HtSettings(models.TransientModel):
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
