# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ht_consent_default_days = fields.Integer(
        "Default consent length (days)",
        config_parameter="ht_consent.default_days",
        default=90,
    )
    ht_consent_max_days = fields.Integer(
        "Longest consent allowed (days)",
        config_parameter="ht_consent.max_days",
        default=365,
    )
    ht_consent_verbal_hours = fields.Integer(
        "Verbal consent window (hours)",
        config_parameter="ht_consent.verbal_hours",
        default=72,
        help="A verbal consent is valid only this long unless its written release is recorded.",
    )
    ht_consent_reminder_days = fields.Integer(
        "Remind before a consent ends (days)",
        config_parameter="ht_consent.reminder_days",
        default=14,
    )

    @api.constrains(
        "ht_consent_default_days",
        "ht_consent_max_days",
        "ht_consent_verbal_hours",
        "ht_consent_reminder_days",
    )
    def _check_ht_consent_settings(self):
        for rec in self:
            if (
                min(
                    rec.ht_consent_default_days,
                    rec.ht_consent_max_days,
                    rec.ht_consent_verbal_hours,
                    rec.ht_consent_reminder_days,
                )
                <= 0
            ):
                raise ValidationError(self.env._("Consent lengths and windows must be positive."))
            if rec.ht_consent_default_days > rec.ht_consent_max_days:
                raise ValidationError(
                    self.env._("The default consent length cannot exceed the longest allowed.")
                )
