# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .ht_case import IDENTITY_FIELDS


class MailTemplate(models.Model):
    _inherit = "mail.template"

    @api.model
    def _ht_identity_fields(self):
        """The case's identity (ht_case.py: IDENTITY_FIELDS, the one list) and
        ``name``: no template of our models reaches them (ht_consent's
        mail_template.py: _ht_check_identity_safe)."""
        return dict(super()._ht_identity_fields(), **{"ht.case": {*IDENTITY_FIELDS, "name"}})

    @api.model
    def _ht_allowed_expressions(self):
        return dict(
            super()._ht_allowed_expressions(),
            **{
                "ht.referral": {
                    "object.name",
                    "object.case_code",
                    "object.category_id.display_name",
                    "mode",
                    "deadline",
                    "days",
                    "state",
                    "lines",
                },
                "ht.case": {
                    "object.code",
                    "object.next_review_date",
                    "object.safety_plan_review_date",
                },
                "ht.case.legal.milestone": {"milestone", "object.case_id.code", "object.deadline"},
            },
        )
