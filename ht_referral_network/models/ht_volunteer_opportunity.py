# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HtVolunteerOpportunity(models.Model):
    """A volunteer opportunity at a host organisation, for client volunteer
    programmes (e.g. for clients awaiting work authorization)."""

    _name = "ht.volunteer.opportunity"
    _description = "Volunteer opportunity"
    _order = "name"

    name = fields.Char("Role", required=True)
    host_id = fields.Many2one(
        "res.partner",
        "Host organisation",
        required=True,
        ondelete="restrict",
        domain=[("is_company", "=", True)],
    )
    skills = fields.Text("Skills gained or needed")
    hours_per_week = fields.Float()
    seats = fields.Integer(default=1)
    lang_ids = fields.Many2many("res.lang", string="Languages", context={"active_test": False})
    supervisor_id = fields.Many2one(
        "res.users", help="The volunteer supervisor who follows placements."
    )
    description = fields.Text()
    active = fields.Boolean(default=True)

    @api.constrains("seats", "hours_per_week")
    def _check_numbers(self):
        for rec in self:
            if rec.seats < 0 or rec.hours_per_week < 0:
                raise ValidationError(_("Seats and hours cannot be negative."))
