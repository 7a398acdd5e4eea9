# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.ht_referral_network.tests.common import acl_error, certified_member, rule_error

NAME = "Qorvex Tallimar"
PHONE = "+1 555 3141592"


@tagged("post_install", "-at_install", "ht_case_management")
class TestInboundReferral(HttpCase):
    """A network member refers a person from the portal; the intake queue gets it
    with an activity, opens the intake form prefilled, and the case holds the
    details from then on. The member sees the state only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_reset_password=True))
        env = cls.env
        cw = "base.group_user,ht_consent.group_ht_case_worker"
        cls.intake = new_test_user(env, "ht_in_intake", groups=cw, password="ht_in_intake")
        cls.colleague = new_test_user(env, "ht_in_cw2", groups=cw, password="ht_in_cw2")
        cls.supervisor = new_test_user(
            env, "ht_in_sup", groups="base.group_user,ht_consent.group_ht_supervisor"
        )
        cls.employee = new_test_user(env, "ht_in_emp", groups="base.group_user")
        cls.coordinator = new_test_user(
            env,
            "ht_in_nc",
            groups="base.group_user,ht_referral_network.group_ht_network_coordinator",
        )
        cls.volunteer = new_test_user(
            env, "ht_in_vol", groups="base.group_user,ht_case_management.group_ht_volunteer"
        )
        env["ir.config_parameter"].set_param(
            "ht_case_management.inbound_referral_user_id", cls.intake.id
        )
        cls.org_a = certified_member(env, "Inbound Org A")
        cls.org_b = certified_member(env, "Inbound Org B")
        cls.org_lapsed = certified_member(env, "Inbound Org Lapsed")
        cls.org_lapsed._ht_set_membership("lapsed", "certification expired")
        cls.org_none = env["res.partner"].create({"name": "Inbound Not Member", "is_company": True})
        cls.portal_a = cls._portal(cls.org_a, "ht_in_pa")
        cls.portal_b = cls._portal(cls.org_b, "ht_in_pb")
        cls.portal_lapsed = cls._portal(cls.org_lapsed, "ht_in_plapsed")
        cls.portal_none = cls._portal(cls.org_none, "ht_in_pnone")
        ref = env.ref
        cls.cat_housing = ref("ht_referral_network.ht_service_category_housing")
        cls.cat_legal = ref("ht_referral_network.ht_service_category_legal")
        cls.spanish = ref("base.lang_es")
        cls.act_type = ref("ht_case_management.mail_act_inbound_referral")

    @classmethod
    def _portal(cls, org, login):
        contact = cls.env["res.partner"].create({"name": f"Contact {login}", "parent_id": org.id})
        return new_test_user(
            cls.env, login, groups="base.group_portal", partner_id=contact.id, password=login
        )

    # ------------------------------------------------------------------ helpers

    def _form(self, **values):
        data = {
            "person_name": NAME,
            "approx_age": "23",
            "lang_id": str(self.spanish.id),
            "need_ids": [str(self.cat_housing.id), str(self.cat_legal.id)],
            "contact_method": "phone",
            "contact_details": f"{PHONE}, evenings only",
            "urgency": "urgent",
            "consent_confirmed": "1",
        }
        data.update(values)
        return {key: value for key, value in data.items() if value is not None}

    def _csrf(self):
        page = self.url_open("/my/referrals/refer")
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _send(self, login, **values):
        """Log in as ``login`` and send the portal form; the response."""
        self.authenticate(login, login)
        data = dict(self._form(**values), csrf_token=self._csrf())
        return self.url_open("/my/referrals/refer", data=data)

    def _inbound(self, org):
        return self.env["ht.inbound.referral"].search(
            [("referring_partner_id", "=", org.id)], order="id desc", limit=1
        )

    def _rpc(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _refused(self, model, method, *args, **kwargs):
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as caught:
            self._rpc(model, method, *args, **kwargs)
        self.assertIn("AccessError", str(caught.exception))

    # ------------------------------------------------------------------ tests

    def test_member_refers_and_follows_the_state(self):
        response = self._send("ht_in_pa")
        self.assertEqual(response.status_code, 200)
        self.assertIn("/my/referrals?sent=", response.url)
        inbound = self._inbound(self.org_a)
        self.assertEqual(inbound.state, "received")
        self.assertEqual(inbound.person_name, NAME)
        self.assertEqual(inbound.approx_age, 23)
        self.assertEqual(inbound.lang_id, self.spanish)
        self.assertEqual(inbound.need_category_ids, self.cat_housing | self.cat_legal)
        self.assertEqual(inbound.contact_method, "phone")
        self.assertEqual(inbound.submitted_by_id, self.portal_a)
        self.assertTrue(inbound.consent_confirmed)
        self.assertIn(inbound.name, response.text)
        self.assertNotIn(NAME, response.text)
        # the intake worker on duty has an activity of its own type, naming no one
        activity = inbound.activity_ids
        self.assertEqual(activity.activity_type_id, self.act_type)
        self.assertEqual(activity.user_id, self.intake)
        self.assertNotIn("Qorvex", activity.summary or "")
        self.assertIn(inbound.name, activity.summary)
        # intake starts: the member sees it, and nothing else
        action = inbound.with_user(self.intake).action_start_intake()
        listing = self.url_open("/my/referrals").text
        row = re.search(rf"(?s){re.escape(inbound.name)}.*?</tr>", listing).group(0)
        self.assertIn("Intake started", row)
        wizard = self.env["ht.case.intake"].with_user(self.intake).browse(action["res_id"])
        case_action = wizard.action_open_case()
        case = self.env["ht.case"].browse(case_action["res_id"])
        listing = self.url_open("/my/referrals").text
        row = re.search(rf"(?s){re.escape(inbound.name)}.*?</tr>", listing).group(0)
        self.assertIn("Closed", row)
        self.assertNotIn(case.code, listing, "the member never sees the case")
        self.assertNotIn(NAME, listing)

    def test_intake_opens_the_case_prefilled(self):
        self._send("ht_in_pa")
        inbound = self._inbound(self.org_a)
        action = inbound.with_user(self.intake).action_start_intake()
        self.assertEqual(inbound.state, "intake")
        self.assertEqual(inbound.intake_user_id, self.intake)
        self.assertFalse(inbound.activity_ids, "the activity is done once intake starts")
        wizard = self.env["ht.case.intake"].with_user(self.intake).browse(action["res_id"])
        self.assertEqual(
            (
                wizard.intake_channel,
                wizard.referring_partner_id,
                wizard.identified_by,
                wizard.preferred_name,
                wizard.safe_phone,
                wizard.lang_id,
                wizard.need_category_ids,
                wizard.priority,
                wizard.approx_age,
            ),
            (
                "inbound_referral",
                self.org_a,
                "ngo",
                NAME,
                f"{PHONE}, evenings only",
                self.spanish,
                self.cat_housing | self.cat_legal,
                "2",
                23,
            ),
        )
        self.assertIn("evenings only", wizard.safe_times)
        case_action = wizard.action_open_case()
        case = self.env["ht.case"].browse(case_action["res_id"])
        self.assertEqual(case.preferred_name, NAME)
        self.assertEqual(case.referring_partner_id, self.org_a)
        self.assertEqual(case.intake_channel, "inbound_referral")
        self.assertEqual(case.case_manager_id, self.intake)
        self.assertIn("evenings only", case.safe_times)
        self.assertEqual(
            case.need_ids.category_id, self.cat_housing | self.cat_legal, "rapid assessment"
        )
        # the referral is closed and keeps nothing of the person
        self.assertEqual(inbound.state, "closed")
        self.assertEqual(inbound.close_reason, "case_opened")
        self.assertEqual(inbound.case_id, case)
        self.assertFalse(
            inbound.person_name or inbound.contact_details or inbound.lang_id or inbound.approx_age
        )
        # closed: nothing of it changes any more, and it is never deleted
        with self.assertRaisesRegex(UserError, "is closed"):
            inbound.with_user(self.intake).write({"urgency": "standard"})
        with self.assertRaisesRegex(UserError, "never deleted"):
            inbound.unlink()
        # no second case from the same referral
        with self.assertRaisesRegex(UserError, "is closed"):
            inbound.with_user(self.intake).action_start_intake()

    def test_close_without_a_case_empties_it(self):
        self._send("ht_in_pa")
        inbound = self._inbound(self.org_a).with_user(self.intake)
        with self.assertRaisesRegex(UserError, "Choose why"):
            inbound.action_close()
        inbound.write({"close_reason": "unreachable"})
        inbound.action_close()
        self.assertEqual(inbound.state, "closed")
        self.assertFalse(inbound.person_name or inbound.contact_details)
        self.assertFalse(inbound.case_id)

    def test_state_and_links_only_through_buttons(self):
        self._send("ht_in_pa")
        inbound = self._inbound(self.org_a).with_user(self.intake)
        case = self.env["ht.case"].with_user(self.intake).create({"legal_name": "Other"})
        for vals in (
            {"state": "closed"},
            {"intake_user_id": self.colleague.id},
            {"referring_partner_id": self.org_b.id},
            {"case_id": case.id},
            {"consent_confirmed": False},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "cannot be set"):
                inbound.write(vals)
        # an intake form row linked to a referral the user may not act on
        inbound.action_start_intake()
        with self.assertRaises(AccessError):
            self.env["ht.case.intake"].with_user(self.colleague).create(
                {"inbound_referral_id": inbound.id, "legal_name": "x"}
            )

    def test_validation_says_what_is_wrong_and_creates_nothing(self):
        count = self.env["ht.inbound.referral"].search_count([])
        problems = [
            ({"consent_confirmed": None}, "Confirm that the person agreed"),
            ({"person_name": "  "}, "first name or an alias"),
            ({"approx_age": "old"}, "between 1 and 120"),
            ({"approx_age": "300"}, "between 1 and 120"),
            ({"need_ids": []}, "at least one need"),
            ({"need_ids": ["999999"]}, "at least one need"),
            ({"contact_method": "pigeon"}, "safe way to reach"),
            ({"contact_details": ""}, "how to reach the person safely"),
            ({"urgency": "whenever"}, "how urgent"),
            ({"lang_id": "999999"}, "language from the list"),
        ]
        for values, message in problems:
            with self.subTest(values=values):
                response = self._send("ht_in_pa", **values)
                self.assertEqual(response.status_code, 200)
                self.assertIn("ht_inbound_errors", response.text)
                self.assertIn(message, response.text)
        self.assertEqual(self.env["ht.inbound.referral"].search_count([]), count)
        # "through the member" needs no details
        self._send("ht_in_pa", contact_method="via_member", contact_details="")
        self.assertEqual(self.env["ht.inbound.referral"].search_count([]), count + 1)
        # no CSRF token: refused
        with mute_logger("odoo.http"):
            response = self.url_open("/my/referrals/refer", data=self._form())
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.env["ht.inbound.referral"].search_count([]), count + 1)

    def test_a_flood_is_refused(self):
        for _i in range(10):
            self._send("ht_in_pa", contact_method="via_member", contact_details="")
        count = self.env["ht.inbound.referral"].search_count([])
        response = self._send("ht_in_pa")
        self.assertIn("in the last hour", response.text)
        self.assertEqual(self.env["ht.inbound.referral"].search_count([]), count)
        # another member's user is not held back
        self.assertIn("sent=", self._send("ht_in_pb").url)

    @mute_logger("odoo.http")
    def test_non_members_get_nothing(self):
        self.authenticate("ht_in_pa", "ht_in_pa")
        token = self._csrf()
        for login in ("ht_in_plapsed", "ht_in_pnone", "ht_in_intake"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                self.assertEqual(self.url_open("/my/referrals/refer").status_code, 404)
                response = self.url_open(
                    "/my/referrals/refer", data=dict(self._form(), csrf_token=token)
                )
                self.assertIn(response.status_code, (400, 404))
        self.assertFalse(self.env["ht.inbound.referral"].search([("person_name", "=", NAME)]))
        self.authenticate("ht_in_pnone", "ht_in_pnone")
        self.assertNotIn("/my/referrals/refer", self.url_open("/my").text)
        self.assertNotIn("/my/referrals/refer", self.url_open("/my/referrals").text)
        # and the model itself is refused to the portal
        with self.assertRaisesRegex(AccessError, "Only the network's member"):
            self.env["ht.inbound.referral"].with_user(self.portal_lapsed)._ht_portal_submit(
                self._form()
            )

    def test_member_sees_only_its_own_organisations_referrals(self):
        self._send("ht_in_pa", person_name="Qorvex Alpha")
        mine = self._inbound(self.org_a)
        self._send("ht_in_pb", person_name="Qorvex Beta")
        theirs = self._inbound(self.org_b)
        listing = self.url_open("/my/referrals").text
        self.assertIn(theirs.name, listing)
        self.assertNotIn(mine.name, listing)
        self.assertNotIn("Qorvex", listing)
        # the thank-you names only a referral of their own: a link cannot make the
        # page say anything else
        for sent in (mine.name, "Call 555 0000 now"):
            page = self.url_open(f"/my/referrals?sent={sent}").text
            self.assertNotIn("ht_inbound_sent", page)
            self.assertNotIn(sent, page)
        self.assertIn("ht_inbound_sent", self.url_open(f"/my/referrals?sent={theirs.name}").text)
        # over JSON-RPC: nothing of the model, not even their own
        for method, args, kwargs in (
            ("search_read", [], {"domain": [], "fields": ["name", "person_name"]}),
            ("read", [mine.ids, ["person_name"]], {}),
            ("read", [theirs.ids, ["person_name"]], {}),
            ("search_count", [[]], {}),
            ("write", [theirs.ids, {"urgency": "emergency"}], {}),
            ("create", [{"person_name": "x", "urgency": "standard"}], {}),
        ):
            with self.subTest(method=method, args=args):
                self._refused("ht.inbound.referral", method, *args, **kwargs)
        # nor the case opened from their referral
        action = theirs.with_user(self.intake).action_start_intake()
        case_action = (
            self.env["ht.case.intake"].with_user(self.intake).browse(action["res_id"])
        ).action_open_case()
        case_id = case_action["res_id"]
        self._refused("ht.case", "read", [case_id], ["preferred_name", "code"])
        self._refused("ht.case", "search_read", domain=[], fields=["code"])
        with self.assertRaisesRegex(AccessError, acl_error("read", "ht.case")):
            self.env["ht.case"].with_user(self.portal_b).browse(case_id).read(["code"])

    def test_outside_the_intake_team_nothing_is_read(self):
        self._send("ht_in_pa")
        inbound = self._inbound(self.org_a)
        for user in (self.employee, self.coordinator, self.volunteer):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(AccessError, acl_error("read", "ht.inbound.referral")):
                    inbound.with_user(user).read(["person_name"])
                with self.assertRaisesRegex(AccessError, acl_error("read", "ht.inbound.referral")):
                    self.env["ht.inbound.referral"].with_user(user).search([])
        # the queue: every case worker sees it until someone takes it
        self.assertTrue(inbound.with_user(self.colleague).read(["person_name"]))
        inbound.with_user(self.intake).action_start_intake()
        inbound.invalidate_recordset()
        with self.assertRaisesRegex(AccessError, rule_error("read", "ht.inbound.referral")):
            inbound.with_user(self.colleague).read(["person_name"])
        self.assertFalse(
            self.env["ht.inbound.referral"]
            .with_user(self.colleague)
            .search([("id", "=", inbound.id)])
        )
        with self.assertRaisesRegex(AccessError, rule_error("write", "ht.inbound.referral")):
            inbound.with_user(self.colleague).action_start_intake()
        # its messages and activities follow the record
        messages = self.env["mail.message"].search(
            [("model", "=", "ht.inbound.referral"), ("res_id", "=", inbound.id)]
        )
        self.assertTrue(messages)
        self.assertFalse(
            self.env["mail.message"].with_user(self.colleague).search([("id", "in", messages.ids)])
        )
        self.assertTrue(inbound.with_user(self.supervisor).read(["person_name"]))

    def test_details_never_reach_partners_or_mail(self):
        self._send("ht_in_pa")
        inbound = self._inbound(self.org_a)
        action = inbound.with_user(self.intake).action_start_intake()
        self.env["ht.case.intake"].with_user(self.intake).browse(
            action["res_id"]
        ).action_open_case()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.flush_all()
        for term in ("Qorvex", "3141592"):
            with self.subTest(term=term):
                like = f"%{term}%"
                self.assertFalse(
                    self.env["res.partner"]
                    .with_context(active_test=False)
                    .search(
                        [
                            "|",
                            "|",
                            ("name", "ilike", term),
                            ("phone", "ilike", term),
                            ("comment", "ilike", term),
                        ]
                    )
                )
                self.env.cr.execute(
                    """SELECT 1 FROM mail_message
                        WHERE body ILIKE %s OR subject ILIKE %s OR record_name ILIKE %s
                       UNION ALL SELECT 1 FROM mail_mail
                        WHERE body_html ILIKE %s OR email_to ILIKE %s
                       UNION ALL SELECT 1 FROM mail_activity
                        WHERE summary ILIKE %s OR note ILIKE %s
                       UNION ALL SELECT 1 FROM mail_tracking_value
                        WHERE old_value_char ILIKE %s OR new_value_char ILIKE %s
                       UNION ALL SELECT 1 FROM ht_inbound_referral
                        WHERE person_name ILIKE %s OR contact_details ILIKE %s""",
                    [like] * 11,
                )
                self.assertFalse(self.env.cr.fetchall())
