# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtCaseEligibility(models.Model):
    """Programme eligibility (seeded with HHS OTIP's: pre-certified adult,
    certified adult, minor with an interim assistance letter, minor with an
    eligibility letter); the letter that establishes it is a legal milestone of the
    case, whose decision date is the date the letter was obtained."""

    _name = "ht.case.eligibility"
    _inherit = ["ht.case.funder.list.mixin"]
    _description = "Programme eligibility"

    milestone_type_id = fields.Many2one(
        "ht.case.legal.milestone.type",
        "Letter (legal milestone)",
        ondelete="restrict",
        help="The legal milestone whose grant establishes this eligibility, if any.",
    )
