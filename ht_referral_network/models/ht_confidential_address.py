# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtConfidentialAddress(models.Model):
    """The street address of a confidential-location provider (a shelter). It is
    kept off res.partner altogether, so no read, search, export or report of
    contacts can reveal it; only Network Coordinators can read this model."""

    _name = "ht.confidential.address"
    _description = "Confidential location"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade", index=True)
    street = fields.Char()
    street2 = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    state_id = fields.Many2one("res.country.state")
    country_id = fields.Many2one("res.country")
    notes = fields.Text(help="Access instructions for staff who escort a survivor.")

    _sql_constraints = [
        ("partner_unique", "unique(partner_id)", "A provider has one confidential location."),
    ]
