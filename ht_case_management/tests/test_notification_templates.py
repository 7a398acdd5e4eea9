# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every text the product sends or schedules is an editable mail template,
rendered in the reader's language, on a dedicated activity type; no template of
our models can carry a survivor's identity, whatever an administrator writes
over JSON-RPC or in SQL."""

import json
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.ht_referral_network.tests.common_rpc import HostileRpcMixin

from .common_referral import HtReferralCase

HOSTILE_CONTEXT = {"active_test": False, "install_mode": True, "lang": "en_US", "uid": 1}

# (field, value) an administrator may try: each reaches the case's identity
IDENTITY_ATTEMPTS = [
    ("subject", "Referral {{ object.case_id.name }}"),
    ("subject", "Referral {{ object.packet_person }}"),
    ("subject", "Referral {{ object.case_id.legal_name }}"),
    ("subject", "{{ object.sudo().case_id.preferred_name }}"),
    ("body_html", '<p>For <t t-out="object.case_id.name"/></p>'),
    ("body_html", '<p t-out="object.case_id.date_of_birth"/>'),
    ("body_html", '<t t-set="c" t-value="object.case_id"/><t t-out="c[\'legal_\' + \'name\']"/>'),
    ("body_html", "<t t-out=\"object.case_id['legal_' + 'name']\"/>"),
    ("body_html", '<t t-foreach="object.case_id" t-as="c"><t t-out="c.city"/></t>'),
    ("body_html", "<t t-out=\"object.env['ht.case'].search([], limit=1).code\"/>"),
    ("body_html", '<t t-out="object.case_id._ht_consent_person_name()"/>'),
    ("body_html", '<t t-call="ht_consent.report_ht_consent_document"/>'),
    ("body_html", '<a t-attf-href="/x/{{ object.case_id.safe_phone }}">x</a>'),
    ("body_html", '<t t-out="object.case_id.note_ids.body"/>'),
    ("email_to", "{{ object.case_id.safe_email }}"),
    ("partner_to", "{{ object.case_id.street }}"),
    ("email_cc", "{{ (lambda c: c['safe_' + 'email'])(object.case_id) }}"),
]


@tagged("post_install", "-at_install", "ht_case_management")
class TestNotificationTemplates(HostileRpcMixin, HtReferralCase, HttpCase):
    hostile_context = HOSTILE_CONTEXT

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vs_admin = new_test_user(
            cls.env,
            "ht_n_admin",
            groups="base.group_user,ht_consent.group_ht_admin",
            email="admin@example.com",
        )
        cls.sent = cls.env.ref("ht_case_management.mail_template_referral_sent")
        cls.case.sudo().write({"legal_name": "Zorvath Quillane", "safe_email": "zq@example.com"})

    def _snapshot(self, template):
        self.env.invalidate_all()
        return template.read(["subject", "body_html", "email_to", "email_cc", "partner_to"])

    # ------------------------------------------------------------------ refused on save

    @mute_logger("odoo.http")
    def test_identity_expressions_refused_over_jsonrpc(self):
        before = self._snapshot(self.sent)
        for fname, value in IDENTITY_ATTEMPTS:
            with self.subTest(field=fname, value=value):
                reply = self._call_as(
                    "ht_n_admin", "mail.template", "write", [self.sent.id], {fname: value}
                )
                self.assertIn("error", reply, "an identity expression was accepted")
                error = reply["error"]["data"]
                self.assertEqual(error["name"], "odoo.exceptions.ValidationError")
                label = self.sent._fields[fname]._description_string(self.env)
                self.assertIn(f"field {label}", error["message"])
                self.assertIn("case code only", error["message"])
                self.assertEqual(self._snapshot(self.sent), before)

    @mute_logger("odoo.http")
    def test_identity_template_refused_on_create_over_jsonrpc(self):
        model = self.env["ir.model"]._get_id("ht.referral")
        count = self.env["mail.template"].search_count([])
        reply = self._call_as(
            "ht_n_admin",
            "mail.template",
            "create",
            {"name": "Sneaky", "model_id": model, "subject": "{{ object.case_id.name }}"},
        )
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.ValidationError")
        self.assertIn("object.case_id.name", reply["error"]["data"]["message"])
        self.assertEqual(self.env["mail.template"].search_count([]), count)

    @mute_logger("odoo.http")
    def test_harmless_edit_is_accepted_and_used_in_the_next_mail(self):
        body = (
            '<div><p>Referral <t t-out="object.name"/> for case <t t-out="object.case_code"/>: '
            "call our intake line today, please.</p></div>"
        )
        reply = self._call_as(
            "ht_n_admin",
            "mail.template",
            "write",
            [self.sent.id],
            {"body_html": body, "subject": "Referral {{ object.name }} ({{ object.case_code }})"},
        )
        self.assertNotIn("error", reply, reply.get("error"))
        self._consent()
        referral = self._referral()
        referral.with_user(self.manager).action_send()
        self._deliver_notices()
        message = referral.message_ids.filtered(lambda m: self.portal_a.partner_id in m.partner_ids)
        self.assertEqual(len(message), 1)
        self.assertIn("call our intake line today, please.", message.body)
        self.assertIn(referral.case_code, message.body)
        self.assertEqual(message.subject, f"Referral {referral.name} ({self.case.code})")
        self.assertNotIn("Zorvath", message.body + message.subject)

    def test_every_text_can_be_reworded_by_a_vs_admin(self):
        """Each text of ours passes both checks (no identity; Odoo's whitelist for
        users who are not template editors), so an administrator rewords it."""
        # its button carries a link and a style, which Odoo keeps to template editors
        signature = self.env.ref("ht_referral_network.mail_template_mou_signature_request")
        templates = self.env["mail.template"].search([("model", "=like", "ht.%")]) - signature
        self.assertGreaterEqual(len(templates), 17)
        self.assertFalse(self.vs_admin.has_group("mail.group_mail_template_editor"))
        for template in templates:
            with self.subTest(template=template.name):
                template.with_user(self.vs_admin).write(
                    {
                        "subject": f"{template.subject} (reworded)",
                        "body_html": str(template.body_html).replace(
                            "</div>", "<p>Thanks.</p></div>"
                        ),
                    }
                )
                self.env.invalidate_all()
                self.assertIn("Thanks.", template.body_html)

    @mute_logger("odoo.http")
    def test_a_case_worker_cannot_change_our_texts(self):
        before = self._snapshot(self.sent)
        reply = self._call_as(
            "ht_c_mgr", "mail.template", "write", [self.sent.id], {"subject": "Hi"}
        )
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertIn("Victim Services administrators", reply["error"]["data"]["message"])
        self.assertEqual(self._snapshot(self.sent), before)

    # ------------------------------------------------------------------ refused on rendering

    def test_template_changed_in_sql_is_refused_when_rendered(self):
        self.env.cr.execute(
            "UPDATE mail_template SET subject = %s WHERE id = %s",
            [json.dumps({"en_US": "For {{ object.case_id.legal_name }}"}), self.sent.id],
        )
        self.env.invalidate_all()
        self._consent()
        referral = self._referral()
        with self.assertRaisesRegex(ValidationError, "identity field legal_name"):
            referral.with_user(self.manager).action_send()
        self.assertFalse(
            self.env["mail.message"].search(
                [
                    ("model", "=", "ht.referral"),
                    ("res_id", "=", referral.id),
                    ("partner_ids", "in", self.portal_a.partner_id.ids),
                ]
            ),
            "the provider was told",
        )
        self.assertFalse(
            self.env["mail.message"].search([("body", "ilike", "Zorvath")]),
            "the identity left in a message",
        )

    # ------------------------------------------------------------------ what the product writes

    def test_referral_activities_use_their_types_and_templates(self):
        self._consent()
        referral = self._referral()
        referral.with_user(self.manager).action_send()
        referral.sudo().write({"response_deadline": fields.Datetime.now() - timedelta(hours=1)})
        self.env["ht.referral"]._cron_followup()
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "ht.case"), ("res_id", "=", self.case.id)], order="id desc", limit=1
        )
        self.assertEqual(
            activity.activity_type_id, self.env.ref("ht_case_management.mail_act_referral_overdue")
        )
        self.assertEqual(
            activity.summary, f"Referral {referral.name} expired without an answer: re-route it"
        )
        self.assertIn("did not answer referral", activity.note)
        self.assertNotIn("Zorvath", activity.note + activity.summary)

    def test_activity_written_from_the_edited_template_in_the_readers_language(self):
        template = self.env.ref("ht_case_management.mail_template_case_review_due")
        self.env["res.lang"]._activate_lang("es_ES")
        template.with_user(self.vs_admin).write({"subject": "Review {{ object.code }} soon"})
        template.update_field_translations(
            "subject", {"es_ES": "Revisión {{ object.code }} pronto"}
        )
        self.supervisor.lang = "es_ES"
        self.case.sudo().write(
            {
                "supervisor_id": self.supervisor.id,
                # due tomorrow in the cron's own "today" (not overdue at any hour)
                "next_review_date": fields.Date.context_today(self.case) + timedelta(days=1),
            }
        )
        self.env["ht.case"].with_context(lang="en_US")._cron_plan_reviews()
        activity = self.case.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("ht_case_management.mail_act_case_review")
        )
        self.assertEqual(activity.summary, f"Revisión {self.case.code} pronto")

    def test_legal_deadline_has_its_own_activity_type(self):
        milestone = self.env["ht.case.legal.milestone"].create(
            {
                "case_id": self.case.id,
                "milestone_type_id": self.env.ref(
                    "ht_case_management.ht_case_legal_milestone_type_t_visa"
                ).id,
                "status": "planned",
                "deadline": fields.Date.today() + timedelta(days=5),
            }
        )
        self.env["ht.case.legal.milestone"]._cron_remind()
        activity = self.case.activity_ids.filtered(
            lambda a: (
                a.activity_type_id == self.env.ref("ht_case_management.mail_act_legal_deadline")
            )
        )
        self.assertEqual(len(activity), 1)
        self.assertIn(f"deadline for {self.case.code}", activity.summary)
        self.assertEqual(activity.date_deadline, milestone.deadline)

    def test_an_edit_through_the_model_is_refused_too(self):
        with self.assertRaisesRegex(ValidationError, "identity field safe_phone"):
            self.sent.with_user(self.vs_admin).write(
                {"body_html": "<p t-out='object.case_id.safe_phone'/>"}
            )
        with self.assertRaisesRegex(AccessError, "Victim Services administrators"):
            self.sent.with_user(self.manager).write({"subject": "x"})
