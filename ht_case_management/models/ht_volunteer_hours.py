# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

COORDINATOR = "ht_referral_network.group_ht_network_coordinator"
VOLUNTEER_FIELDS = {"date", "hours", "activity"}
SUPERVISOR_FIELDS = {"state", "checkin_note"}
FIXED_FIELDS = {
    "placement_id",
    "volunteer_user_id",
    "supervisor_id",
    "application_id",
    "programme_id",
    "opportunity_id",
    "company_id",
    "checked_by_id",
}


class HtVolunteerHours(models.Model):
    """A line of a volunteer's hours log: date, hours, activity, written by the
    volunteer themself on their own placement; their supervisor checks it in.
    Only programme volunteers' placements (no case) have an hours log."""

    _name = "ht.volunteer.hours"
    _description = "Volunteer hours"
    # a line of a placement (case data): marked as such, though volunteers' own
    # placements hold no case
    _ht_case_data = True
    _order = "date desc, id desc"

    placement_id = fields.Many2one(
        "ht.volunteer.placement",
        required=True,
        ondelete="restrict",
        index=True,
        default=lambda s: s._default_placement(),
    )
    volunteer_user_id = fields.Many2one("res.users", "Volunteer", readonly=True, index=True)
    supervisor_id = fields.Many2one("res.users", readonly=True, index=True)
    application_id = fields.Many2one("ht.volunteer.application", "Volunteer name", readonly=True)
    programme_id = fields.Many2one("ht.volunteer.programme", readonly=True, index=True)
    opportunity_id = fields.Many2one("ht.volunteer.opportunity", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Date(required=True, default=fields.Date.today)
    hours = fields.Float(required=True)
    activity = fields.Char(required=True)
    state = fields.Selection(
        [("logged", "Logged"), ("checked", "Checked in")], default="logged", required=True
    )
    checkin_note = fields.Char("Supervisor's check-in", help="No personal details of anyone.")
    checked_by_id = fields.Many2one("res.users", "Checked in by", readonly=True)
    # what the screen offers (write() decides what is allowed)
    can_check_in = fields.Boolean(compute="_compute_can_check_in")

    def _default_placement(self):
        """A volunteer logs hours on their one ongoing placement: it is chosen."""
        placement = self.env["ht.volunteer.placement"].search(
            [
                ("volunteer_user_id", "=", self.env.uid),
                ("outcome", "=", "ongoing"),
            ],
            limit=2,
        )
        return placement if len(placement) == 1 else False

    @api.depends_context("uid")
    @api.depends("supervisor_id")
    def _compute_can_check_in(self):
        staff = self._ht_is_staff()
        for rec in self:
            rec.can_check_in = staff or rec.supervisor_id == self.env.user

    @api.constrains("hours")
    def _check_hours(self):
        for rec in self:
            if rec.hours <= 0 or rec.hours > 24:
                raise ValidationError(_("Hours of a day are more than 0 and at most 24."))

    def _ht_is_staff(self):
        return self.env.su or self.env.user.has_group(COORDINATOR)

    @api.model_create_multi
    def create(self, vals_list):
        staff = self._ht_is_staff()
        for vals in vals_list:
            # sudo: the placement is read to copy who and where; the caller must
            # be its volunteer (checked next) or programme staff.
            placement = self.env["ht.volunteer.placement"].sudo().browse(vals.get("placement_id"))
            if not placement.exists() or not placement.application_id:
                raise UserError(_("Hours are logged on a volunteer's placement."))
            if not staff and placement.volunteer_user_id != self.env.user:
                raise UserError(_("You can log hours on your own placement only."))
            if not staff and set(vals) - VOLUNTEER_FIELDS - {"placement_id"}:
                raise UserError(_("Volunteers record the date, hours and activity only."))
            vals.update(
                volunteer_user_id=placement.volunteer_user_id.id,
                supervisor_id=placement.supervisor_id.id,
                application_id=placement.application_id.id,
                programme_id=placement.application_id.programme_id.id,
                opportunity_id=placement.opportunity_id.id,
                company_id=placement.company_id.id,
            )
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) & FIXED_FIELDS and not self.env.su:
            raise UserError(_("Log a new line rather than moving one to another placement."))
        if not self._ht_is_staff():
            user = self.env.user
            own = self.filtered(lambda r: r.volunteer_user_id == user)
            supervised = self.filtered(lambda r: r.supervisor_id == user)
            if set(vals) <= VOLUNTEER_FIELDS and own == self:
                if self.filtered(lambda r: r.state == "checked"):
                    raise UserError(_("A line checked in by the supervisor no longer changes."))
            elif set(vals) <= SUPERVISOR_FIELDS and supervised == self:
                pass
            else:
                raise UserError(
                    _(
                        "Volunteers change the date, hours and activity of their own lines; "
                        "supervisors check in the lines of the placements they supervise."
                    )
                )
        if vals.get("state") == "checked":
            vals["checked_by_id"] = self.env.uid
        elif vals.get("state") == "logged":
            vals["checked_by_id"] = False
        return super().write(vals)

    def action_check_in(self):
        self.write({"state": "checked"})
