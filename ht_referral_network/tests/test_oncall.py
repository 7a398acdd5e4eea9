# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

import pytz
from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import HtNetworkCase


@tagged("post_install", "-at_install", "ht_referral_network")
class TestOncall(HtNetworkCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ht.oncall.shift"].search([]).unlink()  # demo rota out of the way
        cls.hotline = cls._provider("Hotline")
        cls.ana = cls.env["res.partner"].create({"name": "Ana", "parent_id": cls.hotline.id})
        cls.ben = cls.env["res.partner"].create({"name": "Ben", "parent_id": cls.hotline.id})

    def _shift(self, person, start, end):
        return self.env["ht.oncall.shift"].create(
            {
                "provider_id": self.hotline.id,
                "contact_id": person.id,
                "phone": "+1 555",
                "date_start": start,
                "date_end": end,
            }
        )

    def test_who_to_call_across_midnight(self):
        day = datetime(2030, 3, 1)
        night = self._shift(self.ana, day.replace(hour=22), day + timedelta(days=1, hours=6))
        self._shift(self.ben, day + timedelta(days=1, hours=6), day + timedelta(days=1, hours=22))
        Shift = self.env["ht.oncall.shift"]
        self.assertEqual(Shift._ht_who_to_call(day + timedelta(days=1, hours=1)), night)
        self.assertEqual(
            Shift._ht_who_to_call(day + timedelta(days=1, hours=6)).contact_id, self.ben
        )
        self.assertFalse(Shift._ht_who_to_call(day.replace(hour=21)))
        gaps = Shift._ht_coverage_gaps(day.replace(hour=20), day + timedelta(days=2))
        self.assertEqual(
            gaps,
            [
                (day.replace(hour=20), day.replace(hour=22)),
                (day + timedelta(days=1, hours=22), day + timedelta(days=2)),
            ],
        )

    def test_local_time_shift(self):
        """A night shift entered in New York (20:00-08:00 local) is stored in UTC and
        covers 03:00 UTC; the gap report speaks UTC."""
        ny = pytz.timezone("America/New_York")
        start = ny.localize(datetime(2030, 7, 1, 20)).astimezone(pytz.utc).replace(tzinfo=None)
        end = ny.localize(datetime(2030, 7, 2, 8)).astimezone(pytz.utc).replace(tzinfo=None)
        shift = self._shift(self.ana, start, end)
        self.assertEqual(shift.date_start, datetime(2030, 7, 2, 0))
        Shift = self.env["ht.oncall.shift"]
        self.assertEqual(Shift._ht_who_to_call(datetime(2030, 7, 2, 3)), shift)
        self.assertEqual(
            Shift._ht_coverage_gaps(datetime(2030, 7, 1, 23), datetime(2030, 7, 2, 13)),
            [
                (datetime(2030, 7, 1, 23), datetime(2030, 7, 2, 0)),
                (datetime(2030, 7, 2, 12), datetime(2030, 7, 2, 13)),
            ],
        )

    def test_overlap_same_person_refused(self):
        day = datetime(2030, 3, 1)
        self._shift(self.ana, day, day + timedelta(hours=8))
        with (
            self.assertRaisesRegex(ValidationError, "already has a shift"),
            self.env.cr.savepoint(),
        ):
            self._shift(self.ana, day + timedelta(hours=7), day + timedelta(hours=12))
        with (
            self.assertRaisesRegex(ValidationError, "end after it starts"),
            self.env.cr.savepoint(),
        ):
            self._shift(self.ben, day, day)
        # another person may overlap
        self._shift(self.ben, day + timedelta(hours=7), day + timedelta(hours=12))

    @freeze_time("2030-05-01 10:30:00")
    def test_cron_plans_gap_activity_once(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "ht_referral_network.coordinator_user_id", self.coordinator.id
        )
        now = datetime(2030, 5, 1, 10)
        self._shift(self.ana, now, now + timedelta(days=10))
        self._shift(self.ben, now + timedelta(days=12), now + timedelta(days=40))
        Shift = self.env["ht.oncall.shift"]
        planned = Shift._cron_check_coverage()
        self.assertEqual(planned, [(now + timedelta(days=10), now + timedelta(days=12))])
        self.assertFalse(Shift._cron_check_coverage())
        acts = self.env["mail.activity"].search(
            [
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("ht_referral_network.mail_act_coverage_gap").id,
                )
            ]
        )
        self.assertEqual(len(acts), 1)
        self.assertEqual(acts.user_id, self.coordinator)
