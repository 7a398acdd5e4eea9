# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HtCaseRaceEthnicity(models.Model):
    """Race and ethnicity categories a survivor may choose (several), as funders count them."""

    _name = "ht.case.race.ethnicity"
    _inherit = ["ht.case.funder.list.mixin"]
    _description = "Race / ethnicity"
