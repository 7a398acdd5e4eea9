# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtCaseStage(models.Model):
    """A stage of case management (crisis response, intensive, transitional,
    outreach, closed), configurable by administrators."""

    _name = "ht.case.stage"
    _description = "Case stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean("Folded in kanban")
    description = fields.Text(translate=True)
    is_closed = fields.Boolean("Closing stage", help="Cases here are exited from services.")
    review_interval_days = fields.Integer(
        "Review every (days)", help="Supervision review cadence for cases in this stage; 0: none."
    )
    checklist_ids = fields.One2many(
        "ht.case.stage.checklist", "stage_id", "Required before leaving the stage", copy=True
    )
    plan_template_ids = fields.One2many(
        "ht.case.plan.template", "stage_id", "Service plan template", copy=True
    )
    active = fields.Boolean(default=True)


class HtCaseStageChecklist(models.Model):
    _name = "ht.case.stage.checklist"
    _description = "Stage checklist item"
    _order = "stage_id, sequence, id"

    stage_id = fields.Many2one("ht.case.stage", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)


class HtCasePlanTemplate(models.Model):
    """A goal every case gets when it enters the stage (configurable per stage)."""

    _name = "ht.case.plan.template"
    _description = "Service plan template line"
    _order = "stage_id, sequence, id"

    stage_id = fields.Many2one("ht.case.stage", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char("Goal", required=True, translate=True)
    category_id = fields.Many2one("ht.service.category", ondelete="restrict")
    days = fields.Integer("Target (days after entering the stage)", default=14)
