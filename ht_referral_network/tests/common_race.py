# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two real database transactions racing for the same row (two cursors on the test
database, data committed by the test and removed in its cleanup)."""

import threading
import time

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name
from odoo.tools import mute_logger


class RaceCase(BaseCase):
    """Subclasses commit their data in ``setUp`` (``self.registry.cursor()``) and
    remove it in a cleanup: a race needs two transactions that see committed rows."""

    env_context = {}

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, dict(self.env_context))

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
        """What Odoo does after a serialization failure: run it again. Returns the
        UserError's message, or None when it went through."""
        with self.registry.cursor() as cr:
            try:
                fn(self._env(cr))
            except UserError as error:
                cr.rollback()
                return str(error)
        return None
