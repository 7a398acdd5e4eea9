# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HtOncallShift(models.Model):
    """A shift of the 24/7 on-call rota: law enforcement must always find someone
    to call, at any hour. Times are stored in UTC and shown in the user's zone."""

    _name = "ht.oncall.shift"
    _description = "On-call shift"
    _order = "date_start"

    provider_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_company", "=", True)],
    )
    contact_id = fields.Many2one(
        "res.partner",
        "On call",
        required=True,
        ondelete="restrict",
        domain="[('parent_id', '=', provider_id)]",
    )
    phone = fields.Char(required=True)
    date_start = fields.Datetime("From", required=True, index=True)
    date_end = fields.Datetime("Until", required=True, index=True)
    note = fields.Char()

    @api.depends("provider_id", "contact_id", "date_start")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = f"{rec.contact_id.name} ({rec.provider_id.name})"

    @api.constrains("date_start", "date_end", "contact_id")
    def _check_shift(self):
        for rec in self:
            if rec.date_end <= rec.date_start:
                raise ValidationError(_("A shift must end after it starts."))
            overlap = self.search_count(
                [
                    ("id", "!=", rec.id),
                    ("contact_id", "=", rec.contact_id.id),
                    ("date_start", "<", rec.date_end),
                    ("date_end", ">", rec.date_start),
                ]
            )
            if overlap:
                raise ValidationError(
                    _(
                        "%(person)s already has a shift overlapping %(start)s – %(end)s.",
                        person=rec.contact_id.name,
                        start=rec.date_start,
                        end=rec.date_end,
                    )
                )

    @api.model
    def _ht_who_to_call(self, at=None):
        """Who is on call at ``at`` (naive UTC, default now), in one query."""
        at = at or fields.Datetime.now()
        return self.search([("date_start", "<=", at), ("date_end", ">", at)])

    @api.model
    def _ht_coverage_gaps(self, start, end):
        """The uncovered intervals [(from, to), ...] between start and end (UTC)."""
        shifts = self.search(
            [("date_start", "<", end), ("date_end", ">", start)], order="date_start"
        )
        gaps, cursor = [], start
        for shift in shifts:
            if shift.date_start > cursor:
                gaps.append((cursor, min(shift.date_start, end)))
            cursor = max(cursor, shift.date_end)
            if cursor >= end:
                break
        if cursor < end:
            gaps.append((cursor, end))
        return gaps

    @api.model
    def _cron_check_coverage(self, days=None):
        """Plan one activity for the Network Coordinator per uncovered hour range of
        the next ``days`` days (default: the coverage horizon setting); rerunning it
        does not duplicate them."""
        settings = self.env["ht.network.timing"]
        days = days or settings._ht_timing("coverage_horizon_days")
        lead = settings._ht_timing("coverage_gap_lead_days")
        now = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        gaps = self._ht_coverage_gaps(now, now + timedelta(days=days))
        if not gaps:
            return []
        coordinator = self._ht_coordinator()
        anchor = self.env.company.partner_id
        act_type = self.env.ref("ht_referral_network.mail_act_coverage_gap")
        existing = set(
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "=", anchor.id),
                    ("activity_type_id", "=", act_type.id),
                ]
            )
            .mapped("summary")
        )
        planned = []
        for gap_start, gap_end in gaps:
            # in the coordinator's language (a cron has none of its own)
            summary = self.with_context(lang=coordinator.lang).env._(
                "No one on call %(start)s – %(end)s (UTC)",
                start=fields.Datetime.to_string(gap_start)[:16],
                end=fields.Datetime.to_string(gap_end)[:16],
            )
            if summary in existing:
                continue
            anchor.activity_schedule(
                activity_type_id=act_type.id,
                summary=summary,
                date_deadline=max(
                    fields.Date.to_date(gap_start) - timedelta(days=lead), now.date()
                ),
                user_id=coordinator.id,
            )
            planned.append((gap_start, gap_end))
        return planned

    @api.model
    def _ht_coordinator(self):
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("ht_referral_network.coordinator_user_id")
        )
        user = self.env["res.users"].browse(int(param)).exists() if param else None
        if not user:
            group = self.env.ref("ht_referral_network.group_ht_network_coordinator")
            user = group.users.filtered(lambda u: not u._is_superuser())[:1]
        return user or self.env.user

    @api.model
    def _ht_action_who_to_call(self):
        """The menu entry "Who do I call now?": the shifts covering this moment."""
        shifts = self._ht_who_to_call()
        return {
            "type": "ir.actions.act_window",
            "name": _("On call now"),
            "res_model": "ht.oncall.shift",
            "view_mode": "list",
            "views": [(False, "list")],
            "domain": [("id", "in", shifts.ids)],
            "help": _(
                "<p>No one is on call right now: call the 24/7 hotline and tell the "
                "Network Coordinator.</p>"
            ),
        }
