# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtCase(models.Model):
    """Creation cost: stored computed fields are computed before the INSERT
    (``precompute``), so a new case is one INSERT instead of an INSERT, a read back
    and an UPDATE of a dozen columns (measured in benchmarks/, held by
    ``test_performance.py::test_case_creation_query_count``)."""

    _inherit = "ht.case"

    is_closed = fields.Boolean(related="stage_id.is_closed", store=True, precompute=True)
    last_review_date = fields.Date(compute="_compute_review", store=True, precompute=True)
    next_review_date = fields.Date(compute="_compute_review", store=True, precompute=True)
    age_at_intake = fields.Integer(compute="_compute_age_at_intake", store=True, precompute=True)
    age_group_at_intake = fields.Selection(
        compute="_compute_age_at_intake", store=True, precompute=True
    )
    race_ethnicity_answer = fields.Selection(
        compute="_compute_answers", store=True, precompute=True
    )
    disability_answer = fields.Selection(compute="_compute_answers", store=True, precompute=True)
    hhs_certification_date = fields.Date(
        compute="_compute_milestone_facts", store=True, precompute=True
    )
    hhs_interim_letter_date = fields.Date(
        compute="_compute_milestone_facts", store=True, precompute=True
    )
    hhs_eligibility_letter_date = fields.Date(
        compute="_compute_milestone_facts", store=True, precompute=True
    )
    continued_presence_obtained = fields.Boolean(
        compute="_compute_milestone_facts", store=True, precompute=True
    )
    t_visa_obtained = fields.Boolean(
        compute="_compute_milestone_facts", store=True, precompute=True
    )
    hhs_letter_obtained = fields.Boolean(
        compute="_compute_milestone_facts", store=True, precompute=True
    )
    first_service_date = fields.Date(
        compute="_compute_first_service_date", store=True, precompute=True
    )


class HtCaseAssessment(models.Model):
    _inherit = "ht.case.assessment"

    company_id = fields.Many2one(related="case_id.company_id", store=True, precompute=True)


class HtCaseNeed(models.Model):
    _inherit = "ht.case.need"

    urgency_rank = fields.Integer(compute="_compute_urgency_rank", store=True, precompute=True)
