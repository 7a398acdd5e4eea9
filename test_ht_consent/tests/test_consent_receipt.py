# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Consent receipts (ISO/IEC TS 27560 record structure, W3C DPV terms, JSON-LD)
and disclosures to the person themself (right of access)."""

import json

import jsonschema

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import HtConsentCase, rule_error, subject_error


class ReceiptCase(HtConsentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Consent = cls.env["ht.consent"]
        with open(Consent._ht_receipt_schema_path()) as schema_file:
            cls.schema = json.load(schema_file)
        jsonschema.Draft202012Validator.check_schema(cls.schema)

    def assertValidReceipt(self, receipt):
        jsonschema.Draft202012Validator(self.schema).validate(receipt)

    def _attached_receipts(self, consent):
        return self.env["ir.attachment"].search(
            [("res_model", "=", "ht.consent"), ("res_id", "=", consent.id)]
        )


@tagged("post_install", "-at_install", "ht_consent")
class TestConsentReceipt(ReceiptCase):
    def test_activation_attaches_a_valid_receipt_without_the_name(self):
        consent = self._consent(category_ids=[(6, 0, (self.cat_summary | self.cat_medical).ids)])
        attachment = self._attached_receipts(consent)
        self.assertEqual(len(attachment), 1)
        self.assertFalse(attachment.public)
        self.assertEqual(attachment.mimetype, "application/ld+json")
        text = attachment.raw.decode()
        receipt = json.loads(text)
        self.assertValidReceipt(receipt)
        self.assertNotIn("Maria Example", text)
        self.assertNotIn("Maria", text)
        parties = receipt["parties"]
        self.assertEqual(parties["dpv:hasDataSubject"]["dct:identifier"], "HT-T-0001")
        self.assertEqual([r["dct:title"] for r in parties["dpv:hasRecipient"]], ["Harbor Shelter"])
        self.assertEqual(parties["dpv:isIndicatedBy"], {"@type": "dpv:DataSubject", "role": "self"})
        processing = receipt["processing"]
        terms = [pd["@id"] for pd in processing["dpv:hasPersonalData"]]
        self.assertIn("pd:HealthRecord", terms)
        self.assertIn("pd:Social", terms)
        self.assertEqual(processing["dpv:hasLegalBasis"], {"@id": "dpv:Consent"})
        self.assertEqual(processing["dpv:hasPurpose"]["@type"], "dpv:ServiceProvision")
        self.assertEqual(
            processing["dpv:hasDuration"]["schema:endDate"], fields.Date.to_string(consent.date_end)
        )
        self.assertEqual(receipt["dpv:hasConsentStatus"], {"@id": "dpv:ConsentGiven"})
        self.assertEqual(receipt["events"][0]["dpv:hasIndicationMethod"], "written")
        self.assertEqual(receipt["@context"]["pd"], "https://w3id.org/dpv/pd#")

    def test_receipt_follows_the_consent(self):
        consent = self._consent(
            method="verbal",
            given_by="guardian",
            representative_name="Rosa Guardianname",
            representative_relationship="aunt, legal guardian",
            legal_basis="vital_interest",
        )
        receipt = consent.with_user(self.case_worker)._ht_receipt()
        self.assertValidReceipt(receipt)
        text = json.dumps(receipt)
        self.assertNotIn("Guardianname", text)
        self.assertNotIn("aunt", text)
        self.assertEqual(
            receipt["parties"]["dpv:isIndicatedBy"],
            {"@type": "dpv:Representative", "role": "guardian"},
        )
        self.assertEqual(receipt["events"][0]["dpv:hasIndicationMethod"], "verbal")
        self.assertEqual(receipt["processing"]["dpv:hasLegalBasis"], {"@id": "dpv:VitalInterest"})
        consent.with_user(self.case_worker)._ht_revoke(method="written", reason="asked")
        receipt = consent.with_user(self.case_worker)._ht_receipt()
        self.assertValidReceipt(receipt)
        self.assertEqual(receipt["dpv:hasConsentStatus"], {"@id": "dpv:ConsentWithdrawn"})
        self.assertEqual([e["eventType"] for e in receipt["events"]], ["given", "withdrawn"])
        self.assertEqual(receipt["events"][1]["dpv:hasIndicationMethod"], "written")
        # the attachment stays what was given; the download is the current one
        given = json.loads(self._attached_receipts(consent).raw)
        self.assertEqual(given["dpv:hasConsentStatus"], {"@id": "dpv:ConsentGiven"})
        action = consent.with_user(self.case_worker).action_download_receipt()
        self.assertIn(f"/web/content/ht.consent/{consent.id}/receipt_file", action["url"])

    def test_expired_consent_receipt(self):
        consent = self._consent()
        consent._ht_write_protected({"state": "expired", "expired_on": fields.Datetime.now()})
        receipt = consent._ht_receipt()
        self.assertValidReceipt(receipt)
        self.assertEqual(receipt["dpv:hasConsentStatus"], {"@id": "dpv:ConsentExpired"})

    def test_draft_has_no_receipt(self):
        consent = self._consent(activate=False)
        self.assertFalse(self._attached_receipts(consent))
        with self.assertRaisesRegex(UserError, "no receipt yet"):
            consent.with_user(self.case_worker).action_download_receipt()

    def test_legal_basis_is_a_granted_term(self):
        consent = self._consent().with_user(self.case_worker)
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            consent.write({"legal_basis": "legal_obligation"})
        self.assertEqual(consent.legal_basis, "consent")

    def test_category_mapping_is_seeded_and_checked(self):
        self.assertEqual(self.cat_medical.dpv_pd_category, "pd:HealthRecord, pd:PhysicalHealth")
        self.assertEqual(self.cat_identity._ht_dpv_terms()[0], "pd:Identifying")
        for bad in ("HealthRecord", "pd:health record", "dpv:Consent"):
            with self.assertRaisesRegex(ValidationError, "not a DPV personal data category"):
                self.cat_medical.write({"dpv_pd_category": bad})
        self.cat_medical.dpv_pd_category = "pd:MedicalHealth"
        consent = self._consent(category_ids=[(6, 0, self.cat_medical.ids)])
        receipt = consent._ht_receipt()
        self.assertEqual(
            [pd["@id"] for pd in receipt["processing"]["dpv:hasPersonalData"]],
            ["pd:MedicalHealth"],
        )
        with self.assertRaises(AccessError):
            self.cat_medical.with_user(self.case_worker).write({"dpv_pd_category": "pd:Health"})
        # an unmapped category never blocks a consent: generic personal data
        self.cat_medical.dpv_pd_category = False
        consent = self._consent(category_ids=[(6, 0, self.cat_medical.ids)])
        receipt = json.loads(self._attached_receipts(consent).raw)
        self.assertValidReceipt(receipt)
        self.assertEqual(
            receipt["processing"]["dpv:hasPersonalData"],
            [{"@id": "dpv:PersonalData", "dct:title": self.cat_medical.name}],
        )

    def test_outsider_reads_no_receipt(self):
        consent = self._consent()
        attachment = self._attached_receipts(consent)
        self.env.invalidate_all()
        with self.assertRaisesRegex(AccessError, subject_error("read", "ht.consent")):
            consent.with_user(self.other_worker)._ht_receipt()
        with self.assertRaises(AccessError):
            attachment.with_user(self.other_worker).read(["raw"])
        self.assertFalse(
            self.env["ir.attachment"]
            .with_user(self.other_worker)
            .search([("id", "=", attachment.id)])
        )


@tagged("post_install", "-at_install", "ht_consent")
class TestDisclosureToSubject(HtConsentCase):
    def test_own_file_disclosure_names_no_contact(self):
        partners = self.env["res.partner"].search_count([])
        line = self.subject.with_user(self.case_worker)._ht_log_disclosure_to_subject(
            ["identity", "case_summary"], reference="ACC/1"
        )
        self.assertEqual(line.recipient_kind, "subject")
        self.assertFalse(line.recipient_id)
        self.assertEqual(line.basis, "subject_access")
        self.assertEqual(line.subject_ref, "HT-T-0001")
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        with self.assertRaisesRegex(UserError, "append-only"):
            line.with_user(self.case_worker).write({"recipient_kind": "organisation"})
        with self.assertRaisesRegex(AccessError, rule_error("write", "ht.test.subject")):
            self.subject.with_user(self.other_worker)._ht_log_disclosure_to_subject(["identity"])

    def test_a_line_goes_to_an_organisation_or_to_the_person(self):
        base = {
            "res_model": "ht.test.subject",
            "res_id": self.subject.id,
            "company_id": self.env.company.id,
            "channel": "other",
            "user_id": self.env.uid,
            "disclosed_on": fields.Datetime.now(),
        }
        Log = self.env["ht.disclosure"].sudo()
        for vals in (
            {"recipient_kind": "organisation", "basis": "compelled"},
            {
                "recipient_kind": "subject",
                "basis": "subject_access",
                "recipient_id": self.shelter.id,
            },
            {"recipient_kind": "subject", "basis": "consent"},
        ):
            with (
                self.assertRaisesRegex(ValidationError, "either to an organisation"),
                self.env.cr.savepoint(),
            ):
                Log._ht_append([dict(base, **vals)])


@tagged("post_install", "-at_install", "ht_consent")
class TestReceiptHttp(ReceiptCase, HttpCase):
    def test_receipt_over_http_only_for_the_team(self):
        consent = self._consent()
        attachment = self._attached_receipts(consent)
        url = f"/web/content/ht.consent/{consent.id}/receipt_file?download=true"
        self.authenticate("ht_cw", "ht_cw")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertValidReceipt(json.loads(response.content))
        self.assertEqual(self.url_open(f"/web/content/{attachment.id}").status_code, 200)
        self.authenticate("ht_cw2", "ht_cw2")
        with mute_logger("odoo.http"):
            for path in (url, f"/web/content/{attachment.id}"):
                response = self.url_open(path)
                self.assertNotEqual(response.status_code, 200)
                self.assertNotIn(b"HT-T-0001", response.content)
