# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from .ht_case import SUPERVISOR


# One capability per file (merges of parallel work stay easy): the ht.case
# extensions are deliberately not merged.
class HtCase(models.Model):
    """Appointments and home visits of a case, on Odoo's calendar: the Add
    appointment button, and the upcoming and past appointments (smart button,
    tab)."""

    _inherit = "ht.case"

    appointment_ids = fields.One2many("ht.case.appointment", "case_id", "Appointments")
    appointment_upcoming_count = fields.Integer(
        "Upcoming appointments", compute="_compute_appointment_upcoming_count"
    )

    @api.depends("appointment_ids.start", "appointment_ids.state")
    def _compute_appointment_upcoming_count(self):
        now = fields.Datetime.now()
        for case in self:
            case.appointment_upcoming_count = len(
                case.appointment_ids.filtered(lambda a: a.state == "planned" and a.start >= now)
            )

    def write(self, vals):
        res = super().write(vals)
        if {"case_manager_id", "team_user_ids", "supervisor_id"} & set(vals):
            self._ht_drop_former_attendees()
        return res

    def _ht_drop_former_attendees(self):
        """Whoever left the team no longer attends the case's planned appointments
        (nor sees their calendar events); the agency's supervisors stay."""
        # sudo: the appointments of cases the caller just changed; only the
        # attendees who left are removed, through the appointment (its event too).
        appointments = self.sudo().appointment_ids.filtered(lambda a: a.state == "planned")
        for appointment in appointments:
            gone = appointment.user_ids - appointment.case_id._ht_members()
            gone = gone.filtered(
                lambda u, case=appointment.case_id: (
                    not (u.has_group(SUPERVISOR) and case.company_id in u.company_ids)
                )
            )
            if gone:
                appointment.user_ids -= gone
        return True

    def action_add_appointment(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("New appointment"),
            "res_model": "ht.case.appointment",
            "view_mode": "form",
            "target": "current",
            "context": {"default_case_id": self.id},
        }

    def action_view_appointments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ht_case_management.ht_case_appointment_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action
