# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        before = self.users if "users" in vals else None
        res = super().write(vals)
        if before:
            # Users taken out of a group from the group's side lose what it gave.
            before._ht_drop_follows_without_access()
        return res
