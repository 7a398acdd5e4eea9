# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtProfession(models.Model):
    """A kind of pro bono professional (a value of ``res.partner.ht_profession``,
    by its code), so that a vetting step type can say whom it applies to."""

    _name = "ht.profession"
    _description = "Kind of pro bono professional"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, readonly=True, help="The profession's value on the contact.")
    sequence = fields.Integer(default=10)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Each kind of professional is listed once."),
    ]
