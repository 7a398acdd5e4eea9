# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HtCaseProgramme(models.Model):
    """A case programme (adults, minors, a federally funded programme): the stages
    its cases go through and in which order, the assessments they need (stage
    requirements of the programme) and the pathways their service plan starts
    from. Every case belongs to one; the seeded "Standard" programme is the
    pipeline every case followed before programmes existed."""

    _name = "ht.case.programme"
    _description = "Case programme"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code for reports.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    stage_line_ids = fields.One2many("ht.case.programme.stage", "programme_id", "Stages", copy=True)
    stage_ids = fields.Many2many(
        "ht.case.stage",
        compute="_compute_stage_ids",
        search="_search_stage_ids",
        string="Stages of the programme",
    )
    has_free_stage = fields.Boolean(
        compute="_compute_has_free_stage", help="A stage not yet in the programme exists."
    )
    requirement_ids = fields.One2many(
        "ht.case.stage.requirement",
        "programme_id",
        "Required before leaving a stage (this programme's cases)",
    )
    pathway_ids = fields.Many2many(
        "ht.pathway",
        string="Default plan templates",
        help="A new case of the programme starts its service plan from these pathways.",
    )

    @api.depends("stage_line_ids.stage_id", "stage_line_ids.sequence")
    def _compute_stage_ids(self):
        for rec in self:
            lines = rec.stage_line_ids.sorted(lambda line: (line.sequence, line.id))
            rec.stage_ids = lines.stage_id

    @api.depends("stage_line_ids.stage_id")
    def _compute_has_free_stage(self):
        # Its own compute: the programme form asks it, a case's creation does not.
        for rec in self:
            rec.has_free_stage = bool(
                self.env["ht.case.stage"].search_count(
                    [("id", "not in", rec.stage_line_ids.stage_id.ids)], limit=1
                )
            )

    def _search_stage_ids(self, operator, value):
        return [("stage_line_ids.stage_id", operator, value)]

    @api.constrains("stage_line_ids")
    def _check_stages(self):
        for rec in self:
            stages = rec.stage_line_ids.stage_id
            if not stages.filtered(lambda s: not s.is_closed) or not stages.filtered("is_closed"):
                raise ValidationError(
                    _(
                        "Programme %(name)s needs at least one open stage and one closing stage.",
                        name=rec.name,
                    )
                )

    def _ht_first_open_stage(self):
        """Where a new or re-engaged case of this programme starts."""
        self.ensure_one()
        return self.stage_ids.filtered(lambda s: not s.is_closed)[:1]
