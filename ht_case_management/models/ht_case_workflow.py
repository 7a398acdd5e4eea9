# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class HtCase(models.Model):
    """The workflow administrators shape: the case's programme (its stages, their
    order, its requirements and default plan), stage requirements, supervisors'
    approvals and the latest risk level."""

    _inherit = "ht.case"

    def _default_programme(self):
        # The xmlid lookup is cached (ir.model.data); one query says whether the
        # record still exists and is active (env.ref then .active took two).
        programme_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "ht_case_management.ht_case_programme_standard", raise_if_not_found=False
        )
        programme = self.env["ht.case.programme"]
        if programme_id:
            programme = programme.search([("id", "=", programme_id), ("active", "=", True)])
        if programme:
            return programme
        if not self.env.registry.ready:
            # upgrade: the programmes' table may not exist yet (post-programme.py
            # gives existing cases their programme)
            return self.env["ht.case.programme"]
        return self.env["ht.case.programme"].search([], limit=1)

    programme_id = fields.Many2one(
        "ht.case.programme",
        required=True,
        default=_default_programme,
        ondelete="restrict",
        index=True,
        tracking=True,
    )
    programme_stage_ids = fields.Many2many(related="programme_id.stage_ids")
    stage_id = fields.Many2one(domain="[('id', 'in', programme_stage_ids)]")
    approval_ids = fields.One2many("ht.case.approval", "case_id", "Approvals", readonly=True)
    risk_score_latest = fields.Integer("Latest risk score", compute="_compute_risk_latest")
    risk_level_latest = fields.Selection(
        lambda self: self.env["ht.case.assessment"]._fields["risk_level"].selection,
        "Latest risk level",
        compute="_compute_risk_latest",
    )

    @api.depends("assessment_ids.risk_level", "assessment_ids.risk_score")
    def _compute_risk_latest(self):
        for case in self:
            latest = case.assessment_ids.filtered("risk_level").sorted(
                lambda a: (a.date, a.id), reverse=True
            )[:1]
            case.risk_level_latest = latest.risk_level
            case.risk_score_latest = latest.risk_score

    @api.constrains("programme_id", "stage_id")
    def _check_stage_in_programme(self):
        cases = self.filtered("stage_id")
        if not cases:
            return
        # One query for the whole batch, on the programme's stage lines (computing
        # the programme's stage list read the lines, then every stage of it).
        # An archived stage is no stage of a programme, whatever the context.
        lines = self.env["ht.case.programme.stage"].search_fetch(
            [
                ("programme_id", "in", cases.programme_id.ids),
                ("stage_id", "in", cases.stage_id.ids),
            ],
            ["programme_id", "stage_id"],
        )
        allowed = {(line.programme_id.id, line.stage_id.id) for line in lines}
        for case in cases:
            if (case.programme_id.id, case.stage_id.id) not in allowed or not case.stage_id.active:
                raise ValidationError(
                    _(
                        "%(stage)s is not a stage of the programme %(programme)s (%(case)s).",
                        stage=case.stage_id.name,
                        programme=case.programme_id.name,
                        case=case.code,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("programme_id") and not vals.get("stage_id"):
                programme = self.env["ht.case.programme"].browse(vals["programme_id"])
                vals["stage_id"] = programme._ht_first_open_stage().id
        cases = super().create(vals_list)
        for case in cases:
            for pathway in case.programme_id.pathway_ids:
                case.action_start_plan_from_pathway(pathway)
        return cases

    @api.onchange("programme_id")
    def _onchange_programme_id(self):
        if self.programme_id and self.stage_id not in self.programme_id.stage_ids:
            self.stage_id = self.programme_id._ht_first_open_stage()

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """The kanban shows the columns of the programme it is filtered on, in the
        programme's order; unfiltered, every stage of an active programme."""
        programmes = {
            leaf[2]
            for leaf in domain
            if isinstance(leaf, (list, tuple))
            and len(leaf) == 3
            and leaf[0] == "programme_id"
            and leaf[1] == "="
            and isinstance(leaf[2], int)
        }
        if len(programmes) == 1:
            return self.env["ht.case.programme"].browse(programmes.pop()).stage_ids
        used = self.env["ht.case.programme"].search([]).stage_ids
        return super()._read_group_stage_ids(stages, domain) & used

    # ------------------------------------------------------------------ stages

    def _ht_current_stage_visit(self):
        """The stage history line of the case's stay in its current stage."""
        self.ensure_one()
        # sudo: the history is system data of a case the caller works on.
        return (
            self.sudo()
            .stage_history_ids.filtered(lambda h: h.stage_id == self.stage_id and not h.date_out)
            .sorted(lambda h: (h.date_in, h.id), reverse=True)[:1]
        )

    def _ht_check_stage_change(self, new_stage):
        res = super()._ht_check_stage_change(new_stage)
        for case in self:
            old = case.stage_id
            # Leaving the closed stage is Re-engage's (a returning survivor is never
            # held back by requirements).
            if old == new_stage or old.is_closed:
                continue
            if new_stage not in case.programme_id.stage_ids:
                raise UserError(
                    _(
                        "%(stage)s is not a stage of %(case)s's programme (%(programme)s).",
                        stage=new_stage.name,
                        case=case.code,
                        programme=case.programme_id.name,
                    )
                )
            missing = case._ht_missing_requirements(new_stage)
            if missing:
                raise UserError(
                    _(
                        "%(case)s cannot leave %(stage)s yet: it needs %(missing)s.",
                        case=case.code,
                        stage=old.name,
                        missing="; ".join(missing),
                    )
                )
        return res

    def _ht_missing_requirements(self, new_stage):
        """What the case still needs before it leaves its stage for ``new_stage``."""
        self.ensure_one()
        # sudo: only whether assessments, goals and approvals exist is checked,
        # nothing of them is returned but the requirement's own label.
        case = self.sudo()
        requirements = case.stage_id.requirement_ids.filtered(
            lambda r: r._ht_applies(case, new_stage)
        )
        return [r._ht_label() for r in requirements if not r._ht_met(case)]

    def action_reengage(self, stage=None):
        # the re-engagement stage an administrator chose (Victim Services settings)
        # when it is one of the programme's stages, else the programme's first open one
        if stage is None and len(self.programme_id) == 1:
            setting = self.env["ht.settings"]._ht_reengage_stage(default=False)
            programme = self.programme_id
            stage = (
                setting
                if setting in programme.sudo().stage_ids
                else programme._ht_first_open_stage()
            )
        return super().action_reengage(stage=stage)

    # ------------------------------------------------------------------ approvals

    def action_request_closure_approval(self):
        self.ensure_one()
        self.env["ht.case.approval"]._ht_request(self, "closure")
        return True

    def action_request_plan_approval(self):
        self.ensure_one()
        self.env["ht.case.approval"]._ht_request(self, "plan")
        return True
