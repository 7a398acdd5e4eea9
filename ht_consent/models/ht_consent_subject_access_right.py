# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import UserError


class HtConsentSubjectMixin(models.AbstractModel):
    _inherit = "ht.consent.subject.mixin"

    def _ht_log_disclosure_to_subject(
        self, categories, representative=False, channel="print", reference=None
    ):
        """Write the append-only disclosure line for the person's own file given to
        them (or to their representative) under their right of access: no consent
        is needed to give a person their own information, and no contact is named
        (the person is never a ``res.partner``). Only callers that may change this
        subject's file (its team) give it out."""
        self.ensure_one()
        self.check_access("write")
        if isinstance(categories, (list, tuple, set)):
            categories = self.env["ht.consent.category"].search([("code", "in", list(categories))])
        if not categories:
            raise UserError(_("Say which information the person received."))
        vals = {
            "res_model": self._name,
            "res_id": self.id,
            "subject_ref": self._ht_consent_reference(),
            "company_id": (self["company_id"].id if "company_id" in self else False)
            or self.env.company.id,
            "recipient_kind": "subject_representative" if representative else "subject",
            "recipient_id": False,
            "category_ids": [(6, 0, categories.ids)],
            "basis": "subject_access",
            "consent_id": False,
            "channel": channel,
            "user_id": self.env.uid,
            "disclosed_on": fields.Datetime.now(),
            "reference": reference,
        }
        # sudo: nobody has create rights on the log; this method is the only way
        # in for the right of access (through the log's private _ht_append), and it
        # checked write access on the subject above.
        return self.env["ht.disclosure"].sudo()._ht_append([vals])
