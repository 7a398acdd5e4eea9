# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class HtService(models.Model):
    """One service a provider offers, with its eligibility and capacity."""

    _name = "ht.service"
    _description = "Provider service"
    _inherit = ["mail.thread"]
    _order = "provider_id, category_id"

    name = fields.Char(compute="_compute_name", store=True)
    provider_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_company", "=", True)],
        tracking=True,
    )
    category_id = fields.Many2one(
        "ht.service.category",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    description = fields.Text()
    state = fields.Selection(
        [
            ("active", "Active"),
            ("closed", "Temporarily closed"),
            ("inactive", "Inactive"),
        ],
        default="active",
        required=True,
        tracking=True,
        index=True,
    )

    @api.depends("category_id.name", "provider_id.name")
    def _compute_name(self):
        for rec in self:
            rec.name = f"{rec.category_id.name} – {rec.provider_id.name}"
