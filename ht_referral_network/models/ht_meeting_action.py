# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models


class HtMeetingAction(models.Model):
    """An action item decided at a network meeting: an activity for its owner,
    with a deadline."""

    _name = "ht.meeting.action"
    _description = "Meeting action item"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_deadline, id"

    event_id = fields.Many2one(
        "calendar.event", "Meeting", required=True, ondelete="cascade", index=True
    )
    name = fields.Char("Action", required=True)
    user_id = fields.Many2one("res.users", "Owner", required=True)
    date_deadline = fields.Date("Deadline", required=True)
    done = fields.Boolean(compute="_compute_done")

    @api.depends("activity_ids")
    def _compute_done(self):
        for rec in self:
            rec.done = bool(rec.id) and not rec.activity_ids

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        act_type = self.env.ref("ht_referral_network.mail_act_meeting_action")
        for item in items:
            item.activity_schedule(
                activity_type_id=act_type.id,
                summary=item.name,
                note=_("Decided at %(meeting)s", meeting=item.event_id.display_name),
                user_id=item.user_id.id,
                date_deadline=item.date_deadline,
            )
        return items

    def write(self, vals):
        res = super().write(vals)
        if {"user_id", "date_deadline", "name"} & vals.keys():
            for item in self:
                item.activity_ids.write(
                    {
                        "user_id": item.user_id.id,
                        "date_deadline": item.date_deadline,
                        "summary": item.name,
                    }
                )
        return res
