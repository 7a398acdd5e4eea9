# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from contextvars import ContextVar

from odoo import _, api, models
from odoo.exceptions import UserError

# Set while ht.case.appointment writes its own event. Python state, not the
# request context: no client can set it.
_SYNC = ContextVar("ht_case_calendar_sync", default=False)
# What an event of a case shows to everyone with the calendar: written only by
# the appointment (code and type, the team as attendees, nothing else).
GUARDED_FIELDS = {
    "name",
    "description",
    "location",
    "videocall_location",
    "partner_ids",
    "attendee_ids",
    "user_id",
    "privacy",
    "res_model_id",
    "res_model",
    "res_id",
    "active",
}


@contextmanager
def ht_case_calendar_sync():
    token = _SYNC.set(True)
    try:
        yield
    finally:
        _SYNC.reset(token)


class CalendarEvent(models.Model):
    """A calendar event of a case (an appointment, a home visit, a court date) is
    seen by every internal user with the calendar: it carries the case code and
    the type only, with the team as attendees. Only the case's appointment writes
    its title, description, location, attendees and link (create and write of an
    event linked to a case are refused otherwise); its time may be moved."""

    _inherit = "calendar.event"

    def _ht_case_events(self):
        return self.filtered(lambda event: event.res_model == "ht.case" and event.res_id)

    def _ht_refuse(self):
        raise UserError(
            _(
                "This event belongs to a case: its title, description, location and "
                "attendees are set from the case's appointment (the case code and type "
                "only). Change the appointment on the case instead."
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        if not self.env.su and not _SYNC.get() and events.sudo()._ht_case_events():
            self._ht_refuse()
        return events

    def write(self, vals):
        if self.env.su or _SYNC.get():
            return super().write(vals)
        # sudo: only the link is read, to decide.
        linked = self.sudo()._ht_case_events()
        if linked and GUARDED_FIELDS & set(vals):
            self._ht_refuse()
        res = super().write(vals)
        if self.sudo()._ht_case_events() - linked:
            self._ht_refuse()
        return res

    def copy(self, default=None):
        if not self.env.su and self.sudo()._ht_case_events():
            self._ht_refuse()
        return super().copy(default)


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    @api.model_create_multi
    def create(self, vals_list):
        attendees = super().create(vals_list)
        if not self.env.su and not _SYNC.get() and attendees.sudo().event_id._ht_case_events():
            self.env["calendar.event"]._ht_refuse()
        return attendees

    def write(self, vals):
        # the answer (accepted, declined) and availability stay the attendee's own
        if (
            not self.env.su
            and not _SYNC.get()
            and {"event_id", "partner_id"} & set(vals)
            and self.sudo().event_id._ht_case_events()
        ):
            self.env["calendar.event"]._ht_refuse()
        return super().write(vals)
