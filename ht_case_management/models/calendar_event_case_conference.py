# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, api, models
from odoo.exceptions import UserError

# What a case conference's meeting shows is set once, from the case code.
CONFERENCE_LOCKED = {"name", "description", "ht_meeting_type", "res_model", "res_id"}


class CalendarEvent(models.Model):
    """A case conference's meeting: nobody outside the agency becomes an
    attendee without the consent check (``ht.case.conference._ht_admit``), by
    whatever path (form, JSON-RPC on ``partner_ids`` or ``attendee_ids``); its
    title and description never change (they show the case code only)."""

    _inherit = "calendar.event"

    def _ht_conferences(self):
        # sudo: only to know which of these meetings are case conferences.
        return self.env["ht.case.conference"].sudo().search([("event_id", "in", self.ids)])

    def write(self, vals):
        conferences = self.browse()
        if self.ids:
            conferences = self._ht_conferences()
        if not conferences:
            return super().write(vals)
        if not self.env.su and CONFERENCE_LOCKED & vals.keys():
            raise UserError(
                _(
                    "The meeting of %(name)s shows the case code only: its title and "
                    "description do not change.",
                    name=conferences[0].name,
                )
            )
        before = {event.id: event.partner_ids for event in conferences.event_id}
        res = super().write(vals)
        added = {
            event.id: event.partner_ids - before[event.id]
            for event in conferences.event_id
            if event.partner_ids - before[event.id]
        }
        if added:
            self.env["ht.case.conference"]._ht_admit_to_events(
                conferences.event_id, added, self.env.user
            )
        return res


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    @api.model_create_multi
    def create(self, vals_list):
        self._ht_admit_conference_attendees(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("partner_id") or vals.get("event_id"):
            self._ht_admit_conference_attendees(
                [
                    {
                        "partner_id": vals.get("partner_id") or att.partner_id.id,
                        "event_id": vals.get("event_id") or att.event_id.id,
                    }
                    for att in self
                ]
            )
        return super().write(vals)

    @api.model
    def _ht_admit_conference_attendees(self, vals_list):
        by_event = defaultdict(lambda: self.env["res.partner"])
        for vals in vals_list:
            if vals.get("event_id") and vals.get("partner_id"):
                by_event[vals["event_id"]] |= self.env["res.partner"].browse(vals["partner_id"])
        if by_event:
            self.env["ht.case.conference"]._ht_admit_to_events(
                self.env["calendar.event"].browse(list(by_event)), dict(by_event), self.env.user
            )
