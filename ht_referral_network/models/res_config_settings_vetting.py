# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ht_vetting_notice_days = fields.Integer(
        "Warn before a vetting step expires (days)",
        config_parameter="ht_referral_network.vetting_notice_days",
        default=30,
    )
