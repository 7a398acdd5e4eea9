# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.ht_referral_network.tests.common import acl_error, certified_member, rule_error

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
            # the request ends in the user's environment (Odoo writes write_uid at
            # flush time when it is unchanged in cache, from the flushing env's user)
            case.env.flush_all()
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
        # queued, not sent at once: under Odoo's own runner (test mode) a mail sent at
        # once is deleted, and the check of the mails below would be vacuous
        case.with_context(mail_notify_force_send=False).message_post(
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

    def _case_threads(self):
        """A referral and a consent of the case, followed by the teammate."""
        provider = certified_member(self.env, "Follow Shelter")
        service = self.env["ht.service"].create(
            {
                "provider_id": provider.id,
                "category_id": self.env.ref(
                    "ht_referral_network.ht_service_category_housing_emergency"
                ).id,
            }
        )
        referral = (
            self.env["ht.referral"]
            .with_user(self.manager)
            .create({"case_id": self.case.id, "service_id": service.id})
        )
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
                }
            )
        )
        for thread in (referral, consent):
            thread.with_user(self.teammate).message_subscribe(self.teammate.partner_id.ids)
            self.assertIn(self.teammate.partner_id, thread.message_partner_ids)
        return self.case, referral, consent

    def _follows(self, user, *threads):
        return [user.partner_id in t.message_partner_ids for t in threads]

    def test_taken_off_the_team_stops_following(self):
        """Off the team: no longer a follower of the case, its referral and its
        consent, in the same transaction; no notification of what follows."""
        case, referral, consent = self._case_threads()
        self.assertEqual(self._follows(self.teammate, case, referral, consent), [True] * 3)
        case.with_user(self.manager).write({"team_user_ids": [(3, self.teammate.id)]})
        self.assertEqual(self._follows(self.teammate, case, referral, consent), [False] * 3)
        message = case.with_user(self.manager).message_post(
            body="Moved to the safe house", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertNotIn(self.teammate.partner_id, message.notification_ids.res_partner_id)
        # whoever may still read them keeps following
        self.assertEqual(self._follows(self.manager, case, referral, consent), [True] * 3)

    def test_out_of_the_agency_or_the_role_stops_following(self):
        cw = self.env.ref("ht_consent.group_ht_case_worker")
        other_agency = self.env["res.company"].create({"name": "Other Agency"})
        users = {
            how: new_test_user(
                self.env, f"ht_c_f{i}", groups="base.group_user,ht_consent.group_ht_case_worker"
            )
            for i, how in enumerate(("company", "groups", "group side", "archived"))
        }
        self.case.with_user(self.manager).write(
            {"team_user_ids": [(4, user.id) for user in users.values()]}
        )
        self.assertTrue(all(self._follows(user, self.case)[0] for user in users.values()))
        users["company"].write(
            {"company_ids": [(6, 0, other_agency.ids)], "company_id": other_agency.id}
        )
        users["groups"].write({"groups_id": [(3, cw.id)]})
        cw.write({"users": [(3, users["group side"].id)]})
        users["archived"].write({"active": False})
        for how, user in users.items():
            with self.subTest(how=how):
                self.assertFalse(self._follows(user, self.case)[0])
        self.assertTrue(self._follows(self.teammate, self.case)[0])

    def test_replaced_supervisor_stops_following(self):
        supervisor_two = new_test_user(
            self.env, "ht_c_sup3", groups="base.group_user,ht_consent.group_ht_supervisor"
        )
        case = self.case.with_user(self.manager)
        case.write({"supervisor_id": self.supervisor.id})
        self.assertTrue(self._follows(self.supervisor, self.case)[0])
        case.write({"supervisor_id": supervisor_two.id})
        self.assertEqual(
            self._follows(self.supervisor, self.case) + self._follows(supervisor_two, self.case),
            [False, True],
        )

    def test_a_mention_of_an_outsider_tells_them_nothing(self):
        case = self.case.with_user(self.manager)
        message = case.message_post(
            body="Ask her about the passport",
            partner_ids=self.outsider.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertNotIn(self.outsider.partner_id, message.notification_ids.res_partner_id)
        self.assertNotIn(self.outsider.partner_id, self.case.message_partner_ids)
        Message = self.env["mail.message"].with_user(self.outsider)
        self.assertFalse(Message.search([("model", "=", "ht.case"), ("res_id", "=", case.id)]))
        with self.assertRaises(AccessError):
            message.with_user(self.outsider).read(["body"])

    def test_own_messages_are_not_readable_without_the_case(self):
        """Odoo lets authors and notified partners read a message: for a case, only
        access to the case counts."""
        case = self.case.with_user(self.teammate)
        mine = case.message_post(
            body="I met her", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        theirs = self.case.with_user(self.manager).message_post(
            body="Noted", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertIn(self.teammate.partner_id, theirs.notification_ids.res_partner_id)
        self.case.with_user(self.manager).write({"team_user_ids": [(5, 0, 0)]})
        Message = self.env["mail.message"].with_user(self.teammate)
        self.assertFalse(Message.search([("id", "in", (mine | theirs).ids)]))
        for message in mine | theirs:
            with self.assertRaises(AccessError):
                message.with_user(self.teammate).read(["body"])
        with self.assertRaises(AccessError):
            Message.create(
                {
                    "model": "ht.case",
                    "res_id": self.case.id,
                    "body": "still here",
                    "message_type": "comment",
                }
            )

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

    def test_case_note_changed_by_its_author_only(self):
        Note = self.env["ht.case.note"]
        note = Note.with_user(self.manager).create({"case_id": self.case.id, "body": "<p>met</p>"})
        self.assertEqual(note.author_id, self.manager)
        date = note.date
        only_author = "Only its author can change a case note"
        # the teammate and the supervisor may write notes of this case (ACL and rules)
        for user in (self.teammate, self.supervisor):
            self.assertTrue(note.with_user(user).has_access("write"))
            for vals in (
                {"body": "<p>rewritten</p>"},
                {"body": "<p>rewritten</p>", "author_id": user.id, "date": "2001-01-01"},
                {"sensitive": True},
                {"note_type_id": self.env.ref("ht_case_management.ht_case_note_type_court").id},
            ):
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRaisesRegex(UserError, only_author),
                ):
                    note.with_user(user).write(vals)
        # the author changes body, type and sensitivity, never author, date or case
        mine = note.with_user(self.manager)
        mine.write(
            {
                "body": "<p>met at the shelter</p>",
                "note_type_id": self.env.ref("ht_case_management.ht_case_note_type_home_visit").id,
            }
        )
        for vals in (
            {"author_id": self.teammate.id},
            {"date": "2001-01-01 00:00:00"},
            {"case_id": self.case.copy().id},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(UserError, "Case note cannot be set directly"),
            ):
                mine.write(vals)
        # nor writes a note in someone else's name
        with self.assertRaisesRegex(UserError, "Author changes only through its creation"):
            Note.with_user(self.teammate).create(
                {"case_id": self.case.id, "body": "<p>x</p>", "author_id": self.manager.id}
            )
        self.env.invalidate_all()
        self.assertEqual(
            (note.body, note.note_type_id.code, note.author_id, note.date, note.sensitive),
            ("<p>met at the shelter</p>", "home_visit", self.manager, date, False),
        )
        # kept: the ACL refuses deletion to every role, and the model to everyone else
        for user in (self.manager, self.supervisor):
            with self.assertRaisesRegex(AccessError, acl_error("unlink", "ht.case.note")):
                note.with_user(user).unlink()
        with self.assertRaisesRegex(UserError, "Case notes are kept"):
            note.sudo().unlink()
        self.assertTrue(note.exists())

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
        with self.assertRaisesRegex(AccessError, "cannot be made public, shared by link"):
            att.with_user(self.manager).generate_access_token()
        self.assertFalse(att.public)
        self.assertEqual(base64.b64decode(att.with_user(self.teammate).datas), b"img")

    def test_no_path_shares_an_attachment_of_case_data(self):
        """Every model of case data: no public flag, no access token, no move or
        copy off case data, whatever the path; a Settings administrator may."""
        Attachment = self.env["ir.attachment"].with_user(self.manager)
        case, referral, __ = self._case_threads()
        assessment = self.env["ht.case.assessment"].create({"case_id": case.id})
        records = [
            case,
            referral,
            self.env["ht.case.need"].create(
                {
                    "case_id": case.id,
                    "category_id": self.env.ref(
                        "ht_referral_network.ht_service_category_housing_emergency"
                    ).id,
                }
            ),
            self.env["ht.case.goal"].create({"case_id": case.id, "name": "Housing"}),
            self.env["ht.case.outcome.score"].create(
                {
                    "assessment_id": assessment.id,
                    "domain_id": self.env.ref(
                        "ht_case_management.ht_case_outcome_domain_safety"
                    ).id,
                    "score": 3,
                }
            ),
            case.checklist_ids[:1],
            self.env["ht.volunteer.placement"].create(
                {
                    "case_id": case.id,
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
                }
            ),
        ]
        refused = "cannot be made public, shared by link or moved out"
        for record in records:
            with self.subTest(model=record._name):
                target = {"res_model": record._name, "res_id": record.id}
                att = Attachment.create(dict(target, name="scan.png", raw=b"img"))
                for vals in ({"public": True}, {"access_token": "guessme"}):
                    with self.assertRaisesRegex(AccessError, refused):
                        Attachment.create(dict(target, name="x", raw=b"x", **vals))
                    with self.assertRaisesRegex(AccessError, refused):
                        att.write(vals)
                with self.assertRaisesRegex(AccessError, refused):
                    att.generate_access_token()
                # moved or copied off the file (then made public there)
                with self.assertRaisesRegex(AccessError, refused):
                    att.write({"res_model": False, "res_id": 0})
                with self.assertRaisesRegex(AccessError, refused):
                    att.copy({"res_model": False, "res_id": 0})
                with self.assertRaisesRegex(AccessError, refused):
                    att.copy({"public": True})
                # a public attachment re-parented onto the file
                public = Attachment.create({"name": "flyer.png", "raw": b"f", "public": True})
                with self.assertRaisesRegex(AccessError, refused):
                    public.write(target)
                att.invalidate_recordset()
                self.assertEqual(
                    (att.public, att.access_token, att.res_model), (False, False, record._name)
                )
        # a Settings administrator (who may also open the file) may share it
        admin = new_test_user(
            self.env,
            "ht_c_sysadm",
            groups="base.group_system,ht_consent.group_ht_supervisor",
        )
        with self.assertRaisesRegex(AccessError, refused):
            att.with_user(self.supervisor).write({"public": True})
        att.with_user(admin).write({"public": True})
        self.assertTrue(att.public)

    def test_tags_are_configured_by_administrators(self):
        """README, Roles: administrators configure tags; case workers use them."""
        admin = new_test_user(self.env, "ht_c_adm", groups="ht_consent.group_ht_admin")
        Tag = self.env["ht.case.tag"]
        for user in (self.manager, self.supervisor):
            with self.assertRaises(AccessError):
                Tag.with_user(user).create({"name": "Made up"})
        tag = Tag.with_user(admin).create({"name": "Minor"})
        with self.assertRaises(AccessError):
            tag.with_user(self.manager).write({"name": "Renamed"})
        self.case.with_user(self.manager).write({"tag_ids": [(4, tag.id)]})
        self.assertEqual(self.case.tag_ids, tag)
        tag.with_user(admin).write({"name": "Minor (under 18)"})

    def _audit_lines(self, user=None):
        self.flush_tracking()  # the audit is written in one batch before commit
        domain = [("case_id", "=", self.case.id)]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["ht.case.access.log"].search(domain)

    def test_opening_the_file_is_audited(self):
        Log = self.env["ht.case.access.log"]
        self.case.with_user(self.teammate).web_read({"code": {}, "legal_name": {}})
        line = self._audit_lines(self.teammate)
        self.assertEqual(len(line), 1)
        with self.assertRaisesRegex(AccessError, acl_error("read", "ht.case.access.log")):
            Log.with_user(self.teammate).search([])
        self.assertIn(line, Log.with_user(self.supervisor).search([]))
        with self.assertRaisesRegex(UserError, "append-only"):
            line.sudo().write({"user_id": self.manager.id})
        with self.assertRaisesRegex(UserError, "append-only"):
            line.sudo().unlink()
        # a list of case codes shows no identity: not audited
        self.env["ht.case"].with_user(self.teammate).web_search_read([], {"code": {}})
        self.assertEqual(len(self._audit_lines(self.teammate)), 1)

    def test_every_identity_read_is_audited_once_per_request(self):
        """read, search_read, a list, an export, a group by name, the printed
        release form: each returns identity, each writes the audit; a context key
        does not turn it off; one line per user and case in a transaction (a
        request), however many reads."""
        Case = self.env["ht.case"].with_user(self.teammate)
        hostile = Case.with_context(ht_list_read=True, default_date="2001-01-01 00:00:00")
        reads = {
            "read": lambda: hostile.browse(self.case.id).read(["preferred_name"]),
            "search_read": lambda: hostile.search_read([], ["legal_name"]),
            "list": lambda: hostile.web_search_read([], {"code": {}, "preferred_name": {}}),
            "export": lambda: hostile.browse(self.case.id).export_data(["code", "safe_phone"]),
            "group by name": lambda: hostile.read_group([], ["legal_name"], ["legal_name"]),
            "export through a referral": lambda: (
                self.env["ht.case.assessment"]
                .with_user(self.teammate)
                .search([("case_id", "=", self.case.id)], limit=1)
                .export_data(["case_id/legal_name"])
            ),
            "printed release form": lambda: (
                self.env["ir.actions.report"]
                .with_user(self.teammate)
                ._render_qweb_html("ht_consent.report_ht_consent", consent.ids)
            ),
        }
        self.env["ht.case.assessment"].create({"case_id": self.case.id})
        consent = (
            self.env["ht.consent"]
            .with_user(self.manager)
            .create(
                {
                    "res_model": "ht.case",
                    "res_id": self.case.id,
                    "recipient_ids": [(6, 0, self.case.company_id.partner_id.ids)],
                    "category_ids": [
                        (6, 0, self.env.ref("ht_consent.ht_consent_category_case_summary").ids)
                    ],
                }
            )
        )
        self.teammate.groups_id |= self.env.ref("base.group_allow_export")
        for label, read in reads.items():
            with self.subTest(read=label):
                before = self._audit_lines(self.teammate)
                read()
                read()  # the same request reads it again: still one line
                line = self._audit_lines(self.teammate) - before
                self.assertEqual(len(line), 1)
                self.assertEqual(line.company_id, self.case.company_id)
                self.assertGreater(line.date.year, 2001)
        # reads of two cases in one transaction: both written, in one batch
        other = self.env["ht.case"].with_user(self.manager).create({"legal_name": "Other"})
        other.team_user_ids = self.teammate
        self.flush_tracking()
        last = self.env["ht.case.access.log"].search([], limit=1, order="id desc")
        Case.browse(self.case.id).read(["legal_name"])
        Case.browse(other.id).read(["city"])
        self.flush_tracking()
        logged = self.env["ht.case.access.log"].search([("id", ">", last.id)])
        self.assertEqual(sorted(logged.case_id.ids), sorted((self.case | other).ids))
        self.assertEqual(logged.user_id, self.teammate)
        # the superuser (system code) and reads without identity are not audited
        before = self._audit_lines()
        self.case.read(["legal_name"])
        self.case.with_user(self.teammate).read(["code", "priority", "stage_id"])
        self.assertEqual(self._audit_lines(), before)

    def test_unsaved_records_are_not_audited(self):
        """The web client's onchange works on a new record (NewId): the audit
        skips it by construction (the form's first read is audited on its own)."""
        spec = {"code": {}, "legal_name": {}, "date_of_birth": {}, "age": {}}
        Case = self.env["ht.case"].with_user(self.manager)
        result = Case.onchange({}, [], spec)
        self.assertIn("value", result)
        result = self.case.with_user(self.manager).onchange(
            {"date_of_birth": "1990-05-01"}, ["date_of_birth"], spec
        )
        self.assertGreater(result["value"]["age"], 30)
        self.assertFalse(self._audit_lines())
        self.assertFalse(self.env["ht.case.access.log"].search([("case_id", "=", False)]))

    def test_list_of_80_cases_audited_in_constant_queries(self):
        Case = self.env["ht.case"].with_user(self.manager)
        cases = Case.create([{"legal_name": f"Person {i}"} for i in range(80)])
        self.flush_tracking()
        spec = {"code": {}, "legal_name": {}, "preferred_name": {}, "stage_id": {}}

        def list_and_commit(limit):
            self.env.invalidate_all()
            Case.web_search_read([("id", "in", cases.ids)], spec, limit=limit)
            self.flush_tracking()

        list_and_commit(80)  # warm-up (caches of rules, views, users)
        # the cases, their other prefetched fields, the count; the audit: which
        # cases still exist, one INSERT of every line, their agency
        with self.assertQueryCount(6):
            list_and_commit(8)
        with self.assertQueryCount(6):
            list_and_commit(80)
        logged = self.env["ht.case.access.log"].search([("case_id", "in", cases.ids)])
        self.assertEqual(len(logged), 80 + 8 + 80)

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
        self.assertEqual(
            self.case._ht_consent_check(shelter, ["case_summary"], "referral"), consent
        )
        cannot_open = rf"they belong to a file you cannot open|{rule_error('read', 'ht.consent')}"
        with self.assertRaisesRegex(AccessError, cannot_open):
            consent.with_user(self.outsider).read(["state"])
        self.assertEqual(self.case.with_user(self.teammate).ht_consent_ids, consent)
