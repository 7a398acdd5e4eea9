# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtReferral(models.Model):
    """The person at the receiving agency the survivor will speak with: one of the
    provider's staff (never the survivor), given by the provider with its answer
    on the portal or written by the case team."""

    _inherit = "ht.referral"

    provider_contact_name = fields.Char(
        "Speaking with",
        help="The name of the person at the provider the client will be speaking with "
        "(the provider's staff member).",
    )

    def _ht_portal_respond(self, action, reason=None, note=None, contact_name=None):
        referral = super()._ht_portal_respond(action, reason=reason, note=note)
        if contact_name and contact_name.strip():
            # sudo: _ht_portal_respond checked the caller is the provider's own
            # contact and the answer allowed; portal users have no write right.
            referral.sudo().write({"provider_contact_name": contact_name.strip()[:128]})
        return referral
