# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""MOUs: terms locked once signed or in force (also over JSON-RPC), amendments as
new versions, each party's signatory signing on the portal, reminders, the PDF."""

import json
from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import HtNetworkCase
from .common_rpc import HostileRpcMixin

# a 1x1 PNG, as the signature widget sends (base64, without the data: prefix)
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="


@tagged("post_install", "-at_install", "ht_referral_network")
class TestMouSignature(HostileRpcMixin, HtNetworkCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator.password = "ht_net_coord-pw"
        cls.org_a = cls._provider("Signing Shelter A")
        cls.org_b = cls._provider("Signing Clinic B")
        cls.portal_a = cls._portal_user(cls.org_a, "ht_mou_sig_a")
        cls.portal_b = cls._portal_user(cls.org_b, "ht_mou_sig_b")

    @classmethod
    def _portal_user(cls, org, login):
        contact = cls.env["res.partner"].create(
            {"name": f"Director {login}", "parent_id": org.id, "email": f"{login}@example.com"}
        )
        return new_test_user(
            cls.env, login, groups="base.group_portal", partner_id=contact.id, password=login
        )

    def _mou(self, **kw):
        vals = {
            "name": "Signing MOU",
            "date_start": date(2026, 1, 20),
            "date_end": self.today + timedelta(days=200),
            "user_id": self.coordinator.id,
            "referral_process": "<p>Call the intake line first.</p>",
            "party_ids": [
                (0, 0, {"partner_id": self.org_a.id, "role": "shelter",
                        "signatory_id": self.portal_a.partner_id.id}),
                (0, 0, {"partner_id": self.org_b.id, "role": "legal",
                        "signatory_id": self.portal_b.partner_id.id}),
            ],
        }  # fmt: skip
        vals.update(kw)
        return self.env["ht.mou"].with_user(self.coordinator).create(vals)

    def _activate(self, mou):
        for party in mou.party_ids:
            party.with_user(self.coordinator)._ht_sign_wet("Signer", self.today, "eA==", "p.pdf")
        self.assertEqual(mou.state, "active")
        return mou

    def _sign(self, mou, name, **params):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": dict(params)}
        payload["params"].update(name=name, signature=PNG)
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/my/mous/{mou.id}/sign",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
            )
        self.env.invalidate_all()
        return response.json().get("result") or {}

    # ------------------------------------------------------------------ locked terms

    def test_terms_and_parties_locked_over_jsonrpc(self):
        mou = self._activate(self._mou())
        party = mou.party_ids[0]
        self.authenticate("ht_net_coord", "ht_net_coord-pw")
        for model, ids, vals, field in (
            ("ht.mou", mou.ids, {"referral_process": "<p>Anything goes</p>"}, "Referral Process"),
            ("ht.mou", mou.ids, {"date_end": "2099-01-01"}, "Expires"),
            ("ht.mou", mou.ids, {"party_ids": [(2, party.id)]}, "Parties"),
            ("ht.mou", mou.ids, {"party_ids": [(0, 0, {"partner_id": self.org_a.id})]}, "Parties"),
            ("ht.mou.party", party.ids, {"role": "none"}, "parties cannot change"),
            ("ht.mou.party", party.ids, {"signatory_id": False}, "parties cannot change"),
        ):
            with self.subTest(model=model, vals=vals):
                __, error = self._rpc(model, "write", ids, vals)
                self.assertTrue(error, "the server accepted the change")
                self.assertEqual(error["name"], "odoo.exceptions.UserError", error["message"])
                self.assertIn(field, error["message"])
        __, error = self._rpc("ht.mou.party", "unlink", party.ids)
        self.assertIn("parties cannot change", error["message"])
        __, error = self._rpc(
            "ht.mou.party", "create", {"mou_id": mou.id, "partner_id": self.org_a.id}
        )
        self.assertIn("parties cannot change", error["message"])
        self.assertEqual(mou.referral_process, "<p>Call the intake line first.</p>")
        self.assertEqual(len(mou.party_ids), 2)
        self.assertEqual(party.role, "shelter")
        # the owner is not a term: it may change
        __, error = self._rpc("ht.mou", "write", mou.ids, {"name": "Renamed"})
        self.assertFalse(error)

    def test_signature_fields_only_through_signing(self):
        mou = self._mou()
        party = mou.party_ids[0].with_user(self.coordinator)
        for vals in (
            {"signed_on": self.today},
            {"signature": PNG},
            {"sign_method": "wet"},
            {"signed_by_user_id": self.coordinator.id},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "changes only through"):
                party.write(vals)
        self.assertFalse(mou.party_ids.filtered("signed_on"))

    def test_one_signature_locks_the_text(self):
        mou = self._mou()
        mou.with_user(self.coordinator).action_request_signatures()
        mou.party_ids[0].with_user(self.coordinator)._ht_sign_wet("A", self.today, "eA==", "a")
        self.assertEqual(mou.state, "negotiation")
        with self.assertRaisesRegex(UserError, "Confidentiality provisions"):
            mou.with_user(self.coordinator).confidentiality = "<p>changed</p>"

    # ------------------------------------------------------------------ versions

    def test_amendment_is_a_new_version_and_keeps_the_old(self):
        v1 = self._activate(self._mou())
        action = v1.with_user(self.coordinator).action_amend()
        v2 = self.env["ht.mou"].browse(action["res_id"]).with_user(self.coordinator)
        self.assertEqual((v2.version, v2.amends_id, v2.state), (2, v1, "draft"))
        self.assertEqual(v1.state, "active")
        self.assertEqual(v2.party_ids.partner_id, v1.party_ids.partner_id)
        self.assertFalse(v2.party_ids.filtered("signed_on"))
        v2.referral_process = "<p>Call the intake line, then e-mail the form.</p>"
        self.assertIn("Call the intake line first.", v2.terms_diff)
        self.assertIn("then e-mail the form", v2.terms_diff)
        self.assertIn("Version 1", v2.terms_diff)
        # a second amendment while one is being prepared: refused
        with self.assertRaisesRegex(UserError, "already has an amendment"):
            v1.with_user(self.coordinator).action_amend()
        # signing needs the summary of what changed
        with self.assertRaisesRegex(UserError, "summary of what changed"):
            v2.party_ids[0]._ht_sign_wet("A", self.today, "eA==", "a")
        v2.change_summary = "E-mail the referral form after the call."
        self._activate(v2)
        self.assertEqual(v1.state, "superseded")
        self.assertEqual(v1.amendment_ids, v2)
        self.assertEqual(v1.referral_process, "<p>Call the intake line first.</p>")
        self.assertEqual(self.env["ht.mou"].search([("name", "=", "Signing MOU")]), v1 | v2)
        with self.assertRaisesRegex(UserError, "changes only through"):
            v2.write({"version": 7})

    # ------------------------------------------------------------------ portal signing

    def test_each_party_signs_on_the_portal(self):
        mou = self._mou()
        mou.with_user(self.coordinator).action_request_signatures()
        party_a, party_b = mou.party_ids
        # B's signatory cannot sign for A, whatever it asks
        self.authenticate("ht_mou_sig_b", "ht_mou_sig_b")
        result = self._sign(mou, "Director B", party_id=party_a.id)
        self.assertIn("not the signatory", result.get("error", ""))
        self.assertFalse(party_a.signed_on)
        __, error = self._rpc("ht.mou.party", "write", party_a.ids, {"signed_on": "2026-01-01"})
        self.assertTrue(error)
        self.assertFalse(party_a.signed_on)
        # A signs for A: the MOU is not in force yet
        self.authenticate("ht_mou_sig_a", "ht_mou_sig_a")
        page = self.url_open(f"/my/mous/{mou.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Sign for", page.text)
        self.assertIn("Sign the MOU", page.text)
        result = self._sign(mou, "Director A")
        self.assertFalse(result.get("error"), result)
        self.assertEqual((party_a.sign_method, party_a.signed_by_name), ("portal", "Director A"))
        self.assertTrue(party_a.signature)
        self.assertEqual(party_a.signed_by_user_id, self.portal_a)
        self.assertEqual(mou.state, "negotiation")
        # A cannot sign twice, nor sign B's part
        result = self._sign(mou, "Director A", party_id=party_b.id)
        self.assertIn("not the signatory", result.get("error", ""))
        self.assertFalse(party_b.signed_on)
        # B signs: every party has signed, the MOU is in force
        self.authenticate("ht_mou_sig_b", "ht_mou_sig_b")
        result = self._sign(mou, "Director B")
        self.assertFalse(result.get("error"), result)
        self.assertEqual(mou.state, "active")

    def test_only_the_partys_signatory_signs_it(self):
        """The model refuses too, whatever route calls it (the portal route runs it
        as superuser after finding the user's own party)."""
        mou = self._mou()
        mou.with_user(self.coordinator).action_request_signatures()
        party_a = mou.party_ids[0]
        for user in (self.portal_b, self.coordinator):
            with self.assertRaisesRegex(AccessError, "Only the signatory of Signing Shelter A"):
                party_a.with_user(user).sudo()._ht_sign_portal("Someone", PNG)
        self.assertFalse(party_a.signed_on)
        party_a.with_user(self.portal_a).sudo()._ht_sign_portal("Director A", PNG)
        self.assertEqual(party_a.signed_by_user_id, self.portal_a)

    def test_portal_shows_only_own_organisations_mous(self):
        mine = self._mou()
        other_org = self._provider("Not A Party")
        theirs = self._mou(
            party_ids=[
                (0, 0, {"partner_id": self.org_b.id}),
                (0, 0, {"partner_id": other_org.id}),
            ]
        )
        self.authenticate("ht_mou_sig_a", "ht_mou_sig_a")
        listing = self.url_open("/my/mous")
        self.assertIn(f"/my/mous/{mine.id}", listing.text)
        self.assertNotIn(f"/my/mous/{theirs.id}", listing.text)
        with mute_logger("odoo.http"):
            self.assertEqual(self.url_open(f"/my/mous/{theirs.id}").status_code, 404)
            self.assertEqual(self.url_open(f"/my/mous/{theirs.id}/pdf").status_code, 404)
        self.assertIn("Invalid MOU", self._sign(theirs, "Director A").get("error", ""))
        self.assertFalse(theirs.party_ids.filtered("signed_on"))

    def test_reminders_go_to_parties_that_have_not_signed(self):
        mou = self._mou()
        mou.with_user(self.coordinator).action_request_signatures()
        self.assertEqual(mou.state, "negotiation")
        mails = self.env["mail.mail"].search([("subject", "=", "Please sign the MOU Signing MOU")])
        self.assertEqual(mails.recipient_ids, self.portal_a.partner_id | self.portal_b.partner_id)
        act_type = self.env.ref("ht_referral_network.mail_act_mou_signature")
        self.assertEqual(
            len(mou.activity_ids.filtered(lambda a: a.activity_type_id == act_type)), 2
        )
        mou.party_ids[0].with_user(self.coordinator)._ht_sign_wet("A", self.today, "eA==", "a")
        # within a week: no new reminder; after a week only the party that has not signed
        self.env["ht.mou"]._cron_mou_signatures()
        self.assertEqual(
            len(
                self.env["mail.mail"].search([("subject", "=", "Please sign the MOU Signing MOU")])
            ),
            2,
        )
        mou.party_ids.sudo().signature_reminder_date = self.today - timedelta(days=8)
        self.env["ht.mou"]._cron_mou_signatures()
        mails = self.env["mail.mail"].search(
            [("subject", "=", "Please sign the MOU Signing MOU")], order="id desc", limit=1
        )
        self.assertEqual(mails.recipient_ids, self.portal_b.partner_id)
        self.assertEqual(
            len(
                self.env["mail.mail"].search([("subject", "=", "Please sign the MOU Signing MOU")])
            ),
            3,
        )

    def test_warning_for_a_party_outside_the_network(self):
        outsider = self._provider("Outside Agency", member=False)
        mou = self._mou(party_ids=[(0, 0, {"partner_id": self.org_a.id}),
                                   (0, 0, {"partner_id": outsider.id})])  # fmt: skip
        self.assertIn("Outside Agency", mou.network_warning)
        self.assertNotIn("Signing Shelter A", mou.network_warning)
        self.assertFalse(self._mou().network_warning)

    def test_signatory_belongs_to_the_party(self):
        with self.assertRaisesRegex(UserError, "is not a contact of Signing Clinic B"):
            self._mou(
                party_ids=[
                    (0, 0, {"partner_id": self.org_a.id}),
                    (0, 0, {"partner_id": self.org_b.id,
                            "signatory_id": self.portal_a.partner_id.id}),
                ]
            )  # fmt: skip

    # ------------------------------------------------------------------ printing

    def test_pdf_in_english_and_spanish(self):
        mou = self._activate(self._mou())
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, kind = Report._render_qweb_pdf("ht_referral_network.action_report_ht_mou", mou.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        html = Report._render_qweb_html("ht_referral_network.report_ht_mou", mou.ids)[0].decode()
        for text in (
            "Signing Shelter A",
            "shelter",
            "Call the intake line first.",
            "Confidentiality",
            "Meeting schedule",
            "Signatures",
            "Signer",
            "01/20/2026",
        ):
            self.assertIn(text, html)
        self.env["res.lang"]._activate_lang("es_ES")
        mou.sudo().lang = "es_ES"
        pdf, kind = Report._render_qweb_pdf("ht_referral_network.action_report_ht_mou", mou.ids)
        self.assertTrue(pdf.startswith(b"%PDF"))
        html = Report._render_qweb_html("ht_referral_network.report_ht_mou", mou.ids)[0].decode()
        self.assertIn("20/01/2026", html)  # printed in the MOU's language
