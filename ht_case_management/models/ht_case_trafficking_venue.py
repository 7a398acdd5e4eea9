# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HtCaseTraffickingVenue(models.Model):
    """Industries and venues of trafficking (Polaris typology), configurable."""

    _name = "ht.case.trafficking.venue"
    _inherit = ["ht.case.funder.list.mixin"]
    _description = "Trafficking industry / venue"
