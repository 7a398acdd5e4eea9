# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models

SAFETY_FIELDS = ("safety_plan", "safety_plan_review_date")


# One capability per file (merges of parallel work stay easy): the ht.case
# extensions are deliberately not merged.
class HtCase(models.Model):
    """The safety plan's history (a version each time the plan or its review date
    changes) and the reminder before its review date (daily cron)."""

    _inherit = "ht.case"

    safety_plan_version_ids = fields.One2many(
        "ht.case.safety.plan.version", "case_id", "Safety plan history", readonly=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        cases = super().create(vals_list)
        cases.filtered(
            lambda c: c.safety_plan or c.safety_plan_review_date
        )._ht_version_safety_plan()
        return cases

    def write(self, vals):
        if not set(SAFETY_FIELDS) & set(vals):
            return super().write(vals)
        # sudo: the current values are compared with the new ones, never shown.
        old = {case.id: tuple(case.sudo()[f] for f in SAFETY_FIELDS) for case in self}
        res = super().write(vals)
        changed = self.filtered(lambda c: tuple(c.sudo()[f] for f in SAFETY_FIELDS) != old[c.id])
        changed._ht_version_safety_plan()
        return res

    def _ht_version_safety_plan(self):
        """Append the current safety plan as a new version (never overwritten)."""
        Version = self.env["ht.case.safety.plan.version"].sudo()
        now = fields.Datetime.now()
        vals_list = []
        for case in self:
            # sudo: the case was just written by this user; the version follows it.
            last = Version.search([("case_id", "=", case.id)], order="version desc", limit=1)
            vals_list.append(
                {
                    "case_id": case.id,
                    "version": last.version + 1,
                    "content": case.sudo().safety_plan,
                    "review_date": case.sudo().safety_plan_review_date,
                    "user_id": self.env.uid,
                    "date": now,
                }
            )
        # sudo: versions are written by the system only (nobody has create rights).
        return Version.create(vals_list)

    @api.model
    def _cron_remind_safety_plan_review(self, days=None, batch_size=500):
        """Plan a safety plan review activity for the case manager when a plan's
        review date is near or past, once per review date (idempotent: an open
        activity of the type for that date is not planned again)."""
        days = days or self.env["ht.settings"]._ht_timing("safety_review_lead_days")
        today = fields.Date.context_today(self)
        act_type = self.env.ref("ht_case_management.mail_act_safety_plan_review")
        template = self.env.ref("ht_case_management.mail_template_safety_review")
        cases = self.search(
            [
                ("is_closed", "=", False),
                ("safety_plan_review_date", "!=", False),
                ("safety_plan_review_date", "<=", today + timedelta(days=days)),
            ],
            limit=batch_size,
        )
        planned = self.env["mail.activity"].search(
            [
                ("res_model", "=", "ht.case"),
                ("res_id", "in", cases.ids),
                ("activity_type_id", "=", act_type.id),
            ]
        )
        done = {(a.res_id, a.date_deadline) for a in planned}
        due = cases.filtered(lambda c: (c.id, c.safety_plan_review_date) not in done)
        for case in due:
            # in the case manager's language (a cron has none of its own)
            text = template._ht_render(case, lang=case.case_manager_id.lang)
            case.activity_schedule(
                activity_type_id=act_type.id,
                date_deadline=case.safety_plan_review_date,
                summary=text["subject"],
                note=text["body"],
                user_id=case.case_manager_id.id,
            )
        return due
