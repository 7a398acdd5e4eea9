# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtPathway(models.Model):
    """A named, ordered bundle of service categories for a client profile (e.g.
    foreign national adult, labor trafficking), for case plans to start from."""

    _name = "ht.pathway"
    _description = "Service pathway"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    population_ids = fields.Many2many("ht.population", string="For")
    line_ids = fields.One2many("ht.pathway.line", "pathway_id", "Steps", copy=True)
    active = fields.Boolean(default=True)


class HtPathwayLine(models.Model):
    _name = "ht.pathway.line"
    _description = "Service pathway step"
    _order = "pathway_id, sequence, id"

    pathway_id = fields.Many2one("ht.pathway", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    category_id = fields.Many2one("ht.service.category", required=True, ondelete="restrict")
    urgency = fields.Selection(
        [("immediate", "Immediate"), ("soon", "Within weeks"), ("later", "Later")],
        default="soon",
    )
    note = fields.Char()
