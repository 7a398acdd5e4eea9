# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

STATES = [
    ("applied", "Applied"),
    ("screening", "Screening"),
    ("training", "Training"),
    ("active", "Active"),
    ("inactive", "Inactive"),
]


class HtVolunteerApplication(models.Model):
    """Someone who applied to volunteer in a programme, and then the volunteer:
    applied, screening, training, active, inactive. Volunteers are not survivors;
    still, only the programme's staff (Network Coordinators) read these records
    (screening notes included): not case workers, not volunteers."""

    _name = "ht.volunteer.application"
    _description = "Volunteer application"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_applied desc, id desc"
    # A person's file (background check, references): its chatter, followers and
    # attachments get the protections of case data (ht_consent/models/mail_*.py).
    _ht_case_data = True

    name = fields.Char("Full name", required=True, tracking=True)
    email = fields.Char(required=True)
    phone = fields.Char()
    programme_id = fields.Many2one(
        "ht.volunteer.programme", required=True, ondelete="restrict", index=True, tracking=True
    )
    company_id = fields.Many2one(related="programme_id.company_id", store=True)
    state = fields.Selection(
        STATES, required=True, default="applied", tracking=True, group_expand=True
    )
    date_applied = fields.Date(required=True, default=fields.Date.today)
    date_active = fields.Date("First active on", readonly=True, copy=False)
    date_inactive = fields.Date("Inactive since", readonly=True, copy=False)
    languages = fields.Char()
    availability = fields.Char(help="e.g. weekday evenings, 4 hours a week")
    motivation = fields.Text("Why do you want to volunteer?")
    user_id = fields.Many2one(
        "res.users",
        "Volunteer's user",
        tracking=True,
        help="The volunteer's own login (Volunteer role), created by a Settings "
        "administrator: with it they log their hours.",
    )
    check_ids = fields.One2many(
        "ht.volunteer.check", "application_id", "Screening and training records"
    )
    placement_ids = fields.One2many("ht.volunteer.placement", "application_id", "Placements")
    ready = fields.Boolean(
        "Every step current",
        compute="_compute_ready",
        help="Every screening step and training of the programme is done and not "
        "expired today. Decided when read.",
    )
    missing = fields.Char("Missing or expired", compute="_compute_ready")

    @api.depends("check_ids.date", "check_ids.expiry", "programme_id.requirement_ids")
    def _compute_ready(self):
        for rec in self:
            missing = rec._ht_missing_requirements()
            rec.ready = not missing
            rec.missing = ", ".join(missing.mapped("name"))

    def _ht_missing_requirements(self, on=None):
        """The programme's requirements this volunteer has no current record of
        on ``on`` (default today, UTC: never the caller's context)."""
        self.ensure_one()
        on = on or fields.Date.today()
        # sudo: a yes/no decision on the programme's own configuration and this
        # volunteer's records; only requirement names are returned.
        rec = self.sudo()
        done = rec.check_ids.filtered(lambda c: c._ht_is_current(on)).mapped("requirement_id")
        return rec.programme_id.requirement_ids - done

    def _ht_check_ready(self):
        for rec in self:
            missing = rec._ht_missing_requirements()
            if missing:
                raise UserError(
                    _(
                        "%(name)s cannot be placed yet: %(missing)s not current. Record "
                        "every screening step and training of %(programme)s first.",
                        name=rec.name,
                        missing=", ".join(missing.mapped("name")),
                        programme=rec.programme_id.name,
                    )
                )

    @api.constrains("user_id")
    def _check_user(self):
        for rec in self.filtered("user_id"):
            if not rec.user_id.has_group("ht_case_management.group_ht_volunteer"):
                raise ValidationError(_("A volunteer's user must have the Volunteer role."))
            if rec.user_id.has_group("ht_consent.group_ht_case_worker"):
                raise ValidationError(
                    _("A volunteer's user cannot be a case worker: volunteers see no case.")
                )

    def write(self, vals):
        if not self.env.su and set(vals) & {"date_active", "date_inactive", "company_id"}:
            raise UserError(_("These dates follow the volunteer's stage."))
        if "state" in vals:
            today = fields.Date.today()
            if vals["state"] == "active":
                self._ht_check_ready()
                for rec in self.filtered(lambda r: not r.date_active):
                    super(HtVolunteerApplication, rec).write({"date_active": today})
                vals["date_inactive"] = False
            elif vals["state"] == "inactive":
                vals["date_inactive"] = today
        return super().write(vals)

    def action_screening(self):
        self.write({"state": "screening"})

    def action_training(self):
        self.write({"state": "training"})

    def action_activate(self):
        self.write({"state": "active"})

    def action_deactivate(self):
        self.write({"state": "inactive"})

    def action_place(self):
        """Open a new placement for this volunteer (refused on save unless every
        step is current and the opportunity has a free seat)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Place %(name)s", name=self.name),
            "res_model": "ht.volunteer.placement",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {"default_application_id": self.id},
        }

    def action_add_missing(self):
        """Add a dated line for each requirement without a current record."""
        self.ensure_one()
        missing = self._ht_missing_requirements()
        self.env["ht.volunteer.check"].create(
            [{"application_id": self.id, "requirement_id": req.id} for req in missing]
        )
