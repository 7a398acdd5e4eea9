# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .calendar_event import ht_case_calendar_sync
from .ht_case import SUPERVISOR

APPOINTMENT_TYPES = [
    ("appointment", "Appointment"),
    ("home_visit", "Home visit"),
    ("court_date", "Court date"),
    ("hearing", "Hearing"),
    ("interview", "Law-enforcement interview"),
    ("other", "Other"),
]


class HtCaseAppointment(models.Model):
    """An appointment, home visit, court date or hearing of a case, on Odoo's
    calendar. The calendar event (seen by every internal user) is named by the
    case code and the type only, its attendees are the case team members chosen
    here, and it has no description and no location: where and what happened
    stay here, in the case file (outcome notes)."""

    _name = "ht.case.appointment"
    _description = "Case appointment"
    _ht_case_data = True
    _order = "start desc, id desc"

    case_id = fields.Many2one("ht.case", required=True, ondelete="restrict", index=True)
    name = fields.Char("Title", compute="_compute_name", store=True)
    appointment_type = fields.Selection(
        APPOINTMENT_TYPES, "Type", required=True, default="appointment"
    )
    start = fields.Datetime(required=True, default=fields.Datetime.now)
    duration = fields.Float(default=1.0, help="In hours.")
    stop = fields.Datetime(compute="_compute_stop", store=True)
    location = fields.Char(help="Kept in the case file only: never on the calendar.")
    user_ids = fields.Many2many(
        "res.users",
        "ht_case_appointment_user_rel",
        "appointment_id",
        "user_id",
        "Attendees (case team)",
        default=lambda s: s.env.user,
    )
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("done", "Held"),
            ("missed", "Missed"),
            ("cancelled", "Cancelled"),
        ],
        default="planned",
        required=True,
    )
    outcome = fields.Text("Outcome notes")
    event_id = fields.Many2one("calendar.event", readonly=True, copy=False, ondelete="set null")
    is_upcoming = fields.Boolean(compute="_compute_is_upcoming", search="_search_is_upcoming")

    @api.depends("case_id.code", "appointment_type")
    def _compute_name(self):
        labels = dict(APPOINTMENT_TYPES)
        for rec in self:
            rec.name = f"{rec.case_id.code or ''} · {labels.get(rec.appointment_type, '')}"

    @api.depends("start", "duration")
    def _compute_stop(self):
        for rec in self:
            rec.stop = rec.start and rec.start + timedelta(hours=max(rec.duration, 0.25))

    def _compute_is_upcoming(self):
        now = fields.Datetime.now()
        for rec in self:
            rec.is_upcoming = rec.state == "planned" and bool(rec.start) and rec.start >= now

    def _search_is_upcoming(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on 'upcoming'."))
        domain = [("state", "=", "planned"), ("start", ">=", fields.Datetime.now())]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    @api.constrains("case_id", "user_ids")
    def _check_attendees_on_the_team(self):
        for rec in self:
            # sudo: the members are compared, never shown.
            members = rec.case_id.sudo()._ht_members()
            # the agency's supervisors read every case of it: they may attend too
            outsiders = rec.user_ids.filtered(
                lambda u, case=rec.case_id, members=members: (
                    u not in members
                    and not (u.has_group(SUPERVISOR) and case.company_id in u.company_ids)
                )
            )
            if outsiders:
                raise ValidationError(
                    _(
                        "Only the team of %(case)s (and the agency's supervisors) attend "
                        "its appointments: %(users)s is not on it.",
                        case=rec.case_id.code,
                        users=", ".join(outsiders.mapped("name")),
                    )
                )

    # ------------------------------------------------------------------ ORM

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("event_id") for vals in vals_list):
            raise UserError(_("The calendar event of an appointment is created with it."))
        records = super().create(vals_list)
        records._ht_sync_event()
        return records

    def write(self, vals):
        if not self.env.su and "event_id" in vals:
            raise UserError(_("The calendar event of an appointment is created with it."))
        if "case_id" in vals and any(rec.case_id.id != vals["case_id"] for rec in self):
            raise UserError(_("An appointment stays on its case."))
        res = super().write(vals)
        if {"appointment_type", "start", "duration", "user_ids", "state"} & set(vals):
            self._ht_sync_event()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("Appointments are kept in the case history: cancel one instead."))

    # ------------------------------------------------------------------ calendar

    def _ht_event_values(self):
        self.ensure_one()
        partners = self.user_ids.partner_id
        return {
            "name": self.name,
            "description": False,
            "location": False,
            "videocall_location": False,
            "start": self.start,
            "stop": self.stop,
            "privacy": "private",
            "user_id": (self.user_ids[:1] or self.case_id.case_manager_id).id,
            "partner_ids": [(6, 0, partners.ids)],
            "res_model_id": self.env["ir.model"]._get_id("ht.case"),
            "res_id": self.case_id.id,
            "active": self.state != "cancelled",
        }

    def _ht_sync_event(self):
        """Create or update each appointment's calendar event from the appointment:
        the code and type as title, the team attendees, nothing else."""
        self.check_access("write")
        # sudo: the event's values are computed here from the appointment the user
        # may write (checked above): code, type, time and team attendees only. The
        # event is private, so the calendar rules would hide it from a team member
        # who is not its organiser.
        for rec in self.sudo():
            vals = rec._ht_event_values()
            with ht_case_calendar_sync():
                if rec.event_id:
                    rec.event_id.with_context(active_test=False).write(vals)
                else:
                    rec.event_id = self.env["calendar.event"].sudo().create(vals)
        return True

    def action_open_event(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.event_id.id,
            "view_mode": "form",
        }
