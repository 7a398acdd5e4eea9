# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

NETWORK = "ht_referral_network.group_ht_network_user"
MEETING_TYPES = [
    ("task_force", "Task force meeting"),
    ("working_group", "Working group"),
    ("case_conference", "Case conference"),
]


class CalendarEvent(models.Model):
    """Network meetings on Odoo's calendar: attendees by organisation, agenda,
    minutes, decisions and action items (activities with owners and deadlines).
    A case conference keeps its agenda and minutes on the case (case data), never
    here: its calendar meeting shows the case code only."""

    _inherit = "calendar.event"

    ht_meeting_type = fields.Selection(MEETING_TYPES, "Network meeting", index=True)
    ht_mou_id = fields.Many2one("ht.mou", "MOU", index=True, ondelete="set null")
    ht_organisation_ids = fields.Many2many(
        "res.partner",
        string="Organisations",
        compute="_compute_ht_organisation_ids",
        help="The organisations of the attendees.",
    )
    ht_agenda = fields.Html("Agenda", groups=NETWORK)
    ht_minutes = fields.Html("Minutes", groups=NETWORK)
    ht_decisions = fields.Html("Decisions", groups=NETWORK)
    ht_action_item_ids = fields.One2many(
        "ht.meeting.action", "event_id", "Action items", groups=NETWORK
    )

    @api.depends("partner_ids")
    def _compute_ht_organisation_ids(self):
        for event in self:
            event.ht_organisation_ids = event.partner_ids.commercial_partner_id.filtered(
                "is_company"
            )
