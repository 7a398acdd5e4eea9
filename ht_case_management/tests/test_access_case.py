# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.ht_referral_network.tests.common import acl_error, rule_error

from .common import HtCaseCase

SECRET = "Lucia Secretname"


@tagged("post_install", "-at_install", "ht_case_management")
class TestCaseAccess(HtCaseCase):
    def test_team_reads_and_writes(self):
        for user, priority, phone in (
            (self.manager, "1", "+1 555 0101"),
            (self.teammate, "2", "+1 555 0102"),
            (self.supervisor, "3", "+1 555 0103"),
        ):
            case = self.case.with_user(user)
            self.assertEqual(case.legal_name, SECRET)
            case.write({"priority": priority, "safe_phone": phone})
            self.env.invalidate_all()  # read back what the database holds
            self.assertEqual((self.case.priority, self.case.safe_phone), (priority, phone))
            self.assertEqual(case.write_uid, user)
        self.assertIn(self.case, self.env["ht.case"].with_user(self.teammate).search([]))

    def test_outsider_cannot_read_search_export_or_group(self):
        Case = self.env["ht.case"].with_user(self.outsider)
        with self.assertRaisesRegex(AccessError, rule_error("read", "ht.case")):
            self.case.with_user(self.outsider).read(["legal_name"])
        self.assertNotIn(self.case, Case.search([]))
        self.assertFalse(Case.search([("legal_name", "ilike", "Secretname")]))
        self.assertFalse(Case.name_search("Secretname"))
        with self.assertRaisesRegex(AccessError, rule_error("read", "ht.case")):
            self.case.with_user(self.outsider).export_data(["legal_name"])
        groups = Case.read_group([], ["legal_name"], ["legal_name"])
        self.assertNotIn(SECRET, str(groups))
        # refused by the team rule (reading the old values for tracking, or the write)
        with self.assertRaisesRegex(AccessError, rule_error("(?:read|write)", "ht.case")):
            self.case.with_user(self.outsider).write({"priority": "0"})
        self.assertEqual(self.case.priority, "1")

    def test_other_roles_read_nothing(self):
        for user in (self.coordinator, self.volunteer, self.employee):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(AccessError, acl_error("read", "ht.case")):
                    self.env["ht.case"].with_user(user).search([])
                with self.assertRaisesRegex(AccessError, acl_error("read", "ht.case")):
                    self.case.with_user(user).read(["legal_name"])
                for model in ("ht.case.note", "ht.case.assessment", "ht.case.need", "ht.case.goal"):
                    with self.assertRaisesRegex(AccessError, acl_error("read", model)):
                        self.env[model].with_user(user).search([])

    def test_no_name_through_chatter_activity_or_mail(self):
        case = self.case.with_user(self.manager)
        case.write({"legal_name": "Lucia Newname", "priority": "3", "safe_phone": "+1 999"})
        case.activity_schedule(
            "mail.mail_activity_data_todo", summary="Call back", user_id=self.outsider.id
        )
        case.message_post(
            body="Met at the shelter", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.flush_tracking()
        messages = (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", "ht.case"), ("res_id", "=", case.id)])
        )
        tracked = messages.tracking_value_ids
        self.assertTrue(tracked, "priority is tracked")
        self.assertFalse(
            tracked.filtered(lambda t: t.field_id.name in ("legal_name", "safe_phone"))
        )
        text = " ".join(messages.mapped(lambda m: f"{m.body} {m.subject} {m.record_name}"))
        text += " ".join(str(t.old_value_char) + str(t.new_value_char) for t in tracked)
        for secret in ("Lucia", "Secretname", "Newname", "+1 999"):
            self.assertNotIn(secret, text)
        # mails sent to followers
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "ht.case"), ("res_id", "=", case.id)])
        )
        self.assertTrue(mails, "the team is notified by mail: the check below is not vacuous")
        self.assertNotIn("Lucia", " ".join(mails.mapped(lambda m: f"{m.subject} {m.body_html}")))
        # the activity assigned to an outsider shows only the case code
        activity = (
            self.env["mail.activity"]
            .with_user(self.outsider)
            .search([("user_id", "=", self.outsider.id)])
        )
        self.assertEqual(activity.res_name, case.code)
        with self.assertRaisesRegex(AccessError, r"security restrictions.*\n*.*Message"):
            self.env["mail.message"].with_user(self.outsider).browse(messages.ids).read(["body"])
        # only the team follows the case (not the outsider the activity went to)
        self.assertEqual(case.message_partner_ids, (self.manager | self.teammate).partner_id)

    def test_no_field_elsewhere_exposes_the_case(self):
        """Related or computed fields read as superuser: no model readable by
        users outside the case team may carry case data (only the case code)."""
        identity = {
            "legal_name",
            "preferred_name",
            "date_of_birth",
            "safe_phone",
            "street",
            "city",
            "gender_identity",
            "pronouns",
            "safe_times",
        }
        offenders = []
        for model_name, model in self.env.registry.items():
            if model_name == "ht.case":
                continue
            for fname, field in model._fields.items():
                related = field.related or ()
                if isinstance(related, str):
                    related = related.split(".")
                if not related or related[0] not in model._fields:
                    continue
                first = model._fields[related[0]]
                if getattr(first, "comodel_name", None) == "ht.case" and set(related) & identity:
                    offenders.append(f"{model_name}.{fname}")
        self.assertEqual(offenders, [])
        placement = self.env["ht.volunteer.placement"].create(
            {
                "case_id": self.case.id,
                "opportunity_id": self.env["ht.volunteer.opportunity"]
                .create(
                    {
                        "name": "Garden",
                        "host_id": self.env["res.partner"]
                        .create({"name": "Host", "is_company": True})
                        .id,
                    }
                )
                .id,
                "supervisor_id": self.volunteer.id,
            }
        )
        seen = placement.with_user(self.volunteer).read()[0]
        self.assertNotIn("case_id", seen)
        self.assertEqual(seen["case_code"], self.case.code)
        self.assertNotIn("Lucia", str(seen))
        placement.with_user(self.volunteer).write({"hours_done": 12, "outcome": "completed"})
        with self.assertRaisesRegex(ValidationError, "record hours, notes and the outcome only"):
            placement.with_user(self.volunteer).write({"date_start": "2020-01-01"})
        other_volunteer = new_test_user(
            self.env, "ht_c_vol2", groups="base.group_user,ht_case_management.group_ht_volunteer"
        )
        self.assertFalse(self.env["ht.volunteer.placement"].with_user(other_volunteer).search([]))

    def test_sensitive_note_hidden_from_team(self):
        Note = self.env["ht.case.note"]
        plain = Note.with_user(self.manager).create({"case_id": self.case.id, "body": "<p>ok</p>"})
        sensitive = Note.with_user(self.manager).create(
            {"case_id": self.case.id, "body": "<p>disclosed abuse</p>", "sensitive": True}
        )
        self.assertEqual(
            Note.with_user(self.teammate).search([("case_id", "=", self.case.id)]), plain
        )
        with self.assertRaisesRegex(AccessError, rule_error("read", "ht.case.note")):
            sensitive.with_user(self.teammate).read(["body"])
        self.assertIn(sensitive, Note.with_user(self.supervisor).search([]))
        self.assertIn(sensitive, Note.with_user(self.manager).search([]))
        self.assertFalse(Note.with_user(self.outsider).search([]))

    def test_cannot_move_case_out_of_own_scope(self):
        other_company = self.env["res.company"].create({"name": "Other Agency"})
        self.manager.company_ids |= other_company
        out_of_scope = "You cannot move a case outside your own scope"
        with self.assertRaisesRegex(AccessError, out_of_scope), self.env.cr.savepoint():
            # teammate removes themself and every other team member: they would lose it
            self.case.with_user(self.teammate).write({"team_user_ids": [(6, 0, [])]})
        self.assertEqual(self.case.team_user_ids, self.teammate)
        # The failed write cached the teammate's rule domain with the team it tried
        # to write; a request's rollback clears that cache (Registry.reset_changes),
        # a savepoint's does not. Without this, the next refusal would be that stale
        # rule's, not the check under test.
        self.env.registry.clear_cache()
        self.case.with_user(self.teammate).read(["priority"])  # still theirs
        with self.assertRaisesRegex(AccessError, out_of_scope), self.env.cr.savepoint():
            self.case.with_user(self.teammate).write({"company_id": other_company.id})
        self.assertEqual(self.case.company_id, self.env.company)

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "Agency Two"})
        supervisor_two = new_test_user(
            self.env,
            "ht_c_sup2",
            groups="base.group_user,ht_consent.group_ht_supervisor",
            company_id=other_company.id,
            company_ids=[(6, 0, other_company.ids)],
        )
        with self.assertRaisesRegex(AccessError, rule_error("read", "ht.case")):
            self.case.with_user(supervisor_two).read(["legal_name"])
        self.assertFalse(self.env["ht.case"].with_user(supervisor_two).search([]))

    def test_attachments_follow_case_and_never_public(self):
        Attachment = self.env["ir.attachment"]
        att = Attachment.with_user(self.manager).create(
            {"name": "passport.png", "res_model": "ht.case", "res_id": self.case.id, "raw": b"img"}
        )
        # as in the outsider's own request: nothing of the file in the cache (Odoo 18
        # checks an attachment's document when it fetches it from the database)
        self.env.invalidate_all()
        with self.assertRaisesRegex(AccessError, rule_error("read", "ir.attachment")):
            att.with_user(self.outsider).read(["datas"])
        public = "Attachments of a survivor's file cannot be made public"
        with self.assertRaisesRegex(AccessError, public):
            att.with_user(self.manager).write({"public": True})
        with self.assertRaisesRegex(AccessError, public):
            Attachment.with_user(self.manager).create(
                {
                    "name": "x",
                    "res_model": "ht.case",
                    "res_id": self.case.id,
                    "raw": b"x",
                    "public": True,
                }
            )
        with self.assertRaisesRegex(AccessError, "cannot be shared by link"):
            att.with_user(self.manager).generate_access_token()
        self.assertFalse(att.public)
        self.assertEqual(base64.b64decode(att.with_user(self.teammate).datas), b"img")

    def test_opening_the_file_is_audited(self):
        Log = self.env["ht.case.access.log"]
        self.case.with_user(self.teammate).web_read({"code": {}, "legal_name": {}})
        line = Log.search([("case_id", "=", self.case.id), ("user_id", "=", self.teammate.id)])
        self.assertEqual(len(line), 1)
        with self.assertRaisesRegex(AccessError, acl_error("read", "ht.case.access.log")):
            Log.with_user(self.teammate).search([])
        self.assertIn(line, Log.with_user(self.supervisor).search([]))
        with self.assertRaisesRegex(UserError, "append-only"):
            line.sudo().write({"user_id": self.manager.id})
        with self.assertRaisesRegex(UserError, "append-only"):
            line.sudo().unlink()
        # a list read is not an "opening"
        self.env["ht.case"].with_user(self.teammate).web_search_read([], {"code": {}})
        self.assertEqual(len(Log.search([("user_id", "=", self.teammate.id)])), 1)

    def test_consent_on_case_follows_case_access(self):
        shelter = self.env["res.partner"].create({"name": "Shelter", "is_company": True})
        consent = (
            self.env["ht.consent"]
            .with_user(self.manager)
            .create(
                {
                    "res_model": "ht.case",
                    "res_id": self.case.id,
                    "recipient_ids": [(6, 0, shelter.ids)],
                    "category_ids": [
                        (6, 0, self.env.ref("ht_consent.ht_consent_category_case_summary").ids)
                    ],
                    "method": "document",
                    "signed_document": "eA==",
                    "limits_explained": True,
                }
            )
        )
        consent.action_activate()
        self.assertEqual(consent.subject_ref, self.case.code)
        self.assertEqual(self.case.with_user(self.manager).ht_consent_count, 1)
        self.assertEqual(self.case._ht_consent_check(shelter, ["case_summary"]), consent)
        cannot_open = rf"they belong to a file you cannot open|{rule_error('read', 'ht.consent')}"
        with self.assertRaisesRegex(AccessError, cannot_open):
            consent.with_user(self.outsider).read(["state"])
        self.assertEqual(self.case.with_user(self.teammate).ht_consent_ids, consent)
