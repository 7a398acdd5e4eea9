# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

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
