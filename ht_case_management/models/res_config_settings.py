# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .ht_case_access_request import DUE_DAYS_DEFAULT, DUE_DAYS_RANGE


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ht_deadline_standard = fields.Float(
        "Answer within (hours), standard referral",
        config_parameter="ht_case_management.deadline_standard",
        default=72,
    )
    ht_deadline_warm_handoff = fields.Float(
        "Answer within (hours), warm hand-off",
        config_parameter="ht_case_management.deadline_warm_handoff",
        default=48,
    )
    ht_deadline_emergency = fields.Float(
        "Answer within (hours), emergency",
        config_parameter="ht_case_management.deadline_emergency",
        default=4,
    )
    ht_followup_days = fields.Integer(
        "Follow up accepted referrals without news after (days)",
        config_parameter="ht_case_management.followup_days",
        default=7,
    )
    # -- right of access (ht_case_access_request.py)
    ht_access_request_days = fields.Integer(
        "Answer a request to see one's file within (days)",
        config_parameter="ht_case_management.access_request_days",
        default=DUE_DAYS_DEFAULT,
    )

    @api.constrains("ht_access_request_days")
    def _check_ht_access_request_days(self):
        low, high = DUE_DAYS_RANGE
        for rec in self:
            if not low <= rec.ht_access_request_days <= high:
                raise ValidationError(
                    self.env._(
                        "Answer a request to see one's file within %(low)s to %(high)s days.",
                        low=low,
                        high=high,
                    )
                )

    ht_inbound_referral_user_id = fields.Many2one(
        "res.users",
        "Intake worker for inbound referrals",
        config_parameter="ht_case_management.inbound_referral_user_id",
        domain=lambda s: [("groups_id", "in", s.env.ref("ht_consent.group_ht_case_worker").id)],
        help="Gets an activity for each person a network member refers from the portal. "
        "Default: the agency's first supervisor.",
    )
