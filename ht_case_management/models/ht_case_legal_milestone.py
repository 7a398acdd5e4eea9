# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models


class HtCaseLegalMilestone(models.Model):
    """Legal status and benefits milestones of foreign national and minor
    survivors: HHS certification or eligibility letter, Continued Presence,
    T visa, U visa, work authorization."""

    _name = "ht.case.legal.milestone"
    _description = "Legal status milestone"
    _ht_case_data = True
    _order = "deadline, id"

    case_id = fields.Many2one("ht.case", required=True, ondelete="restrict", index=True)
    milestone_type = fields.Selection(
        [
            ("hhs_certification", "HHS certification letter"),
            ("hhs_eligibility", "HHS eligibility letter (minor)"),
            ("continued_presence", "Continued Presence"),
            ("t_visa", "T visa"),
            ("u_visa", "U visa"),
            ("work_authorization", "Work authorization"),
        ],
        "Milestone",
        required=True,
    )
    status = fields.Selection(
        [
            ("planned", "Planned"),
            ("applied", "Applied"),
            ("granted", "Granted"),
            ("denied", "Denied"),
            ("expired", "Expired"),
        ],
        default="planned",
        required=True,
    )
    date_applied = fields.Date()
    date_decided = fields.Date()
    deadline = fields.Date(help="Next deadline (filing, renewal, response to a request).")
    expiry = fields.Date()
    reminder_for = fields.Date(readonly=True, copy=False)
    note = fields.Char()

    @api.model
    def _cron_remind(self, days=14):
        """Plan one activity for the case manager per upcoming deadline."""
        today = fields.Date.context_today(self)
        due = self.search(
            [
                ("status", "in", ("planned", "applied")),
                ("deadline", "!=", False),
                ("deadline", "<=", today + timedelta(days=days)),
            ]
        ).filtered(lambda m: m.reminder_for != m.deadline)
        template = self.env.ref("ht_case_management.mail_template_legal_deadline")
        for milestone in due:
            case = milestone.case_id
            # in the case manager's language (a cron has none of its own)
            lang = case.case_manager_id.lang
            env = milestone.with_context(lang=lang).env
            labels = dict(self._fields["milestone_type"]._description_selection(env))
            text = template._ht_render(
                milestone, lang=lang, add_context={"milestone": labels[milestone.milestone_type]}
            )
            case.activity_schedule(
                "ht_case_management.mail_act_legal_deadline",
                date_deadline=milestone.deadline,
                summary=text["subject"],
                note=text["body"],
                user_id=case.case_manager_id.id,
            )
            milestone.reminder_for = milestone.deadline
        return due
