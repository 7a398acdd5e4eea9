# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the faster intake keeps (issue 16, case creation): a case's stage is an
active stage of its programme whatever the caller's context; the creator follows
a new case with its members in one access-checked subscription; a partner follows
through its active users only, whatever the context; a case opened from an
inbound referral gets what the member sent in its creation."""

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_workflow import HtWorkflowRpcCase


@tagged("post_install", "-at_install", "ht_case_management")
class TestPerformanceIntake(HtWorkflowRpcCase):
    def _followers(self, case):
        return (
            self.env["mail.followers"]
            .sudo()
            .search([("res_model", "=", "ht.case"), ("res_id", "=", case.id)])
            .partner_id
        )

    @mute_logger("odoo.http")
    def test_archived_stage_is_no_stage_of_its_programme(self):
        standard = self.env.ref("ht_case_management.ht_case_programme_standard")
        old = self.env["ht.case.stage"].create({"name": "Old intake", "sequence": 1})
        standard.write({"stage_line_ids": [(0, 0, {"stage_id": old.id, "sequence": 1})]})
        old.active = False
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        before = self.env["ht.case"].search_count([])
        # the hostile context asks active_test=False: the archived stage is still none
        reply = self._rpc(
            "ht.case",
            "create",
            {"legal_name": "Archived Stage", "programme_id": standard.id, "stage_id": old.id},
        )
        self.assertRefusedRegex(
            reply, "Old intake is not a stage of the programme Standard", "ValidationError"
        )
        self.assertEqual(self.env["ht.case"].search_count([]), before)
        # an active stage of the programme is accepted in the same call
        case_id = self.assertDone(
            self._rpc(
                "ht.case",
                "create",
                {
                    "legal_name": "Active Stage",
                    "programme_id": standard.id,
                    "stage_id": self.stage_intensive.id,
                },
            )
        )
        self.assertEqual(self.env["ht.case"].browse(case_id).stage_id, self.stage_intensive)

    def test_creator_follows_with_the_members(self):
        case = (
            self.env["ht.case"]
            .with_user(self.supervisor)
            .create(
                {
                    "legal_name": "Opened By Supervisor",
                    "case_manager_id": self.manager.id,
                    "team_user_ids": [(6, 0, self.teammate.ids)],
                }
            )
        )
        self.flush_tracking()
        # as Odoo subscribes a record's creator, but through the read check
        self.assertEqual(
            self._followers(case),
            (self.supervisor | self.manager | self.teammate).partner_id,
        )
        # the creation is still logged in the chatter, without the identity
        messages = case.message_ids
        self.assertTrue(messages)
        self.assertNotIn("Opened By Supervisor", "".join(messages.mapped("body")))

    def test_partner_follows_through_its_active_users_whatever_the_context(self):
        # an archived login sharing the manager's partner, which may read no case
        old = self.env["res.users"].create(
            {
                "login": "ht_c_mgr_old",
                "name": "Old login",
                "partner_id": self.manager.partner_id.id,
                "groups_id": [(6, 0, self.env.ref("base.group_user").ids)],
            }
        )
        # archived in SQL: the ORM would archive the shared partner with it
        self.env.cr.execute("UPDATE res_users SET active = FALSE WHERE id = %s", [old.id])
        self.env.invalidate_all()
        case = (
            self.env["ht.case"]
            .with_user(self.manager)
            .with_context(active_test=False)
            .create({"legal_name": "Context Free"})
        )
        self.assertIn(self.manager.partner_id, self._followers(case))
        # the archived login does not make the partner a reader of another case either
        other = self.env["ht.case"].with_user(self.teammate).create({"legal_name": "Other"})
        readers = other.with_context(active_test=False)._ht_readers(
            (self.manager | self.teammate).partner_id
        )
        self.assertEqual(readers[other.id], {self.teammate.partner_id.id})

    def test_inbound_intake_gives_the_case_what_was_sent_at_creation(self):
        intake = (
            self.env["ht.case.intake"]
            .with_user(self.manager)
            .create(
                {
                    "legal_name": "Sent Along",
                    "safe_email": "safe@example.com",
                    "safe_times": "mornings",
                    "need_category_ids": [
                        (6, 0, self.env.ref("ht_referral_network.ht_service_category_housing").ids)
                    ],
                }
            )
        )
        case = self.env["ht.case"].browse(intake.action_open_case()["res_id"])
        self.assertEqual((case.safe_email, case.safe_times), ("safe@example.com", "mornings"))
        self.assertFalse(intake.exists())
        self.assertEqual(case.assessment_ids.need_ids.urgency, "immediate")
