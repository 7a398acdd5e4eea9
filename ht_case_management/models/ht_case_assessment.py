# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HtCaseAssessment(models.Model):
    """A needs and risk assessment (rapid intake, comprehensive, reassessment,
    exit), with outcome scores so progress shows per case and in aggregate."""

    _name = "ht.case.assessment"
    _description = "Case assessment"
    _ht_case_data = True
    _order = "date desc, id desc"

    case_id = fields.Many2one("ht.case", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    assessment_type = fields.Selection(
        [
            ("rapid", "Rapid intake"),
            ("comprehensive", "Comprehensive"),
            ("reassessment", "Reassessment"),
            ("exit", "Exit"),
        ],
        "Type",
        required=True,
        default="rapid",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    assessor_id = fields.Many2one("res.users", required=True, default=lambda s: s.env.user)
    need_ids = fields.One2many("ht.case.need", "assessment_id", "Needs")
    risk_to_client = fields.Text()
    risk_to_family = fields.Text()
    risk_to_others = fields.Text()
    risk_level = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("imminent", "Imminent")]
    )
    score_ids = fields.One2many("ht.case.outcome.score", "assessment_id", "Outcome scores")
    summary = fields.Text()

    @api.constrains("date", "case_id")
    def _check_date(self):
        for rec in self:
            if rec.date > fields.Date.context_today(rec):
                raise ValidationError(_("An assessment cannot be dated in the future."))

    def action_add_outcome_domains(self):
        for rec in self:
            have = rec.score_ids.domain_id
            # the active domains (Configuration › Outcome domains), each at its middle
            rec.score_ids = [
                (
                    0,
                    0,
                    {"domain_id": domain.id, "score": (domain.scale_min + domain.scale_max) // 2},
                )
                for domain in self.env["ht.case.outcome.domain"].search([])
                if domain not in have
            ]


class HtCaseNeed(models.Model):
    """A need found in an assessment. The client may decline any service without
    losing any other; declined needs are kept and reported."""

    _name = "ht.case.need"
    _description = "Case need"
    _ht_case_data = True
    _order = "urgency_rank, id"
    # its name is its service's: a need is found by the service's name
    _rec_names_search = ["category_id"]

    assessment_id = fields.Many2one("ht.case.assessment", ondelete="cascade", index=True)
    case_id = fields.Many2one("ht.case", required=True, ondelete="restrict", index=True)
    category_id = fields.Many2one(
        "ht.service.category", "Service", required=True, ondelete="restrict"
    )
    urgency = fields.Selection(
        [("immediate", "Immediate"), ("high", "High"), ("medium", "Medium"), ("low", "Low")],
        default="medium",
        required=True,
    )
    urgency_rank = fields.Integer(compute="_compute_urgency_rank", store=True)
    status = fields.Selection(
        [
            ("identified", "Identified"),
            ("declined", "Declined by the client"),
            ("in_plan", "In plan"),
            ("met", "Met"),
            ("unmet", "Unmet"),
        ],
        default="identified",
        required=True,
    )
    note = fields.Char()

    @api.depends("urgency")
    def _compute_urgency_rank(self):
        ranks = {"immediate": 0, "high": 1, "medium": 2, "low": 3}
        for rec in self:
            rec.urgency_rank = ranks.get(rec.urgency, 9)

    def action_refer(self):
        self.ensure_one()
        return self.case_id.action_refer(need=self)

    @api.depends("category_id", "status")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = rec.category_id.display_name

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("case_id") and vals.get("assessment_id"):
                vals["case_id"] = (
                    self.env["ht.case.assessment"].browse(vals["assessment_id"]).case_id.id
                )
        return super().create(vals_list)


class HtCaseOutcomeScore(models.Model):
    _name = "ht.case.outcome.score"
    _description = "Outcome score"
    _ht_case_data = True
    _order = "assessment_id, domain_id"

    assessment_id = fields.Many2one(
        "ht.case.assessment", required=True, ondelete="cascade", index=True
    )
    case_id = fields.Many2one(related="assessment_id.case_id", store=True, index=True)
    date = fields.Date(related="assessment_id.date", store=True)
    assessment_type = fields.Selection(related="assessment_id.assessment_type", store=True)
    domain_id = fields.Many2one("ht.case.outcome.domain", required=True, ondelete="restrict")
    score = fields.Integer(
        required=True,
        aggregator="avg",
        help="On the domain's scale (seeded: 1 crisis to 5 thriving)",
    )

    _sql_constraints = [
        (
            "domain_unique",
            "unique(assessment_id, domain_id)",
            "One score per domain and assessment.",
        ),
    ]

    @api.constrains("score", "domain_id")
    def _check_score_scale(self):
        for rec in self:
            domain = rec.domain_id
            if not domain.scale_min <= rec.score <= domain.scale_max:
                raise ValidationError(
                    _(
                        "%(domain)s scores go from %(min)s to %(max)s.",
                        domain=domain.name,
                        min=domain.scale_min,
                        max=domain.scale_max,
                    )
                )
