# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HtVolunteerCheck(models.Model):
    """A volunteer's screening step or training, dated, with its validity. A
    training may point at the session of the trainings log where it was held, so
    staff and volunteers share one log."""

    _name = "ht.volunteer.check"
    _description = "Volunteer screening or training record"
    _order = "application_id, requirement_id, date desc"
    _ht_case_data = True  # a line of the volunteer's file

    application_id = fields.Many2one(
        "ht.volunteer.application", required=True, ondelete="cascade", index=True
    )
    programme_id = fields.Many2one(related="application_id.programme_id", store=True)
    requirement_id = fields.Many2one(
        "ht.volunteer.requirement",
        required=True,
        ondelete="restrict",
        domain="[('programme_id', '=', programme_id)]",
    )
    kind = fields.Selection(related="requirement_id.kind")
    date = fields.Date("Done on", required=True, default=fields.Date.today)
    expiry = fields.Date(
        compute="_compute_expiry",
        store=True,
        readonly=False,
        precompute=True,
        help="Empty if it does not expire.",
    )
    event_id = fields.Many2one(
        "ht.network.event",
        "Training session",
        help="The session of the trainings log where this training was held.",
    )
    verified_by_id = fields.Many2one("res.users", "Verified by", default=lambda s: s.env.user)
    notes = fields.Char()
    current = fields.Boolean(compute="_compute_current")

    @api.depends("date", "requirement_id.validity_months")
    def _compute_expiry(self):
        for rec in self:
            months = rec.requirement_id.validity_months
            rec.expiry = rec.date + relativedelta(months=months) if rec.date and months else False

    def _compute_current(self):
        today = fields.Date.today()
        for rec in self:
            rec.current = rec._ht_is_current(today)

    def _ht_is_current(self, on):
        self.ensure_one()
        return bool(self.date and self.date <= on and (not self.expiry or self.expiry >= on))

    @api.constrains("date", "expiry", "requirement_id", "application_id")
    def _check_dates(self):
        for rec in self:
            if rec.expiry and rec.date and rec.expiry < rec.date:
                raise ValidationError(_("A record cannot expire before it was done."))
            if rec.requirement_id.programme_id != rec.application_id.programme_id:
                raise ValidationError(_("This step belongs to another programme."))
