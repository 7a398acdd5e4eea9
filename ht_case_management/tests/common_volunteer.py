# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.ht_referral_network.tests.common_rpc import HostileRpcMixin

from .common import HtCaseCase


class HtVolunteerCase(HostileRpcMixin, HtCaseCase):
    """A programme with the usual six requirements, a one-seat opportunity, two
    volunteers ready to be placed (each with their own login) and one applicant
    with nothing done yet."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, mail_create_nosubscribe=True))
        vol = "base.group_user,ht_case_management.group_ht_volunteer"
        cls.vol_a = new_test_user(cls.env, "ht_v_a", groups=vol)
        cls.vol_b = new_test_user(cls.env, "ht_v_b", groups=vol)
        cls.programme = (
            cls.env["ht.volunteer.programme"]
            .with_user(cls.coordinator)
            .create({"name": "Court companions", "code": "companions-test"})
        )
        cls.opportunity = cls.env["ht.volunteer.opportunity"].create(
            {
                "name": "Court companion",
                "host_id": cls.env["res.partner"]
                .create({"name": "Test host", "is_company": True})
                .id,
                "programme_id": cls.programme.id,
                "supervisor_id": cls.volunteer.id,
                "seats": 1,
            }
        )
        App = cls.env["ht.volunteer.application"].with_user(cls.coordinator)
        cls.app_a = App.create(
            {"name": "Alex Ready", "email": "a@example.com", "programme_id": cls.programme.id}
        )
        cls.app_b = App.create(
            {"name": "Bo Ready", "email": "b@example.com", "programme_id": cls.programme.id}
        )
        cls.app_new = App.create(
            {"name": "Cy New", "email": "c@example.com", "programme_id": cls.programme.id}
        )
        cls.app_a.user_id = cls.vol_a
        cls.app_b.user_id = cls.vol_b
        for app in cls.app_a | cls.app_b:
            cls._ht_make_ready(app)
            app.action_training()

    @classmethod
    def _ht_make_ready(cls, app, on=None):
        on = on or fields.Date.today() - timedelta(days=1)
        cls.env["ht.volunteer.check"].create(
            [
                {"application_id": app.id, "requirement_id": req.id, "date": on}
                for req in app.programme_id.requirement_ids
            ]
        )

    def assertAccessError(self, reply):
        data = self.assertRefused(reply, ".")
        self.assertEqual(data["name"], "odoo.exceptions.AccessError", data["message"])
