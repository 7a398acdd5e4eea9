# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common_referral import HtReferralCase


@tagged("post_install", "-at_install")
class TestHome(HtReferralCase):
    """Each role lands on a home page of counts that open what waits for them; a
    count is what the user could open anyway."""

    def _tiles(self, user):
        home = self.env.ref("ht_case_management.ht_home_action")
        domain = eval(home.domain)
        return self.env["ht.home.tile"].with_user(user).search(domain)

    def _tile(self, xmlid, user):
        return self.env.ref(f"ht_case_management.{xmlid}").with_user(user)

    def test_each_role_sees_its_own_section(self):
        roles = {
            self.manager: {"case_worker"},
            self.supervisor: {"case_worker", "supervisor"},
            self.coordinator: {"coordinator"},
            self.volunteer: {"volunteer"},
        }
        for user, sections in roles.items():
            self.assertEqual(set(self._tiles(user).mapped("role")), sections, user.login)
        # the record rule, not only the action's filter: another role's tile is not read
        with self.assertRaises(AccessError):
            self._tile("ht_home_tile_caseload", self.manager).read(["name"])
        with self.assertRaises(AccessError):
            self.env["ht.home.tile"].with_user(self.employee).search([])

    def test_counts_are_what_the_user_may_open(self):
        # the demo data may hold late referrals of the agency already
        agency_late = self._tile("ht_home_tile_unanswered_agency", self.supervisor).count
        self._consent()
        referral = self._referral()
        referral.with_user(self.manager).action_send()
        overdue = self._tile("ht_home_tile_referrals_overdue", self.manager)
        waiting = self._tile("ht_home_tile_referrals_waiting", self.manager)
        self.assertEqual((waiting.count, overdue.count), (1, 0))
        # past its deadline: the urgent tile counts it and turns red
        self.env.cr.execute(
            "UPDATE ht_referral SET response_deadline = %s WHERE id = %s",
            [fields.Datetime.now() - timedelta(hours=1), referral.id],
        )
        self.env.invalidate_all()
        overdue = self._tile("ht_home_tile_referrals_overdue", self.manager)
        self.assertEqual((overdue.count, overdue.color), (1, 1))
        # the click opens exactly those records, in the tile's first view
        action = overdue.action_open()
        self.assertEqual(action["res_model"], "ht.referral")
        self.assertEqual(
            self.env["ht.referral"].with_user(self.manager).search(action["domain"]), referral
        )
        # the same tile for a case worker who is not on the case counts nothing
        self.assertEqual(self._tile("ht_home_tile_referrals_overdue", self.outsider).count, 0)
        # the supervisor's agency-wide tile counts it
        self.assertEqual(
            self._tile("ht_home_tile_unanswered_agency", self.supervisor).count, agency_late + 1
        )
        self.assertEqual(
            self._tile("ht_home_tile_caseload", self.supervisor).action_open()["context"],
            {"group_by": ["case_manager_id"]},
        )

    def test_my_cases_and_reviews(self):
        mine = self._tile("ht_home_tile_my_cases", self.manager)
        self.assertEqual(mine.count, 1)
        self.assertEqual(mine.action_open()["views"][0][1], "kanban")
        self.assertEqual(self._tile("ht_home_tile_my_cases", self.teammate).count, 0)

    def test_only_administrators_shape_the_home(self):
        tile = self._tile("ht_home_tile_my_cases", self.manager)
        with self.assertRaises(AccessError):
            tile.write({"domain": "[]"})
        admin = self.env["res.users"].create(
            {
                "name": "HT admin",
                "login": "ht_home_admin",
                "groups_id": [(6, 0, self.env.ref("ht_consent.group_ht_admin").ids)],
            }
        )
        tile = tile.with_user(admin)
        tile.write({"domain": "[('is_closed', '=', False)]"})
        with self.assertRaisesRegex(ValidationError, "not valid for"):
            tile.write({"domain": "[('no_such_field', '=', 1)]"})
        with self.assertRaisesRegex(ValidationError, "not valid for"):
            tile.write({"domain": "__import__('os')"})

    def test_opening_the_app_lands_on_home(self):
        """The first entry of each app is the home page (it was the intake dialog)."""
        home = f"ir.actions.act_window,{self.env.ref('ht_case_management.ht_home_action').id}"
        for user, root in (
            (self.manager, "ht_consent.ht_root_menu"),
            (self.volunteer, "ht_consent.ht_root_menu"),
            (self.coordinator, "ht_referral_network.ht_network_root_menu"),
        ):
            menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
            first = menus[menus[self.env.ref(root).id]["children"][0]]
            self.assertEqual(first["action"], home, user.login)
