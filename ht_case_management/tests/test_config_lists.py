# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The workflow lists administrators edit (Victim Services › Configuration › Lists):
referral decline and not-completed reasons, note types, legal milestone types (each
with its reminder lead time), outcome domains (each with its scale). Only Victim
Services administrators change them; a value in use is archived, never deleted;
the partner-agency portal offers the active reasons; the 18.0.1.2.0 upgrade keeps
every record's value."""

import importlib.util
import json
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import unquote_plus

from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged
from odoo.tools import SQL, mute_logger

from .common_referral import HtReferralCase

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations" / "18.0.1.2.0"


def _script(name):
    spec = importlib.util.spec_from_file_location(f"ht_case_mig_{name}", MIGRATIONS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class HtConfigListsCase(HtReferralCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vs_admin = new_test_user(
            cls.env,
            "ht_lists_admin",
            groups="base.group_user,ht_consent.group_ht_admin",
            password="ht_lists_admin",
        )
        ref = cls.env.ref
        cls.no_capacity = ref("ht_case_management.ht_referral_decline_reason_no_capacity")
        cls.language = ref("ht_case_management.ht_referral_decline_reason_language")
        cls.t_visa = ref("ht_case_management.ht_case_legal_milestone_type_t_visa")


@tagged("post_install", "-at_install", "ht_case_management")
class TestConfigListsRpc(HtConfigListsCase, HttpCase):
    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _call_error(self, model, method, *args):
        """The error message a refused call answers (make_jsonrpc_request keeps the
        exception's name only)."""
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 0,
                    "params": {"model": model, "method": method, "args": list(args), "kwargs": {}},
                }
            ),
            headers={"Content-Type": "application/json"},
        ).json()
        self.assertIn("error", response, f"not refused: {response}")
        return response["error"]["data"]["message"]

    def test_admin_creates_and_archives_a_reason_over_rpc(self):
        Reason = self.env["ht.referral.decline_reason"]
        self.authenticate("ht_lists_admin", "ht_lists_admin")
        new_id = self._call(
            "ht.referral.decline_reason",
            "create",
            [{"code": "waitlist_closed", "name": "Waiting list closed", "sequence": 1}],
        )[0]
        self.assertEqual(Reason.browse(new_id).name, "Waiting list closed")
        # first in the list: the portal offers values in their order
        self.assertEqual(Reason.search([])[:1].id, new_id)
        self._call("ht.referral.decline_reason", "action_archive", [new_id])
        self.assertFalse(Reason.browse(new_id).active)
        self.assertNotIn(new_id, Reason.search([]).ids)
        # the other lists too: a milestone type with its own lead time
        type_id = self._call(
            "ht.case.legal.milestone.type",
            "create",
            [{"code": "asylum_renewal", "name": "Asylum EAD renewal", "reminder_days": 60}],
        )[0]
        self.assertEqual(self.env["ht.case.legal.milestone.type"].browse(type_id).reminder_days, 60)

    @mute_logger("odoo.http")
    def test_case_worker_only_reads_the_lists(self):
        self.authenticate(self.manager.login, self.manager.login)
        names = self._call("ht.referral.decline_reason", "search_read", [], ["name"])
        self.assertIn("No capacity", [row["name"] for row in names])
        for model, vals in (
            ("ht.referral.decline_reason", {"code": "x", "name": "X"}),
            ("ht.referral.not_completed_reason", {"code": "x", "name": "X"}),
            ("ht.case.note.type", {"code": "x", "name": "X"}),
            ("ht.case.legal.milestone.type", {"code": "x", "name": "X"}),
            ("ht.case.outcome.domain", {"code": "x", "name": "X"}),
        ):
            with self.subTest(model=model), self.assertRaisesRegex(JsonRpcException, "AccessError"):
                self._call(model, "create", [vals])
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call("ht.referral.decline_reason", "write", [self.language.id], {"active": False})
        self.assertTrue(self.language.active)

    @mute_logger("odoo.http")
    def test_used_value_is_archived_not_deleted(self):
        self._consent()
        referral = self._referral()
        referral.action_send()
        referral.with_user(self.portal_a)._ht_portal_respond("decline", reason=self.language)
        self.authenticate("ht_lists_admin", "ht_lists_admin")
        message = self._call_error("ht.referral.decline_reason", "unlink", [self.language.id])
        self.assertIn("cannot be deleted", message)
        self.assertRegex(message, r"\d+ × Referral use it")
        self.assertTrue(self.language.exists())
        # archiving is the way: the referral keeps its reason
        self._call("ht.referral.decline_reason", "action_archive", [self.language.id])
        self.env.invalidate_all()
        self.assertFalse(self.language.active)
        self.assertEqual(referral.decline_reason_id, self.language)
        # an unused value may go
        unused = self.env["ht.case.note.type"].create({"code": "unused", "name": "Unused"})
        self._call("ht.case.note.type", "unlink", [unused.id])
        self.assertFalse(unused.exists())


@tagged("post_install", "-at_install", "ht_case_management")
class TestConfigListsPortal(HtConfigListsCase, HttpCase):
    def _answer(self, referral, answer, **data):
        page = self.url_open(f"/my/referrals/{referral.id}").text
        token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        return self.url_open(
            f"/my/referrals/{referral.id}/answer",
            data=dict({"answer": answer, "csrf_token": token}, **data),
        )

    def test_portal_offers_a_new_reason_and_a_provider_declines_with_it(self):
        new = (
            self.env["ht.referral.decline_reason"]
            .with_user(self.vs_admin)
            .create({"code": "waitlist_closed", "name": "Waiting list closed", "sequence": 1})
        )
        self.language.with_user(self.vs_admin).action_archive()
        self._consent()
        referral = self._referral()
        referral.action_send()
        self.authenticate("ht_portal_a", "ht_portal_a")
        page = self.url_open(f"/my/referrals/{referral.id}").text
        self.assertIn(f'<option value="{new.id}">Waiting list closed</option>', page)
        self.assertLess(page.index("Waiting list closed"), page.index("No capacity"))
        self.assertNotIn(f'value="{self.language.id}"', page)
        # an archived reason, or anything not in the list, is refused clearly
        for bad in (self.language.id, "no_capacity", 0):
            with self.subTest(reason=bad):
                response = self._answer(referral, "decline", reason=bad)
                self.assertIn("error=", response.url)
                self.assertIn("not in the list", unquote_plus(response.url))
                referral.invalidate_recordset()
                self.assertEqual(referral.state, "sent")
        response = self._answer(referral, "decline", reason=new.id)
        self.assertNotIn("error=", response.url)
        referral.invalidate_recordset()
        self.assertEqual((referral.state, referral.decline_reason_id), ("declined", new))

    def test_portal_lists_reasons_in_the_providers_language(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.portal_b.lang = "es_ES"
        self.no_capacity.with_context(lang="es_ES").name = "Sin plazas"
        self._consent(provider=self.provider_b)
        referral = self._referral(service=self.service_b)
        referral.action_send()
        referral.with_user(self.portal_b)._ht_portal_respond("accept")
        self.authenticate("ht_portal_b", "ht_portal_b")
        client = self.env.ref(
            "ht_case_management.ht_referral_not_completed_reason_client"
        ).with_context(lang="es_ES")
        client.name = "La persona no acudió"
        page = self.url_open(f"/my/referrals/{referral.id}").text
        self.assertIn("La persona no acudió", page)
        response = self._answer(referral, "not_complete", reason=client.id)
        self.assertNotIn("error=", response.url)
        referral.invalidate_recordset()
        self.assertEqual(
            (referral.state, referral.not_completed_reason_id), ("not_completed", client)
        )


@tagged("post_install", "-at_install", "ht_case_management")
class TestConfigLists(HtConfigListsCase):
    def _milestone(self, milestone_type, days):
        return self.env["ht.case.legal.milestone"].create(
            {
                "case_id": self.case.id,
                "milestone_type_id": milestone_type.id,
                "status": "applied",
                "deadline": date.today() + timedelta(days=days),
            }
        )

    def test_each_milestone_type_reminds_its_own_lead_time(self):
        Milestone = self.env["ht.case.legal.milestone"]
        asylum = self.env.ref("ht_case_management.ht_case_legal_milestone_type_asylum")
        self.assertEqual((self.t_visa.reminder_days, asylum.reminder_days), (14, 14))
        t_visa_in_20 = self._milestone(self.t_visa, 20)
        asylum_in_10 = self._milestone(asylum, 10)
        self.t_visa.with_user(self.vs_admin).reminder_days = 30
        asylum.with_user(self.vs_admin).reminder_days = 5
        mine = t_visa_in_20 | asylum_in_10
        Milestone.search([("id", "not in", mine.ids)]).write({"status": "granted"})
        self.assertEqual(Milestone._cron_remind(), t_visa_in_20)
        activity = self.case.activity_ids.filtered(
            lambda a: a.date_deadline == t_visa_in_20.deadline
        )
        self.assertEqual(activity.summary, f"T visa deadline for {self.case.code}")
        asylum.with_user(self.vs_admin).reminder_days = 10
        self.assertEqual(Milestone._cron_remind(), asylum_in_10)
        with self.assertRaisesRegex(ValidationError, "from 1 to 365 days"):
            asylum.with_user(self.vs_admin).reminder_days = 0

    def test_outcome_domain_scale_and_direction(self):
        debt = (
            self.env["ht.case.outcome.domain"]
            .with_user(self.vs_admin)
            .create(
                {"code": "debt", "name": "Debt", "scale_min": 0, "scale_max": 10, "better": "lower"}
            )
        )
        housing = self.env.ref("ht_case_management.ht_case_outcome_domain_housing")
        Assessment = self.env["ht.case.assessment"].with_user(self.manager)
        first = Assessment.create(
            {"case_id": self.case.id, "date": date.today() - timedelta(days=30)}
        )
        first.action_add_outcome_domains()
        self.assertEqual(
            first.score_ids.filtered(lambda s: s.domain_id == debt).score, 5
        )  # the middle of 0-10
        first.score_ids.filtered(lambda s: s.domain_id == debt).score = 8
        first.score_ids.filtered(lambda s: s.domain_id == housing).score = 2
        Assessment.create(
            {
                "case_id": self.case.id,
                "score_ids": [
                    (0, 0, {"domain_id": debt.id, "score": 3}),
                    (0, 0, {"domain_id": housing.id, "score": 1}),
                ],
            }
        )
        progress = self.case.with_user(self.manager)._ht_outcome_progress()
        self.assertEqual((progress["debt"], progress["housing"]), ((8, 3), (2, 1)))
        html = str(self.case.with_user(self.manager).outcome_progress_html)
        rows = {row.split("</td>")[0]: row for row in html.split("<tr><td>")[1:]}
        # less debt is progress; less housing score is not
        self.assertIn("bg-success", rows["Debt"])
        self.assertIn("bg-danger", rows["Housing"])
        self.assertIn("width:36%", rows["Debt"])  # 3 on 0-10: 4 steps of 11
        with self.assertRaisesRegex(ValidationError, "Debt scores go from 0 to 10"):
            first.score_ids.filtered(lambda s: s.domain_id == debt).score = 11
        with self.assertRaisesRegex(ValidationError, "must be below its highest"):
            debt.scale_min = 10

    def test_decline_reason_stays_protected_from_the_case_team(self):
        self._consent()
        referral = self._referral()
        referral.action_send()
        for vals in (
            {"decline_reason_id": self.no_capacity.id},
            {
                "not_completed_reason_id": self.env.ref(
                    "ht_case_management.ht_referral_not_completed_reason_client"
                ).id
            },
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "changes only through"):
                referral.with_user(self.manager).write(vals)
        # a provider must choose an active reason of the list
        with self.assertRaisesRegex(UserError, "Say why you decline"):
            referral.with_user(self.portal_a)._ht_portal_respond("decline")
        self.language.action_archive()
        with self.assertRaisesRegex(UserError, "not in the list"):
            referral.with_user(self.portal_a)._ht_portal_respond("decline", reason=self.language)
        self.assertEqual(referral.state, "sent")

    def test_upgrade_keeps_every_value_by_its_code(self):
        """The 18.0.1.2.0 scripts on a database shaped as 18.0.1.1.0 left it: each
        old selection column with its codes, no new column filled yet."""
        cr = self.env.cr
        ref = self.env.ref
        declined = self._referral()
        not_completed = self._referral(service=self.service_b)
        note = self.env["ht.case.note"].create({"case_id": self.case.id, "body": "<p>x</p>"})
        other_note = self.env["ht.case.note"].create({"case_id": self.case.id, "body": "<p>y</p>"})
        milestone = self._milestone(self.t_visa, 30)
        assessment = self.env["ht.case.assessment"].create({"case_id": self.case.id})
        assessment.action_add_outcome_domains()
        housing = assessment.score_ids.filtered(lambda s: s.domain_id.code == "housing")
        eligibility = ref("ht_case_management.ht_case_eligibility_hhs_minor_interim")
        self.env.flush_all()
        old = [
            # table, old column, new column, {id: old code}
            ("ht_referral", "decline_reason", "decline_reason_id", {declined.id: "no_capacity"}),
            (
                "ht_referral",
                "not_completed_reason",
                "not_completed_reason_id",
                {not_completed.id: "client"},
            ),
            (
                "ht_case_note",
                "note_type",
                "note_type_id",
                {note.id: "court", other_note.id: "custom_phone"},
            ),
            (
                "ht_case_legal_milestone",
                "milestone_type",
                "milestone_type_id",
                {milestone.id: "continued_presence"},
            ),
            (
                "ht_case_eligibility",
                "milestone_type",
                "milestone_type_id",
                {eligibility.id: "hhs_interim_assistance"},
            ),
            ("ht_case_outcome_score", "domain", "domain_id", {housing.id: "housing"}),
        ]
        for table, column, new, codes in old:
            table, column, new = SQL.identifier(table), SQL.identifier(column), SQL.identifier(new)
            cr.execute(SQL("ALTER TABLE %s ADD COLUMN %s varchar", table, column))
            cr.execute(SQL("ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL", table, new))
            for rec_id, code in codes.items():
                cr.execute(
                    SQL(
                        "UPDATE %s SET %s = %s, %s = NULL WHERE id = %s",
                        table,
                        column,
                        code,
                        new,
                        rec_id,
                    )
                )
        _script("pre-lists").migrate(cr, "18.0.1.1.0")
        _script("post-lists").migrate(cr, "18.0.1.1.0")
        self.env.invalidate_all()
        self.assertEqual(declined.decline_reason_id, self.no_capacity)
        self.assertEqual(
            not_completed.not_completed_reason_id,
            ref("ht_case_management.ht_referral_not_completed_reason_client"),
        )
        self.assertEqual(note.note_type_id, ref("ht_case_management.ht_case_note_type_court"))
        # a code the list did not have (a customisation) is kept as a value of its own
        self.assertEqual(
            (other_note.note_type_id.code, other_note.note_type_id.name),
            ("custom_phone", "custom_phone"),
        )
        self.assertEqual(
            milestone.milestone_type_id,
            ref("ht_case_management.ht_case_legal_milestone_type_continued_presence"),
        )
        self.assertEqual(eligibility.milestone_type_id.code, "hhs_interim_assistance")
        self.assertEqual(housing.domain_id.code, "housing")
        for table, column, _new, _codes in old:
            cr.execute(
                """SELECT column_name FROM information_schema.columns
                    WHERE table_name = %s AND column_name LIKE %s""",
                [table, f"{column}%"],
            )
            self.assertNotIn(f"{column}_legacy", [row[0] for row in cr.fetchall()])
        # every seeded code of the old selections is a value of its list
        seeded = {
            "ht.referral.decline_reason": [
                "no_capacity",
                "not_eligible",
                "out_of_area",
                "language",
                "missing_documents",
                "other",
            ],
            "ht.referral.not_completed_reason": ["client", "provider"],
            "ht.case.note.type": ["contact", "home_visit", "court", "crisis_call", "other"],
            "ht.case.legal.milestone.type": [
                "hhs_certification",
                "hhs_eligibility",
                "continued_presence",
                "t_visa",
                "u_visa",
                "work_authorization",
                "hhs_interim_assistance",
            ],
            "ht.case.outcome.domain": ["safety", "housing", "health", "legal", "income", "social"],
        }
        for model, codes in seeded.items():
            with self.subTest(model=model):
                for code in codes:
                    self.assertTrue(self.env[model]._ht_by_code(code), code)
        # running them again (an interrupted upgrade restarted) changes nothing
        _script("pre-lists").migrate(cr, "18.0.1.1.0")
        _script("post-lists").migrate(cr, "18.0.1.1.0")
        self.env.invalidate_all()
        self.assertEqual(other_note.note_type_id.code, "custom_phone")
        self.assertEqual(declined.decline_reason_id, self.no_capacity)


@tagged("post_install", "-at_install", "ht_case_management")
class TestConfigListsTour(HtConfigListsCase, HttpCase):
    def test_admin_adds_a_reason_a_provider_declines_with_it(self):
        self._consent()
        referral = self._referral()
        referral.action_send()
        self.start_tour(
            "/odoo/action-ht_case_management.ht_referral_decline_reason_action",
            "ht_config_lists_admin_tour",
            login="ht_lists_admin",
        )
        reason = self.env["ht.referral.decline_reason"].search([("code", "=", "waitlist_closed")])
        self.assertEqual(reason.name, "Waiting list closed")
        self.start_tour(
            f"/my/referrals/{referral.id}", "ht_config_lists_portal_tour", login="ht_portal_a"
        )
        referral.invalidate_recordset()
        self.assertEqual((referral.state, referral.decline_reason_id), ("declined", reason))
