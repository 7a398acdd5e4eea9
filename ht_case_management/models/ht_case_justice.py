# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Court dates and hearings are appointments of these types (ht.case.appointment).
COURT_TYPES = ("court_date", "hearing")


# One capability per file (merges of parallel work stay easy): the ht.case
# extensions are deliberately not merged.
class HtCase(models.Model):
    """Criminal-justice participation: the survivor's choice whether to cooperate
    with law enforcement (and when it was made), the investigation and
    prosecution, the agencies' contacts, court dates on the calendar, and the
    continued presence and certification milestones that depend on it. Nothing
    of it leaves the agency without a consent for law-enforcement cooperation
    (``ht.case.justice.contact.action_share``)."""

    _inherit = "ht.case"

    justice_cooperation = fields.Selection(
        [
            ("undecided", "Not decided yet"),
            ("cooperates", "Chooses to cooperate"),
            ("declines", "Chooses not to cooperate"),
            ("limited", "Cooperates in part"),
        ],
        "Cooperation with law enforcement",
        default="undecided",
        help="The survivor's own choice; services never depend on it.",
    )
    justice_cooperation_date = fields.Date("Choice made on")
    justice_investigation_status = fields.Selection(
        [
            ("none", "No investigation"),
            ("open", "Investigation open"),
            ("closed_charges", "Closed: charges filed"),
            ("closed_no_charges", "Closed: no charges"),
        ],
        "Investigation",
        default="none",
    )
    justice_prosecution_status = fields.Selection(
        [
            ("none", "No prosecution"),
            ("charged", "Charged"),
            ("pre_trial", "Pre-trial"),
            ("trial", "Trial"),
            ("plea", "Plea agreement"),
            ("convicted", "Convicted"),
            ("acquitted", "Acquitted"),
            ("dismissed", "Dismissed"),
        ],
        "Prosecution",
        default="none",
    )
    justice_contact_ids = fields.One2many(
        "ht.case.justice.contact", "case_id", "Law-enforcement and prosecution contacts"
    )
    justice_court_date_ids = fields.One2many(
        "ht.case.appointment",
        "case_id",
        "Court dates and hearings",
        domain=[("appointment_type", "in", COURT_TYPES)],
    )
    justice_milestone_ids = fields.One2many(
        "ht.case.legal.milestone",
        "case_id",
        "Continued presence and certification",
        domain=[
            (
                "milestone_type_id.code",
                "in",
                ("continued_presence", "hhs_certification", "hhs_eligibility", "t_visa"),
            )
        ],
    )

    @api.constrains("justice_cooperation", "justice_cooperation_date")
    def _check_justice_cooperation(self):
        today = fields.Date.context_today(self)
        for case in self:
            if case.justice_cooperation_date and case.justice_cooperation_date > today:
                raise ValidationError(
                    _("The cooperation choice of %(case)s is dated in the future.", case=case.code)
                )

    @api.onchange("justice_cooperation")
    def _onchange_justice_cooperation(self):
        if self.justice_cooperation != "undecided":
            self.justice_cooperation_date = fields.Date.context_today(self)
