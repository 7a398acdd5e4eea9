# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The consent, referral, case, MOU and membership rules against a logged-in caller
who talks to the server directly: JSON-RPC with any context key the code ever
read (``ht_manager_change``, ``ht_reengage``, ``ht_list_read``,
``ht_disclosure_api``) and any value for the fields the forms show read-only; and
the portal after a consent's end date, before its expiry cron has run."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.ht_referral_network.tests.common_rpc import HostileRpcMixin

from .common_referral import HtReferralCase

# Every context key the code once trusted, sent with every call below.
HOSTILE_CONTEXT = {
    "ht_manager_change": True,
    "ht_reengage": True,
    "ht_list_read": True,
    "ht_disclosure_api": True,
}


@tagged("post_install", "-at_install", "ht_case_management")
class TestHostileRpcConsent(HostileRpcMixin, HtReferralCase, HttpCase):
    hostile_context = HOSTILE_CONTEXT

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.manager, cls.teammate, cls.supervisor, cls.coordinator):
            user.password = f"{user.login}-pw"

    # ------------------------------------------------------------------ helpers

    def _login(self, user):
        password = user.login if user.share else f"{user.login}-pw"
        self.authenticate(user.login, password)

    def assertRefused(self, error, message, name="odoo.exceptions.UserError"):
        self.assertTrue(error, "the server accepted the call")
        self.assertEqual(error["name"], name, error.get("message"))
        self.assertRegex(error["message"], message)

    def _sent(self, service=None, **consent):
        self._consent(provider=(service or self.service_a).provider_id, **consent)
        referral = self._referral(service=service)
        referral.action_send()
        return referral

    # ------------------------------------------------------------ class 1: context keys

    def test_context_key_changes_no_case_manager(self):
        for user in (self.teammate, self.manager, self.supervisor):
            self._login(user)
            __, error = self._rpc(
                "ht.case", "write", self.case.ids, {"case_manager_id": self.teammate.id}
            )
            self.assertRefused(error, "Change case manager")
        self.assertEqual(self.case.case_manager_id, self.manager)
        self.assertFalse(self.case.manager_change_ids)

    def test_context_key_reopens_no_closed_case(self):
        self.case.with_user(self.manager).write(
            {
                "exit_plan": "<p>plan</p>",
                "closure_reason_id": self.env.ref(
                    "ht_case_management.ht_case_closure_reason_goals_met"
                ).id,
            }
        )
        self.case.with_user(self.manager).stage_id = self.stage_closed
        self._login(self.teammate)
        __, error = self._rpc(
            "ht.case", "write", self.case.ids, {"stage_id": self.stage_intensive.id}
        )
        self.assertRefused(error, "Re-engage")
        __, error = self._rpc("ht.case", "write", self.case.ids, {"closed_on": False})
        self.assertRefused(error, "changes only through")
        self.assertEqual(self.case.stage_id, self.stage_closed)
        self.assertTrue(self.case.closed_on)

    def test_context_key_skips_no_read_audit(self):
        Log = self.env["ht.case.access.log"]
        self._login(self.teammate)
        result, error = self._rpc(
            "ht.case", "web_read", self.case.ids, specification={"legal_name": {}}
        )
        self.assertFalse(error)
        self.assertEqual(result[0]["legal_name"], "Lucia Secretname")
        self.assertTrue(
            Log.search([("case_id", "=", self.case.id), ("user_id", "=", self.teammate.id)])
        )

    # ------------------------------------------------------------ class 2: read-only fields

    def test_case_worker_cannot_rewrite_a_consent(self):
        consent = self._consent()
        revoked = self._consent(provider=self.provider_b)
        revoked._ht_revoke()
        self._login(self.manager)
        for record, vals, message in (
            (consent, {"state": "draft"}, "Activate, Revoke"),
            (consent, {"signed_on": "2020-01-01 00:00:00"}, "changes only through"),
            (consent, {"verbal_valid_until": "2099-01-01 00:00:00"}, "changes only through"),
            (consent, {"last_used_on": "2020-01-01 00:00:00"}, "changes only through"),
            (consent, {"name": "CONS/FORGED"}, "changes only through"),
            (revoked, {"revoked_on": False}, "Revoke button"),
            (revoked, {"state": "active"}, "Activate, Revoke"),
        ):
            with self.subTest(vals=vals):
                __, error = self._rpc("ht.consent", "write", record.ids, vals)
                self.assertRefused(error, message)
        self.assertEqual((consent.state, revoked.state), ("active", "revoked"))
        self.assertTrue(revoked.revoked_on)
        self.assertIn("revoked", revoked._ht_invalid_reason())
        # nor created active, nor defaulted active by a context key
        vals = {
            "res_model": "ht.case",
            "res_id": self.case.id,
            "recipient_ids": [(6, 0, self.provider_a.ids)],
            "category_ids": [(6, 0, self.cat_summary.ids)],
            "method": "verbal",
            "limits_explained": True,
        }
        __, error = self._rpc("ht.consent", "create", dict(vals, state="active"))
        self.assertRefused(error, "Activate, Revoke")
        new_id, error = self._rpc("ht.consent", "create", vals, context={"default_state": "active"})
        self.assertFalse(error)
        self.assertEqual(self.env["ht.consent"].browse(new_id).state, "draft")
        # and the disclosure log stays closed whatever the context says
        __, error = self._rpc(
            "ht.disclosure",
            "create",
            {"res_model": "ht.case", "res_id": self.case.id, "channel": "other"},
        )
        self.assertTrue(error)
        self.assertFalse(
            self.env["ht.disclosure"].search(
                [("res_model", "=", "ht.case"), ("channel", "=", "other")]
            )
        )

    def test_lapsed_verbal_consent_cannot_be_revived(self):
        self.env["ir.config_parameter"].sudo().set_param("ht_consent.verbal_hours", 72)
        consent = self._consent(
            method="verbal",
            signed_document=False,
            collected_on=fields.Datetime.now() - timedelta(hours=80),
        )
        referral = self._referral()
        self._login(self.manager)
        for vals in (
            {"method": "signed"},
            {"method": "document", "signed_document": "eA=="},
            {"verbal_valid_until": fields.Datetime.to_string(fields.Datetime.now())},
        ):
            with self.subTest(vals=vals):
                __, error = self._rpc("ht.consent", "write", consent.ids, vals)
                self.assertRefused(error, "lapsed|changes only through")
        self.assertEqual(consent.method, "verbal")
        __, error = self._rpc("ht.referral", "action_send", referral.ids)
        self.assertRefused(error, "lapsed")
        self.assertEqual(referral.state, "draft")

    def test_case_worker_cannot_rewrite_a_referral(self):
        referral = self._sent()
        self._login(self.manager)
        for vals, message in (
            ({"state": "completed"}, "changes only through"),
            ({"consent_id": False}, "changes only through"),
            ({"redacted": False, "packet_person": "Lucia Secretname"}, "changes only through"),
            ({"service_id": self.service_b.id}, "went out on these terms"),
            ({"packet_category_ids": [(4, self.cat_identity.id)]}, "went out on these terms"),
        ):
            with self.subTest(vals=vals):
                __, error = self._rpc("ht.referral", "write", referral.ids, vals)
                self.assertRefused(error, message)
        self.assertEqual((referral.state, referral.service_id), ("sent", self.service_a))
        self.assertFalse(referral.packet_person)

    def test_coordinator_cannot_set_mou_state_or_membership(self):
        a, b = self.provider_a, self.provider_b
        mou = self.env["ht.mou"].create(
            {
                "name": "Task force MOU",
                "date_start": fields.Date.today(),
                "date_end": fields.Date.today() + timedelta(days=300),
                "party_ids": [(0, 0, {"partner_id": a.id}), (0, 0, {"partner_id": b.id})],
            }
        )
        applicant = self.env["res.partner"].create({"name": "Applicant Org", "is_company": True})
        self._login(self.coordinator)
        __, error = self._rpc("ht.mou", "write", mou.ids, {"state": "active"})
        self.assertRefused(error, "Activate")
        __, error = self._rpc(
            "res.partner", "write", applicant.ids, {"ht_membership_state": "member"}
        )
        self.assertRefused(error, "Change membership")
        __, error = self._rpc(
            "ht.membership.event",
            "create",
            {"partner_id": applicant.id, "to_state": "member", "reason": "forged"},
        )
        self.assertRefused(error, ".", name="odoo.exceptions.AccessError")
        self.assertEqual(mou.state, "draft")
        self.assertEqual(applicant.ht_membership_state, "none")
        self.assertFalse(applicant._ht_is_member())

    # ------------------------------------------------------ class 3: consent at each disclosure

    def test_no_referral_under_a_research_consent(self):
        self._consent(purpose_type="research")
        referral = self._referral()
        self._login(self.manager)
        __, error = self._rpc("ht.referral", "action_send", referral.ids)
        self.assertRefused(error, "not Referral")
        self.assertEqual(referral.state, "draft")
        self.assertFalse(self.env["ht.disclosure"].search([("reference", "=", referral.name)]))

    def test_portal_after_end_date_without_cron(self):
        referral = self._sent()
        consent = referral.consent_id
        today = fields.Date.today()
        self.env.cr.execute(
            "UPDATE ht_consent SET date_start = %s, date_end = %s WHERE id = %s",
            (today - timedelta(days=30), today - timedelta(days=1), consent.id),
        )
        self.env.invalidate_all()
        self.assertEqual(consent.state, "active")  # the expiry cron has not run
        self._login(self.portal_a)
        # no direct read of the packet over RPC, whatever the consent
        __, error = self._rpc("ht.referral", "read", referral.ids, ["packet_contact"])
        self.assertRefused(error, ".", name="odoo.exceptions.AccessError")
        page = self.url_open(f"/my/referrals/{referral.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(referral.name, page.text)
        self.assertNotIn("Through the case manager", page.text)
        self.assertFalse(
            self.env["ht.disclosure"].search(
                [("reference", "=", referral.name), ("channel", "=", "portal_view")]
            )
        )
        self.assertTrue(referral.redacted)
        self.assertFalse(referral.packet_contact)

    def test_renewal_over_rpc_then_provider_completes(self):
        referral = self._sent()
        old = referral.consent_id
        referral.with_user(self.portal_a)._ht_portal_respond("accept")
        self._login(self.manager)
        action, error = self._rpc("ht.consent", "action_renew", old.ids)
        self.assertFalse(error)
        new_id = action["res_id"]
        __, error = self._rpc(
            "ht.consent", "write", [new_id], {"limits_explained": True, "signed_document": "eA=="}
        )
        self.assertFalse(error)
        __, error = self._rpc("ht.consent", "action_activate", [new_id])
        self.assertFalse(error)
        self.assertEqual(old.state, "superseded")
        self.assertEqual((referral.redacted, referral.consent_id.id), (False, new_id))
        self._login(self.portal_a)
        page = self.url_open(f"/my/referrals/{referral.id}")
        self.assertIn("Through the case manager", page.text)
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        self.url_open(
            f"/my/referrals/{referral.id}/answer", data={"answer": "complete", "csrf_token": token}
        )
        self.env.invalidate_all()
        self.assertEqual(referral.state, "completed")
        line = self.env["ht.disclosure"].search(
            [("reference", "=", referral.name), ("channel", "=", "portal_view")]
        )
        self.assertEqual(line.consent_id.id, new_id)
