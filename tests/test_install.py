# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each addon installs alone with only its declared dependencies, and the three
install together without demo data (the suite's own database has them with demo).
Each case is a real `odoo -i ... --stop-after-init` on a fresh database."""

import shutil
import subprocess
import sys
import uuid

import pytest

import odoo
from odoo.tools import config

CASES = {
    "consent_alone": ("ht_consent", False),
    "network_alone": ("ht_referral_network", False),
    "all_without_demo": ("ht_consent,ht_referral_network,ht_case_management", True),
}


def _psql(db, sql):
    from odoo.sql_db import db_connect

    with db_connect(db).cursor() as cr:
        cr.execute(sql)
        return cr.fetchall()


def _drop(db):
    from odoo.sql_db import db_connect
    from odoo.tools import SQL

    odoo.sql_db.close_db(db)
    with db_connect("postgres").cursor() as cr:
        cr._cnx.autocommit = True
        cr.execute(SQL("DROP DATABASE IF EXISTS %s", SQL.identifier(db)))
    shutil.rmtree(config.filestore(db), ignore_errors=True)


@pytest.mark.parametrize("case", sorted(CASES))
def test_install(case):
    modules, without_demo = CASES[case]
    db = f"ht_install_{case}_{uuid.uuid4().hex[:6]}"
    cmd = [
        sys.executable,
        "-m",
        "odoo",
        "-d",
        db,
        "-i",
        modules,
        "--stop-after-init",
        "--log-level=warn",
        "--max-cron-threads=0",
        "--no-http",
    ]
    if config.rcfile:
        cmd[3:3] = ["-c", config.rcfile]
    if without_demo:
        cmd.append("--without-demo=all")
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1500, check=False)
        log = proc.stdout + proc.stderr
        errors = [line for line in log.splitlines() if " ERROR " in line or " CRITICAL " in line]
        assert proc.returncode == 0 and not errors, log[-4000:]
        wanted = set(modules.split(","))
        rows = _psql(
            db,
            "SELECT name, state, demo FROM ir_module_module WHERE state = 'installed'",
        )
        installed = {name: demo for name, _state, demo in rows}
        assert wanted <= set(installed), f"not installed: {wanted - set(installed)}"
        for name in wanted:
            assert installed[name] is (not without_demo), f"{name}: demo={installed[name]}"
        if case == "consent_alone":
            assert "contacts" not in installed and "crm" not in installed
        if case == "network_alone":
            assert "ht_consent" not in installed and "crm" not in installed
    finally:
        _drop(db)


ROLES_OF = """
    SELECT u.login, d.module || '.' || d.name
      FROM res_groups_users_rel r
      JOIN res_users u ON u.id = r.uid
      JOIN ir_model_data d ON d.model = 'res.groups' AND d.res_id = r.gid
     WHERE d.module IN ('ht_consent', 'ht_referral_network', 'ht_case_management')
       AND u.login IN ('admin', '__system__')
     ORDER BY 1, 2
"""


def _odoo(db, *args):
    cmd = [sys.executable, "-m", "odoo", "-d", db, *args, "--stop-after-init"]
    cmd += ["--log-level=warn", "--max-cron-threads=0", "--no-http", "--without-demo=all"]
    if config.rcfile:
        cmd[3:3] = ["-c", config.rcfile]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1500, check=False)
    log = proc.stdout + proc.stderr
    errors = [line for line in log.splitlines() if " ERROR " in line or " CRITICAL " in line]
    assert proc.returncode == 0 and not errors, log[-4000:]


def test_install_and_upgrade_grant_no_role():
    """No existing user gets a Victim Services role from an install, and an
    agency that took the roles away does not get them back on an upgrade."""
    addons = "ht_consent,ht_referral_network,ht_case_management"
    db = f"ht_install_roles_{uuid.uuid4().hex[:6]}"
    try:
        _odoo(db, "-i", addons)
        after_install = _psql(db, ROLES_OF)
        _psql(
            db,
            """DELETE FROM res_groups_users_rel r USING ir_model_data d, res_users u
                WHERE d.model = 'res.groups' AND d.res_id = r.gid AND u.id = r.uid
                  AND d.module IN ('ht_consent', 'ht_referral_network', 'ht_case_management')
                  AND u.login IN ('admin', '__system__')
            RETURNING r.uid""",
        )
        _odoo(db, "-u", addons)
        after_upgrade = _psql(db, ROLES_OF)
        assert (after_install, after_upgrade) == ([], []), (after_install, after_upgrade)
    finally:
        _drop(db)
