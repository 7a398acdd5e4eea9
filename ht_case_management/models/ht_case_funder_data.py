# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

NOT_RECORDED = ("not_recorded", "Not recorded")
DECLINED = ("declined", "Declined to answer")
ANSWER = [("answered", "Answered"), NOT_RECORDED, DECLINED]
FAMILY_FIELDS = (
    "family_parents",
    "family_siblings",
    "family_spouses",
    "family_children_minor",
    "family_children_adult",
)
# Computed from the milestones and the service lines: a client never sets them
COMPUTED_FACTS = (
    "age_at_intake",
    "hhs_certification_date",
    "hhs_interim_letter_date",
    "hhs_eligibility_letter_date",
    "continued_presence_obtained",
    "t_visa_obtained",
    "hhs_letter_obtained",
    "first_service_date",
)
# Legal milestones (granted) whose decision date funders ask for
LETTER_DATES = {
    "hhs_certification": "hhs_certification_date",
    "hhs_interim_assistance": "hhs_interim_letter_date",
    "hhs_eligibility": "hhs_eligibility_letter_date",
}


class HtCase(models.Model):
    """What funders count about a case (DOJ OVC performance measures, HHS OTIP
    trafficking victim assistance), each with "not recorded" and "declined to
    answer": categories only, so reports never need the identity (the age at
    intake is stored: the date of birth never has to leave the case)."""

    _inherit = "ht.case"

    # --- programme entry
    age_at_intake = fields.Integer(
        compute="_compute_age_at_intake",
        store=True,
        help="Age on the identification date, from the date of birth.",
    )
    age_group_at_intake = fields.Selection(
        [("adult", "Adult"), ("minor", "Minor"), NOT_RECORDED, DECLINED],
        "Adult / minor at intake",
        compute="_compute_age_at_intake",
        store=True,
        readonly=False,
        help="Computed from the date of birth when it is known; set by hand otherwise.",
    )
    gender_category = fields.Selection(
        [
            ("female", "Female"),
            ("male", "Male"),
            ("transgender_female", "Transgender female"),
            ("transgender_male", "Transgender male"),
            ("nonbinary", "Non-binary / gender non-conforming"),
            ("other", "Another gender identity"),
            NOT_RECORDED,
            DECLINED,
        ],
        "Gender (for reports)",
        default="not_recorded",
        required=True,
    )
    lgbtq = fields.Selection(
        [("yes", "Yes"), ("no", "No"), NOT_RECORDED, DECLINED],
        "LGBTQ2S+",
        default="not_recorded",
        required=True,
        help="Optional: ask only when appropriate.",
    )
    race_ethnicity_ids = fields.Many2many("ht.case.race.ethnicity", string="Race / ethnicity")
    race_ethnicity_answer = fields.Selection(
        ANSWER,
        "Race / ethnicity answered",
        compute="_compute_answers",
        store=True,
        readonly=False,
    )
    disability_ids = fields.Many2many("ht.case.disability", string="Disabilities")
    disability_answer = fields.Selection(
        ANSWER,
        "Disability answered",
        compute="_compute_answers",
        store=True,
        readonly=False,
    )
    accommodations = fields.Char("Accommodations needed")
    citizenship = fields.Selection(selection_add=[DECLINED], ondelete={"declined": "set default"})
    trafficking_type = fields.Selection(
        selection_add=[("undetermined", "Not yet determined"), DECLINED],
        ondelete={"undetermined": "set null", "declined": "set null"},
    )
    trafficking_venue_ids = fields.Many2many("ht.case.trafficking.venue", string="Industry / venue")
    co_occurring_violence = fields.Selection(
        [
            ("none", "None"),
            ("dv", "Domestic violence"),
            ("sa", "Sexual assault"),
            ("both", "Domestic violence and sexual assault"),
            NOT_RECORDED,
            DECLINED,
        ],
        "Co-occurring DV / SA",
        default="not_recorded",
        required=True,
    )
    # --- programme eligibility (HHS letters: legal milestones)
    eligibility_id = fields.Many2one(
        "ht.case.eligibility", "Programme eligibility", ondelete="restrict"
    )
    hhs_certification_date = fields.Date(
        "HHS certification letter", compute="_compute_milestone_facts", store=True
    )
    hhs_interim_letter_date = fields.Date(
        "HHS interim assistance letter", compute="_compute_milestone_facts", store=True
    )
    hhs_eligibility_letter_date = fields.Date(
        "HHS eligibility letter", compute="_compute_milestone_facts", store=True
    )
    continued_presence_obtained = fields.Boolean(
        "Continued Presence obtained", compute="_compute_milestone_facts", store=True
    )
    t_visa_obtained = fields.Boolean(
        "T visa obtained", compute="_compute_milestone_facts", store=True
    )
    hhs_letter_obtained = fields.Boolean(
        "HHS letter obtained", compute="_compute_milestone_facts", store=True
    )
    # --- family members served: counts, never names
    family_parents = fields.Integer("Parents served")
    family_siblings = fields.Integer("Siblings served")
    family_spouses = fields.Integer("Spouses / partners served")
    family_children_minor = fields.Integer("Children under 18 served")
    family_children_adult = fields.Integer("Children 18 or older served")
    # --- closure
    closure_living_situation = fields.Selection(
        [
            ("own_housing", "Own housing (rent or own)"),
            ("family_friends", "With family or friends"),
            ("transitional", "Transitional housing"),
            ("shelter", "Emergency shelter"),
            ("repatriated", "Repatriated"),
            ("homeless", "Homeless"),
            ("other", "Other"),
            NOT_RECORDED,
            DECLINED,
        ],
        "Living situation at closure",
        default="not_recorded",
        required=True,
    )
    referred_continued_cm = fields.Selection(
        [("yes", "Yes"), ("no", "No"), NOT_RECORDED],
        "Referred for continued case management",
        default="not_recorded",
        required=True,
    )
    # --- reports
    exclude_from_reports = fields.Boolean(
        "Do not include in reports",
        help="The survivor asked not to be counted: funder reports leave the case out "
        "(the number left out is shown only rounded).",
    )
    service_line_ids = fields.One2many("ht.case.service.line", "case_id", "Services delivered")
    aid_line_ids = fields.One2many("ht.case.aid.line", "case_id", "Material aid")
    first_service_date = fields.Date(
        compute="_compute_first_service_date",
        store=True,
        help="Date of the first service or aid: a client is new in the funder's fiscal "
        "year of this date, continuing afterwards.",
    )

    @api.depends("date_of_birth", "identification_date")
    def _compute_age_at_intake(self):
        for case in self:
            if case.date_of_birth:
                intake = case.identification_date or fields.Date.context_today(case)
                case.age_at_intake = relativedelta(intake, case.date_of_birth).years
                case.age_group_at_intake = "minor" if case.age_at_intake < 18 else "adult"
            else:
                case.age_at_intake = 0
                if case.age_group_at_intake in ("adult", "minor", False):
                    case.age_group_at_intake = case.age_group_at_intake or "not_recorded"

    @api.depends("race_ethnicity_ids", "disability_ids")
    def _compute_answers(self):
        for case in self:
            for many, answer in (
                ("race_ethnicity_ids", "race_ethnicity_answer"),
                ("disability_ids", "disability_answer"),
            ):
                if case[many]:
                    case[answer] = "answered"
                elif case[answer] in ("answered", False):
                    case[answer] = "not_recorded"

    @api.depends(
        "milestone_ids.status", "milestone_ids.milestone_type_id", "milestone_ids.date_decided"
    )
    def _compute_milestone_facts(self):
        for case in self:
            granted = case.milestone_ids.filtered(lambda m: m.status == "granted")
            for kind, fname in LETTER_DATES.items():
                dates = [
                    m.date_decided
                    for m in granted
                    if m.milestone_type_id.code == kind and m.date_decided
                ]
                case[fname] = min(dates, default=False)
            # tied by code: administrators rename types, codes stay
            kinds = set(granted.mapped("milestone_type_id.code"))
            case.continued_presence_obtained = "continued_presence" in kinds
            case.t_visa_obtained = "t_visa" in kinds
            case.hhs_letter_obtained = bool(kinds & set(LETTER_DATES))

    @api.depends("service_line_ids.date", "aid_line_ids.date")
    def _compute_first_service_date(self):
        for case in self:
            dates = case.service_line_ids.mapped("date") + case.aid_line_ids.mapped("date")
            case.first_service_date = min(filter(None, dates), default=False)

    @api.constrains(*FAMILY_FIELDS)
    def _check_family_counts(self):
        for case in self:
            if any(case[fname] < 0 for fname in FAMILY_FIELDS):
                raise ValidationError(
                    _("Family members served of %(case)s are counts: 0 or more.", case=case.code)
                )

    # ------------------------------------------------------------------ ORM

    def _ht_refuse_computed_facts(self, vals_list):
        if self.env.su:
            return
        given = {fname for vals in vals_list for fname in COMPUTED_FACTS if fname in vals}
        if given:
            raise UserError(
                _(
                    "%(fields)s are computed (from the date of birth, the legal milestones "
                    "and the services delivered): change those instead.",
                    fields=", ".join(
                        self._fields[fname]._description_string(self.env) for fname in sorted(given)
                    ),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._ht_refuse_computed_facts(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._ht_refuse_computed_facts([vals])
        return super().write(vals)
