# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HtCaseAidKind(models.Model):
    """Kinds of material aid and financial assistance (food, clothing, phone,
    transport, cash, gift card, vouchers, rent...)."""

    _name = "ht.case.aid.kind"
    _inherit = ["ht.case.funder.list.mixin"]
    _description = "Kind of material aid"
