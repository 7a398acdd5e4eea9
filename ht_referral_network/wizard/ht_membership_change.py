# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.res_partner import MEMBERSHIP_STATES


class HtMembershipChange(models.TransientModel):
    _name = "ht.membership.change"
    _description = "Change network membership"

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade")
    state = fields.Selection(
        [s for s in MEMBERSHIP_STATES if s[0] != "none"], "New status", required=True
    )
    reason = fields.Char(required=True)

    def action_apply(self):
        self.ensure_one()
        self.partner_id._ht_set_membership(self.state, self.reason)
        self.unlink()  # the reason is kept in the membership history
        return {"type": "ir.actions.act_window_close"}
