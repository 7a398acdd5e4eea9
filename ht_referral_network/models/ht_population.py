# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtPopulation(models.Model):
    """A population a provider serves (minors, labor trafficking, ...)."""

    _name = "ht.population"
    _description = "Population served"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(code)", "Population codes must be unique.")]


class HtRegion(models.Model):
    """A region a provider serves (county, city, tribal area)."""

    _name = "ht.region"
    _description = "Region served"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(code)", "Region codes must be unique.")]
