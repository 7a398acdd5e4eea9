# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.tests import tagged

from . import test_mou  # the module, not its class: pytest would run TestMou here again
from .common import HtNetworkCase


@tagged("post_install", "-at_install", "ht_referral_network")
class TestMouNotifications(HtNetworkCase):
    """The MOU renewal activity: its text is the editable template, due at the
    configured lead time."""

    # TestMou's helpers, without running its tests again
    _mou = test_mou.TestMou._mou
    _sign = test_mou.TestMou._sign
    _activate = test_mou.TestMou._activate

    def test_renewal_activity_from_the_template_at_the_configured_lead_time(self):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("ht_referral_network.mou_renewal_days", 70)
        params.set_param("ht_referral_network.mou_activity_lead_days", 10)
        template = self.env.ref("ht_referral_network.mail_template_mou_renewal")
        template.write({"subject": "Renew {{ object.name }} now"})
        mou = self._mou()
        self._activate(mou)
        self.env["ht.mou"]._cron_mou()
        act = mou.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("ht_referral_network.mail_act_mou_renewal")
        )
        self.assertEqual(act.summary, f"Renew {mou.name} now")
        self.assertIn("Agree its renewal", act.note)
        self.assertEqual(act.date_deadline, mou.date_end - timedelta(days=10))

    def test_out_of_range_lead_time_falls_back_to_30_days(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "ht_referral_network.mou_activity_lead_days", "0"
        )
        self.assertEqual(self.env["ht.network.timing"]._ht_timing("mou_activity_lead_days"), 30)
