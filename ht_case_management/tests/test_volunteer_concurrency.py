# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two coordinators place two volunteers in the last seat at the same moment: two
real database transactions (two cursors, as test_referral_concurrency.py). Data
is committed in setUp and removed in cleanup."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.ht_referral_network.tests.common_race import RaceCase


@tagged("post_install", "-at_install", "ht_case_management")
class TestVolunteerSeatRace(RaceCase):
    env_context = {"tracking_disable": True, "mail_create_nolog": True}

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            programme = env["ht.volunteer.programme"].create(
                {"name": "Race programme", "code": "race-programme", "requirement_ids": []}
            )
            host = env["res.partner"].create({"name": "Race host", "is_company": True})
            opportunity = env["ht.volunteer.opportunity"].create(
                {
                    "name": "Race seat",
                    "host_id": host.id,
                    "programme_id": programme.id,
                    "seats": 1,
                }
            )
            apps = env["ht.volunteer.application"].create(
                [
                    {
                        "name": f"Racer {n}",
                        "email": f"r{n}@example.com",
                        "programme_id": programme.id,
                    }
                    for n in (1, 2)
                ]
            )
            self.ids = {
                "programme": programme.id,
                "host": host.id,
                "opportunity": opportunity.id,
                "apps": tuple(apps.ids),
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        ids = self.ids
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM ht_volunteer_placement WHERE application_id IN %s", [ids["apps"]]
            )
            cr.execute(
                "DELETE FROM mail_message "
                "WHERE model = 'ht.volunteer.application' AND res_id IN %s",
                [ids["apps"]],
            )
            cr.execute(
                "DELETE FROM mail_followers "
                "WHERE res_model = 'ht.volunteer.application' AND res_id IN %s",
                [ids["apps"]],
            )
            cr.execute("DELETE FROM ht_volunteer_application WHERE id IN %s", [ids["apps"]])
            cr.execute("DELETE FROM ht_volunteer_opportunity WHERE id = %s", [ids["opportunity"]])
            cr.execute("DELETE FROM ht_volunteer_programme WHERE id = %s", [ids["programme"]])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [ids["host"]])

    def _place(self, app_id):
        def place(env):
            env["ht.volunteer.placement"].create(
                {"application_id": app_id, "opportunity_id": self.ids["opportunity"]}
            )

        return place

    def test_two_coordinators_take_the_last_seat(self):
        first, second = self.ids["apps"]
        outcome = self._race(self._place(first), self._place(second))
        # the second was stopped by the database, not by luck; Odoo retries it,
        # and the retry is refused with the message
        self.assertEqual(
            outcome, {"first_committed": True, "finished": True, "serialization_failure": True}
        )
        with self.registry.cursor() as cr:
            with self.assertRaisesRegex(UserError, r"Race seat is full"):
                self._place(second)(self._env(cr))
            cr.rollback()
            placements = self._env(cr)["ht.volunteer.placement"].search(
                [("opportunity_id", "=", self.ids["opportunity"])]
            )
            self.assertEqual(placements.application_id.ids, [first])
