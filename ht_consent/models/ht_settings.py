# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Victim Services settings: the timings of the three addons and the schedule of
their scheduled actions, edited by Victim Services administrators (not Odoo's
Settings administrators) on one screen.

Each addon declares its timings in ONE dict (``TIMINGS`` here, and in
``ht_settings_network.py`` / ``ht_settings_case.py``): the system parameter that
stores it, its default, its range and its label. Every use reads it through ONE
accessor, ``self.env["ht.settings"]._ht_timing(key)``, which returns the default
when the stored value is missing or out of range (a value written in SQL or by
Odoo's own Settings screen cannot make a deadline zero or negative)."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

ADMIN_GROUP = "ht_consent.group_ht_admin"

# key (a field of ht.settings, which holds its label): system parameter, default,
# smallest and largest value allowed. A float default makes a float timing.
TIMINGS = {
    "consent_default_days": {
        "param": "ht_consent.default_days",
        "default": 90,
        "min": 1,
        "max": 3650,
    },
    "consent_max_days": {
        "param": "ht_consent.max_days",
        "default": 365,
        "min": 1,
        "max": 3650,
    },
    "consent_verbal_hours": {
        "param": "ht_consent.verbal_hours",
        "default": 72,
        "min": 1,
        "max": 720,
    },
    "consent_reminder_days": {
        "param": "ht_consent.reminder_days",
        "default": 14,
        "min": 1,
        "max": 365,
    },
    "consent_ending_soon_days": {
        "param": "ht_consent.ending_soon_days",
        "default": 14,
        "min": 1,
        "max": 365,
    },
    "compelled_notice_days": {
        "param": "ht_consent.compelled_notice_days",
        "default": 2,
        "min": 1,
        "max": 30,
    },
}


class HtSettings(models.TransientModel):
    """The Victim Services settings screen. A transient form: opening it loads the
    current values, Save checks the caller is a Victim Services administrator and
    every value is in its range, then writes the system parameters and our
    scheduled actions (as superuser, only those)."""

    _name = "ht.settings"
    _description = "Victim Services settings"

    consent_default_days = fields.Integer("Default consent length (days)")
    consent_max_days = fields.Integer("Longest consent allowed (days)")
    consent_verbal_hours = fields.Integer(
        "Verbal consent window (hours)",
        help="A verbal consent is valid only this long unless its written release is recorded.",
    )
    consent_reminder_days = fields.Integer("Remind before a consent ends (days)")
    consent_ending_soon_days = fields.Integer("A consent is 'ending soon' within (days)")
    compelled_notice_days = fields.Integer(
        "Tell the survivor of a compelled disclosure within (days)"
    )
    cron_ids = fields.One2many("ht.settings.cron", "settings_id", "Scheduled actions")

    # ------------------------------------------------------------------ the accessor

    @api.model
    def _ht_timing_specs(self):
        """Every timing of the installed addons: {key: spec}. Each addon adds its
        own dict by overriding this."""
        return dict(TIMINGS)

    @api.model
    def _ht_timing(self, key):
        """The value of timing ``key``: the stored system parameter when it is a
        number in range, else the default. The one way our code reads a timing."""
        spec = self._ht_timing_specs()[key]
        # sudo: reading a setting; system parameters are not readable by users.
        value = self.env["ir.config_parameter"].sudo().get_param(spec["param"])
        kind = type(spec["default"])
        try:
            value = kind(value) if value not in (None, False, "") else spec["default"]
        except ValueError:
            return spec["default"]
        return value if spec["min"] <= value <= spec["max"] else spec["default"]

    # ------------------------------------------------------------------ the screen

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        for key in self._ht_timing_specs():
            if key in fields_list:
                values[key] = self._ht_timing(key)
        if "cron_ids" in fields_list:
            values["cron_ids"] = [
                fields.Command.create(
                    {
                        "cron_id": cron.id,
                        "cron_name": cron.cron_name,
                        "interval_number": cron.interval_number,
                        "interval_type": cron.interval_type,
                        "nextcall": cron.nextcall,
                        "active": cron.active,
                    }
                )
                for cron in self.env["ht.settings.cron"]._ht_our_crons()
            ]
        return values

    @api.constrains(lambda self: list(self._ht_timing_specs()))
    def _check_ht_timings(self):
        for rec in self:
            rec._ht_check_ranges()

    def _ht_check_ranges(self):
        self.ensure_one()
        for key, spec in self._ht_timing_specs().items():
            value = self[key]
            if not spec["min"] <= value <= spec["max"]:
                raise ValidationError(
                    _(
                        "%(setting)s must be between %(low)s and %(high)s (you entered %(value)s).",
                        setting=self._fields[key]._description_string(self.env),
                        low=spec["min"],
                        high=spec["max"],
                        value=value,
                    )
                )
        if self.consent_default_days > self.consent_max_days:
            raise ValidationError(
                _("The default consent length cannot exceed the longest allowed.")
            )

    @api.model
    def _ht_check_admin(self):
        if not self.env.user.has_group(ADMIN_GROUP):
            raise AccessError(
                _("Only Victim Services administrators change the Victim Services settings.")
            )

    def _ht_extra_params(self):
        """Settings that are not timings, as {system parameter: value}; addons add
        theirs."""
        return {}

    def action_save(self):
        """Write the settings and the schedules, all or nothing."""
        self.ensure_one()
        self._ht_check_admin()
        self._ht_check_ranges()
        # sudo: the caller is a Victim Services administrator (checked above) and
        # only our own parameters, each checked in range, are written.
        params = self.env["ir.config_parameter"].sudo()
        for key, spec in self._ht_timing_specs().items():
            params.set_param(spec["param"], str(self[key]))
        for param, value in self._ht_extra_params().items():
            params.set_param(param, value)
        self.cron_ids._ht_apply()
        self.unlink()  # done: the next opening loads the saved values
        return {"type": "ir.actions.client", "tag": "soft_reload"}
