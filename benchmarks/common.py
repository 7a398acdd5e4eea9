# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared plumbing of the benchmark generator and runner: an Odoo environment
on the benchmark database, and the users the scenarios run as."""

import argparse
import contextlib
import os
import subprocess
import sys

DEFAULT_DB = "ht_bench"
ADDONS = "crm,ht_consent,ht_referral_network,ht_case_management"
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parser(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--db", default=os.environ.get("HT_BENCH_DB", DEFAULT_DB))
    p.add_argument(
        "--config",
        "-c",
        default=os.environ.get("HT_ODOO_CONFIG"),
        help="Odoo configuration file (db connection); default: Odoo's defaults",
    )
    p.add_argument("--scale", type=int, default=100_000)
    return p


def odoo_args(args):
    import odoo
    from odoo.tools import config

    base = []
    if args.config:
        base += ["-c", args.config]
    config.parse_config(base + ["-d", args.db, "--log-level=warn"])
    paths = config["addons_path"].split(",")
    if REPO not in paths:
        config["addons_path"] = ",".join(paths + [REPO])
        odoo.addons.__path__.append(REPO)
    return config


def ensure_database(args):
    """Create the benchmark database with crm and our addons (no demo data)."""
    config = odoo_args(args)
    from odoo.service.db import exp_db_exist

    if exp_db_exist(args.db):
        return
    cmd = [
        sys.executable,
        "-m",
        "odoo",
        "-d",
        args.db,
        "-i",
        ADDONS,
        "--without-demo=all",
        "--stop-after-init",
        "--log-level=warn",
        "--no-http",
        f"--addons-path={config['addons_path']}",
    ]
    if args.config:
        cmd[3:3] = ["-c", args.config]
    print(f"creating database {args.db} with {ADDONS} ...", flush=True)
    subprocess.run(cmd, check=True)


@contextlib.contextmanager
def environment(args):
    import odoo
    from odoo.api import SUPERUSER_ID, Environment

    odoo_args(args)
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        yield Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_notrack": True})


def bench_user(env, login, groups):
    user = env["res.users"].search([("login", "=", login)])
    if not user:
        user = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": login.replace("_", " ").title(),
                    "login": login,
                    "email": f"{login}@example.com",
                    "groups_id": [(6, 0, [env.ref(g).id for g in groups])],
                }
            )
        )
    elif not user.email:
        user.email = f"{login}@example.com"  # a referral is e-mailed from its sender
    return user


def salesman(env):
    return bench_user(env, "bench_salesman", ["base.group_user", "sales_team.group_sale_salesman"])


def portal_provider(env):
    """A partner agency's portal user, at the provider that receives the most
    benchmark referrals."""
    provider = env["res.partner"].search([("ref", "=", "bench-provider-1")], limit=1)
    user = env["res.users"].search([("login", "=", "bench_portal")])
    if not user:
        contact = env["res.partner"].create(
            {"name": "Bench Intake", "parent_id": provider.id, "ht_contact_role": "intake"}
        )
        user = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "Bench Intake",
                    "login": "bench_portal",
                    "partner_id": contact.id,
                    "groups_id": [(6, 0, [env.ref("base.group_portal").id])],
                }
            )
        )
    return user


def case_worker(env):
    return bench_user(
        env, "bench_case_worker", ["base.group_user", "ht_consent.group_ht_case_worker"]
    )


def supervisor(env):
    """A supervisor of the benchmark agency: runs the funder reports."""
    return bench_user(
        env, "bench_supervisor", ["base.group_user", "ht_consent.group_ht_supervisor"]
    )
