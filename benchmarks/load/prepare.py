# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Users, passwords, capacity and crons of the load test database; writes the
users file locustfile.py reads. Called by run_load.py: prepare.py DB CONF OUT."""

import json
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import common

CASE_WORKER = ["base.group_user", "ht_consent.group_ht_case_worker"]
SALES = ["base.group_user", "sales_team.group_sale_salesman"]
# Odoo's own crons that call servers on the Internet (IAP enrichment, partner
# autocomplete, the publisher's update notification): off, the test is loopback only
# (without a network they hang until the cron worker's time limit kills them).
OFFLINE = (
    "crm_iap_enrich.ir_cron_lead_enrichment",
    "partner_autocomplete.ir_cron_partner_autocomplete",
    "mail.ir_cron_module_update_notification",
)
CRONS = ("ht_case_management.ir_cron_ht_referral_followup", "ht_consent.ir_cron_ht_consent_expire")


def login(env, name, groups):
    user = common.bench_user(env, name, groups)
    user.write({"password": name, "email": f"{name}@example.com"})
    return user


def portal_users(env, provider, first):
    users = [first]
    for i in range(2, 5):
        name = f"bench_portal_{i}"
        user = env["res.users"].search([("login", "=", name)])
        if not user:
            contact = env["res.partner"].create(
                {"name": f"Bench Intake {i}", "parent_id": provider.id, "ht_contact_role": "intake"}
            )
            user = (
                env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    {
                        "name": f"Bench Intake {i}",
                        "login": name,
                        "partner_id": contact.id,
                        "groups_id": [(6, 0, [env.ref("base.group_portal").id])],
                    }
                )
            )
        users.append(user)
    for user in users:
        user.write({"password": user.login, "email": f"{user.login}@example.com"})
    return users


def main():
    db, conf, out = sys.argv[1:4]
    args = type("Args", (), {"db": db, "config": conf})
    with common.environment(args) as env:
        workers = [login(env, "bench_case_worker", CASE_WORKER)]
        workers += [login(env, f"bench_cw_{i}", CASE_WORKER) for i in range(10)]
        salespeople = [login(env, "bench_salesman", SALES)]
        salespeople += [login(env, f"bench_sales_{i}", SALES) for i in range(10)]
        login(env, "bench_supervisor", ["base.group_user", "ht_consent.group_ht_supervisor"])
        login(
            env,
            "bench_coordinator",
            ["base.group_user", "ht_referral_network.group_ht_network_coordinator"],
        )
        first = common.portal_provider(env)
        provider = first.partner_id.parent_id
        portals = portal_users(env, provider, first)
        # Referrals go to certified members only, and the daily lapse (due at once on
        # a new database) ends the membership of a provider without a current
        # certification: the generated one gets one, as a real member has.
        if not provider._ht_certified():
            env["ht.certification"].create(
                {
                    "partner_id": provider.id,
                    "training": "Trafficking 101",
                    "date_expiry": date.today() + timedelta(days=365),
                }
            )
        if provider.ht_membership_state != "member":
            provider._ht_set_membership("member", "Certified for the load test")
        service = env["ht.service"].search([("provider_id", "=", provider.id)], limit=1)
        service.write({"capacity_available": 200, "capacity_max": 400})
        # the open cases whose consent covers the portal provider, by case manager:
        # where case workers send referrals from
        consents = env["ht.consent"].search(
            [
                ("state", "=", "active"),
                ("recipient_ids", "in", provider.ids),
                ("res_model", "=", "ht.case"),
            ]
        )
        cases = env["ht.case"].browse(consents.mapped("res_id")).filtered(lambda c: not c.is_closed)
        referable = {}
        for case in cases:
            referable.setdefault(case.case_manager_id.login, []).append(case.id)
        # the crons people work next to: every minute during the test, due now (a
        # next call far in the past would make Odoo step through every missed minute)
        for xmlid in CRONS:
            env.ref(xmlid).write(
                {
                    "interval_number": 1,
                    "interval_type": "minutes",
                    "active": True,
                    "nextcall": (datetime.now(UTC) - timedelta(minutes=1)).replace(tzinfo=None),
                }
            )
        for xmlid in OFFLINE:
            cron = env.ref(xmlid, raise_if_not_found=False)
            if cron:
                cron.active = False
        env.cr.commit()
        users = {
            "db": db,
            "case_worker": [u.login for u in workers],
            "salesperson": [u.login for u in salespeople],
            "supervisor": ["bench_supervisor"],
            "coordinator": ["bench_coordinator"],
            "portal": [u.login for u in portals],
            "portal_service": service.id,
            "referable_cases": referable,
            "categories": env["ht.service.category"].search([]).ids,
        }
        Path(out).write_text(json.dumps(users))


if __name__ == "__main__":
    main()
