# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A logged-in caller who talks JSON-RPC and the mail routes directly, with any
context: wizard rows, "Convert to case" and the directory's chatter tell them
nothing about a survivor."""

import base64
import json
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common_lead import lead_with_chatter
from .common_referral import HtReferralCase

SENTINEL = "Qzvhostile"
ADDONS = {"ht_consent", "ht_referral_network", "ht_case_management"}
CW = "base.group_user,ht_consent.group_ht_case_worker"
SUP = "base.group_user,ht_consent.group_ht_supervisor"
NC = "base.group_user,ht_referral_network.group_ht_network_coordinator"
ALL_LEADS = ",sales_team.group_sale_salesman_all_leads"


@tagged("post_install", "-at_install", "ht_case_management")
class TestHostileRpcIdentity(HtReferralCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.main = cls.env.company
        cls.agency_b = cls.env["res.company"].create({"name": "Agency B (hostile test)"})

        def user(login, groups, company=cls.main):
            return new_test_user(
                cls.env,
                login,
                groups=groups,
                password=f"{login}-pw",
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )

        cls.cw_a = user("ht_h_cw_a", CW + ALL_LEADS)
        cls.cw_b = user("ht_h_cw_b", CW + ALL_LEADS, cls.agency_b)
        cls.cw_own = user("ht_h_cw_own", CW + ",sales_team.group_sale_salesman")
        cls.sup_a2 = user("ht_h_sup_a2", SUP)
        cls.sup_b = user("ht_h_sup_b", SUP, cls.agency_b)
        cls.nc_2 = user("ht_h_nc_2", NC)
        cls.plain = user("ht_h_plain", "base.group_user")
        cls.adm_a = user("ht_h_adm_a", "base.group_user,ht_consent.group_ht_admin")
        cls.adm_a2 = user("ht_h_adm_a2", "base.group_user,ht_consent.group_ht_admin")
        cls.sales_a = user("ht_h_sales_a", "base.group_user,sales_team.group_sale_salesman")
        cls.sales_b = user(
            "ht_h_sales_b", "base.group_user,sales_team.group_sale_salesman", cls.agency_b
        )

    # ------------------------------------------------------------------ helpers

    def _login(self, user):
        login = user.login
        password = f"{login}-pw" if login.startswith("ht_h_") else login.ljust(8, "x")
        self.authenticate(login, password)

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _refused(self, model, method, *args, **kwargs):
        """The call is refused with an access error (muted: it is expected)."""
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as caught:
            self._call(model, method, *args, **kwargs)
        self.assertIn("AccessError", str(caught.exception))

    def _refused_link(self, model, vals, target, **kwargs):
        """Creating a row of ``model`` linked to ``target`` is refused with an access
        error that does not name it, and no row is created."""
        rows = self.env[model].sudo().search_count([])
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as caught:
            self._call(model, "create", [vals], **kwargs)
        text = str(caught.exception)
        self.assertIn("AccessError", text)
        # sudo: the name the caller must not learn
        self.assertNotIn(target.sudo().display_name, text)
        self.assertEqual(self.env[model].sudo().search_count([]), rows, f"a {model} row")

    def _wizard_rows(self):
        """A row of every transient model of ours, each opened by its own role and
        holding ``SENTINEL``."""
        consent = self._consent()
        lead, _caller, _mail = lead_with_chatter(self.env, self.sales_a, SENTINEL)
        housing = self.env.ref("ht_referral_network.ht_service_category_housing_emergency")
        mou = self.env["ht.mou"].create(
            {
                "name": "Wizard MOU",
                "date_start": date.today(),
                "date_end": date.today() + timedelta(days=100),
                "party_ids": [
                    Command.create({"partner_id": self.provider_a.id}),
                    Command.create({"partner_id": self.provider_b.id}),
                ],
            }
        )
        rows = {
            "ht.case.intake": self.env["ht.case.intake"]
            .with_user(self.manager)
            .create({"legal_name": f"Ines {SENTINEL}", "safe_phone": "+1 555 0111"}),
            "ht.lead.convert": self.env["ht.lead.convert"]
            .with_user(self.cw_a)
            .create({"lead_id": lead.id}),
            "ht.referral.wizard": self.env["ht.referral.wizard"]
            .with_user(self.manager)
            .create({"case_id": self.case.id, "category_id": housing.id}),
            "ht.consent.revoke": self.env["ht.consent.revoke"]
            .with_user(self.manager)
            .create({"consent_id": consent.id, "reason": f"Told by {SENTINEL}"}),
            "ht.compelled.disclosure": self.env["ht.compelled.disclosure"]
            .with_user(self.supervisor)
            .create(
                {
                    "res_model": "ht.case",
                    "res_id": self.case.id,
                    "recipient_id": self.provider_b.id,
                    "category_ids": [Command.set(self.cat_summary.ids)],
                    "legal_basis": "subpoena",
                    "legal_document": base64.b64encode(f"Subpoena {SENTINEL}".encode()),
                    "legal_document_name": "subpoena.pdf",
                    "reference": f"Docket {SENTINEL}",
                }
            ),
            "ht.case.manager.change.wizard": self.env["ht.case.manager.change.wizard"]
            .with_user(self.supervisor)
            .create(
                {"case_id": self.case.id, "user_id": self.teammate.id, "reason": f"{SENTINEL}"}
            ),
            "ht.membership.change": self.env["ht.membership.change"]
            .with_user(self.coordinator)
            .create({"partner_id": self.provider_a.id, "state": "suspended", "reason": SENTINEL}),
            "ht.mou.wet.signature": self.env["ht.mou.wet.signature"]
            .with_user(self.coordinator)
            .create(
                {
                    "mou_id": mou.id,
                    "party_id": mou.party_ids[0].id,
                    "signed_by_name": SENTINEL,
                    "scan": base64.b64encode(f"Signed {SENTINEL}".encode()),
                    "scan_name": "signed.pdf",
                }
            ),
        }
        funder = self.env["ht.funder.report.wizard"].with_user(self.supervisor)
        rows["ht.funder.report.wizard"] = funder.create(
            {"company_id": self.supervisor.company_id.id, "fiscal_year": 2026, "period": "q1"}
        )
        rows["ht.funder.report.wizard"].action_preview()
        rows["ht.referral.wizard.line"] = rows["ht.referral.wizard"].line_ids
        self.assertTrue(rows["ht.referral.wizard.line"])
        rows["ht.hsds.import"] = (
            self.env["ht.hsds.import"].with_user(self.coordinator).create({"dry_run": True})
        )
        rows["ht.hsds.import.line"] = (
            self.env["ht.hsds.import.line"]
            .with_user(self.coordinator)
            .create({"import_id": rows["ht.hsds.import"].id, "name": SENTINEL})
        )
        pathway = self.env["ht.pathway"].create(
            {"name": "Pathway", "line_ids": [Command.create({"category_id": housing.id})]}
        )
        rows["ht.case.pathway.plan"] = (
            self.env["ht.case.pathway.plan"]
            .with_user(self.manager)
            .create({"case_id": self.case.id, "pathway_id": pathway.id})
        )
        rows["ht.settings"] = self.env["ht.settings"].with_user(self.adm_a).create({})
        rows["ht.settings.cron"] = rows["ht.settings"].cron_ids
        self.assertTrue(rows["ht.settings.cron"])
        return rows

    # ------------------------------------------------------------------ wizard rows

    def test_wizard_rows_are_read_by_their_creator_only(self):
        rows = self._wizard_rows()
        ours = (
            self.env["ir.model"]
            .search([("transient", "=", True), ("model", "=like", "ht.%")])
            .filtered(lambda m: set(m.modules.split(", ")) & ADDONS)
        )
        self.assertEqual(
            set(ours.mapped("model")), set(rows), "a transient model of ours is not tested"
        )
        readers = (
            self.teammate,  # on the same case team as the creator
            self.outsider,
            self.cw_a,
            self.cw_b,  # another agency
            self.sup_a2,
            self.sup_b,
            self.nc_2,
            self.coordinator,
            self.plain,
            self.adm_a2,  # another Victim Services administrator
        )
        tried = dict.fromkeys(rows, 0)
        for reader in readers:
            self._login(reader)
            for model, row in rows.items():
                if row.create_uid == reader:
                    continue
                Access = self.env["ir.model.access"].with_user(reader)
                if not Access.check(model, "read", raise_exception=False):
                    continue
                tried[model] += 1
                found = self._call(
                    model,
                    "search_read",
                    [],
                    ["id"],
                    context={"active_test": False},
                )
                self.assertFalse(
                    {r["id"] for r in found} & set(row.ids), f"{reader.login} lists {model}"
                )
                self._refused(model, "read", row.ids, [])
                self._refused(model, "web_read", row.ids, {"display_name": {}})
        self.assertFalse([m for m, n in tried.items() if not n], "nobody could even try")

    def test_wizard_rows_are_deleted_once_done(self):
        rows = self._wizard_rows()
        done = {
            "ht.case.intake": lambda row: row.action_open_case(),
            "ht.lead.convert": lambda row: row.action_convert(),
            "ht.referral.wizard.line": lambda row: row[0].action_choose(),
            "ht.consent.revoke": lambda row: row.action_revoke(),
            "ht.compelled.disclosure": lambda row: row.action_record(),
            # before the case manager changes: the plan is started by its manager
            "ht.case.pathway.plan": lambda row: row.action_start(),
            "ht.case.manager.change.wizard": lambda row: row.action_apply(),
            "ht.membership.change": lambda row: row.action_apply(),
            "ht.mou.wet.signature": lambda row: row.action_apply(),
            "ht.funder.report.wizard": lambda row: row.action_export_csv(),
            "ht.settings": lambda row: row.action_save(),
        }
        for model, finish in done.items():
            finish(rows[model])
        # The HSDS import keeps its report (directory data, no case data) for the
        # coordinator who ran it; Odoo's transient vacuum removes it.
        kept_for_their_report = {"ht.hsds.import", "ht.hsds.import.line"}
        for model, row in rows.items():
            if model in kept_for_their_report:
                continue
            self.assertFalse(row.exists(), f"{model} outlives its action")
        self.assertFalse(
            self.env["ir.attachment"].search([("res_model", "=", "ht.compelled.disclosure")])
        )

    def test_wizard_rows_link_only_to_what_the_user_may_act_on(self):
        """Odoo reads a many2one's display name as superuser: a wizard row linked to
        a lead, case or consent the caller cannot act on would name it."""
        lead, _caller, _mail = lead_with_chatter(self.env, self.sales_a, SENTINEL)
        own_lead, _caller, _mail = lead_with_chatter(
            self.env, self.sales_b, "Qzvown", company_id=self.agency_b.id
        )
        consent = self._consent()
        housing = self.env.ref("ht_referral_network.ht_service_category_housing_emergency")
        # another agency's case worker: its lead (a row is never created), its consent
        self._login(self.cw_b)
        self._refused_link("ht.lead.convert", {"lead_id": lead.id}, lead)
        self._refused_link("ht.consent.revoke", {"consent_id": consent.id}, consent)
        # nor repointed: a row of their own lead, written to the other agency's lead
        wizard_id = self._call("ht.lead.convert", "create", [{"lead_id": own_lead.id}])[0]
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as caught:
            self._call("ht.lead.convert", "write", [wizard_id], {"lead_id": lead.id})
        self.assertIn("AccessError", str(caught.exception))
        read = self._call("ht.lead.convert", "read", [wizard_id], ["lead_id"])
        self.assertEqual(read[0]["lead_id"][0], own_lead.id)
        self.assertNotIn(SENTINEL, json.dumps(read))
        # a case worker of the same agency, not on the case's team
        self._login(self.outsider)
        self._refused_link("ht.consent.revoke", {"consent_id": consent.id}, consent)
        self._refused_link(
            "ht.referral.wizard",
            {"case_id": self.case.id, "category_id": housing.id},
            self.case,
        )
        # a teammate may read the consent but revoking writes it: the team may
        self._login(self.teammate)
        self.assertTrue(self._call("ht.consent.revoke", "create", [{"consent_id": consent.id}]))
        # another agency's supervisor: the case
        self._login(self.sup_b)
        self._refused_link(
            "ht.case.manager.change.wizard",
            {"case_id": self.case.id, "user_id": self.cw_b.id, "reason": "takeover"},
            self.case,
        )
        self._refused_link(
            "ht.compelled.disclosure",
            {
                "res_model": "ht.case",
                "res_id": self.case.id,
                "recipient_id": self.provider_b.id,
                "category_ids": [Command.set(self.cat_summary.ids)],
                "legal_basis": "subpoena",
                "legal_document": base64.b64encode(b"Subpoena").decode(),
            },
            self.case,
        )

    # ------------------------------------------------------------------ conversion

    def test_convert_another_agencys_lead(self):
        lead, caller, mail = lead_with_chatter(
            self.env, self.sales_b, SENTINEL, company_id=self.agency_b.id
        )
        cases = self.env["ht.case"].search_count([])
        self._login(self.cw_a)
        self.assertFalse(self._call("crm.lead", "search_read", [("id", "=", lead.id)], ["name"]))
        self._refused_link("ht.lead.convert", {"lead_id": lead.id}, lead)
        # a context naming the other agency changes nothing
        self._refused_link(
            "ht.lead.convert",
            {"lead_id": lead.id},
            lead,
            context={"allowed_company_ids": [self.main.id, self.agency_b.id]},
        )
        self._refused("crm.lead", "_ht_convert_to_case", [lead.id], {})
        self.env.invalidate_all()
        self.assertEqual(self.env["ht.case"].search_count([]), cases)
        self.assertTrue(lead.active)
        self.assertEqual((lead.contact_name, caller.name), (f"Rosa {SENTINEL}",) * 2)
        self.assertEqual(mail.state, "outgoing")
        # the lead's own agency converts it, into a case of that agency
        self._login(self.cw_b)
        wizard_id = self._call("ht.lead.convert", "create", [{"lead_id": lead.id}])[0]
        action = self._call("ht.lead.convert", "action_convert", [wizard_id])
        self.assertEqual(self.env["ht.case"].browse(action["res_id"]).company_id, self.agency_b)

    def test_convert_a_lead_of_another_salesperson(self):
        """Same agency, but the case worker's sales rights cover their own leads only."""
        lead, caller, mail = lead_with_chatter(self.env, self.sales_a, SENTINEL)
        cases = self.env["ht.case"].search_count([])
        self._login(self.cw_own)
        self.assertFalse(self._call("crm.lead", "search_read", [("id", "=", lead.id)], ["name"]))
        self._refused_link("ht.lead.convert", {"lead_id": lead.id}, lead)
        self.env.invalidate_all()
        self.assertEqual(self.env["ht.case"].search_count([]), cases)
        self.assertEqual((lead.active, lead.contact_name), (True, f"Rosa {SENTINEL}"))
        self.assertEqual((caller.name, mail.state), (f"Rosa {SENTINEL}", "outgoing"))

    def test_nothing_left_for_colleagues_after_conversion(self):
        lead, caller, _mail = lead_with_chatter(self.env, self.sales_a, SENTINEL)
        email = caller.email
        self._login(self.cw_a)
        wizard_id = self._call("ht.lead.convert", "create", [{"lead_id": lead.id}])[0]
        self._call("ht.lead.convert", "action_convert", [wizard_id])
        # a plain employee: contacts, messages, mails
        self._login(self.plain)
        everything = {"active_test": False}
        answers = [
            self._call(
                "res.partner",
                "search_read",
                ["|", ("name", "ilike", SENTINEL), ("email", "ilike", SENTINEL)],
                ["name"],
                context=everything,
            ),
            self._call(
                "mail.message",
                "search_read",
                ["|", ("record_name", "ilike", SENTINEL), ("body", "ilike", SENTINEL)],
                ["body"],
            ),
        ]
        self.assertEqual(answers, [[], []])
        contact = self._call(
            "res.partner", "read", caller.ids, ["name", "email", "phone"], context=everything
        )
        self.assertEqual(contact[0]["name"], "Anonymised contact")
        self._refused("mail.mail", "search_read", [], ["body_html", "email_to"])
        # the lead's salesperson: its chatter, followers and messages
        self._login(self.sales_a)
        answers = [
            self.make_jsonrpc_request(
                "/mail/thread/messages", {"thread_model": "crm.lead", "thread_id": lead.id}
            ),
            self.make_jsonrpc_request(
                "/mail/thread/data",
                {
                    "thread_model": "crm.lead",
                    "thread_id": lead.id,
                    "request_list": ["followers", "suggestedRecipients"],
                },
            ),
            self._call(
                "mail.message",
                "search_read",
                [("model", "=", "crm.lead"), ("res_id", "=", lead.id)],
                ["body", "record_name", "subject", "email_from", "partner_ids", "author_id"],
            ),
            self._call(
                "mail.followers", "search_read", [("partner_id", "=", caller.id)], ["res_model"]
            ),
            self._call("crm.lead", "read", lead.ids, [], context=everything),
        ]
        text = json.dumps(answers, default=str)
        for secret in (SENTINEL, SENTINEL.lower(), email, "555-0147", "555 0147", "5550147"):
            self.assertNotIn(secret, text)
        self.assertEqual(answers[3], [])
        for message in answers[2]:
            self.assertNotIn(caller.id, message["partner_ids"])
            self.assertNotEqual((message["author_id"] or [False])[0], caller.id)

    # ------------------------------------------------------------------ directory chatter

    def test_followup_cron_posts_nothing_on_the_providers_contact(self):
        self._consent(provider=self.provider_b)
        referral = self._referral(service=self.service_b)
        referral.action_send()
        referral.with_user(self.portal_b)._ht_portal_respond("accept")
        with freeze_time(fields.Datetime.now() + timedelta(days=8)):
            self.env["ht.referral"]._cron_followup()
        secrets = (referral.name, self.case.code)
        self._login(self.plain)
        chatter = self.make_jsonrpc_request(
            "/mail/thread/messages",
            {"thread_model": "res.partner", "thread_id": self.provider_b.id},
        )
        messages = self._call(
            "mail.message",
            "search_read",
            [("model", "=", "res.partner"), ("res_id", "=", self.provider_b.id)],
            ["body", "subject"],
        )
        text = json.dumps([chatter, messages], default=str)
        for secret in secrets:
            self.assertNotIn(secret, text)
        # the provider's intake contact is told, by a message attached to no record:
        # they read it, the plain colleague does not
        reminder = self.env["mail.message"].search(
            [("model", "=", False), ("body", "ilike", referral.name)]
        )
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.partner_ids, self.portal_b.partner_id)
        self.assertFalse(
            self._call("mail.message", "search_read", [("id", "=", reminder.id)], ["body"])
        )
        self.assertTrue(reminder.with_user(self.portal_b).has_access("read"))
