# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

# Writing these may take away a user's access to case data.
ACCESS_FIELDS = {"groups_id", "company_ids", "active", "share"}


class ResUsers(models.Model):
    _inherit = "res.users"

    def write(self, vals):
        res = super().write(vals)
        if ACCESS_FIELDS & set(vals) or any(
            key.startswith(("in_group_", "sel_groups_")) for key in vals
        ):
            self._ht_drop_follows_without_access()
        return res

    def _ht_drop_follows_without_access(self):
        """These users' partners stop following the case data they may no longer
        read (out of a role, out of a company, archived)."""
        models_ = self.env["mail.thread"]._ht_case_data_threads()
        if not self or not models_:
            return
        partners = self.partner_id
        # sudo: followers are system data; only those of these users are looked at.
        follows = (
            self.env["mail.followers"]
            .sudo()
            .search([("partner_id", "in", partners.ids), ("res_model", "in", models_)])
        )
        for model, model_follows in follows.grouped("res_model").items():
            records = self.env[model].browse(set(model_follows.mapped("res_id"))).exists()
            records._ht_drop_followers_without_access(partners)
