# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

MEMBERSHIP_STATES = [
    ("none", "Not a member"),
    ("applicant", "Applicant"),
    ("member", "Certified member"),
    ("suspended", "Suspended"),
    ("lapsed", "Lapsed"),
    ("withdrawn", "Withdrawn"),
]


class ResPartner(models.Model):
    """A provider organisation of the Coordinated Service Referral Network."""

    _inherit = "res.partner"

    ht_membership_state = fields.Selection(
        MEMBERSHIP_STATES,
        "Network membership",
        default="none",
        required=True,
        tracking=True,
        index=True,
    )
    ht_service_ids = fields.One2many("ht.service", "provider_id", "Services offered")

    def _ht_is_member(self):
        self.ensure_one()
        return self.commercial_partner_id.ht_membership_state == "member"
