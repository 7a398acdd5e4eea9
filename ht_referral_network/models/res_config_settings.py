# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ht_capacity_stale_days = fields.Integer(
        "Capacity is stale after (days)",
        config_parameter="ht_referral_network.capacity_stale_days",
        default=14,
    )
    ht_mou_renewal_days = fields.Integer(
        "Plan MOU renewal (days before expiry)",
        config_parameter="ht_referral_network.mou_renewal_days",
        default=60,
    )
    ht_coordinator_user_id = fields.Many2one(
        "res.users",
        "Network Coordinator on duty",
        config_parameter="ht_referral_network.coordinator_user_id",
        help="Gets on-call coverage gap activities. Default: the first Network Coordinator.",
    )
    ht_hsds_api_access = fields.Selection(
        [
            ("off", "Off"),
            ("public", "Public: anyone may read the published directory"),
            ("apikey", "API keys: consumers send an Odoo API key as a bearer token"),
        ],
        "HSDS API",
        config_parameter="ht_referral_network.hsds_api_access",
        default="off",
        help="The read-only Open Referral HSDS 3.0 API at /hsds/ of the published "
        "providers and services. Off: every /hsds route answers 404.",
    )
    ht_vetting_notice_days = fields.Integer(
        "Warn before a vetting step expires (days)",
        config_parameter="ht_referral_network.vetting_notice_days",
        default=30,
    )
