# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pro bono assignments as a hostile logged-in caller would try them (JSON-RPC,
the professional's portal), and the vetted flag decided when read."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common_volunteer import HtVolunteerCase

STEPS = ("background", "references", "training", "confidentiality")


@tagged("post_install", "-at_install", "ht_case_management")
class TestProbono(HtVolunteerCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lawyer = cls._ht_professional("Dr. Lee Counsel", expiry=None)
        cls.unvetted = cls._ht_professional("Pat Pending", steps=STEPS[:3])
        cls.lawyer_user = new_test_user(
            cls.env,
            "ht_pb_lawyer",
            groups="base.group_portal",
            partner_id=cls.lawyer.id,
            password="ht_pb_lawyer",
            name="Dr. Lee Counsel",
        )
        cls.cat_summary = cls.env.ref("ht_consent.ht_consent_category_case_summary")
        cls.cat_legal = cls.env.ref("ht_consent.ht_consent_category_legal_immigration")
        cls.cat_medical = cls.env.ref("ht_consent.ht_consent_category_medical")

    @classmethod
    def _ht_professional(cls, name, steps=STEPS, expiry=None):
        # consents name organisations: a professional belongs to their practice
        practice = cls.env["res.partner"].create({"name": f"{name} practice", "is_company": True})
        partner = cls.env["res.partner"].create(
            {
                "name": name,
                "parent_id": practice.id,
                "ht_pro_bono": True,
                "ht_profession": "attorney",
                "email": "x@example.com",
            }
        )
        cls.env["ht.vetting.step"].create(
            [
                {
                    "partner_id": partner.id,
                    "step_type_id": cls.env.ref(
                        f"ht_referral_network.ht_vetting_step_type_{step}"
                    ).id,
                    "date": fields.Date.today() - timedelta(days=10),
                    "verified_by_id": cls.coordinator.id,
                    "expiry": expiry,
                }
                for step in steps
            ]
        )
        return partner

    def _consent(self, recipient=None, categories=None):
        consent = (
            self.env["ht.consent"]
            .with_user(self.manager)
            .create(
                {
                    "res_model": "ht.case",
                    "res_id": self.case.id,
                    "recipient_ids": [(6, 0, (recipient or self.lawyer).parent_id.ids)],
                    "category_ids": [(6, 0, (categories or self.cat_summary | self.cat_legal).ids)],
                    "method": "document",
                    "signed_document": "eA==",
                    "limits_explained": True,
                }
            )
        )
        consent.action_activate()
        return consent

    def _assign(self, professional=None, categories=None, **kw):
        vals = dict(
            {
                "case_id": self.case.id,
                "professional_id": (professional or self.lawyer).id,
                "assignment_type": "legal",
                "category_ids": [(6, 0, (categories or self.cat_summary | self.cat_legal).ids)],
                "details_to_share": "T visa interview on the 12th; client prefers mornings.",
            },
            **kw,
        )
        return self._call("ht.case.probono.assignment", "create", [vals])

    def _disclosures(self):
        return self.env["ht.disclosure"].search(
            [("res_model", "=", "ht.case"), ("res_id", "=", self.case.id)]
        )

    def _assignments(self):
        return self.env["ht.case.probono.assignment"].search([("case_id", "=", self.case.id)])

    # ------------------------------------------------------------------ consent

    @mute_logger("odoo.http")
    def test_assignment_needs_consent_and_is_a_disclosure(self):
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        self.assertRefused(
            self._assign(), r"No consent lets information about .* go to Dr. Lee Counsel practice"
        )
        self.assertFalse(self._assignments())
        self.assertFalse(self._disclosures())
        # a consent that does not cover everything asked is not enough
        self._consent(categories=self.cat_summary)
        self.assertRefused(self._assign(), r"does not cover: Legal")
        self.assertFalse(self._assignments())
        consent = self._consent()
        reply = self._assign(consent_id=False, state="withdrawn", case_code="FAKE")
        self.assertNotIn("error", reply, reply)
        assignment = self._assignments()
        self.assertEqual(assignment.consent_id, consent)
        self.assertEqual(assignment.state, "assigned")
        self.assertEqual(assignment.case_code, self.case.code)
        line = self._disclosures()
        self.assertEqual(len(line), 1)
        self.assertEqual(line.recipient_id, self.lawyer)
        self.assertEqual(line.consent_id, consent)
        self.assertEqual(line.category_ids, self.cat_summary | self.cat_legal)
        # what was shared, with whom, under which consent, never changes
        for vals in (
            {"category_ids": [(4, self.cat_medical.id)]},
            {"professional_id": self.unvetted.id},
            {"consent_id": False},
            {"state": "assigned", "case_code": "X"},
        ):
            self.assertRefused(
                self._call("ht.case.probono.assignment", "write", [assignment.id], vals),
                r"do not change|can only be ended",
            )

    @mute_logger("odoo.http")
    def test_outsider_cannot_assign_to_a_case_they_do_not_work(self):
        self._consent()
        self.authenticate("ht_c_out", "ht_c_out")
        reply = self._assign()
        self.assertAccessError(reply)
        self.assertFalse(self._assignments())
        self.assertFalse(self._disclosures())

    @mute_logger("odoo.http")
    def test_unvetted_professional_cannot_be_assigned(self):
        self._consent(recipient=self.unvetted)
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        self.assertRefused(
            self._assign(professional=self.unvetted),
            r"Pat Pending is not a vetted pro bono professional today",
        )
        self.assertFalse(self._assignments())
        self.assertFalse(self._disclosures())

    def test_vetted_flag_goes_false_when_a_step_expires_without_any_cron(self):
        Partner = self.env["res.partner"].with_user(self.manager)
        soon = self._ht_professional("Sol Soon", expiry=fields.Date.today() + timedelta(days=2))
        self.assertTrue(Partner.browse(soon.id).ht_vetted)
        self.assertIn(soon, Partner.search([("ht_vetted", "=", True)]))
        crons = self.env["ir.cron"].search([])
        lastcalls = crons.read(["lastcall"])
        with freeze_time(fields.Date.today() + timedelta(days=3)):
            Partner.invalidate_model(["ht_vetted"])
            self.assertFalse(Partner.browse(soon.id).ht_vetted)
            self.assertNotIn(soon, Partner.search([("ht_vetted", "=", True)]))
            self.assertIn(soon, Partner.search([("ht_vetted", "=", False)]))
            self._consent(recipient=soon)
            with self.assertRaisesRegex(Exception, "not a vetted pro bono professional today"):
                self.env["ht.case.probono.assignment"].with_user(self.manager).create(
                    {
                        "case_id": self.case.id,
                        "professional_id": soon.id,
                        "category_ids": [(6, 0, self.cat_summary.ids)],
                    }
                )
        # no scheduled job was involved
        crons.invalidate_recordset()
        self.assertEqual(crons.read(["lastcall"]), lastcalls)

    def test_vetted_is_today_in_utc_whatever_the_context(self):
        """ "Today" is UTC's, never the caller's ``tz`` context key."""
        with freeze_time("2030-06-15 23:00:00"):
            edge = self._ht_professional("Tz Tester", expiry=fields.Date.to_date("2030-06-15"))
            # in Kiritimati (UTC+14) it is already the 16th: still vetted today
            partner = edge.with_user(self.manager).with_context(tz="Pacific/Kiritimati")
            partner.invalidate_recordset(["ht_vetted"])
            self.assertTrue(partner.ht_vetted)
            self.assertIn(edge, partner.search([("ht_vetted", "=", True)]))
        with freeze_time("2030-06-16 05:00:00"):
            # in Pago Pago (UTC-11) it is still the 15th: expired today all the same
            partner = edge.with_user(self.manager).with_context(tz="Pacific/Pago_Pago")
            partner.invalidate_recordset(["ht_vetted"])
            self.assertFalse(partner.ht_vetted)
            self.assertNotIn(edge, partner.search([("ht_vetted", "=", True)]))

    # ------------------------------------------------------------------ portal

    @mute_logger("odoo.http")
    def test_portal_page_shows_the_code_and_covered_categories_only(self):
        consent = self._consent()
        assignment = (
            self.env["ht.case.probono.assignment"]
            .with_user(self.manager)
            .create(
                {
                    "case_id": self.case.id,
                    "professional_id": self.lawyer.id,
                    "category_ids": [(6, 0, (self.cat_summary | self.cat_legal).ids)],
                    "details_to_share": "Hearing on the 12th",
                    "note": "Internal: client anxious about court",
                }
            )
        )
        before = len(self._disclosures())
        self.authenticate("ht_pb_lawyer", "ht_pb_lawyer")
        page = self.url_open("/my/probono").text
        self.assertIn(self.case.code, page)
        page = self.url_open(f"/my/probono/{assignment.id}").text
        self.assertIn(self.case.code, page)
        self.assertIn(self.cat_summary.name, page)
        self.assertIn(self.cat_legal.name, page)
        self.assertIn("Hearing on the 12th", page)
        for secret in ("Lucia", "Secretname", "Lu<", "Internal: client", self.cat_medical.name):
            self.assertNotIn(secret, page)
        self.assertEqual(len(self._disclosures()), before + 1)
        view = self._disclosures().filtered(lambda d: d.channel == "portal_view")
        self.assertEqual(view.recipient_id, self.lawyer)
        self.assertEqual(view.category_ids, self.cat_summary | self.cat_legal)
        # the professional reads nothing over RPC
        self.assertAccessError(
            self._call("ht.case.probono.assignment", "search_read", [], ["case_code"])
        )
        self.assertAccessError(self._call("ht.case", "search_read", [], ["code"]))
        # consent withdrawn: nothing, at once
        consent.with_user(self.manager)._ht_revoke(reason="changed her mind")
        self.assertEqual(assignment.state, "withdrawn")
        self.assertNotIn(self.case.code, self.url_open("/my/probono").text)
        self.assertEqual(self.url_open(f"/my/probono/{assignment.id}").status_code, 404)
        self.assertEqual(len(self._disclosures()), before + 1)
        self.assertTrue(
            self.case.activity_ids.filtered(lambda a: "pro bono" in (a.summary or "")),
            "the case manager is told",
        )

    @mute_logger("odoo.http")
    def test_portal_redecides_consent_at_each_view(self):
        """A consent that ended by its date (no cron yet) shows nothing."""
        consent = self._consent()
        assignment = (
            self.env["ht.case.probono.assignment"]
            .with_user(self.manager)
            .create(
                {
                    "case_id": self.case.id,
                    "professional_id": self.lawyer.id,
                    "category_ids": [(6, 0, self.cat_summary.ids)],
                }
            )
        )
        # ended yesterday; the expiry cron has not run
        today = fields.Date.today()
        self.env.cr.execute(
            "UPDATE ht_consent SET date_start = %s, date_end = %s WHERE id = %s",
            (today - timedelta(days=30), today - timedelta(days=1), consent.id),
        )
        self.env.invalidate_all()
        self.assertEqual(consent.state, "active")
        self.authenticate("ht_pb_lawyer", "ht_pb_lawyer")
        self.assertNotIn(self.case.code, self.url_open("/my/probono").text)
        self.assertEqual(self.url_open(f"/my/probono/{assignment.id}").status_code, 404)
        self.assertEqual(assignment.state, "withdrawn")

    # ------------------------------------------------------------------ cron

    def test_cron_warns_the_coordinator_before_a_step_expires(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "ht_referral_network.coordinator_user_id", self.coordinator.id
        )
        act_type = self.env.ref("ht_referral_network.mail_act_vetting_expiry")
        soon = self._ht_professional("Sam Soon", expiry=fields.Date.today() + timedelta(days=20))
        later = self._ht_professional("Lou Later", expiry=fields.Date.today() + timedelta(days=90))

        def warned(partner):
            return self.env["mail.activity"].search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "=", partner.id),
                    ("activity_type_id", "=", act_type.id),
                ]
            )

        cron = self.env.ref("ht_referral_network.ir_cron_ht_vetting_expiry")
        cron.method_direct_trigger()
        cron.method_direct_trigger()
        self.assertEqual(len(warned(soon)), 1, "one warning, however often it runs")
        self.assertEqual(warned(soon).user_id, self.coordinator)
        self.assertFalse(warned(later))
        # the lead time is a setting
        self.env["ir.config_parameter"].sudo().set_param(
            "ht_referral_network.vetting_notice_days", 120
        )
        cron.method_direct_trigger()
        self.assertEqual(len(warned(later)), 1)
