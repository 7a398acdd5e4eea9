# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models
from odoo.exceptions import UserError


class HtReferral(models.Model):
    """The network rule (Settings › Referral Network, off by default): referrals
    go only to organisations that have an MOU in force with the sending agency."""

    _inherit = "ht.referral"

    def _ht_check_mou_rule(self):
        # sudo: a setting, read by the system.
        required = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("ht_referral_network.referral_requires_mou")
        )
        if not required or required in ("False", "0"):
            return
        Mou = self.env["ht.mou"]
        for rec in self:
            sender = (rec.company_id or self.env.company).partner_id
            if not Mou._ht_in_force_between(sender, rec.provider_id):
                raise UserError(
                    _(
                        "%(provider)s has no MOU in force with %(agency)s: under this "
                        "network's rules referrals go only to organisations with an active "
                        "MOU. Choose another provider, or ask the network coordinator.",
                        provider=rec.provider_id.display_name,
                        agency=sender.display_name,
                    )
                )
