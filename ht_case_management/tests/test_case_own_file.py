# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The right of access: a survivor's request to see their own file, its
deadline and reminder, its buttons, and the own-file summary (what it shows,
what it never shows, in the person's language), delivered to the person
themself: a disclosure line naming no contact, a PDF only the case reads."""

import uuid
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.ht_referral_network.tests.common import certified_member
from odoo.addons.ht_referral_network.tests.common_rpc import HostileRpcMixin

from .common import HtCaseCase

PROTECTED = "cannot be set directly"


def _secret(what):
    return f"{what}-{uuid.uuid4().hex[:12]}"


class OwnFileCase(HtCaseCase):
    """A case with something of everything: what the summary shows (identity,
    contact preferences, a referral, a consent and a disclosure under it, a goal,
    a document) and what it must never show (sensitive and ordinary notes, risks
    to family and others, the safety plan, a legal note, a chatter message, who
    referred the person), each seeded with a random string."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secrets = {
            "sensitive_note": _secret("sensitive"),
            "note": _secret("brother-named"),
            "risk_family": _secret("family-risk"),
            "risk_others": _secret("co-victim"),
            "safety_plan": _secret("trafficker-address"),
            "legal_note": _secret("detective"),
            "message": _secret("chatter"),
            "source": _secret("Informant Org"),
        }
        cls.provider = certified_member(cls.env, "Harbor Own-File Shelter")
        cls.source = cls.env["res.partner"].create(
            {"name": cls.secrets["source"], "is_company": True}
        )
        cls.case.write(
            {
                "safe_phone": "555-0199",
                "safe_times": "mornings",
                "safety_plan": f"<p>{cls.secrets['safety_plan']}</p>",
                "identified_by": "law_enforcement",
                "referring_partner_id": cls.source.id,
            }
        )
        manager_env = cls.env(user=cls.manager)
        Note = manager_env["ht.case.note"]
        Note.create(
            {"case_id": cls.case.id, "body": cls.secrets["sensitive_note"], "sensitive": True}
        )
        Note.create({"case_id": cls.case.id, "body": cls.secrets["note"]})
        manager_env["ht.case.assessment"].create(
            {
                "case_id": cls.case.id,
                "risk_to_family": cls.secrets["risk_family"],
                "risk_to_others": cls.secrets["risk_others"],
            }
        )
        manager_env["ht.case.legal.milestone"].create(
            {
                "case_id": cls.case.id,
                "milestone_type_id": cls.env.ref(
                    "ht_case_management.ht_case_legal_milestone_type_t_visa"
                ).id,
                "status": "applied",
                "note": cls.secrets["legal_note"],
            }
        )
        cls.case.with_user(cls.manager).message_post(
            body=cls.secrets["message"], message_type="comment"
        )
        category = cls.env.ref("ht_referral_network.ht_service_category_case_management")
        service = cls.env["ht.service"].create(
            {"provider_id": cls.provider.id, "category_id": category.id}
        )
        cls.referral = manager_env["ht.referral"].create(
            {"case_id": cls.case.id, "service_id": service.id}
        )
        cls.goal = manager_env["ht.case.goal"].create(
            {"case_id": cls.case.id, "name": "Find stable housing"}
        )
        cls.cat_summary = cls.env.ref("ht_consent.ht_consent_category_case_summary")
        cls.consent = manager_env["ht.consent"].create(
            {
                "res_model": "ht.case",
                "res_id": cls.case.id,
                "recipient_ids": [(6, 0, cls.provider.ids)],
                "category_ids": [(6, 0, cls.cat_summary.ids)],
                "method": "document",
                "signed_document": "U2lnbmVk",
                "signed_document_name": "release.pdf",
                "limits_explained": True,
            }
        )
        cls.consent.action_activate()
        cls.case.with_user(cls.manager)._ht_log_disclosure(
            cls.provider, cls.cat_summary, consent=cls.consent, channel="other"
        )
        manager_env["ir.attachment"].create(
            {
                "name": "birth-certificate-scan.pdf",
                "res_model": "ht.case",
                "res_id": cls.case.id,
                "raw": b"scan",
            }
        )
        cls.env.flush_all()

    def _request(self, user=None, **vals):
        return (
            self.env["ht.case.access.request"]
            .with_user(user or self.manager)
            .create({"case_id": self.case.id, **vals})
        )

    def _delivered(self, **vals):
        request = self._request(identity_verification="in_person_id", **vals)
        request.action_verify_identity()
        request.decision = "granted"
        request.action_decide()
        request.action_deliver()
        return request

    def _html(self, request, user=None):
        return (
            self.env["ir.actions.report"]
            .with_user(user or self.manager)
            ._render_qweb_html("ht_case_management.report_ht_case_own_file", request.ids)[0]
            .decode()
        )


@tagged("post_install", "-at_install", "ht_case_management")
class TestOwnFile(OwnFileCase):
    def test_delivery_writes_a_disclosure_to_the_person_and_attaches_the_pdf(self):
        partners_before = self.env["res.partner"].search_count([])
        request = self._delivered()
        self.assertEqual(request.state, "delivered")
        self.assertEqual(request.delivered_by_id, self.manager)
        line = request.disclosure_id
        self.assertEqual(line.recipient_kind, "subject")
        self.assertFalse(line.recipient_id)
        self.assertEqual(line.basis, "subject_access")
        self.assertFalse(line.consent_id)
        self.assertEqual(line.subject_ref, self.case.code)
        self.assertEqual(line.reference, request.name)
        self.assertIn("identity", line.category_ids.mapped("code"))
        # the survivor never becomes a contact
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)
        self.assertFalse(self.env["res.partner"].search([("name", "ilike", "Secretname")]))
        attachment = request.own_file_attachment_id
        self.assertEqual((attachment.res_model, attachment.res_id), (request._name, request.id))
        self.assertFalse(attachment.public)
        self.assertFalse(attachment.access_token)
        # the deadline's reminder is done
        self.assertFalse(request.activity_ids)

    def test_a_representative_receives_it_named_by_kind(self):
        request = self._request(
            requested_by="representative",
            representative_name="Attorney Rivera",
            representative_authority="Power of attorney, seen 2026-11-01",
            identity_verification="representative_document",
        )
        request.action_verify_identity()
        request.write({"decision": "partly", "decision_reason": "Part of the file only"})
        request.action_decide()
        request.action_deliver()
        self.assertEqual(request.disclosure_id.recipient_kind, "subject_representative")
        self.assertFalse(request.disclosure_id.recipient_id)

    def test_what_was_withheld_is_recorded(self):
        request = self._delivered()
        withheld = {(r.item_kind, r.reason_code): r.item_count for r in request.redaction_ids}
        self.assertEqual(withheld[("sensitive_note", "sensitive_record")], 1)
        self.assertEqual(withheld[("case_note", "third_party")], 1)
        self.assertEqual(withheld[("assessment_risk", "safety_of_others")], 1)
        self.assertEqual(withheld[("safety_plan", "own_safety")], 1)
        self.assertEqual(withheld[("identification", "law_enforcement")], 1)
        self.assertEqual(withheld[("identification", "confidential_source")], 1)
        self.assertEqual(withheld[("legal_note", "law_enforcement")], 1)
        self.assertGreaterEqual(withheld[("case_message", "third_party")], 1)
        line = request.redaction_ids[0].with_user(self.manager)
        with self.assertRaisesRegex(UserError, "recorded once and never changed"):
            line.write({"item_count": 0})
        with self.assertRaisesRegex(UserError, "recorded once and never deleted"):
            line.sudo().unlink()

    def test_summary_shows_the_file_and_nothing_withheld(self):
        request = self._request()
        html = self._html(request)
        for shown in (
            "Lucia Secretname",
            "555-0199",
            "Harbor Own-File Shelter",
            self.consent.name,
            "Find stable housing",
            "birth-certificate-scan.pdf",
            "T visa",
            "Who you are",
        ):
            self.assertIn(shown, html)
        for what, secret in self.secrets.items():
            self.assertNotIn(secret, html, what)

    def test_summary_in_the_persons_language(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(
            ["ht_consent", "ht_case_management"], ["es_ES"], overwrite=True
        )
        spanish = self.env["res.lang"]._lang_get("es_ES")
        self.case.lang_id = spanish
        request = self._request()
        self.assertEqual(request.lang_id, spanish)
        html = self._html(request)
        self.assertIn("Resumen de su expediente", html)
        self.assertIn("Quién es usted", html)
        self.assertIn("Nombre legal", html)
        self.assertNotIn("Who you are", html)
        for secret in self.secrets.values():
            self.assertNotIn(secret, html)

    def test_deadline_from_the_setting_with_a_reminder(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "ht_case_management.access_request_days", "10"
        )
        request = self._request(requested_on=fields.Date.today() - timedelta(days=2))
        self.assertEqual(request.due_date, fields.Date.today() + timedelta(days=8))
        activity = request.activity_ids
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("ht_case_management.mail_act_access_request_due"),
        )
        self.assertEqual(activity.date_deadline, request.due_date)
        self.assertEqual(activity.user_id, self.manager)
        Settings = self.env["res.config.settings"]
        for days in (0, 91):
            with self.assertRaisesRegex(ValidationError, "within 1 to 90 days"):
                Settings.create({"ht_access_request_days": days})
        Settings.create({"ht_access_request_days": 45}).execute()
        self.assertEqual(self._request().due_date, fields.Date.today() + timedelta(days=45))

    def test_state_changes_only_through_its_buttons(self):
        request = self._request()
        for vals in (
            {"state": "delivered"},
            {"identity_verified_by_id": self.manager.id},
            {"decided_on": fields.Datetime.now()},
            {"disclosure_id": 1},
            {"due_date": fields.Date.today() + timedelta(days=300)},
            {"case_id": self.case.copy().id},
        ):
            with self.assertRaisesRegex(UserError, PROTECTED):
                request.write(vals)
        with self.assertRaisesRegex(UserError, PROTECTED):
            self._request(state="delivered")
        with self.assertRaisesRegex(UserError, "how the identity"):
            request.action_verify_identity()
        with self.assertRaisesRegex(UserError, "not possible now"):
            request.action_deliver()
        request.identity_verification = "security_questions"
        request.action_verify_identity()
        self.assertEqual(request.identity_verified_by_id, self.manager)
        with self.assertRaisesRegex(UserError, "no longer change"):
            request.identity_verification = "other"
        request.decision = "refused"
        with self.assertRaisesRegex(UserError, "reason"):
            request.action_decide()
        request.decision_reason = "The file is held by the court"
        request.action_decide()
        with self.assertRaisesRegex(UserError, "no longer change"):
            request.decision = "granted"
        with self.assertRaisesRegex(UserError, "nothing to deliver"):
            request.action_deliver()
        self.assertFalse(request.activity_ids)  # refused: the reminder is done
        with self.assertRaisesRegex(UserError, "never deleted"):
            request.sudo().unlink()

    def test_representative_needs_authority(self):
        with self.assertRaisesRegex(ValidationError, "authority"):
            self._request(requested_by="representative", representative_name="Someone")

    def test_statement_goes_into_the_file(self):
        request = self._delivered()
        request.client_statement = "I never said I wanted to move to Denver."
        request.action_add_statement()
        note = request.statement_note_id
        self.assertEqual(note.case_id, self.case)
        self.assertFalse(note.sensitive)
        self.assertIn("move to Denver", note.body)
        self.assertIn(note, self.case.with_user(self.teammate).note_ids)
        with self.assertRaisesRegex(UserError, "no longer change"):
            request.client_statement = "changed"

    def test_only_the_case_reads_a_request_its_lines_and_pdf(self):
        request = self._delivered()
        attachment = request.own_file_attachment_id
        lines = request.redaction_ids
        # the team reads all of it
        self.assertTrue(request.with_user(self.teammate).read(["state"]))
        self.assertTrue(lines.with_user(self.teammate).read(["item_kind"]))
        self.assertTrue(attachment.with_user(self.teammate).read(["name"]))
        self.env.invalidate_all()
        for user in (self.outsider, self.volunteer, self.coordinator, self.employee):
            with self.assertRaises(AccessError):
                request.with_user(user).read(["state"])
            with self.assertRaises(AccessError):
                lines.with_user(user).read(["item_kind"])
            with self.assertRaises(AccessError):
                attachment.with_user(user).read(["raw"])
            self.assertFalse(
                self.env["ir.attachment"].with_user(user).search([("id", "=", attachment.id)])
            )
        with self.assertRaises(AccessError):
            self._request(user=self.outsider)


@tagged("post_install", "-at_install", "ht_case_management")
class TestOwnFileHttp(HostileRpcMixin, OwnFileCase, HttpCase):
    hostile_context = {"active_test": False, "default_state": "delivered"}

    def test_outsider_gets_nothing_over_http(self):
        request = self._delivered()
        attachment = request.own_file_attachment_id
        pdf = attachment.sudo().raw
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        response = self.url_open(f"/web/content/{attachment.id}?download=true")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, pdf)
        self.authenticate("ht_c_out", "ht_c_out")
        with mute_logger("odoo.http"):
            response = self.url_open(f"/web/content/{attachment.id}?download=true")
            self.assertNotEqual(response.status_code, 200)
            self.assertNotIn(pdf, response.content)
            reply = self._call("ht.case.access.request", "read", [request.id], ["state"])
            self.assertIn("error", reply)
            reply = self._call(
                "ht.case.access.redaction", "search_read", [], ["item_kind", "request_id"]
            )
            self.assertFalse([r for r in reply.get("result", []) if r["request_id"]])
            reply = self._call("ir.attachment", "read", [attachment.id], ["raw"])
            self.assertIn("error", reply)
        self.logout()
        with mute_logger("odoo.http"):
            response = self.url_open(f"/web/content/{attachment.id}?download=true")
        self.assertNotEqual(response.status_code, 200)

    def test_hostile_rpc_cannot_set_protected_fields(self):
        request = self._request()
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        with mute_logger("odoo.http"):
            for vals in (
                {"state": "delivered"},
                {"identity_verified_by_id": self.supervisor.id},
                {"delivered_on": "2020-01-01 00:00:00"},
                {"redaction_ids": [(0, 0, {"item_kind": "other", "reason_code": "third_party"})]},
            ):
                reply = self._call("ht.case.access.request", "write", [request.id], vals)
                self.assertIn(PROTECTED, reply["error"]["data"]["message"])
            reply = self._call(
                "ht.case.access.request",
                "create",
                [{"case_id": self.case.id, "state": "delivered"}],
            )
            self.assertIn(PROTECTED, reply["error"]["data"]["message"])
            reply = self._call(
                "ht.case.access.redaction",
                "create",
                [{"request_id": request.id, "item_kind": "other", "reason_code": "third_party"}],
            )
            self.assertIn("error", reply)
            reply = self._call("ht.case.access.request", "_ht_write_protected", [request.id], {})
            self.assertIn("error", reply)
        # default_state from the context gives nothing either
        reply = self._call("ht.case.access.request", "create", [{"case_id": self.case.id}])
        created = self.env["ht.case.access.request"].browse(reply["result"])
        self.assertEqual(created.state, "received")
        request.invalidate_recordset()
        self.assertEqual(request.state, "received")
        self.assertFalse(request.redaction_ids)
