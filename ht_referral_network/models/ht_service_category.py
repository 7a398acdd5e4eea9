# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class HtServiceCategory(models.Model):
    """The network's service taxonomy: the services a survivor may need,
    hierarchical (housing / emergency housing ...), each with a stable code."""

    _name = "ht.service.category"
    _description = "Service category"
    _parent_name = "parent_id"
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    parent_id = fields.Many2one("ht.service.category", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("ht.service.category", "parent_id")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_unique",
            "unique(code)",
            "The code of a service category must be unique.",
        ),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for rec in self:
            rec.complete_name = (
                f"{rec.parent_id.complete_name} / {rec.name}" if rec.parent_id else rec.name
            )

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise models.ValidationError(self.env._("A category cannot be its own ancestor."))
