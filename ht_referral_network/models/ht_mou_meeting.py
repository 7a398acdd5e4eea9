# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.calendar.models.calendar_recurrence import BYDAY_SELECTION, WEEKDAY_SELECTION


class HtMouMeeting(models.Model):
    """The MOU's regular meeting schedule (the 10 action steps: "establishing a
    regular meeting schedule"), planned as recurring meetings on Odoo's calendar."""

    # one capability per file (signatures, versions, meetings), as the project lays out
    _inherit = "ht.mou"

    meeting_rrule_type = fields.Selection(
        [("weekly", "Weeks"), ("monthly", "Months")], "Meet every", default="monthly"
    )
    meeting_interval = fields.Integer("Every", default=1)
    meeting_byday = fields.Selection(BYDAY_SELECTION, "On the", default="1")
    meeting_weekday = fields.Selection(WEEKDAY_SELECTION, "Weekday", default="TUE")
    meeting_hour = fields.Float("At", default=10.0, help="Local time of the MOU owner.")
    meeting_duration = fields.Float("Lasting (hours)", default=1.5)
    meeting_event_ids = fields.One2many("calendar.event", "ht_mou_id", "Meetings")
    meeting_count = fields.Integer(compute="_compute_meeting_count")

    def _compute_meeting_count(self):
        for rec in self:
            rec.meeting_count = len(rec.meeting_event_ids)

    def _ht_meeting_partners(self):
        """Who is invited to the network meetings: each party's signatory, else
        the organisation itself, and the MOU's owner."""
        self.ensure_one()
        partners = self.env["res.partner"]
        for party in self.party_ids:
            partners |= party.signatory_id or party.partner_id
        return partners | self.user_id.partner_id

    def action_plan_meetings(self):
        """Plan the meeting schedule as one recurring calendar meeting until the
        MOU expires."""
        self.ensure_one()
        self.check_access("write")
        self._ht_require_state("negotiation", "active")
        if self.meeting_event_ids.filtered(lambda e: e.start >= fields.Datetime.now()):
            raise UserError(_("The meetings of MOU %(name)s are already planned.", name=self.name))
        if not self.meeting_rrule_type or self.meeting_interval < 1:
            raise UserError(_("Set how often the parties meet (every N weeks or months)."))
        tz = pytz.timezone(self.user_id.tz or self.env.user.tz or "UTC")
        first_day = max(self.date_start, fields.Date.context_today(self) + timedelta(days=1))
        hours, minutes = divmod(round((self.meeting_hour or 0.0) * 60), 60)
        local = datetime.combine(first_day, time(min(hours, 23), minutes))
        start = tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)
        weekday = self.meeting_weekday or "TUE"
        vals = {
            "name": _("%(name)s: network meeting", name=self.name),
            "ht_meeting_type": "task_force",
            "ht_mou_id": self.id,
            "start": start,
            "stop": start + timedelta(hours=self.meeting_duration or 1.0),
            "duration": self.meeting_duration or 1.0,
            "user_id": (self.user_id or self.env.user).id,
            "partner_ids": [(6, 0, self._ht_meeting_partners().ids)],
            "recurrency": True,
            "rrule_type": self.meeting_rrule_type,
            "interval": self.meeting_interval,
            "end_type": "end_date",
            "until": self.date_end,
            "event_tz": tz.zone,
        }
        if self.meeting_rrule_type == "monthly":
            vals.update(month_by="day", byday=self.meeting_byday or "1", weekday=weekday)
        else:
            vals[weekday.lower()] = True
        self.env["calendar.event"].create(vals)
        return self.action_view_meetings()

    def action_view_meetings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ht_referral_network.ht_network_meeting_action"
        )
        action["domain"] = [("ht_mou_id", "=", self.id)]
        action["context"] = {"default_ht_mou_id": self.id, "default_ht_meeting_type": "task_force"}
        return action
