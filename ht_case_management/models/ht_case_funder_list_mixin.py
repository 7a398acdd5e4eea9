# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtCaseFunderListMixin(models.AbstractModel):
    """A configurable list of the values funders count (closure reasons, race and
    ethnicity, disabilities, industries and venues, programme eligibility, kinds of
    material aid): a stable code for reports and migrations, a translatable name,
    an order; archived values stay on the cases that have them."""

    _name = "ht.case.funder.list.mixin"
    _description = "Funder reporting list value"
    _order = "sequence, id"

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(code)", "Each value has its own code.")]
