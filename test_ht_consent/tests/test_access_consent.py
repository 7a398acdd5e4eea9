# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import HtConsentCase, acl_error, rule_error, subject_error


@tagged("post_install", "-at_install", "ht_consent")
class TestConsentAccess(HtConsentCase):
    def test_outsider_cannot_read_search_or_count(self):
        consent = self._consent()
        line = self.subject.with_user(self.case_worker)._ht_log_disclosure(
            self.shelter, self.cat_summary, consent=consent
        )
        # a case worker off the team passes the access rights and meets the subject's
        # access; an employee meets the access rights
        for user, consent_error, line_error in (
            (self.other_worker, subject_error("read"), subject_error("read", "ht.disclosure")),
            (self.internal, acl_error("read", "ht.consent"), acl_error("read", "ht.disclosure")),
        ):
            Consent = self.env["ht.consent"].with_user(user)
            with self.assertRaisesRegex(AccessError, consent_error):
                consent.with_user(user).read(["recipient_ids"])
            with self.assertRaisesRegex(AccessError, line_error):
                line.with_user(user).read(["recipient_id"])
            if user == self.internal:
                with self.assertRaisesRegex(AccessError, acl_error("read", "ht.consent")):
                    Consent.search([])
            else:
                self.assertEqual(Consent.search_count([("id", "=", consent.id)]), 0)
                self.assertFalse(self.env["ht.disclosure"].with_user(user).search([]))
                self.assertFalse(Consent.read_group([], ["state"], ["state"]))

    def test_pages_and_counts_hold_only_readable_lines(self):
        """The subject's access is part of the query: a page is full and a count is
        right even when the newest lines are about a file the user cannot open (a
        filter after the LIMIT would return an empty first page)."""
        mine = self.subject.with_user(self.case_worker)._ht_log_disclosure(
            self.shelter, self.cat_summary, consent=self._consent()
        ) | self.subject.with_user(self.case_worker)._ht_log_disclosure(
            self.clinic, self.cat_summary, consent=self._consent()
        )
        other = self.env["ht.test.subject"].create(
            {"code": "HT-T-0002", "person_name": "Other", "manager_id": self.other_worker.id}
        )
        consent = self.env["ht.consent"].create(
            dict(self._consent_vals(), res_id=other.id, collected_by_id=self.other_worker.id)
        )
        consent.action_activate()
        for __ in range(3):  # newer than mine
            other._ht_log_disclosure(self.shelter, self.cat_summary, consent=consent)
        Line = self.env["ht.disclosure"].with_user(self.case_worker)
        self.assertEqual(Line.search([], order="id desc", limit=2), mine.sorted("id", reverse=True))
        self.assertEqual(Line.search_count([]), 2)
        self.assertEqual(self.env["ht.disclosure"].with_user(self.other_worker).search_count([]), 3)

    def test_team_and_supervisor_read(self):
        consent = self._consent()
        self.assertEqual(self.env["ht.consent"].with_user(self.case_worker).search([]), consent)
        self.assertIn(consent, self.env["ht.consent"].with_user(self.supervisor).search([]))

    def test_outsider_cannot_create_or_revoke(self):
        consent = self._consent()
        before = self.env["ht.consent"].search_count([])
        with self.assertRaisesRegex(AccessError, subject_error("create")), self.env.cr.savepoint():
            self._consent(user=self.other_worker, activate=False)
        self.assertEqual(self.env["ht.consent"].search_count([]), before)
        # reading the consent's state is where the outsider is stopped
        with self.assertRaisesRegex(AccessError, subject_error("read", "ht.consent")):
            consent.with_user(self.other_worker)._ht_revoke()
        self.assertEqual(consent.state, "active")

    def test_reader_who_cannot_write_the_subject_cannot_change_a_consent(self):
        """Reading the subject shows its consents; changing one (revoking it) needs
        write access to the subject itself."""
        consent = self._consent()
        self.subject.user_ids |= self.other_worker
        # a global rule: only the subject's manager may change it (reading unchanged)
        self.env["ir.rule"].create(
            {
                "name": "Test subject: only its manager changes it",
                "model_id": self.env["ir.model"]._get_id("ht.test.subject"),
                "domain_force": "[('manager_id', '=', user.id)]",
                "perm_read": False,
                "perm_create": False,
                "perm_unlink": False,
            }
        )
        viewer = consent.with_user(self.other_worker)
        self.assertEqual(viewer.state, "active")
        with self.assertRaisesRegex(AccessError, subject_error("write", "ht.consent")):
            viewer._ht_revoke()
        self.assertEqual(consent.state, "active")
        consent.with_user(self.case_worker)._ht_revoke()
        self.assertEqual(consent.state, "revoked")

    def test_log_needs_subject_access(self):
        consent = self._consent()
        with self.assertRaisesRegex(AccessError, rule_error("read", "ht.test.subject")):
            self.subject.with_user(self.other_worker)._ht_log_disclosure(
                self.shelter, self.cat_summary, consent=consent
            )

    def test_internal_user_cannot_see_consent_menu(self):
        menu = self.env.ref("ht_consent.ht_root_menu")
        self.assertNotIn(
            menu.id, self.env["ir.ui.menu"].with_user(self.internal)._visible_menu_ids()
        )

    def test_category_config_admin_only(self):
        with self.assertRaisesRegex(AccessError, acl_error("create", "ht.consent.category")):
            self.env["ht.consent.category"].with_user(self.supervisor).create(
                {"name": "X", "code": "x"}
            )
        self.env["ht.consent.category"].with_user(self.ht_admin).create({"name": "X", "code": "x"})

    def test_attachments_of_consent_data_never_shared(self):
        """The mark ``_ht_case_data`` (consents, disclosure lines, every consent
        subject) keeps their attachments off public links, case management or not."""
        consent = self._consent(activate=False)
        Attachment = self.env["ir.attachment"].with_user(self.case_worker)
        refused = "cannot be made public, shared by link or moved out"
        for record in (consent, self.subject):
            with self.subTest(model=record._name):
                target = {"res_model": record._name, "res_id": record.id}
                att = Attachment.create(dict(target, name="release.pdf", raw=b"signed"))
                with self.assertRaisesRegex(AccessError, refused):
                    Attachment.create(dict(target, name="x", raw=b"x", public=True))
                with self.assertRaisesRegex(AccessError, refused):
                    att.write({"access_token": "guessme"})
                with self.assertRaisesRegex(AccessError, refused):
                    att.generate_access_token()
                with self.assertRaisesRegex(AccessError, refused):
                    att.write({"res_model": False, "res_id": 0})
        admin = new_test_user(
            self.env, "ht_sysadm", groups="base.group_system,ht_consent.group_ht_supervisor"
        )
        self.assertTrue(att.with_user(admin).generate_access_token())

    def test_whoever_loses_access_stops_following_and_reading(self):
        """A user taken out of the role stops following the subject and its
        consents, and no longer reads their messages, even their own."""
        consent = self._consent(activate=False)
        self.subject.user_ids |= self.other_worker
        for record in (self.subject, consent):
            record.with_user(self.other_worker).message_subscribe(self.other_worker.partner_id.ids)
        mine = self.subject.with_user(self.other_worker).message_post(
            body="Seen today", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertIn(self.other_worker.partner_id, consent.message_partner_ids)
        self.other_worker.write(
            {"groups_id": [(3, self.env.ref("ht_consent.group_ht_case_worker").id)]}
        )
        for record in (self.subject, consent):
            self.assertNotIn(self.other_worker.partner_id, record.message_partner_ids)
        Message = self.env["mail.message"].with_user(self.other_worker)
        self.assertFalse(Message.search([("id", "=", mine.id)]))
        with self.assertRaises(AccessError):
            mine.with_user(self.other_worker).read(["body"])
        # an outsider cannot be subscribed to what they cannot read
        self.subject.with_user(self.case_worker).message_subscribe(self.internal.partner_id.ids)
        self.assertNotIn(self.internal.partner_id, self.subject.message_partner_ids)
