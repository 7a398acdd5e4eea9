# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Races between two real database transactions (two cursors, as Odoo's own
test_ir_sequence does). Data is committed in setUp and removed in cleanup."""

from odoo import SUPERUSER_ID, api
from odoo.tests import tagged

from odoo.addons.ht_referral_network.tests.common import certified_member
from odoo.addons.ht_referral_network.tests.common_race import RaceCase


@tagged("post_install", "-at_install", "ht_case_management")
class TestReferralRaces(RaceCase):
    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            provider = certified_member(env, "Race Shelter")
            service = env["ht.service"].create(
                {
                    "provider_id": provider.id,
                    "category_id": env.ref("ht_referral_network.ht_service_category_food").id,
                    "capacity_available": 1,
                    "capacity_max": 1,
                }
            )
            case = env["ht.case"].create({"legal_name": "Race Person"})
            consent = env["ht.consent"].create(
                {
                    "res_model": "ht.case",
                    "res_id": case.id,
                    "recipient_ids": [(6, 0, provider.ids)],
                    "category_ids": [
                        (6, 0, env.ref("ht_consent.ht_consent_category_case_summary").ids)
                    ],
                    "method": "document",
                    "signed_document": "eA==",
                    "limits_explained": True,
                }
            )
            consent.action_activate()
            referral = env["ht.referral"].create({"case_id": case.id, "service_id": service.id})
            self.ids = {
                "provider": provider.id,
                "service": service.id,
                "case": case.id,
                "consent": consent.id,
                "referral": referral.id,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        ids = self.ids
        with self.registry.cursor() as cr:
            # Raw SQL on purpose: these records are append-only through the ORM.
            cr.execute(
                "DELETE FROM ht_disclosure WHERE res_model = 'ht.case' AND res_id = %s",
                [ids["case"]],
            )
            cr.execute(
                "DELETE FROM mail_activity "
                "WHERE res_model IN ('ht.case', 'ht.consent', 'ht.referral') "
                "AND res_id IN %s",
                [(ids["case"], ids["consent"], ids["referral"])],
            )
            cr.execute("DELETE FROM ht_referral WHERE case_id = %s", [ids["case"]])
            cr.execute("DELETE FROM ht_consent WHERE id = %s", [ids["consent"]])
            cr.execute("DELETE FROM ht_case WHERE id = %s", [ids["case"]])
            cr.execute("DELETE FROM ht_service WHERE id = %s", [ids["service"]])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [ids["provider"]])

    def test_two_providers_accept_the_last_place(self):
        def take(env):
            env["ht.service"].browse(self.ids["service"])._ht_take_capacity()

        outcome = self._race(take, take)
        # one took the place; the other was stopped by the database, not by luck,
        # and when Odoo retries it, it is refused with the message to decline
        self.assertEqual(
            outcome, {"first_committed": True, "finished": True, "serialization_failure": True}
        )
        self.assertRegex(self._retry(take) or "", r"Race Shelter has no capacity left\. Decline")
        with self.registry.cursor() as cr:
            self.assertEqual(
                self._env(cr)["ht.service"].browse(self.ids["service"]).capacity_available, 0
            )

    def test_revocation_then_send(self):
        def revoke(env):
            env["ht.consent"].browse(self.ids["consent"])._ht_revoke()

        def send(env):
            env["ht.referral"].browse(self.ids["referral"]).action_send()

        outcome = self._race(revoke, send)
        self.assertEqual(
            outcome, {"first_committed": True, "finished": True, "serialization_failure": True}
        )
        self.assertIn("revoked", self._retry(send) or "")
        with self.registry.cursor() as cr:
            env = self._env(cr)
            self.assertEqual(env["ht.referral"].browse(self.ids["referral"]).state, "draft")
            self.assertFalse(
                env["ht.disclosure"].search(
                    [("res_model", "=", "ht.case"), ("res_id", "=", self.ids["case"])]
                )
            )

    def test_send_then_revocation(self):
        def send(env):
            env["ht.referral"].browse(self.ids["referral"]).action_send()

        def revoke(env):
            env["ht.consent"].browse(self.ids["consent"])._ht_revoke()

        outcome = self._race(send, revoke)
        self.assertEqual(
            outcome, {"first_committed": True, "finished": True, "serialization_failure": True}
        )
        self.assertIsNone(self._retry(revoke))
        with self.registry.cursor() as cr:
            referral = self._env(cr)["ht.referral"].browse(self.ids["referral"])
            self.assertEqual(referral.state, "sent")
            self.assertTrue(referral.redacted)
            self.assertFalse(referral.packet_need)
