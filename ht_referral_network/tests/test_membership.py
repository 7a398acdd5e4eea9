# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

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
        person = self.env["res.partner"].create({"name": "Dr. Vet", "ht_pro_bono": True})
        steps = ["background", "references", "training"]
        for step in steps:
            self.env["ht.vetting.step"].create({"partner_id": person.id, "step": step})
        self.assertFalse(person.ht_vetted)
        step = self.env["ht.vetting.step"].create(
            {"partner_id": person.id, "step": "confidentiality"}
        )
        self.assertTrue(person.ht_vetted)
        step.expiry = self.today - timedelta(days=1)
        self.assertFalse(person.ht_vetted)

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
