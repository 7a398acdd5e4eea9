# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ResPartner(models.Model):
    """Providers in the Open Referral HSDS directory (stable id, published or not)."""

    _name = "res.partner"
    _inherit = ["res.partner", "ht.hsds.mixin"]
