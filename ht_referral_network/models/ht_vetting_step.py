# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

VETTING_STEPS = [
    ("background", "Background check"),
    ("references", "References"),
    ("training", "Trafficking and trauma training"),
    ("confidentiality", "Signed confidentiality agreement"),
]


class HtVettingStep(models.Model):
    """One vetting step of a pro bono professional, with when and who verified it."""

    _name = "ht.vetting.step"
    _description = "Pro bono vetting step"
    _order = "partner_id, step"

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade", index=True)
    step = fields.Selection(VETTING_STEPS, required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    verified_by_id = fields.Many2one(
        "res.users", "Verified by", required=True, default=lambda s: s.env.user
    )
    expiry = fields.Date(help="Leave empty if the step does not expire.")
    notes = fields.Char()
