# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HtVolunteerPlacement(models.Model):
    """A client's placement in a volunteer opportunity of the network. The
    volunteer supervisor sees the placement by its case code only: no related
    field reaches into the case (related fields read as superuser)."""

    _name = "ht.volunteer.placement"
    _description = "Volunteer placement"
    _ht_case_data = True
    _order = "date_start desc, id desc"
    _rec_name = "case_code"

    case_id = fields.Many2one(
        "ht.case",
        ondelete="restrict",
        index=True,
        groups="ht_consent.group_ht_case_worker",
    )
    case_code = fields.Char("Case code", readonly=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda s: s.env.company)
    opportunity_id = fields.Many2one("ht.volunteer.opportunity", required=True, ondelete="restrict")
    supervisor_id = fields.Many2one("res.users", "Volunteer supervisor", index=True)
    date_start = fields.Date(required=True, default=fields.Date.context_today)
    date_end = fields.Date()
    hours_per_week = fields.Float()
    hours_done = fields.Float()
    work_authorization = fields.Selection(
        [
            ("not_needed", "Not needed"),
            ("awaiting", "Awaiting work authorization"),
            ("authorized", "Authorized to work"),
        ],
        default="awaiting",
    )
    outcome = fields.Selection(
        [("ongoing", "Ongoing"), ("completed", "Completed"), ("hired", "Hired"), ("left", "Left")],
        default="ongoing",
        required=True,
    )
    supervisor_notes = fields.Text()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            case = self.env["ht.case"].browse(vals.get("case_id"))
            vals["case_code"] = case.code
            vals.setdefault("company_id", case.company_id.id)
            if not vals.get("supervisor_id") and vals.get("opportunity_id"):
                opportunity = self.env["ht.volunteer.opportunity"].browse(vals["opportunity_id"])
                vals["supervisor_id"] = opportunity.supervisor_id.id
        return super().create(vals_list)

    @api.constrains("date_start", "date_end", "hours_per_week", "hours_done")
    def _check_values(self):
        for rec in self:
            if rec.date_end and rec.date_end < rec.date_start:
                raise ValidationError(_("A placement cannot end before it starts."))
            if rec.hours_per_week < 0 or rec.hours_done < 0:
                raise ValidationError(_("Hours cannot be negative."))

    def write(self, vals):
        if (
            not self.env.su
            and not self.env.user.has_group("ht_consent.group_ht_case_worker")
            and not self._ht_programme_staff()
        ):
            allowed = {"hours_done", "supervisor_notes", "outcome"}
            if set(vals) - allowed:
                raise ValidationError(
                    _("Volunteer supervisors record hours, notes and the outcome only.")
                )
        return super().write(vals)
