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
        return dict(
            super()._ht_identity_fields(),
            **{
                "ht.case": {*IDENTITY_FIELDS, "name"},
                # the identity a consent let into a packet, for the portal only
                "ht.referral": {"packet_person", "packet_phone", "packet_details"},
                # the person's details until intake
                "ht.inbound.referral": {"person_name", "contact_details"},
            },
        )
