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
    milestone_type_id = fields.Many2one(
        "ht.case.legal.milestone.type", "Milestone", required=True, ondelete="restrict"
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
    def _cron_remind(self):
        """Plan one activity for the case manager per upcoming deadline, each type
        of milestone its own lead time (Configuration › Legal milestone types)."""
        today = fields.Date.context_today(self)
        Type = self.env["ht.case.legal.milestone.type"].with_context(active_test=False)
        horizon = max(Type.search([]).mapped("reminder_days"), default=0)
        due = self.search(
            [
                ("status", "in", ("planned", "applied")),
                ("deadline", "!=", False),
                ("deadline", "<=", today + timedelta(days=horizon)),
            ]
        ).filtered(
            lambda m: (
                m.reminder_for != m.deadline
                and m.deadline <= today + timedelta(days=m.milestone_type_id.reminder_days)
            )
        )
        template = self.env.ref("ht_case_management.mail_template_legal_deadline")
        for milestone in due:
            case = milestone.case_id
            # in the case manager's language (a cron has none of its own)
            lang = case.case_manager_id.lang
            env = milestone.with_context(lang=lang).env
            text = template._ht_render(
                milestone,
                lang=lang,
                add_context={"milestone": milestone.milestone_type_id.with_env(env).name},
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
