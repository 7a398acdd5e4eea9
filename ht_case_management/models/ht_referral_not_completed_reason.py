# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HtReferralNotCompletedReason(models.Model):
    """Why an accepted referral could not be completed: the list the partner-agency
    portal offers. A fixed selection until 18.0.1.2.0; the seeded values carry its
    codes (``provider`` is the answer when the provider gives none)."""

    _name = "ht.referral.not_completed_reason"
    _inherit = ["ht.config.list.mixin"]
    _description = "Referral not-completed reason"
