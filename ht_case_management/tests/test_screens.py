# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The everyday screens behind the crashes of issue 18, as the roles use them."""

from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_referral import HtReferralCase


@tagged("post_install", "-at_install", "ht_case_management")
class TestFindProvider(HtReferralCase):
    def _wizard(self, action):
        return self.env["ht.referral.wizard"].with_user(self.manager).browse(action["res_id"])

    def test_from_the_header_takes_the_case(self):
        self.case.write(
            {
                "date_of_birth": date.today() - relativedelta(years=30),
                "lang_id": self.env.ref("base.lang_en").id,
            }
        )
        action = self.case.with_user(self.manager).action_refer()
        self.assertEqual(action["name"], "Find a provider")
        wizard = self._wizard(action)
        # the most urgent open need and its service, the client's age, language, age group
        self.assertEqual(wizard.need_id, self.need)
        self.assertEqual(wizard.category_id, self.need.category_id)
        self.assertEqual(wizard.age, 30)
        self.assertEqual(wizard.lang_id, self.env.ref("base.lang_en"))
        self.assertEqual(wizard.population_ids.mapped("code"), ["adults"])
        self.assertIn(self.service_a, wizard.line_ids.service_id)

    def test_search_again_as_case_worker(self):
        wizard = self._wizard(self.case.with_user(self.manager).action_refer(need=self.need))
        self.assertLessEqual(self.service_a | self.service_b, wizard.line_ids.service_id)
        first_lines = wizard.line_ids
        # the user changes a filter and searches again: no "not allowed to delete"
        minors = self.env.ref("ht_referral_network.ht_population_minors")
        adults = self.env.ref("ht_referral_network.ht_population_adults")
        self.service_a.population_ids = minors
        self.service_b.population_ids = adults
        wizard.write({"population_ids": [Command.set(minors.ids)]})
        wizard.action_search()
        self.assertIn(self.service_a, wizard.line_ids.service_id)
        self.assertNotIn(self.service_b, wizard.line_ids.service_id)
        self.assertFalse(first_lines.exists())
        self.assertFalse(wizard.no_result_reason)

    def test_no_result_says_why(self):
        wizard = self._wizard(self.case.with_user(self.manager).action_refer(need=self.need))
        region = self.env["ht.region"].create({"name": "North Test", "code": "north_test"})
        (self.service_a | self.service_b).region_ids = self.env["ht.region"].create(
            {"name": "South Test", "code": "south_test"}
        )
        wizard.write({"region_id": region.id})
        wizard.action_search()
        self.assertFalse(wizard.line_ids)
        self.assertIn("region (North Test)", wizard.no_result_reason)
        # nothing of the service at all
        legal = self.env.ref("ht_referral_network.ht_service_category_legal_immigration")
        self.env["ht.service"].search([("category_id", "child_of", legal.id)]).write(
            {"state": "inactive"}
        )
        wizard.write({"category_id": legal.id, "region_id": False})
        wizard.action_search()
        self.assertIn("No certified member of the network offers", wizard.no_result_reason)

    def test_other_wizard_lines_untouched(self):
        """The sudo of "search again" only deletes the searched wizard's own lines."""
        own = self._wizard(self.case.with_user(self.manager).action_refer(need=self.need))
        other = (
            self.env["ht.referral.wizard"]
            .with_user(self.teammate)
            .create({"case_id": self.case.id, "need_id": self.need.id})
        )
        other_lines = other.line_ids
        self.assertTrue(other_lines)
        own.action_search()
        self.assertEqual(other_lines.exists(), other_lines)


@tagged("post_install", "-at_install", "ht_case_management")
class TestSendWithoutEmail(HtReferralCase):
    def test_user_without_email_sends_as_the_agency(self):
        self.manager.email = False
        self.env.company.email = "intake@agency.example.com"
        self._consent()
        referral = self._referral()
        referral.with_user(self.manager).action_send()
        self.assertEqual(referral.state, "sent")
        self._deliver_notices()
        notice = referral.message_ids.filtered(lambda m: self.portal_a.partner_id in m.partner_ids)
        self.assertEqual(len(notice), 1)
        self.assertIn("intake@agency.example.com", notice.email_from)
        self.assertEqual(notice.author_id, self.manager.partner_id)

    def test_nobody_has_an_email(self):
        self.manager.email = False
        self.env.company.email = False
        self.env.company.alias_domain_id = False
        self._consent()
        referral = self._referral()
        with self.assertRaisesRegex(UserError, "neither you nor"), self.env.cr.savepoint():
            referral.with_user(self.manager).action_send()
        self.env.invalidate_all()
        self.assertEqual(referral.state, "draft")


@tagged("post_install", "-at_install", "ht_case_management")
class TestCaseWorkerConvertsLead(HtReferralCase):
    def test_case_worker_reaches_convert_to_case(self):
        # an unassigned intake lead (hotline call, web inquiry)
        lead = self.env["crm.lead"].create(
            {"name": "Hotline call 09:12", "user_id": False, "email_from": "caller@example.com"}
        )
        leads = self.env["crm.lead"].with_user(self.manager).search([("id", "=", lead.id)])
        self.assertEqual(leads, lead)
        action = lead.with_user(self.manager).action_ht_convert_to_case()
        self.assertEqual(action["res_model"], "ht.lead.convert")
        wizard = (
            self.env["ht.lead.convert"]
            .with_user(self.manager)
            .with_context(**action["context"])
            .create({"trafficking_type": "labor"})
        )
        case = self.env["ht.case"].browse(wizard.action_convert()["res_id"])
        self.assertEqual(case.case_manager_id, self.manager)
        menu = self.env.ref("crm.crm_menu_root")
        visible = self.env["ir.ui.menu"].with_user(self.manager)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        # another case worker's assigned lead stays theirs
        theirs = self.env["crm.lead"].create({"name": "Call", "user_id": self.teammate.id})
        self.assertFalse(
            self.env["crm.lead"].with_user(self.manager).search([("id", "=", theirs.id)])
        )
