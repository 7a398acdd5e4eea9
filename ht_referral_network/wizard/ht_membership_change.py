# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.res_partner import MEMBERSHIP_STATES


class HtMembershipChange(models.TransientModel):
    _name = "ht.membership.change"
    _description = "Change network membership"

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade")
    state = fields.Selection(
        [s for s in MEMBERSHIP_STATES if s[0] != "none"], "New status", required=True
    )
    reason = fields.Char(required=True)

    # A row links only to a contact its user may change (the action writes it):
    # Odoo would otherwise show the name of any contact, read as superuser.
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._ht_check_partner(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._ht_check_partner(vals)
        return super().write(vals)

    @api.model
    def _ht_check_partner(self, vals):
        if vals.get("partner_id") and not self.env.su:
            partner = self.env["res.partner"].browse(vals["partner_id"])
            partner.check_access("read")
            partner.check_access("write")

    def action_apply(self):
        self.ensure_one()
        self.partner_id._ht_set_membership(self.state, self.reason)
        self.unlink()  # the reason is kept in the membership history
        return {"type": "ir.actions.act_window_close"}
