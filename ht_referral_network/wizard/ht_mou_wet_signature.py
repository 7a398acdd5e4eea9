# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class HtMouWetSignature(models.TransientModel):
    """Staff record a party's signature on paper, with the scanned signed page."""

    _name = "ht.mou.wet.signature"
    _description = "Record a wet signature of an MOU"

    mou_id = fields.Many2one("ht.mou", required=True, ondelete="cascade")
    party_id = fields.Many2one(
        "ht.mou.party",
        required=True,
        ondelete="cascade",
        domain="[('mou_id', '=', mou_id), ('signed_on', '=', False)]",
    )
    signed_by_name = fields.Char("Signed by", required=True)
    signed_on = fields.Date(required=True, default=fields.Date.context_today)
    scan = fields.Binary("Scanned signed page", required=True)
    scan_name = fields.Char()

    # A row links only to an MOU its user may change (the action signs it).
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._ht_check_links(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._ht_check_links(vals)
        return super().write(vals)

    @api.model
    def _ht_check_links(self, vals):
        if self.env.su:
            return
        if vals.get("mou_id"):
            self.env["ht.mou"].browse(vals["mou_id"]).check_access("write")
        if vals.get("party_id"):
            self.env["ht.mou.party"].browse(vals["party_id"]).check_access("write")

    @api.onchange("party_id")
    def _onchange_party_id(self):
        if self.party_id and not self.signed_by_name:
            self.signed_by_name = self.party_id.signatory_id.name or self.party_id.signatory

    def action_apply(self):
        self.ensure_one()
        self.party_id.filtered(lambda p: p.mou_id == self.mou_id)._ht_sign_wet(
            self.signed_by_name, self.signed_on, self.scan, self.scan_name
        )
        self.unlink()  # the signature and the scan are kept on the party
        return {"type": "ir.actions.act_window_close"}
