# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class HtVettingStep(models.Model):
    """One vetting step of a pro bono professional, with when and who verified it.
    What steps exist, for whom and for how long is configured in
    ``ht.vetting.step.type``."""

    _name = "ht.vetting.step"
    _description = "Pro bono vetting step"
    _order = "partner_id, step_type_id"

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade", index=True)
    step_type_id = fields.Many2one(
        "ht.vetting.step.type", "Step", required=True, ondelete="restrict", index=True
    )
    # today in UTC, the day "vetted" is decided on (res_partner.py: _compute_ht_vetted)
    date = fields.Date(required=True, default=fields.Date.today)
    verified_by_id = fields.Many2one(
        "res.users", "Verified by", required=True, default=lambda s: s.env.user
    )
    expiry = fields.Date(help="Leave empty to use the step type's validity.")
    valid_until = fields.Date(
        compute="_compute_valid_until",
        store=True,
        help="The expiry entered here, else the verification date plus the step "
        "type's validity; empty: it does not expire.",
    )
    notes = fields.Char()

    @api.depends("date", "expiry", "step_type_id.validity_months")
    def _compute_valid_until(self):
        for rec in self:
            months = rec.step_type_id.validity_months
            rec.valid_until = rec.expiry or (
                rec.date + relativedelta(months=months) if rec.date and months > 0 else False
            )
