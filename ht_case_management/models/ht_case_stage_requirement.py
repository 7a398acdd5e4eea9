# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

APPROVAL_KINDS = [("closure", "Closing the case"), ("plan", "Service plan")]


def _assessment_types(self):
    return self.env["ht.case.assessment"]._fields["assessment_type"].selection


class HtCaseStageRequirement(models.Model):
    """What a case needs before it leaves a stage, besides the stage's checklist:
    a completed assessment of a given type, a service plan with at least one
    goal, or a supervisor's approval. Administrators add them on the stage form
    (or, for one programme only, on the programme form); they are enforced when
    the stage changes, by any path (ht.case: _ht_check_stage_change)."""

    _name = "ht.case.stage.requirement"
    _description = "Stage requirement"
    _order = "stage_id, sequence, id"

    stage_id = fields.Many2one(
        "ht.case.stage", "Before leaving", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [
            ("assessment", "Assessment completed"),
            ("plan", "Service plan with at least one goal"),
            ("approval", "Supervisor's approval"),
        ],
        required=True,
        default="assessment",
    )
    assessment_type = fields.Selection(_assessment_types, "Assessment type")
    approval_kind = fields.Selection(APPROVAL_KINDS, "Approval of")
    applies_on = fields.Selection(
        [
            ("both", "Any move out of the stage"),
            ("move", "Moving on to an open stage"),
            ("close", "Closing the case"),
        ],
        "When",
        required=True,
        default="both",
    )
    programme_id = fields.Many2one(
        "ht.case.programme",
        "Only for the programme",
        ondelete="cascade",
        index=True,
        help="Empty: cases of every programme.",
    )

    @api.constrains("kind", "assessment_type", "approval_kind")
    def _check_kind(self):
        for rec in self:
            if rec.kind == "assessment" and not rec.assessment_type:
                raise ValidationError(_("Say which type of assessment must be completed."))
            if rec.kind == "approval" and not rec.approval_kind:
                raise ValidationError(_("Say what the supervisor approves."))

    @api.depends("kind", "assessment_type", "approval_kind", "stage_id")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = rec._ht_label()

    def _ht_label(self):
        """What is missing, as the refusal names it."""
        self.ensure_one()
        if self.kind == "assessment":
            types = dict(self._fields["assessment_type"]._description_selection(self.env))
            return _("a completed %(type)s assessment", type=types.get(self.assessment_type, ""))
        if self.kind == "plan":
            return _("a service plan with at least one goal")
        kinds = dict(self._fields["approval_kind"]._description_selection(self.env))
        return _("a supervisor's approval (%(what)s)", what=kinds.get(self.approval_kind, ""))

    def _ht_applies(self, case, new_stage):
        self.ensure_one()
        if self.programme_id and self.programme_id != case.programme_id:
            return False
        if self.applies_on == "both":
            return True
        return (self.applies_on == "close") == bool(new_stage.is_closed)

    def _ht_met(self, case):
        """Whether the case meets this requirement now. Run as superuser by the
        caller: only existence is checked, nothing is returned."""
        self.ensure_one()
        if self.kind == "assessment":
            return bool(
                case.assessment_ids.filtered(
                    lambda a: a.assessment_type == self.assessment_type and a.completed_on
                )
            )
        if self.kind == "plan":
            return bool(case.goal_ids.filtered(lambda g: g.state != "cancelled"))
        visit = case._ht_current_stage_visit()
        return bool(
            case.approval_ids.filtered(
                lambda a: (
                    a.kind == self.approval_kind
                    and a.state == "approved"
                    and a.stage_history_id == visit
                )
            )._ht_still_valid()
        )


class HtCaseStage(models.Model):
    _inherit = "ht.case.stage"

    requirement_ids = fields.One2many(
        "ht.case.stage.requirement",
        "stage_id",
        "Also required before leaving the stage",
        copy=True,
    )
