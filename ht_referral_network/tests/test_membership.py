# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import HtNetworkCase


@tagged("post_install", "-at_install", "ht_referral_network")
class TestMembership(HtNetworkCase):
    def test_membership_needs_certification_and_records_history(self):
        partner = self.env["res.partner"].create({"name": "New Org", "is_company": True})
        partner._ht_set_membership("applicant", "applied at the June meeting")
        with self.assertRaisesRegex(UserError, "no current trafficking training certification"):
            partner._ht_set_membership("member", "approved")
        self.env["ht.certification"].create(
            {
                "partner_id": partner.id,
                "training": "HT 101",
                "date_obtained": self.today,
                "date_expiry": self.today + timedelta(days=365),
            }
        )
        partner._ht_set_membership("member", "approved")
        self.assertEqual(partner.ht_membership_state, "member")
        self.assertEqual(partner.ht_membership_reason, "approved")
        self.assertEqual(
            sorted(partner.ht_membership_event_ids.mapped("to_state")), ["applicant", "member"]
        )
        self.assertTrue(partner._ht_is_member())

    def test_reason_required_and_transitions_checked(self):
        partner = self._provider("Org A")
        with self.assertRaisesRegex(UserError, "why"):
            partner._ht_set_membership("suspended", "")
        with self.assertRaisesRegex(UserError, "cannot go from"):
            partner._ht_set_membership("applicant", "oops")

    def test_wizard_by_coordinator(self):
        partner = self._provider("Org W", member=False)
        wizard = (
            self.env["ht.membership.change"]
            .with_user(self.coordinator)
            .create({"partner_id": partner.id, "state": "applicant", "reason": "applied"})
        )
        wizard.action_apply()
        self.assertEqual(partner.ht_membership_state, "applicant")

    def test_membership_only_through_its_button(self):
        """A coordinator (or a case worker, who reads the directory) cannot write
        membership directly: no certification check, no history line otherwise."""
        uncertified = self.env["res.partner"].create({"name": "Org X", "is_company": True})
        member = self._provider("Org Y")
        for user in (self.coordinator, self.reader):
            for partner, vals in (
                (uncertified, {"ht_membership_state": "member"}),
                (member, {"ht_membership_state": "suspended"}),
                (member, {"ht_membership_reason": "rewritten"}),
                (member, {"ht_membership_date": "2020-01-01"}),
                (member, {"ht_vetted": True}),
            ):
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRaisesRegex(UserError, "changes only through"),
                ):
                    partner.with_user(user).write(vals)
        with self.assertRaisesRegex(UserError, "Change membership"):
            self.env["res.partner"].with_user(self.coordinator).create(
                {"name": "Org Z", "is_company": True, "ht_membership_state": "member"}
            )
        created = (
            self.env["res.partner"]
            .with_user(self.coordinator)
            .with_context(default_ht_membership_state="member")
            .create({"name": "Org Z", "is_company": True})
        )
        self.assertEqual(created.ht_membership_state, "none")
        self.assertEqual(uncertified.ht_membership_state, "none")
        self.assertEqual(member.ht_membership_state, "member")
        # the history is written by the method only
        with self.assertRaises(AccessError):
            self.env["ht.membership.event"].with_user(self.coordinator).create(
                {"partner_id": member.id, "to_state": "withdrawn", "reason": "forged"}
            )
        self.assertEqual(len(member.ht_membership_event_ids), 2)
        # and the method itself is the coordinators', even for a user who may edit contacts
        editor = new_test_user(
            self.env,
            "ht_net_editor",
            groups="base.group_user,base.group_partner_manager,"
            "ht_referral_network.group_ht_network_user",
        )
        with self.assertRaisesRegex(AccessError, "Network Coordinator"):
            member.with_user(editor)._ht_set_membership("suspended", "no")
        self.assertEqual(member.ht_membership_state, "member")

    def test_cron_lapses_expired_certification(self):
        partner = self._provider("Org B")
        keep = self._provider("Org C")
        partner.ht_certification_ids.write(
            {
                "date_obtained": self.today - timedelta(days=400),
                "date_expiry": self.today - timedelta(days=1),
            }
        )
        lapsed = self.env["res.partner"]._cron_ht_lapse_memberships()
        self.assertEqual(lapsed, partner)
        self.assertEqual(partner.ht_membership_state, "lapsed")
        self.assertEqual(keep.ht_membership_state, "member")
        self.assertFalse(partner._ht_is_member())
        # idempotent
        self.assertFalse(self.env["res.partner"]._cron_ht_lapse_memberships())

    def test_vetting_computed(self):
        Partner = self.env["res.partner"].with_user(self.coordinator)
        person = Partner.create({"name": "Dr. Vet", "ht_pro_bono": True})
        Step = self.env["ht.vetting.step"].with_user(self.coordinator)
        for step in ("background", "references", "training"):
            Step.create(
                {
                    "partner_id": person.id,
                    "step_type_id": self.env.ref(
                        f"ht_referral_network.ht_vetting_step_type_{step}"
                    ).id,
                }
            )
        self.assertFalse(person.ht_vetted)
        self.assertNotIn(person, Partner.search([("ht_vetted", "=", True)]))
        # the confidentiality agreement is signed for ten days
        Step.create(
            {
                "partner_id": person.id,
                "step_type_id": self.env.ref(
                    "ht_referral_network.ht_vetting_step_type_confidentiality"
                ).id,
                "expiry": self.today + timedelta(days=10),
            }
        )
        self.assertTrue(person.ht_vetted)
        self.assertIn(person, Partner.search([("ht_vetted", "=", True)]))
        self.assertNotIn(person, Partner.search([("ht_vetted", "=", False)]))
        # ... and nothing is written when it expires: the flag follows the calendar
        with freeze_time(self.today + timedelta(days=10)):
            person.invalidate_recordset(["ht_vetted"])  # as in a new request
            self.assertTrue(person.ht_vetted)
        with freeze_time(self.today + timedelta(days=11)):
            person.invalidate_recordset(["ht_vetted"])
            self.assertFalse(person.ht_vetted)
            self.assertNotIn(person, Partner.search([("ht_vetted", "=", True)]))
            self.assertIn(person, Partner.search([("ht_vetted", "!=", True)]))
            self.assertIn(person, Partner.search([("ht_vetted", "=", False)]))
        # a step expired by hand counts the same
        person.invalidate_recordset(["ht_vetted"])
        self.assertTrue(person.ht_vetted)
        person.ht_vetting_step_ids.filtered(
            lambda s: s.step_type_id.code == "background"
        ).expiry = self.today - timedelta(days=1)
        self.assertFalse(person.ht_vetted)
        self.assertNotIn(person, Partner.search([("ht_vetted", "=", True)]))

    def test_certification_dates(self):
        partner = self.env["res.partner"].create({"name": "Org D", "is_company": True})
        with self.assertRaisesRegex(ValidationError, "expires"), self.env.cr.savepoint():
            self.env["ht.certification"].create(
                {
                    "partner_id": partner.id,
                    "training": "HT",
                    "date_obtained": self.today,
                    "date_expiry": self.today - timedelta(days=1),
                }
            )
        self.assertFalse(partner.ht_certification_ids)
