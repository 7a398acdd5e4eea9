# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from random import randint

from odoo import fields, models


class HtCaseTag(models.Model):
    _name = "ht.case.tag"
    _description = "Case tag"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer(default=lambda s: randint(1, 11))

    _sql_constraints = [("name_unique", "unique(name)", "Tag names must be unique.")]
