# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtCaseLegalMilestone(models.Model):
    """The HHS interim assistance letter of a minor is a legal milestone too: its
    decision date is the date funders ask for."""

    _inherit = "ht.case.legal.milestone"

    milestone_type = fields.Selection(
        selection_add=[("hhs_interim_assistance", "HHS interim assistance letter (minor)")],
        # uninstalling keeps the milestone, as the nearest HHS letter for minors
        ondelete={
            "hhs_interim_assistance": lambda recs: recs.write({"milestone_type": "hhs_eligibility"})
        },
    )
