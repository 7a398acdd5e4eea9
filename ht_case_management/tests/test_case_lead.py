# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import HtCaseCase


@tagged("post_install", "-at_install", "ht_case_management")
class TestLeadConversion(HtCaseCase):
    def test_convert_scrubs_the_lead(self):
        salesman = self.env.ref("base.user_admin")
        lead = (
            self.env["crm.lead"]
            .with_user(salesman)
            .create(
                {
                    "name": "Hotline call 14:02",
                    "contact_name": "Rosa Hiddenname",
                    "email_from": "rosa.hidden@example.com",
                    "phone": "+1 555 777",
                    "description": "<p>Rosa says her employer keeps her passport.</p>",
                }
            )
        )
        lead.message_post(body="Called back Rosa Hiddenname at +1 555 777")
        lead.write({"contact_name": "Rosa H. Hiddenname"})  # a tracked change, if tracked
        self.env["ir.attachment"].create(
            {"name": "id-scan.png", "res_model": "crm.lead", "res_id": lead.id, "raw": b"x"}
        )
        self.manager.groups_id |= self.env.ref("sales_team.group_sale_salesman_all_leads")
        wizard = (
            self.env["ht.lead.convert"]
            .with_user(self.manager)
            .create(
                {
                    "lead_id": lead.id,
                    "trafficking_type": "labor",
                    "need_category_ids": [
                        (
                            6,
                            0,
                            self.env.ref(
                                "ht_referral_network.ht_service_category_housing_emergency"
                            ).ids,
                        )
                    ],
                }
            )
        )
        action = wizard.action_convert()
        case = self.env["ht.case"].browse(action["res_id"])
        self.assertEqual(case.legal_name, "Rosa H. Hiddenname")
        self.assertEqual(case.safe_phone, "+1 555 777")
        self.assertEqual(case.intake_channel, "crm")
        self.assertEqual(case.case_manager_id, self.manager)
        self.assertEqual(case.assessment_ids.assessment_type, "rapid")
        self.assertEqual(len(case.need_ids), 1)
        self.assertIn("passport", case.note_ids.body)
        # the lead keeps nothing about the person
        lead = lead.with_context(active_test=False).sudo()
        self.assertFalse(lead.active)
        self.assertFalse(lead.contact_name or lead.email_from or lead.phone or lead.description)
        self.assertIn(case.code, lead.name)
        everything = " ".join(
            [str(v) for v in lead.read()[0].values()]
            + lead.message_ids.mapped(lambda m: f"{m.body} {m.subject} {m.email_from}")
            + [
                str(t.old_value_char) + str(t.new_value_char)
                for t in lead.message_ids.tracking_value_ids
            ]
        )
        for secret in ("Hiddenname", "rosa.hidden", "555 777", "passport"):
            self.assertNotIn(secret, everything)
        self.assertFalse(
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)])
        )
        with self.assertRaisesRegex(UserError, "already converted"):
            lead.with_user(self.manager)._ht_convert_to_case({})

    def test_only_case_workers_convert(self):
        lead = self.env["crm.lead"].create({"name": "Web inquiry"})
        with self.assertRaises(UserError):
            lead.with_user(self.coordinator)._ht_convert_to_case({})


@tagged("post_install", "-at_install", "ht_case_management")
class TestIntake(HtCaseCase):
    def test_inbound_referral_with_rapid_assessment(self):
        police = self.env["res.partner"].create({"name": "Metro Police", "is_company": True})
        food = self.env.ref("ht_referral_network.ht_service_category_food")
        action = (
            self.env["ht.case.intake"]
            .with_user(self.manager)
            .create(
                {
                    "intake_channel": "inbound_referral",
                    "referring_partner_id": police.id,
                    "identified_by": "law_enforcement",
                    "preferred_name": "M.",
                    "priority": "3",
                    "need_category_ids": [(6, 0, food.ids)],
                }
            )
            .action_open_case()
        )
        case = self.env["ht.case"].browse(action["res_id"])
        self.assertEqual(
            (case.intake_channel, case.referring_partner_id), ("inbound_referral", police)
        )
        self.assertEqual(case.case_manager_id, self.manager)
        rapid = case.assessment_ids
        self.assertEqual((rapid.assessment_type, rapid.risk_level), ("rapid", "imminent"))
        self.assertEqual(rapid.need_ids.category_id, food)
        # nobody outside the team gets a partner record with the person's name
        self.assertFalse(self.env["res.partner"].search([("name", "=", "M.")]))
