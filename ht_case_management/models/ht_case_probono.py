# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtCase(models.Model):
    """Pro bono professionals assigned to the case; withdrawing the consent an
    assignment relies on withdraws the assignment at once."""

    _inherit = "ht.case"

    probono_assignment_ids = fields.One2many(
        "ht.case.probono.assignment", "case_id", "Pro bono professionals"
    )

    def _ht_consent_withdrawn(self, consents, reason):
        assignments = self.env["ht.case.probono.assignment"].search(
            [("consent_id", "in", consents.ids), ("state", "=", "assigned")]
        )
        # those a superseding consent covers move to it; the others are withdrawn
        assignments._ht_reattach()._ht_withdraw()
        return super()._ht_consent_withdrawn(consents, reason)
