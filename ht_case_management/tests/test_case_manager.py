# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import HtCaseCase


@tagged("post_install", "-at_install", "ht_case_management")
class TestCaseManager(HtCaseCase):
    def test_change_recorded_with_reason(self):
        wizard = (
            self.env["ht.case.manager.change.wizard"]
            .with_user(self.supervisor)
            .create(
                {"case_id": self.case.id, "user_id": self.teammate.id, "reason": "Maternity leave"}
            )
        )
        wizard.action_apply()
        self.assertEqual(self.case.case_manager_id, self.teammate)
        change = self.case.manager_change_ids
        self.assertEqual(change.from_user_id, self.manager)
        self.assertEqual(change.to_user_id, self.teammate)
        self.assertEqual(change.reason, "Maternity leave")
        # the former case manager, on no team of the case, no longer reads it nor
        # follows it; the new one follows it
        followers = self.case.message_partner_ids
        self.assertNotIn(self.manager.partner_id, followers)
        self.assertIn(self.teammate.partner_id, followers)
        with self.assertRaisesRegex(UserError, "kept"):
            change.sudo().unlink()

    def test_case_worker_cannot_change_manager(self):
        with self.assertRaisesRegex(UserError, "Change case manager"):
            self.case.with_user(self.manager).write({"case_manager_id": self.teammate.id})
        with self.assertRaisesRegex(AccessError, "Only a supervisor changes a case manager"):
            self.case.with_user(self.manager)._ht_change_manager(self.teammate, "because")
        self.assertEqual(self.case.case_manager_id, self.manager)

    def test_new_manager_must_be_case_worker(self):
        with self.assertRaisesRegex(UserError, "not a case worker"):
            self.case.with_user(self.supervisor)._ht_change_manager(self.employee, "x")
        with self.assertRaisesRegex(UserError, "why"):
            self.case.with_user(self.supervisor)._ht_change_manager(self.teammate, "")

    def test_context_key_changes_no_manager(self):
        """The context key the write once trusted changes nothing, for any role."""
        for user in (self.teammate, self.manager, self.supervisor):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(UserError, "Change case manager"),
            ):
                self.case.with_user(user).with_context(ht_manager_change=True).write(
                    {"case_manager_id": self.teammate.id}
                )
        self.assertEqual(self.case.case_manager_id, self.manager)
        self.assertFalse(self.case.manager_change_ids)
