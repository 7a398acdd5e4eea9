# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HtCaseLegalMilestoneType(models.Model):
    """A kind of legal status or benefits milestone a legal partner tracks (HHS
    letters, Continued Presence, T and U visas, asylum, SIJS, vacatur...), each
    with its own reminder lead time. A fixed selection until 18.0.1.2.0; the seeded
    values carry its codes, by which funder eligibility and reports find them."""

    _name = "ht.case.legal.milestone.type"
    _inherit = ["ht.config.list.mixin"]
    _description = "Legal milestone type"

    reminder_days = fields.Integer(
        "Reminder lead time (days)",
        default=14,
        required=True,
        help="The case manager gets an activity this many days before a deadline.",
    )

    @api.constrains("reminder_days")
    def _check_reminder_days(self):
        for rec in self:
            if not 1 <= rec.reminder_days <= 365:
                raise ValidationError(
                    _(
                        "The reminder lead time of %(type)s is from 1 to 365 days.",
                        type=rec.name,
                    )
                )
