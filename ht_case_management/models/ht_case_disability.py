# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HtCaseDisability(models.Model):
    """Disabilities a survivor may report (several)."""

    _name = "ht.case.disability"
    _inherit = ["ht.case.funder.list.mixin"]
    _description = "Disability"
