# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.ht_consent.models.ht_consent_use import USES

from .common import HtConsentCase, rule_error


@tagged("post_install", "-at_install", "ht_consent")
class TestConsentCheck(HtConsentCase):
    def test_covers_category_recipient_purpose(self):
        consent = self._consent(category_ids=[(6, 0, (self.cat_summary | self.cat_medical).ids)])
        self.assertEqual(
            self.subject._ht_consent_check(self.shelter, self.cat_summary, "referral"), consent
        )
        self.assertEqual(
            self.subject._ht_consent_check(self.shelter, ["case_summary", "medical"], "referral"),
            consent,
        )

    def test_missing_category_is_named(self):
        self._consent()
        with self.assertRaisesRegex(UserError, "does not cover: Medical"):
            self.subject._ht_consent_check(
                self.shelter, self.cat_summary | self.cat_medical, "referral"
            )

    def test_other_recipient_refused(self):
        self._consent()
        with self.assertRaisesRegex(UserError, "Eastside Clinic"):
            self.subject._ht_consent_check(self.clinic, self.cat_summary, "referral")

    def test_contact_of_recipient_counts_as_the_organisation(self):
        consent = self._consent()
        contact = self.env["res.partner"].create({"name": "Intake", "parent_id": self.shelter.id})
        self.assertEqual(
            self.subject._ht_consent_check(contact, self.cat_summary, "referral"), consent
        )

    def test_purpose_mismatch(self):
        self._consent()
        with self.assertRaisesRegex(UserError, "not Evaluation and research"):
            self.subject._ht_consent_check(self.shelter, self.cat_summary, purpose="research")

    def test_purpose_is_decided_by_the_mapping(self):
        """A research consent carries no referral, and a check must say its purpose."""
        self._consent(purpose_type="research")
        with self.assertRaisesRegex(UserError, "covers Evaluation and research, not Referral"):
            self.subject._ht_consent_check(self.shelter, self.cat_summary, "referral")
        with self.assertRaisesRegex(UserError, "what the information is shared for"):
            self.subject._ht_consent_check(self.shelter, self.cat_summary, None)

    def test_each_purpose_allows_only_its_own_uses(self):
        """Every seeded purpose, "Other" included, allows exactly the use of its own
        code (as before purposes were records): an "Other" consent carries no
        referral."""
        consent = self._consent(activate=False)
        codes = [code for code, _label in USES]
        Purpose = self.env["ht.consent.purpose"]
        for purpose in codes:
            consent.write({"purpose_id": Purpose._ht_get(purpose).id})
            for use in codes:
                with self.subTest(purpose=purpose, use=use):
                    self.assertEqual(consent._ht_allows_use(use), use == purpose)
        consent.write({"purpose_id": self.env.ref("ht_consent.ht_consent_purpose_other").id})
        consent.action_activate()
        with self.assertRaisesRegex(UserError, "covers Other, not Referral"):
            self.subject._ht_consent_check(self.shelter, self.cat_summary, "referral")

    def test_draft_does_not_count(self):
        self._consent(activate=False)
        with self.assertRaisesRegex(UserError, "No consent"):
            self.subject._ht_consent_check(self.shelter, self.cat_summary, "referral")

    def test_boundaries_inclusive(self):
        start = self.today + timedelta(days=1)
        end = self.today + timedelta(days=10)
        consent = self._consent(date_start=start, date_end=end)
        first = datetime.combine(start, datetime.min.time())
        last = datetime.combine(end, datetime.max.time()).replace(microsecond=0)
        self.assertEqual(
            self.subject._ht_consent_check(self.shelter, self.cat_summary, "referral", at=first),
            consent,
        )
        self.assertEqual(
            self.subject._ht_consent_check(self.shelter, self.cat_summary, "referral", at=last),
            consent,
        )
        with self.assertRaisesRegex(UserError, "only valid from"):
            self.subject._ht_consent_check(
                self.shelter, self.cat_summary, "referral", at=first - timedelta(seconds=1)
            )
        with self.assertRaisesRegex(UserError, "expired on"):
            self.subject._ht_consent_check(
                self.shelter, self.cat_summary, "referral", at=last + timedelta(seconds=1)
            )

    def test_time_zone_decides_the_day(self):
        """A consent in New York that ends on day D still holds at 02:00 UTC on
        D+1 (21:00 or 22:00 in New York), and not at 06:00 UTC on D+1."""
        end = self.today + timedelta(days=5)
        consent = self._consent(date_end=end, tz="America/New_York")
        next_day = datetime.combine(end + timedelta(days=1), datetime.min.time())
        self.assertEqual(
            self.subject._ht_consent_check(
                self.shelter, self.cat_summary, "referral", at=next_day + timedelta(hours=2)
            ),
            consent,
        )
        with self.assertRaisesRegex(UserError, "expired on"):
            self.subject._ht_consent_check(
                self.shelter, self.cat_summary, "referral", at=next_day + timedelta(hours=6)
            )
        # and in UTC the same moment is already past the end, the last second of D not
        utc = self._consent(date_end=end, recipient_ids=[(6, 0, self.clinic.ids)])
        self.assertEqual(utc.tz, "UTC")
        self.assertEqual(
            self.subject._ht_consent_check(
                self.clinic, self.cat_summary, "referral", at=next_day - timedelta(seconds=1)
            ),
            utc,
        )
        with self.assertRaisesRegex(UserError, rf"consent {utc.name} expired on {end}"):
            self.subject._ht_consent_check(
                self.clinic, self.cat_summary, "referral", at=next_day + timedelta(hours=2)
            )

    def test_past_end_refused_even_without_cron(self):
        consent = self._consent(
            date_start=self.today - timedelta(days=20),
            date_end=self.today - timedelta(days=1),
        )
        self.assertEqual(consent.state, "active")  # the cron has not run
        with self.assertRaisesRegex(UserError, "expired on"):
            self.subject._ht_consent_check(self.shelter, self.cat_summary, "referral")

    def test_check_needs_read_access_to_subject(self):
        self._consent()
        with self.assertRaisesRegex(AccessError, rule_error("read", "ht.test.subject")):
            self.subject.with_user(self.other_worker)._ht_consent_check(
                self.shelter, self.cat_summary, "referral"
            )
