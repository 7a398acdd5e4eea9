# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Races between two real database transactions (two cursors, as Odoo's own
test_ir_sequence does). Data is committed in setUp and removed in cleanup."""

import threading
import time

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

from odoo.addons.ht_referral_network.tests.common import certified_member


@tagged("post_install", "-at_install", "ht_case_management")
class TestReferralRaces(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
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

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def _race(self, first, second):
        """Run ``first`` in one transaction, start ``second`` in another (it
        blocks on a row lock), commit the first, and report how both ended:
        ``first_committed``, ``finished`` (the second did not hang), and one of
        ``committed``, ``serialization_failure``, ``user_error`` or ``error`` (any
        other exception, which would otherwise die silently with the thread)."""
        outcome = {}
        cr1, cr2 = self.registry.cursor(), self.registry.cursor()
        try:
            env1, env2 = self._env(cr1), self._env(cr2)
            # both transactions take their snapshot before either writes
            cr1.execute("SELECT 1")
            cr2.execute("SELECT 1")
            first(env1)
            env1.flush_all()  # its UPDATEs reach the database now, holding the row locks

            # the failing statement of the second transaction is expected: it is
            # asserted through ``outcome``, not logged as an error
            @mute_logger("odoo.sql_db")
            def run_second():
                try:
                    second(env2)
                    cr2.commit()
                    outcome["committed"] = True
                except SerializationFailure:
                    cr2.rollback()
                    outcome["serialization_failure"] = True
                except UserError as error:
                    cr2.rollback()
                    outcome["user_error"] = str(error)
                except Exception as error:  # noqa: BLE001 - reported to the test
                    cr2.rollback()
                    outcome["error"] = f"{type(error).__name__}: {error}"

            thread = threading.Thread(target=run_second)
            thread.start()
            time.sleep(1.0)  # the second transaction now waits on the row lock
            cr1.commit()
            outcome["first_committed"] = True
            thread.join(30)
            outcome["finished"] = not thread.is_alive()
        finally:
            cr1.close()
            cr2.close()
        return outcome

    def _retry(self, fn):
        """What Odoo does after a serialization failure: run it again."""
        with self.registry.cursor() as cr:
            try:
                fn(self._env(cr))
            except UserError as error:
                cr.rollback()
                return str(error)
        return None

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
