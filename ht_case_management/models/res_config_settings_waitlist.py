# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ht_waitlist_days = fields.Integer(
        "Waitlisted referrals expire after (days)",
        config_parameter="ht_case_management.waitlist_days",
        default=30,
    )
