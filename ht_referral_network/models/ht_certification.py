# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HtCertification(models.Model):
    """Human-trafficking training certification of a provider organisation (or of
    a pro bono professional): network membership requires a current one."""

    _name = "ht.certification"
    _description = "Trafficking training certification"
    _order = "date_expiry desc, id desc"

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade", index=True)
    training = fields.Char(required=True)
    trainer = fields.Char("Training provider")
    date_obtained = fields.Date(required=True, default=fields.Date.context_today)
    date_expiry = fields.Date(required=True)
    certificate = fields.Binary(attachment=True)
    certificate_name = fields.Char()
    is_current = fields.Boolean(compute="_compute_is_current")

    @api.depends("date_obtained", "date_expiry")
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for rec in self:
            rec.is_current = bool(
                rec.date_obtained
                and rec.date_expiry
                and rec.date_obtained <= today <= rec.date_expiry
            )

    @api.constrains("date_obtained", "date_expiry")
    def _check_dates(self):
        for rec in self:
            if rec.date_obtained and rec.date_expiry and rec.date_expiry < rec.date_obtained:
                raise ValidationError(
                    _(
                        "The certification %(training)s expires (%(expiry)s) before it was "
                        "obtained (%(obtained)s).",
                        training=rec.training,
                        expiry=rec.date_expiry,
                        obtained=rec.date_obtained,
                    )
                )
