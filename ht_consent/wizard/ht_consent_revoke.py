# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtConsentRevoke(models.TransientModel):
    _name = "ht.consent.revoke"
    _description = "Revoke a consent"
    _inherit = ["ht.wizard.link.mixin"]
    _ht_case_data = True
    # revoking writes the consent (which follows its subject's write access)
    _ht_link_checks = {"consent_id": ("read", "write")}

    consent_id = fields.Many2one("ht.consent", required=True, ondelete="cascade")
    method = fields.Selection(
        [("verbal", "Verbal"), ("written", "Written")],
        required=True,
        default="verbal",
        string="How the person revoked it",
    )
    reason = fields.Text(help="Optional: the person owes no reason.")

    def action_revoke(self):
        self.ensure_one()
        self.consent_id._ht_revoke(method=self.method, reason=self.reason)
        self.unlink()  # the reason is kept on the consent
        return {"type": "ir.actions.act_window_close"}
