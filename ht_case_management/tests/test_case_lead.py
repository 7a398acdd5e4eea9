# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import HtCaseCase
from .common_lead import columns_containing, lead_with_chatter

SENTINEL = "Qzvlead"


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
class TestLeadConversionIdentity(HtCaseCase):
    """After conversion the caller's identity is on the case only: not on a
    contact, a message, a mail, a notification or a follower."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, "ht_c_sales", groups="base.group_user,sales_team.group_sale_salesman"
        )
        cls.manager.groups_id |= cls.env.ref("sales_team.group_sale_salesman_all_leads")

    def _convert(self, lead, user=None, **context):
        wizard = (
            self.env["ht.lead.convert"]
            .with_user(user or self.manager)
            .with_context(**context)
            .create({"lead_id": lead.id, "trafficking_type": "labor"})
        )
        action = wizard.action_convert()
        self.assertFalse(wizard.exists(), "the conversion form outlives the case")
        return self.env["ht.case"].browse(action["res_id"])

    def test_callers_contact_is_anonymised_and_unlinked(self):
        lead, caller, mail = lead_with_chatter(self.env, self.salesman, SENTINEL)
        caller.category_id = [Command.create({"name": "Hotline caller"})]
        # what Odoo left: the lead's customer, a follower, a queued mail to them
        self.assertEqual(lead.partner_id, caller)
        self.assertIn(caller, lead.message_partner_ids)
        self.assertEqual((mail.state, mail.recipient_ids), ("outgoing", caller))
        self.assertIn(SENTINEL, str(mail.body_html))
        case = self._convert(lead)
        self.assertEqual(case.legal_name, f"Rosa {SENTINEL}")
        self.assertEqual(case.safe_email, f"caller.{SENTINEL.lower()}@example.com")
        self.assertFalse(lead.with_context(active_test=False).email_from)
        caller = caller.with_context(active_test=False)
        self.assertEqual(
            (caller.name, caller.email, caller.phone, caller.active),
            ("Anonymised contact", False, False, False),
        )
        self.assertFalse(caller.category_id)
        messages = lead.with_context(active_test=False).message_ids
        self.assertEqual(set(messages.mapped("record_name")) - {False}, {lead.name})
        self.assertFalse(messages.partner_ids & caller)
        self.assertFalse(self.env["mail.notification"].search([("res_partner_id", "=", caller.id)]))
        self.assertFalse(self.env["mail.followers"].search([("partner_id", "=", caller.id)]))
        self.assertEqual(mail.state, "cancel")
        self.assertFalse(mail.recipient_ids or mail.email_to or mail.body_html or mail.subject)
        # anywhere in the database, the caller is on the case only
        self.assertEqual(
            columns_containing(self.env, SENTINEL),
            {("ht_case", "legal_name"), ("ht_case", "safe_email")},
        )
        self.assertIn("0147", case.safe_phone)
        self.assertEqual(columns_containing(self.env, case.safe_phone), {("ht_case", "safe_phone")})
        for phone in ("555 0147", "555-0147", "2025550147"):  # as typed, formatted, sanitised
            self.assertLessEqual(columns_containing(self.env, phone), {("ht_case", "safe_phone")})
        Partner = self.env["res.partner"].with_user(self.employee).with_context(active_test=False)
        self.assertFalse(Partner.search([("email", "ilike", SENTINEL)]))
        self.assertFalse(Partner.name_search(SENTINEL))

    def test_real_contact_is_kept_but_unlinked(self):
        clinic = self.env["res.partner"].create({"name": "Harbour Clinic", "is_company": True})
        nurse = self.env["res.partner"].create(
            {"name": "Nurse Joy", "email": "joy@clinic.example.com", "parent_id": clinic.id}
        )
        # a contact the agency had before the call (in the same test transaction,
        # every record has the same creation time)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET create_date = create_date - interval '1 day' WHERE id = %s",
            (nurse.id,),
        )
        nurse.invalidate_recordset(["create_date"])
        lead, caller, _mail = lead_with_chatter(self.env, self.salesman, SENTINEL)
        lead.with_user(self.salesman).with_context(mail_post_autofollow=True).message_post(
            body="Asked the clinic for a bed",
            partner_ids=nurse.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        # the same caller on a second lead, not converted: a contact in use
        second = self.env["crm.lead"].create({"name": "Second call", "partner_id": caller.id})
        self._convert(lead)
        messages = lead.with_context(active_test=False).message_ids
        for partner, name in ((nurse, "Nurse Joy"), (caller, f"Rosa {SENTINEL}")):
            self.assertEqual((partner.name, partner.active), (name, True))
            self.assertFalse(messages.partner_ids & partner)
            self.assertFalse(
                self.env["mail.followers"].search(
                    [
                        ("res_model", "=", "crm.lead"),
                        ("res_id", "=", lead.id),
                        ("partner_id", "=", partner.id),
                    ]
                )
            )
            self.assertFalse(
                self.env["mail.notification"].search(
                    [("mail_message_id", "in", messages.ids), ("res_partner_id", "=", partner.id)]
                )
            )
        self.assertEqual((nurse.email, nurse.parent_id), ("joy@clinic.example.com", clinic))
        self.assertEqual(second.partner_id, caller)
        self.assertFalse(
            self.env["mail.mail"].search([("mail_message_id", "in", messages.ids)]).recipient_ids
        )

    def test_convert_needs_read_and_write_on_the_lead(self):
        own_leads_only = new_test_user(
            self.env,
            "ht_c_cw_sales",
            groups="base.group_user,ht_consent.group_ht_case_worker,sales_team.group_sale_salesman",
        )
        lead, caller, _mail = lead_with_chatter(self.env, self.salesman, SENTINEL)
        before = self.env["ht.case"].search_count([])
        # another salesperson's lead: the case worker cannot read it
        with self.assertRaises(AccessError):
            self._convert(lead, user=own_leads_only)
        # a lead the case worker reads but may not change
        self.env["ir.rule"].create(
            {
                "name": "this lead is read-only",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "domain_force": f"[('id', '!=', {lead.id})]",
                "perm_read": False,
                "perm_create": False,
                "perm_unlink": False,
            }
        )
        lead.with_user(self.manager).check_access("read")
        with self.assertRaises(AccessError):
            self._convert(lead)
        self.env.invalidate_all()
        self.assertEqual(self.env["ht.case"].search_count([]), before)
        self.assertTrue(lead.active)
        self.assertEqual((lead.contact_name, lead.partner_id), (f"Rosa {SENTINEL}", caller))
        self.assertEqual(caller.name, f"Rosa {SENTINEL}")

    def test_case_opens_in_the_leads_agency(self):
        main = self.env.company
        agency_b = self.env["res.company"].create({"name": "Agency B"})
        self.manager.company_ids = [Command.link(agency_b.id)]
        lead = self.env["crm.lead"].create(
            {"name": "Call to agency B", "contact_name": "Bo", "company_id": agency_b.id}
        )
        case = self._convert(lead, allowed_company_ids=[main.id, agency_b.id])
        self.assertEqual(case.company_id, agency_b)
        # agency B not selected: its lead is out of reach
        other = self.env["crm.lead"].create(
            {"name": "Other call to agency B", "contact_name": "Ba", "company_id": agency_b.id}
        )
        with self.assertRaises(AccessError):
            self._convert(other, allowed_company_ids=[main.id])
        self.assertEqual((other.contact_name, other.active), ("Ba", True))


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
