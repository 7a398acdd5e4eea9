# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HtServiceCategory(models.Model):
    """Service categories are the HSDS taxonomy terms of the directory (stable id)."""

    _name = "ht.service.category"
    _inherit = ["ht.service.category", "ht.hsds.mixin"]
