# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .ht_case_access_request import DUE_DAYS_DEFAULT, DUE_DAYS_RANGE

REENGAGE_PARAM = "ht_case_management.reengage_stage_id"

# Case management's timings (see ht_consent/models/ht_settings.py): key (a field of
# ht.settings) -> system parameter, default, range. Float defaults are hours.
TIMINGS = {
    "referral_deadline_standard": {
        "param": "ht_case_management.deadline_standard",
        "default": 72.0,
        "min": 0.5,
        "max": 720.0,
    },
    "referral_deadline_warm_handoff": {
        "param": "ht_case_management.deadline_warm_handoff",
        "default": 48.0,
        "min": 0.5,
        "max": 720.0,
    },
    "referral_deadline_emergency": {
        "param": "ht_case_management.deadline_emergency",
        "default": 4.0,
        "min": 0.5,
        "max": 720.0,
    },
    "referral_followup_days": {
        "param": "ht_case_management.followup_days",
        "default": 7,
        "min": 1,
        "max": 365,
    },
    "referral_waitlist_days": {
        "param": "ht_case_management.waitlist_days",
        "default": 30,
        "min": 1,
        "max": 365,
    },
    "access_request_days": {
        "param": "ht_case_management.access_request_days",
        "default": DUE_DAYS_DEFAULT,
        "min": DUE_DAYS_RANGE[0],
        "max": DUE_DAYS_RANGE[1],
    },
    "review_lead_days": {
        "param": "ht_case_management.review_lead_days",
        "default": 3,
        "min": 1,
        "max": 90,
    },
    "safety_review_lead_days": {
        "param": "ht_case_management.safety_review_lead_days",
        "default": 3,
        "min": 1,
        "max": 90,
    },
}


class HtSettings(models.TransientModel):
    _inherit = "ht.settings"

    referral_deadline_standard = fields.Float("Answer within (hours), standard referral")
    referral_deadline_warm_handoff = fields.Float("Answer within (hours), warm hand-off")
    referral_deadline_emergency = fields.Float("Answer within (hours), emergency")
    referral_followup_days = fields.Integer(
        "Follow up accepted referrals without news after (days)"
    )
    referral_waitlist_days = fields.Integer("Waitlisted referrals expire after (days)")
    access_request_days = fields.Integer("Answer a request to see one's file within (days)")
    review_lead_days = fields.Integer("Plan a case review (days before it is due)")
    safety_review_lead_days = fields.Integer("Plan a safety plan review (days before it is due)")
    reengage_stage_id = fields.Many2one(
        "ht.case.stage",
        "A re-engaged case returns to",
        domain=[("is_closed", "=", False)],
        default=lambda self: self._ht_reengage_stage(),
    )

    @api.model
    def _ht_timing_specs(self):
        return dict(super()._ht_timing_specs(), **TIMINGS)

    @api.model
    def _ht_reengage_stage(self, default=True):
        """The stage a re-engaged case returns to: the setting when it names an open
        stage, else Crisis (``default=False``: else no stage)."""
        # sudo: reading a setting; system parameters are not readable by users.
        value = self.env["ir.config_parameter"].sudo().get_param(REENGAGE_PARAM)
        stage = self.env["ht.case.stage"].sudo().browse(int(value) if value else []).exists()
        if not stage or stage.is_closed:
            if not default:
                return self.env["ht.case.stage"]
            return self.env.ref("ht_case_management.ht_case_stage_crisis")
        return stage.sudo(False)

    def _ht_check_ranges(self):
        res = super()._ht_check_ranges()
        if self.reengage_stage_id.is_closed:
            raise ValidationError(_("A re-engaged case cannot return to a closed stage."))
        return res

    def _ht_extra_params(self):
        return dict(super()._ht_extra_params(), **{REENGAGE_PARAM: self.reengage_stage_id.id})
