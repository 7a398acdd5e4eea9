# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# The Referral Network's timings: key -> system parameter, default, range. Read
# through ``env["ht.network.timing"]._ht_timing(key)`` (this addon installs without
# ht_consent); Victim Services administrators edit them on the Victim Services
# settings screen (ht_case_management/models/ht_settings_network_bridge.py).
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


class HtNetworkTiming(models.AbstractModel):
    """The one accessor of the Referral Network's timings."""

    _name = "ht.network.timing"
    _description = "Referral Network timings"

    @api.model
    def _ht_timing(self, key):
        """The stored system parameter when it is a number in range, else the
        default (a value written in SQL cannot make a delay zero or negative)."""
        spec = TIMINGS[key]
        # sudo: reading a setting; system parameters are not readable by users.
        value = self.env["ir.config_parameter"].sudo().get_param(spec["param"])
        kind = type(spec["default"])
        try:
            value = kind(value) if value not in (None, False, "") else spec["default"]
        except ValueError:
            return spec["default"]
        return value if spec["min"] <= value <= spec["max"] else spec["default"]
