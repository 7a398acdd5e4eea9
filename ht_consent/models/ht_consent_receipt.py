# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import file_path

# A consent's purpose (by the code of its purpose record, else by the one DPV
# purpose all its uses share) as a W3C DPV purpose (https://w3id.org/dpv#).
DPV_PURPOSES = {
    "referral": "dpv:ServiceProvision",
    "coordination": "dpv:ServiceProvision",
    "law_enforcement": "dpv:LegalCompliance",
    "benefits": "dpv:ServiceProvision",
    "research": "dpv:ResearchAndDevelopment",
    "other": "dpv:Purpose",
}
LEGAL_BASES = [
    ("consent", "Consent of the person"),
    ("legal_obligation", "Legal obligation"),
    ("vital_interest", "Vital interest (life or safety at risk)"),
]
DPV_LEGAL_BASES = {
    "consent": "dpv:Consent",
    "legal_obligation": "dpv:LegalObligation",
    "vital_interest": "dpv:VitalInterest",
}
# The consent's state as a DPV consent status; a draft has no receipt.
DPV_STATUS = {
    "active": "dpv:ConsentGiven",
    "revoked": "dpv:ConsentWithdrawn",
    "expired": "dpv:ConsentExpired",
    "superseded": "dpv:ConsentInvalidated",
}
CONTEXT = {
    "@vocab": "urn:ht:consent-receipt:",
    "dpv": "https://w3id.org/dpv#",
    "pd": "https://w3id.org/dpv/pd#",
    "dct": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
}


def _utc(value):
    return fields.Datetime.to_datetime(value).strftime("%Y-%m-%dT%H:%M:%SZ")


class HtConsent(models.Model):
    """Consent receipts: each given consent as an ISO/IEC TS 27560-shaped record
    (header, parties, processing, events) in JSON-LD with W3C DPV terms
    (``data/ht_consent_receipt_schema.json``). The receipt travels with the
    person, so the data subject is named by the subject's code, never by name,
    and a representative by their role, never by name."""

    _inherit = "ht.consent"

    legal_basis = fields.Selection(
        LEGAL_BASES,
        required=True,
        default="consent",
        help="The legal basis of the sharing this record covers, as written in its receipt.",
    )
    receipt_file = fields.Binary(
        "Consent receipt", compute="_compute_receipt_file", attachment=False
    )

    def write(self, vals):
        if "legal_basis" in vals and any(
            rec.state != "draft" and rec.legal_basis != vals["legal_basis"] for rec in self
        ):
            raise UserError(
                _(
                    "The terms of consent %(ref)s were agreed and cannot be edited "
                    "(legal_basis). Amend it instead: the amendment is a new consent "
                    "that supersedes this one.",
                    ref=", ".join(self.filtered(lambda c: c.state != "draft").mapped("name")),
                )
            )
        return super().write(vals)

    def _compute_receipt_file(self):
        for rec in self:
            rec.receipt_file = (
                base64.b64encode(rec._ht_receipt_json().encode()) if rec.state != "draft" else False
            )

    # ------------------------------------------------------------------ receipt

    def _ht_indicator(self):
        self.ensure_one()
        return {
            "@type": "dpv:DataSubject" if self.given_by == "self" else "dpv:Representative",
            "role": self.given_by,
        }

    def _ht_receipt(self):
        """The receipt of this consent, as a dict (JSON-LD). Read as the caller:
        whoever may read the consent may read its receipt."""
        self.ensure_one()
        if self.state == "draft":
            raise UserError(
                _("Consent %(ref)s was never given: it has no receipt yet.", ref=self.name)
            )
        # sudo: the purpose is configuration shown with the consent the caller reads.
        record = self.sudo().purpose_id
        by_use = {DPV_PURPOSES.get(use, "dpv:Purpose") for use in record._ht_uses()}
        purpose = {
            "@type": DPV_PURPOSES.get(record.code)
            or (by_use.pop() if len(by_use) == 1 else "dpv:Purpose"),
            "dct:title": record.name,
        }
        if self.purpose:
            purpose["dct:description"] = self.purpose
        # A category an administrator has not mapped yet is still listed (as DPV's
        # generic personal data): a receipt never blocks recording a consent.
        personal_data = [
            {"@id": term, "dct:title": category.name}
            for category in self.category_ids
            for term in (category._ht_dpv_terms() or ["dpv:PersonalData"])
        ]
        method = "verbal" if self.method == "verbal" else "written"
        events = [
            {
                "eventType": "given",
                "dpv:hasConsentStatus": {"@id": "dpv:ConsentGiven"},
                "dpv:isIndicatedAtTime": _utc(self.signed_on or self.collected_on),
                "dpv:hasIndicationMethod": method,
                "dpv:isIndicatedBy": self._ht_indicator(),
            }
        ]
        if self.state == "revoked":
            events.append(
                {
                    "eventType": "withdrawn",
                    "dpv:hasConsentStatus": {"@id": "dpv:ConsentWithdrawn"},
                    "dpv:isIndicatedAtTime": _utc(self.revoked_on),
                    "dpv:hasIndicationMethod": self.revocation_method or "verbal",
                }
            )
        elif self.state == "expired":
            events.append(
                {
                    "eventType": "expired",
                    "dpv:hasConsentStatus": {"@id": "dpv:ConsentExpired"},
                    "dpv:isIndicatedAtTime": _utc(self.expired_on or fields.Datetime.now()),
                    "dpv:hasIndicationMethod": "system",
                }
            )
        elif self.state == "superseded":
            events.append(
                {
                    "eventType": "superseded",
                    "dpv:hasConsentStatus": {"@id": "dpv:ConsentInvalidated"},
                    "dpv:isIndicatedAtTime": _utc(self.superseded_on or fields.Datetime.now()),
                    "dpv:hasIndicationMethod": "system",
                }
            )
        return {
            "@context": dict(CONTEXT),
            "@id": f"urn:ht:consent-receipt:{self.env.cr.dbname}:{self.name}",
            "@type": "dpv:ConsentRecord",
            "header": {
                "schemaVersion": "ISO/IEC TS 27560:2023",
                "recordId": self.name,
                "createdAt": _utc(fields.Datetime.now()),
                "language": self.explained_lang or self.env.lang or "en_US",
                "supersedes": self.supersedes_id.name or None,
            },
            "parties": {
                "dpv:hasDataController": {
                    "@type": "dpv:DataController",
                    "dct:title": self.company_id.name,
                },
                # The code the agency files the person under, never the name: the
                # receipt is handed over and travels (see the class docstring).
                "dpv:hasDataSubject": {
                    "@type": "dpv:DataSubject",
                    "dct:identifier": self.subject_ref or "",
                },
                "dpv:isIndicatedBy": self._ht_indicator(),
                "dpv:hasRecipient": [
                    {"@type": "dpv:Recipient", "dct:title": partner.name}
                    for partner in self.recipient_ids
                ],
            },
            "processing": {
                "dpv:hasPurpose": purpose,
                "dpv:hasPersonalData": personal_data,
                "dpv:hasLegalBasis": {"@id": DPV_LEGAL_BASES[self.legal_basis]},
                "dpv:hasDuration": {
                    "@type": "dpv:UntilTimeDuration",
                    "schema:startDate": fields.Date.to_string(self.date_start),
                    "schema:endDate": fields.Date.to_string(self.date_end),
                },
            },
            "events": events,
            "dpv:hasConsentStatus": {"@id": DPV_STATUS[self.state]},
        }

    def _ht_receipt_json(self):
        return json.dumps(self._ht_receipt(), indent=2, ensure_ascii=False)

    def _ht_receipt_filename(self):
        self.ensure_one()
        return f"consent-receipt-{self.name.replace('/', '-')}.jsonld"

    def _ht_attach_receipt(self):
        """Attach the receipt as given, to the consent itself (so the attachment
        follows the consent's access; never public: see ir.attachment)."""
        Attachment = self.env["ir.attachment"]
        for rec in self:
            Attachment.create(
                {
                    "name": rec._ht_receipt_filename(),
                    "res_model": rec._name,
                    "res_id": rec.id,
                    "mimetype": "application/ld+json",
                    "raw": rec._ht_receipt_json().encode(),
                }
            )

    def action_activate(self):
        res = super().action_activate()
        self._ht_attach_receipt()
        return res

    def action_download_receipt(self):
        """The receipt as it stands now (status included), to hand to the person
        with the release form."""
        self.ensure_one()
        self.check_access("read")
        if self.state == "draft":
            raise UserError(
                _("Consent %(ref)s was never given: it has no receipt yet.", ref=self.name)
            )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/ht.consent/{self.id}/receipt_file"
            f"?download=true&filename={self._ht_receipt_filename()}",
            "target": "self",
        }

    @api.model
    def _ht_receipt_schema_path(self):
        return file_path("ht_consent/data/ht_consent_receipt_schema.json")
