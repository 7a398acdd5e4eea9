# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A case conference invitation blocked for an organisation without consent, in a
real browser (static/tests/tours/ht_case_conference_tours.js)."""

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.ht_referral_network.tests.common import certified_member


@tagged("post_install", "-at_install", "ht_case_management")
class TestCaseConferenceTour(HttpCase):
    def test_invitation_blocked_without_consent(self):
        env = self.env
        worker = new_test_user(
            env,
            "ht_tour_conf",
            groups="base.group_user,ht_consent.group_ht_case_worker",
            password="ht_tour_conf",
            tz="UTC",
        )
        shelter = certified_member(env, "Tour Conference Shelter")
        contact = env["res.partner"].create(
            {"name": "Tour Intake", "parent_id": shelter.id, "email": "intake@example.com"}
        )
        case = env["ht.case"].with_user(worker).create({"legal_name": "Tour Person"})
        # the refusal is a UserError, logged by odoo.http as a warning
        with mute_logger("odoo.http"):
            self.start_tour(
                f"/odoo/action-ht_case_management.ht_case_action/{case.id}",
                "ht_case_conference_blocked_tour",
                login="ht_tour_conf",
            )
        conference = env["ht.case.conference"].search([("case_id", "=", case.id)])
        self.assertEqual(len(conference), 1)
        self.assertIn(case.code, conference.event_id.name)
        self.assertNotIn(contact, conference.event_id.partner_ids)
        self.assertNotIn(contact, conference.event_id.attendee_ids.partner_id)
        self.assertFalse(
            env["ht.disclosure"].search([("res_model", "=", "ht.case"), ("res_id", "=", case.id)])
        )
