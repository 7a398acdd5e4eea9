# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .res_partner import MEMBERSHIP_STATES


class HtMembershipEvent(models.Model):
    """One change of a provider's network membership, with its date and reason."""

    _name = "ht.membership.event"
    _description = "Network membership change"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade", index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    from_state = fields.Selection(MEMBERSHIP_STATES)
    to_state = fields.Selection(MEMBERSHIP_STATES, required=True)
    reason = fields.Char(required=True)
    user_id = fields.Many2one("res.users", default=lambda s: s.env.user)
