# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The 18.0.1.1.0 upgrade: cases closed under the old closure-reason selection keep
their reason, now a record of the configurable list (the migration scripts run on
a database shaped as before the upgrade)."""

import importlib.util
from pathlib import Path

from odoo.tests import tagged

from .common import HtCaseCase

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations" / "18.0.1.1.0"


def _script(name):
    spec = importlib.util.spec_from_file_location(f"ht_case_mig_{name}", MIGRATIONS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install", "ht_case_management")
class TestFunderMigration(HtCaseCase):
    def test_closure_reason_kept_on_upgrade(self):
        cr = self.env.cr
        other = self.env["ht.case"].create({"legal_name": "Second"})
        third = self.env["ht.case"].create({"legal_name": "Third"})
        self.env.flush_all()
        # the database as 18.0.1.0.0 left it: a selection column
        cr.execute("ALTER TABLE ht_case ADD COLUMN closure_reason varchar")
        cr.execute(
            "UPDATE ht_case SET closure_reason = %s, closure_reason_id = NULL WHERE id = %s",
            ["lost_contact", self.case.id],
        )
        cr.execute(
            "UPDATE ht_case SET closure_reason = %s, closure_reason_id = NULL WHERE id = %s",
            ["custom_moved_abroad", other.id],
        )
        _script("pre-migrate").migrate(cr, "18.0.1.0.0")
        _script("post-migrate").migrate(cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(
            self.case.closure_reason_id,
            self.env.ref("ht_case_management.ht_case_closure_reason_lost_contact"),
        )
        # a code the list did not have (a customisation) is kept as a reason of its own
        self.assertEqual(other.closure_reason_id.code, "custom_moved_abroad")
        self.assertEqual(other.closure_reason_id.name, "custom_moved_abroad")
        self.assertFalse(third.closure_reason_id)
        cr.execute(
            """SELECT column_name FROM information_schema.columns
                WHERE table_name = 'ht_case' AND column_name LIKE 'closure_reason%%'"""
        )
        self.assertEqual([row[0] for row in cr.fetchall()], ["closure_reason_id"])
        # running them again (an interrupted upgrade restarted) changes nothing
        _script("pre-migrate").migrate(cr, "18.0.1.0.0")
        _script("post-migrate").migrate(cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(other.closure_reason_id.code, "custom_moved_abroad")
