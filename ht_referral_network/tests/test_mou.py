# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import HtNetworkCase


@tagged("post_install", "-at_install", "ht_referral_network")
class TestMou(HtNetworkCase):
    def _mou(self, **kw):
        a, b = self._provider("MOU A"), self._provider("MOU B")
        vals = {
            "name": "Referral MOU",
            "date_start": self.today - timedelta(days=300),
            "date_end": self.today + timedelta(days=65),
            "user_id": self.coordinator.id,
            "party_ids": [
                (0, 0, {"partner_id": a.id, "role": "lead"}),
                (0, 0, {"partner_id": b.id}),
            ],
        }
        vals.update(kw)
        return self.env["ht.mou"].with_user(self.coordinator).create(vals)

    def _sign(self, party):
        party.with_user(self.coordinator)._ht_sign_wet(
            "Signatory", self.today, "U2lnbmVk", "signed-page.pdf"
        )

    def _activate(self, mou):
        """Every party signs on paper: the MOU takes effect with the last one."""
        for party in mou.party_ids:
            self._sign(party)
        self.assertEqual(mou.state, "active")

    def test_states(self):
        mou = self._mou()
        mou.action_negotiate()
        self.assertEqual(mou.state, "negotiation")
        with self.assertRaisesRegex(UserError, "Not signed yet: MOU A, MOU B"):
            mou.action_activate()
        self._sign(mou.party_ids[0])
        self.assertEqual(mou.state, "negotiation")
        with self.assertRaisesRegex(UserError, "Not signed yet: MOU B"):
            mou.action_activate()
        self._sign(mou.party_ids[1])
        self.assertEqual(mou.state, "active")
        with self.assertRaisesRegex(UserError, "not possible now"):
            mou.action_negotiate()
        mou.action_terminate("Agency closed")
        self.assertEqual(mou.state, "terminated")
        self.assertEqual(mou.termination_reason, "Agency closed")

    def test_state_and_renewal_fields_only_through_buttons(self):
        mou = self._mou().with_user(self.coordinator)
        for vals in (
            {"state": "active"},
            {"termination_reason": "none"},
            {"renewal_reminder_done": True},
            {"previous_id": self._mou().id},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "changes only through"):
                mou.write(vals)
        self.assertEqual(mou.state, "draft")
        with self.assertRaisesRegex(UserError, "Activate"):
            self._mou(state="active")
        # the Activate button still checks the signatures and the parties
        with self.assertRaisesRegex(UserError, "every party has signed"):
            mou.action_activate()

    def test_needs_two_parties(self):
        mou = self._mou()
        mou.party_ids[1].unlink()
        with self.assertRaisesRegex(UserError, "two parties"):
            mou.action_activate()

    def test_renewal_activity_once_and_expiry(self):
        self.env["ir.config_parameter"].sudo().set_param("ht_referral_network.mou_renewal_days", 70)
        mou = self._mou()
        self._activate(mou)
        far = self._mou(date_end=self.today + timedelta(days=200))
        self._activate(far)
        act_type = self.env.ref("ht_referral_network.mail_act_mou_renewal")
        for _run in range(3):
            self.env["ht.mou"]._cron_mou()
        acts = mou.activity_ids.filtered(lambda a: a.activity_type_id == act_type)
        self.assertEqual(len(acts), 1)
        self.assertEqual(acts.user_id, self.coordinator)
        self.assertFalse(far.activity_ids)
        old = self._mou(date_end=self.today + timedelta(days=1))
        self._activate(old)
        # its terms are locked: the days pass (as superuser, like the database ageing)
        old.sudo().date_end = self.today - timedelta(days=1)
        self.env["ht.mou"]._cron_mou()
        self.assertEqual(old.state, "expired")

    def test_renewal_is_linked(self):
        mou = self._mou()
        self._activate(mou)
        action = mou.action_renew()
        new = self.env["ht.mou"].browse(action["res_id"])
        self.assertEqual(new.previous_id, mou)
        self.assertEqual(mou.renewal_ids, new)
        self.assertEqual(new.state, "draft")
        self.assertEqual(new.party_ids.partner_id, mou.party_ids.partner_id)
        self.assertEqual(new.date_start, mou.date_end + timedelta(days=1))

    def test_bad_dates(self):
        with self.assertRaisesRegex(ValidationError, "expires before"), self.env.cr.savepoint():
            self._mou(date_end=self.today - timedelta(days=400))
