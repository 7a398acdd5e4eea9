# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HtService(models.Model):
    """Services in the Open Referral HSDS directory (stable id, published or not)."""

    _name = "ht.service"
    _inherit = ["ht.service", "ht.hsds.mixin"]
