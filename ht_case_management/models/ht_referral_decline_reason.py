# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HtReferralDeclineReason(models.Model):
    """Why a provider declines a referral: the list the partner-agency portal
    offers (active values, in their order, in the provider's language). A fixed
    selection until 18.0.1.2.0; the seeded values carry its codes."""

    _name = "ht.referral.decline_reason"
    _inherit = ["ht.config.list.mixin"]
    _description = "Referral decline reason"
