# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The read audit, the chatter and the attachments of a case, tried the way a
hostile logged-in user would: JSON-RPC (``/web/dataset/call_kw``) with any context
key, the mail routes, and ``/web/content`` without a session."""

import json
from datetime import datetime, timedelta

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.ht_referral_network.tests.common import certified_member
from odoo.addons.ht_referral_network.tests.common_rpc import HostileRpcMixin

from .common import HtCaseCase

SHARING_REFUSED = "cannot be made public, shared by link or moved out"


@tagged("post_install", "-at_install", "ht_case_management")
class TestHostileRpcAccess(HostileRpcMixin, HtCaseCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.teammate.groups_id |= cls.env.ref("base.group_allow_export")
        # Every context key the code reads, and defaults aimed at the audit lines.
        cls.hostile_context = {
            "ht_list_read": True,
            "ht_manager_change": True,
            "ht_reengage": True,
            "ht_disclosure_api": True,
            "tracking_disable": True,
            "mail_notrack": True,
            "mail_create_nosubscribe": True,
            "active_test": False,
            "prefetch_fields": False,
            "default_date": "2001-01-01 00:00:00",
            "default_user_id": cls.manager.id,
            "default_case_id": cls.case.id,
        }

    def _audit_lines(self, user):
        self.env.invalidate_all()
        return self.env["ht.case.access.log"].search(
            [("case_id", "=", self.case.id), ("user_id", "=", user.id)]
        )

    # ------------------------------------------------------------------ audit

    def test_every_rpc_read_of_identity_is_audited(self):
        """One line per request, for the caller, now, whatever the context says."""
        self.authenticate("ht_c_team", "ht_c_team")
        case_id = self.case.id
        calls = {
            "read": ("read", [case_id], ["legal_name"]),
            "search_read": ("search_read", [("id", "=", case_id)], ["preferred_name", "code"]),
            "web_read": ("web_read", [case_id], {"code": {}, "safe_phone": {}}),
            "web_search_read": ("web_search_read", [], {"code": {}, "date_of_birth": {}}),
            "export_data": ("export_data", [case_id], ["code", "legal_name"]),
            "web_read_group": ("web_read_group", [], [], ["legal_name"]),
        }
        for label, (method, *args) in calls.items():
            with self.subTest(method=label):
                before = self._audit_lines(self.teammate)
                # a read/write cursor from the start: no read-only attempt retried
                with self.assertNoLogs("odoo.http", "WARNING"):
                    reply = self._call("ht.case", method, *args)
                self.assertIn("result", reply, reply)
                line = self._audit_lines(self.teammate) - before
                self.assertEqual(len(line), 1)
                self.assertGreater(line.date, datetime.now() - timedelta(hours=1))
        self.assertFalse(self._audit_lines(self.manager))

    def test_onchange_of_a_case_writes_no_empty_audit_line(self):
        """The form's onchange works on an unsaved record: no audit line without a
        case, no validation error (the web client's date of birth, status bar)."""
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        spec = {"code": {}, "legal_name": {}, "date_of_birth": {}, "age": {}}
        for context in ({"lang": "en_US"}, self.hostile_context):
            for args in (
                ([self.case.id], {"date_of_birth": "1990-05-01"}, ["date_of_birth"], spec),
                ([], {}, [], spec),
            ):
                reply = self._call("ht.case", "onchange", *args, context=context)
                self.assertIn("result", reply, reply)
        self.assertFalse(self._audit_lines(self.manager))

    # ------------------------------------------------------------------ chatter

    def test_removed_team_member_reads_and_posts_nothing(self):
        case = self.case
        mine = case.with_user(self.teammate).message_post(
            body="Met her at the clinic", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        told = case.with_user(self.manager).message_post(
            body="Her cousin's address is known",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertIn(self.teammate.partner_id, told.notification_ids.res_partner_id)
        case.with_user(self.manager).write({"team_user_ids": [(5, 0, 0)]})
        after = case.with_user(self.manager).message_post(
            body="Moved to the safe house on Elm",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertNotIn(self.teammate.partner_id, after.notification_ids.res_partner_id)
        self.authenticate("ht_c_team", "ht_c_team")
        reply = self._jsonrpc(
            "/mail/thread/messages", {"thread_model": "ht.case", "thread_id": case.id}
        )
        self.assertEqual(reply["result"]["messages"], [])
        for message in (mine, told, after):
            self.assertNotIn(message.body.striptags(), json.dumps(reply))
        reply = self._call(
            "mail.message", "search_read", [("model", "=", "ht.case")], ["body", "res_id"]
        )
        self.assertFalse([m for m in reply["result"] if m["res_id"] == case.id])
        count = len(case.message_ids)
        with mute_logger("odoo.http"):
            reply = self._jsonrpc(
                "/mail/message/post",
                {
                    "thread_model": "ht.case",
                    "thread_id": case.id,
                    "post_data": {"body": "still here", "message_type": "comment"},
                },
            )
            self.assertIn("error", reply)
            reply = self._call("ht.case", "message_post", [case.id], body="still here")
            self.assertIn("error", reply)
            vals = {"model": "ht.case", "res_id": case.id, "body": "still here"}
            reply = self._call("mail.message", "create", [dict(vals, message_type="comment")])
            self.assertIn("error", reply)
        case.invalidate_recordset()
        self.assertEqual(len(case.message_ids), count)

    # ------------------------------------------------------------------ attachments

    def test_a_case_attachment_is_read_by_id_only_by_the_case_team(self):
        """An attachment of a case is read, by id, only by those who read the case.
        Odoo 18 checks it through its ``_search`` when the values are fetched, not
        when they are already in the cache (another read in the same transaction,
        as superuser): the access check decides, whatever the cache holds."""
        secret = b"scan of the passport"
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.manager)
            .create(
                {
                    "name": "passport.txt",
                    "res_model": "ht.case",
                    "res_id": self.case.id,
                    "raw": secret,
                }
            )
        )
        attachment.sudo().read(["raw", "name"])  # in the cache, as a sudo read leaves it
        for user in (self.outsider, self.volunteer, self.coordinator):
            with self.assertRaisesRegex(AccessError, "belong to a file you cannot open"):
                attachment.with_user(user).read(["raw", "name"])
        for login in ("ht_c_out", "ht_c_vol", "ht_c_emp", "ht_c_nc"):
            self.authenticate(login, login)
            with mute_logger("odoo.http"):  # the refusal is expected
                reply = self._call(
                    "ir.attachment", "read", [attachment.id], ["raw", "datas", "name"]
                )
            self.assertIn("error", reply, login)
            self.assertNotIn("passport", json.dumps(reply), login)
            with mute_logger("odoo.http"):
                response = self.url_open(f"/web/content/{attachment.id}?download=true")
            self.assertNotEqual(response.status_code, 200, login)
            self.assertNotIn(secret, response.content, login)
            with mute_logger("odoo.http"):  # the refusal is expected
                reply = self._call("ir.attachment", "write", [attachment.id], {"name": "x"})
            self.assertIn("error", reply, login)
        self.authenticate("ht_c_team", "ht_c_team")
        reply = self._call("ir.attachment", "read", [attachment.id], ["name"])
        self.assertEqual(reply["result"][0]["name"], "passport.txt")
        self.assertEqual(self.url_open(f"/web/content/{attachment.id}").content, secret)

    def test_no_anonymous_link_to_a_case_attachment(self):
        provider = certified_member(self.env, "Link Shelter")
        service = self.env["ht.service"].create(
            {
                "provider_id": provider.id,
                "category_id": self.env.ref(
                    "ht_referral_network.ht_service_category_case_management"
                ).id,
            }
        )
        referral = (
            self.env["ht.referral"]
            .with_user(self.manager)
            .create({"case_id": self.case.id, "service_id": service.id})
        )
        Attachment = self.env["ir.attachment"].with_user(self.manager)
        on_case = Attachment.create(
            {
                "name": "passport.txt",
                "res_model": "ht.case",
                "res_id": self.case.id,
                "raw": b"scan one",
            }
        )
        on_referral = Attachment.create(
            {
                "name": "id.txt",
                "res_model": "ht.referral",
                "res_id": referral.id,
                "raw": b"scan two",
            }
        )
        flyer = Attachment.create({"name": "flyer.txt", "raw": b"flyer", "public": True})
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        with mute_logger("odoo.http"):
            replies = [
                self._call("ir.attachment", "write", [on_case.id], {"access_token": "guessme"}),
                self._call("ir.attachment", "generate_access_token", [on_referral.id]),
                self._call(
                    "ir.attachment",
                    "write",
                    [flyer.id],
                    {"res_model": "ht.case", "res_id": self.case.id},
                ),
                self._call("ir.attachment", "write", [on_case.id], {"res_model": False}),
            ]
        for reply in replies:
            self.assertRefused(reply, SHARING_REFUSED)
        self.env.invalidate_all()
        tokens = {on_case: "guessme", on_referral: on_referral.sudo().access_token or "x"}
        self.logout()
        for att, token in tokens.items():
            response = self.url_open(f"/web/content/{att.id}?access_token={token}")
            self.assertNotEqual(response.status_code, 200)
            self.assertNotIn(att.sudo().raw.decode(), response.text)
        self.assertEqual(flyer.sudo().res_model, False)

    def test_signed_release_is_changed_only_through_its_consent(self):
        """The signed release of an active consent is stored as an attachment: the
        case team may neither replace its content, delete it, re-point it nor add a
        second one through ``ir.attachment``; it changes only through the consent."""
        provider = certified_member(self.env, "Release Shelter")
        consent = (
            self.env["ht.consent"]
            .with_user(self.manager)
            .create(
                {
                    "res_model": "ht.case",
                    "res_id": self.case.id,
                    "recipient_ids": [(6, 0, provider.ids)],
                    "category_ids": [
                        (6, 0, self.env.ref("ht_consent.ht_consent_category_case_summary").ids)
                    ],
                    "method": "document",
                    "signed_document": "c2lnbmVk",  # "signed"
                    "limits_explained": True,
                }
            )
        )
        consent.action_activate()
        stored = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "ht.consent"),
                ("res_id", "=", consent.id),
                ("res_field", "=", "signed_document"),
            ]
        )
        self.assertEqual(len(stored), 1)
        loose = (
            self.env["ir.attachment"]
            .with_user(self.manager)
            .create(
                {"name": "forged.pdf", "res_model": "ht.case", "res_id": self.case.id, "raw": b"x"}
            )
        )
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        refused = "changes only through its record"
        with mute_logger("odoo.http"):
            found = self._call(
                "ir.attachment",
                "search_read",
                [("res_model", "=", "ht.consent"), ("res_field", "=", "signed_document")],
                ["res_id"],
            )
            self.assertIn(stored.id, [row["id"] for row in found.get("result", [])], found)
            for method, args in (
                ("write", ([stored.id], {"datas": "Zm9yZ2Vk"})),
                ("write", ([stored.id], {"raw": "forged"})),
                ("write", ([stored.id], {"res_id": self.case.id, "res_model": "ht.case"})),
                ("unlink", ([stored.id],)),
                ("copy", ([stored.id],)),
                (
                    "write",
                    (
                        [loose.id],
                        {
                            "res_model": "ht.consent",
                            "res_id": consent.id,
                            "res_field": "signed_document",
                        },
                    ),
                ),
                (
                    "create",
                    (
                        {
                            "name": "signed_document",
                            "res_model": "ht.consent",
                            "res_id": consent.id,
                            "res_field": "signed_document",
                            "datas": "Zm9yZ2Vk",
                        },
                    ),
                ),
            ):
                with self.subTest(method=method, args=args):
                    self.assertRefused(self._call("ir.attachment", method, *args), refused)
        self.env.invalidate_all()
        self.assertTrue(stored.exists())
        self.assertEqual(stored.raw, b"signed")
        self.assertEqual(consent.signed_document, b"c2lnbmVk")
        self.assertEqual(
            self.env["ir.attachment"].search_count(
                [
                    ("res_model", "=", "ht.consent"),
                    ("res_field", "=", "signed_document"),
                    ("res_id", "=", consent.id),
                ]
            ),
            1,
        )

    # ------------------------------------------------------------------ history, followers, copies

    def test_case_messages_are_never_edited_or_deleted(self):
        """The chatter of a case is its history: neither a teammate nor the author
        edits or deletes a message of it (Odoo would let authors do both), through
        RPC or the chatter's own edit route; starring stays possible."""
        case = self.case.with_user(self.manager)
        case.priority = "3"
        note = case.message_post(
            body="Met at the shelter", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.flush_tracking()
        messages = self.env["mail.message"].search(
            [("model", "=", "ht.case"), ("res_id", "=", case.id)]
        )
        self.assertGreaterEqual(len(messages), 2)
        before = {m.id: (m.body, m.author_id) for m in messages}
        refused = "part of its history: they are never edited or deleted"
        for login, user in (("ht_c_team", self.teammate), ("ht_c_mgr", self.manager)):
            self.authenticate(login, login)
            for message in messages:
                self.assertRefused(self._call("mail.message", "unlink", [message.id]), refused)
                self.assertRefused(
                    self._call("mail.message", "write", [message.id], {"body": "rewritten"}),
                    refused,
                )
            # the chatter's own edit (and delete: an empty body) of one's own message
            reply = self._jsonrpc(
                "/mail/message/update_content",
                {"message_id": note.id, "body": "", "attachment_ids": []},
            )
            if user == self.manager:
                self.assertIn("error", reply)
            self.assertEqual(
                self._call("mail.message", "toggle_message_starred", [note.id]).get("error"), None
            )
        self.env.invalidate_all()
        after = self.env["mail.message"].search(
            [("model", "=", "ht.case"), ("res_id", "=", case.id)]
        )
        self.assertEqual({m.id: (m.body, m.author_id) for m in after}, before)

    def test_who_follows_a_case_is_not_shown_outside_it(self):
        """Follower rows of case data: every internal user may read follower rows in
        Odoo; for a case, a referral or a consent only those who read the record."""
        followers = self.env["mail.followers"].search(
            [("res_model", "=", "ht.case"), ("res_id", "=", self.case.id)]
        )
        self.assertTrue(followers, "the case team follows the case: the check is not vacuous")
        for login in ("ht_c_emp", "ht_c_out"):
            self.authenticate(login, login)
            found = self._call(
                "mail.followers",
                "search_read",
                [("res_model", "like", "ht.")],
                ["res_model", "res_id", "partner_id"],
            )
            self.assertEqual(found.get("result"), [], login)
            self.assertRefused(
                self._call("mail.followers", "read", followers.ids, ["partner_id"]),
                "(mail.followers)",
            )
        self.authenticate("ht_c_team", "ht_c_team")
        found = self._call(
            "mail.followers",
            "search_read",
            [("res_model", "=", "ht.case"), ("res_id", "=", self.case.id)],
            ["partner_id"],
        )
        self.assertEqual({row["id"] for row in found["result"]}, set(followers.ids))

    def test_copy_data_of_a_case_is_audited(self):
        """copy_data is public over RPC and returns the identity: audited."""
        self.authenticate("ht_c_team", "ht_c_team")
        before = self._audit_lines(self.teammate)
        reply = self._call("ht.case", "copy_data", [self.case.id])
        self.assertEqual(reply["result"][0]["legal_name"], self.case.legal_name)
        self.assertEqual(len(self._audit_lines(self.teammate) - before), 1)

    @mute_logger("odoo.http")
    def test_defaults_sent_over_rpc_shape_nothing_the_system_makes(self):
        """A case opened over RPC with ``default_*`` keys aimed at what the system
        makes on entering a stage (checklist items born done, by someone else; goals
        born done): the items wait to be ticked, and who ticked one is the system's."""
        stage = self.stage_crisis
        stage.checklist_ids = [(0, 0, {"name": "Safety screening done"})]
        stage.plan_template_ids = [(0, 0, {"name": "Safe place tonight", "days": 1})]
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        context = dict(
            self.hostile_context,
            default_done=True,
            default_done_by_id=self.supervisor.id,
            default_done_on="2001-01-01 00:00:00",
            default_state="done",
        )
        reply = self._call(
            "ht.case", "create", [{"preferred_name": "Rae", "stage_id": stage.id}], context=context
        )
        self.assertIn("result", reply, reply)
        case = self.env["ht.case"].browse(reply["result"])
        self.assertTrue(case.checklist_ids)
        self.assertFalse(case.checklist_ids.filtered("done"), "an item born done")
        self.assertFalse(case.checklist_ids.done_by_id)
        self.assertTrue(case.goal_ids)
        self.assertEqual(set(case.goal_ids.mapped("state")), {"todo"})
        item = case.checklist_ids[0]
        reply = self._call(
            "ht.case.checklist",
            "write",
            [item.id],
            {"done": True, "done_by_id": self.supervisor.id},
        )
        self.assertRefused(reply, "recorded by the system")
        self._call("ht.case.checklist", "write", [item.id], {"done": True})
        self.env.invalidate_all()
        self.assertEqual(item.done_by_id, self.manager)
