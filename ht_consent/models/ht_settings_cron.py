# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# The addons whose scheduled actions Victim Services administrators may tune.
HT_MODULES = ("ht_consent", "ht_referral_network", "ht_case_management")


class HtSettingsCron(models.TransientModel):
    """One of our scheduled actions on the settings screen: its schedule only
    (interval, next run, active). Applied as superuser after checking the caller
    is a Victim Services administrator and the action is one of ours; nothing
    else of the ir.cron (code, model, user) can be reached through it."""

    _name = "ht.settings.cron"
    _description = "Victim Services scheduled action"
    _order = "cron_name"

    settings_id = fields.Many2one("ht.settings", required=True, ondelete="cascade")
    # an id, not shown: users without Odoo's Settings right cannot read ir.cron
    cron_id = fields.Many2one("ir.cron", required=True, ondelete="cascade")
    cron_name = fields.Char("Scheduled action", readonly=True)
    interval_number = fields.Integer("Every", default=1)
    interval_type = fields.Selection(
        [("minutes", "Minutes"), ("hours", "Hours"), ("days", "Days"), ("weeks", "Weeks")],
        "Unit",
        default="days",
        required=True,
    )
    nextcall = fields.Datetime("Next run", required=True)
    active = fields.Boolean(default=True)

    @api.model
    def _ht_our_crons(self):
        """The scheduled actions our three addons define (by their XML id)."""
        # sudo: which crons are ours is decided from ir.model.data, not by the user.
        data = (
            self.env["ir.model.data"]
            .sudo()
            .search([("model", "=", "ir.cron"), ("module", "in", HT_MODULES)])
        )
        return (
            self.env["ir.cron"]
            .sudo()
            .with_context(active_test=False)
            .browse(data.mapped("res_id"))
            .exists()
            .sorted("cron_name")
        )

    @api.constrains("interval_number")
    def _check_interval_number(self):
        for line in self:
            if line.interval_number < 1:
                raise ValidationError(
                    _(
                        "%(cron)s: the interval must be at least 1 (you entered %(value)s).",
                        cron=line.cron_name or "",
                        value=line.interval_number,
                    )
                )

    def _ht_apply(self):
        """Write each line's schedule on its scheduled action."""
        self.env["ht.settings"]._ht_check_admin()
        ours = self._ht_our_crons()
        for line in self:
            if line.cron_id not in ours:
                raise ValidationError(
                    _(
                        "Only the scheduled actions of Victim Services can be changed "
                        "here (not %(cron)s).",
                        cron=line.cron_id.sudo().cron_name,
                    )
                )
            # sudo: a Victim Services administrator (checked above) tunes the
            # schedule of one of our own scheduled actions; only these four fields.
            line.cron_id.sudo().write(
                {
                    "interval_number": line.interval_number,
                    "interval_type": line.interval_type,
                    "nextcall": line.nextcall,
                    "active": line.active,
                }
            )
