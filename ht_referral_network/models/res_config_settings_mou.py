# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    # the MOU settings next to the MOU capability
    _inherit = "res.config.settings"

    ht_referral_requires_mou = fields.Boolean(
        "Referrals only under an active MOU",
        config_parameter="ht_referral_network.referral_requires_mou",
        help="Referrals go only to organisations that have an MOU in force with the "
        "sending agency. Off: an MOU only ranks a provider higher.",
    )
