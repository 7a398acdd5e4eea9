# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HtCaseGoalLink(models.AbstractModel):
    """A record of a case (service delivered, appointment, case note) done for
    one goal of the case's service plan: it shows on that goal's timeline.

    The goal must be of the record's own case: a link to another case's goal is
    refused (the timeline lists only rows of the goal's case anyway)."""

    _name = "ht.case.goal.link"
    _description = "Linked to a plan goal"

    goal_id = fields.Many2one(
        "ht.case.goal",
        "Plan goal",
        domain="[('case_id', '=', case_id)]",
        ondelete="set null",
        index="btree_not_null",
    )

    @api.constrains("goal_id", "case_id")
    def _check_goal_of_the_case(self):
        check_goal_of_the_case(self)


def check_goal_of_the_case(records):
    """Refuse a record linked to a goal of another case than its own."""
    # sudo: only the goal's case id is compared with the record's, never shown.
    for rec in records.sudo():
        if rec.goal_id and rec.goal_id.case_id != rec.case_id:
            raise ValidationError(
                records.env._(
                    "A plan goal of another case cannot be linked here: choose a goal of %(case)s.",
                    case=rec.case_id.code,
                )
            )


class HtCaseServiceLine(models.Model):
    _name = "ht.case.service.line"
    _inherit = ["ht.case.service.line", "ht.case.goal.link"]


class HtCaseAppointment(models.Model):
    _name = "ht.case.appointment"
    _inherit = ["ht.case.appointment", "ht.case.goal.link"]


class HtCaseNote(models.Model):
    _name = "ht.case.note"
    _inherit = ["ht.case.note", "ht.case.goal.link"]


class HtReferral(models.Model):
    _inherit = "ht.referral"

    @api.constrains("goal_id", "case_id")
    def _check_goal_of_the_case(self):
        check_goal_of_the_case(self)
