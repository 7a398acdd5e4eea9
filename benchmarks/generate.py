#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fill the benchmark database at a chosen scale, through the ORM, in batches.

    python3 benchmarks/generate.py --scale 100000 [--db ht_bench] [-c odoo.conf]

Creates (or tops up to) `scale` crm.lead records and `scale` ht.case records, and
`--providers` network providers (nine in ten certified members) with `--services`
services for the matching scenario; for the funder report, the cases' categories
and `--service-lines` services delivered (default ten per case: 1,000,000 for
100,000 cases) and half as many material aid lines over the last two years.
One tenth of each belongs to the benchmark user of that scenario (a salesman with
"own documents only", a case worker), the rest to ten other users, as in a
mid-sized agency. Safe to rerun: it only adds what is missing.
"""

import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

BATCH = 2000


def _others(env, prefix, groups, n=10):
    return [common.bench_user(env, f"{prefix}_{i}", groups) for i in range(n)]


def fill(env, model, scale, make):
    Model = env[model].with_context(
        tracking_disable=True,
        mail_create_nolog=True,
        mail_create_nosubscribe=True,
        mail_notrack=True,
    )
    have = Model.search_count([])
    todo = max(scale - have, 0)
    start = time.perf_counter()
    done = 0
    while done < todo:
        n = min(BATCH, todo - done)
        Model.create([make(have + done + i) for i in range(n)])
        env.cr.commit()
        env.invalidate_all()
        done += n
        print(
            f"  {model}: {have + done}/{scale} ({time.perf_counter() - start:.0f}s)",
            flush=True,
        )
    return todo


def fill_network(env, providers, services, rnd):
    """Certified member providers and their services, for the matching scenario."""
    Partner = env["res.partner"].with_context(tracking_disable=True, mail_create_nolog=True)
    have = Partner.search_count([("ref", "=like", "bench-provider-%")])
    cats = env["ht.service.category"].search([]).ids
    pops = env["ht.population"].search([]).ids
    regions = env["ht.region"].search([]).ids
    if len(regions) < 20:
        regions += (
            env["ht.region"]
            .create(
                [
                    {"name": f"Bench region {i}", "code": f"bench_{i}"}
                    for i in range(20 - len(regions))
                ]
            )
            .ids
        )
    langs = env["res.lang"].with_context(active_test=False).search([], limit=30).ids
    done = have
    while done < providers:
        n = min(BATCH, providers - done)
        Partner.create(
            [
                {
                    "name": f"Provider {done + i}",
                    "ref": f"bench-provider-{done + i}",
                    "is_company": True,
                    "ht_membership_state": "member" if (done + i) % 10 else "applicant",
                }
                for i in range(n)
            ]
        )
        env.cr.commit()
        done += n
        print(f"  providers: {done}/{providers}", flush=True)
    provider_ids = Partner.search([("ref", "=like", "bench-provider-%")]).ids
    Service = env["ht.service"].with_context(tracking_disable=True, mail_create_nolog=True)
    have = Service.search_count([("provider_id", "in", provider_ids)])
    done = have
    while done < services:
        n = min(BATCH, services - done)
        Service.create(
            [
                {
                    "provider_id": rnd.choice(provider_ids),
                    "category_id": rnd.choice(cats),
                    "population_ids": [(6, 0, rnd.sample(pops, rnd.randint(0, 3)))],
                    "region_ids": [(6, 0, rnd.sample(regions, rnd.randint(0, 2)))],
                    "lang_ids": [(6, 0, rnd.sample(langs, rnd.randint(0, 2)))],
                    "capacity_available": rnd.randint(0, 5),
                    "capacity_max": 5,
                    "min_age": rnd.choice([0, 0, 0, 18]),
                    "is_24_7": rnd.random() < 0.1,
                }
                for _i in range(n)
            ]
        )
        env.cr.commit()
        env.invalidate_all()
        done += n
        print(f"  services: {done}/{services}", flush=True)
    publish_network(env, provider_ids)


def publish_network(env, provider_ids):
    """The directory published in the HSDS export and API (one provider in twenty
    with a confidential location), for the HSDS scenarios. Only what is missing."""
    Partner = env["res.partner"].with_context(tracking_disable=True)
    todo = Partner.search([("id", "in", provider_ids), ("ht_hsds_published", "=", False)])
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        batch.write({"ht_hsds_published": True, "phone": "+1 555 0100", "city": "Springfield"})
        batch.filtered(lambda p: int(p.ref.rsplit("-", 1)[1]) % 20 == 0).write(
            {"ht_confidential_location": True}
        )
        env.cr.commit()
        env.invalidate_all()
    Service = env["ht.service"].with_context(tracking_disable=True)
    todo = Service.search([("provider_id", "in", provider_ids), ("ht_hsds_published", "=", False)])
    for start in range(0, len(todo), BATCH):
        todo[start : start + BATCH].write({"ht_hsds_published": True})
        env.cr.commit()
        env.invalidate_all()
    print(f"  published for HSDS: {len(provider_ids)} providers", flush=True)


def fill_referrals(env, scale, rnd):
    """Referrals between the benchmark cases and providers: one in ten is sent and
    past its answer deadline (due for the follow-up cron: 10,000 of 100,000), one in
    ten goes to the portal provider (bench-provider-1); the rest are answered or
    closed and were updated recently (not due)."""
    Referral = env["ht.referral"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
    )
    have = Referral.search_count([])
    if have >= scale:
        return 0
    case_ids = env["ht.case"].search([], limit=20_000).ids
    portal_provider = env["res.partner"].search([("ref", "=", "bench-provider-1")])
    if portal_provider.ht_membership_state != "member":
        portal_provider.ht_membership_state = "member"
    portal_service = env["ht.service"].search(
        [("provider_id", "=", portal_provider.id)], limit=1
    ) or env["ht.service"].create(
        {
            "provider_id": portal_provider.id,
            "category_id": env.ref("ht_referral_network.ht_service_category_food").id,
        }
    )
    services = (
        env["ht.service"]
        .search(
            [
                ("state", "=", "active"),
                ("provider_id.ht_membership_state", "=", "member"),
                ("provider_id", "!=", portal_provider.id),  # its referrals have consents
            ],
            limit=5000,
        )
        .ids
    )
    # The portal provider's referrals went out under an active consent (the portal
    # re-decides each packet against it at every view): one consent per case.
    portal_cases = case_ids[:2000]
    summary = env.ref("ht_consent.ht_consent_category_case_summary")
    referral_purpose = env.ref("ht_consent.ht_consent_purpose_referral")
    Consent = env["ht.consent"].with_context(tracking_disable=True, mail_create_nolog=True)
    have_consent = {
        row["res_id"]: row["id"]
        for row in Consent.search_read(
            [("res_model", "=", "ht.case"), ("res_id", "in", portal_cases)], ["res_id"]
        )
    }
    today = datetime.now().date()
    missing = [c for c in portal_cases if c not in have_consent]
    for start in range(0, len(missing), BATCH):
        consents = Consent.create(
            [
                {
                    "res_model": "ht.case",
                    "res_id": case_id,
                    "recipient_ids": [(6, 0, portal_provider.ids)],
                    "category_ids": [(6, 0, summary.ids)],
                    "purpose_id": referral_purpose.id,
                    "date_start": today - timedelta(days=30),
                    "date_end": today + timedelta(days=300),
                    "method": "document",
                    "limits_explained": True,
                    "tz": "UTC",
                }
                for case_id in missing[start : start + BATCH]
            ]
        )
        consents.write({"state": "active"})  # as superuser: what activation records
        have_consent.update(zip(consents.mapped("res_id"), consents.ids, strict=True))
        env.cr.commit()
    now = datetime.now()
    done = have
    while done < scale:
        n = min(BATCH, scale - done)
        vals = []
        for i in range(done, done + n):
            due = i % 10 == 0
            state = (
                "sent" if due else rnd.choice(["accepted", "completed", "declined", "in_progress"])
            )
            to_portal = i % 10 == 1
            case_id = rnd.choice(portal_cases if to_portal else case_ids)
            vals.append(
                {
                    "case_id": case_id,
                    "consent_id": have_consent[case_id] if to_portal else False,
                    "service_id": portal_service.id if to_portal else rnd.choice(services),
                    "state": state,
                    "sent_on": now - timedelta(days=10),
                    "response_deadline": now - timedelta(days=7)
                    if due
                    else now + timedelta(days=3),
                    # only the 10% "sent and late" are due: the others were updated
                    # within the follow-up window
                    "last_update_on": now - timedelta(days=rnd.randint(0, 5)),
                    "followthrough_planned": state == "completed",
                    "packet_need": "Food",
                }
            )
        Referral.create(vals)
        env.cr.commit()
        env.invalidate_all()
        done += n
        print(f"  ht.referral: {done}/{scale}", flush=True)
    return scale - have


def fill_logs(env, lines):
    """The two append-only logs at production size, in SQL (the ORM refuses to
    write them, and 10 million ORM creates would take hours): disclosure lines under
    the portal consents (one consent collects thousands), and read-audit lines
    spread over every case. Lines are dated over the past year."""
    LOG_BATCH = 1_000_000
    for table, make in (
        ("ht_disclosure", _disclosure_rows),
        ("ht_case_access_log", _access_rows),
    ):
        env.cr.execute(f"SELECT COUNT(*) FROM {table}")  # fixed table names, no input
        have = env.cr.fetchone()[0]
        start = time.perf_counter()
        while have < lines:
            n = min(LOG_BATCH, lines - have)
            make(env, n)
            env.cr.commit()
            have += n
            print(f"  {table}: {have}/{lines} ({time.perf_counter() - start:.0f}s)", flush=True)


def _disclosure_rows(env, n):
    provider = env["res.partner"].search([("ref", "=", "bench-provider-1")], limit=1)
    env.cr.execute(
        """
        WITH consents AS (
            SELECT ROW_NUMBER() OVER (ORDER BY c.id) - 1 AS k, c.id, c.res_id, c.company_id,
                   c.collected_by_id, s.code
              FROM ht_consent c JOIN ht_case s ON s.id = c.res_id AND c.res_model = 'ht.case'
             WHERE c.state = 'active'
        ), total AS (SELECT COUNT(*) AS n FROM consents)
        INSERT INTO ht_disclosure (res_model, res_id, subject_ref, company_id, recipient_id,
                                   recipient_kind, basis, consent_id, channel, user_id,
                                   disclosed_on, reference,
                                   create_uid, create_date, write_uid, write_date)
        SELECT 'ht.case', c.res_id, c.code, c.company_id, %s, 'organisation', 'consent', c.id,
               'portal_view', COALESCE(c.collected_by_id, 1),
               now() - (g %% 525600) * interval '1 minute', 'REF/BENCH',
               1, now(), 1, now()
          FROM generate_series(1, %s) g, total
          JOIN consents c ON TRUE
         WHERE c.k = g %% total.n
        """,
        [provider.id, n],
    )


def _access_rows(env, n):
    env.cr.execute(
        """
        WITH cases AS (
            SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS k, id, company_id, case_manager_id
              FROM ht_case
        ), total AS (SELECT COUNT(*) AS n FROM cases)
        INSERT INTO ht_case_access_log (case_id, company_id, user_id, date)
        SELECT c.id, c.company_id, COALESCE(c.case_manager_id, 1),
               now() - (g %% 525600) * interval '1 minute'
          FROM generate_series(1, %s) g, total
          JOIN cases c ON TRUE
         WHERE c.k = g %% total.n
        """,
        [n],
    )


def fill_funder_data(env, rnd):
    """The categories funders count, on the cases that have none yet (type of
    trafficking empty): written in one batch per combination of values."""
    Case = env["ht.case"].with_context(tracking_disable=True, mail_notrack=True)
    todo = Case.search([("trafficking_type", "=", False)]).ids
    groups = {}
    for case_id in todo:
        key = (
            rnd.choice(["sex", "labor", "labor", "both", "undetermined"]),
            rnd.choice(["female", "female", "male", "nonbinary", "not_recorded", "declined"]),
            rnd.choice(["adult", "adult", "adult", "minor", "not_recorded"]),
            rnd.choice(["us_citizen", "lpr", "foreign_national", "foreign_national", "unknown"]),
        )
        groups.setdefault(key, []).append(case_id)
    for (kind, gender, age, citizenship), ids in groups.items():
        for start in range(0, len(ids), BATCH * 5):
            Case.browse(ids[start : start + BATCH * 5]).write(
                {
                    "trafficking_type": kind,
                    "gender_category": gender,
                    "age_group_at_intake": age,
                    "citizenship": citizenship,
                }
            )
        env.cr.commit()
        env.invalidate_all()
    print(f"funder categories: {len(todo)} cases", flush=True)


def fill_service_lines(env, lines, rnd):
    """Services delivered (and half as many material aid lines) on random cases,
    dated over the last two years."""
    case_ids = env["ht.case"].search([]).ids
    cats = env["ht.service.category"].search([]).ids
    kinds = env["ht.case.aid.kind"].search([]).ids
    staff = env["res.users"].search([("login", "=like", "bench_cw%")]).ids
    today = datetime.now().date()

    def service(i):
        return {
            "case_id": rnd.choice(case_ids),
            "category_id": rnd.choice(cats),
            "user_id": rnd.choice(staff),
            "date": today - timedelta(days=rnd.randint(1, 730)),
            "minutes": rnd.choice([15, 30, 45, 60, 90]),
        }

    def aid(i):
        return {
            "case_id": rnd.choice(case_ids),
            "kind_id": rnd.choice(kinds),
            "user_id": rnd.choice(staff),
            "date": today - timedelta(days=rnd.randint(1, 730)),
            "amount": rnd.choice([10, 25, 50, 100]),
        }

    print(f"ht.case.service.line: {fill(env, 'ht.case.service.line', lines, service)} created")
    print(f"ht.case.aid.line: {fill(env, 'ht.case.aid.line', lines // 2, aid)} created")


def main():
    parser = common.parser(__doc__)
    parser.add_argument("--providers", type=int, default=10_000)
    parser.add_argument("--services", type=int, default=50_000)
    parser.add_argument(
        "--log-lines",
        type=int,
        default=0,
        help="lines of the disclosure log and of the read audit each (e.g. 10000000)",
    )
    parser.add_argument(
        "--service-lines", type=int, default=None, help="default: ten per case (10 x scale)"
    )
    args = parser.parse_args()
    common.ensure_database(args)
    rnd = random.Random(42)
    with common.environment(args) as env:
        me = common.salesman(env)
        sales = _others(env, "bench_sales", ["base.group_user", "sales_team.group_sale_salesman"])
        stages = env["crm.stage"].search([]).ids

        def lead(i):
            owner = me if i % 10 == 0 else sales[i % 10]
            return {
                "name": f"Inquiry {i}",
                "type": "opportunity",
                "user_id": owner.id,
                "stage_id": rnd.choice(stages),
                "email_from": f"contact{i}@example.com",
                "expected_revenue": rnd.randint(0, 50_000),
            }

        cw = common.case_worker(env)
        workers = _others(env, "bench_cw", ["base.group_user", "ht_consent.group_ht_case_worker"])
        case_stages = env["ht.case.stage"].search([]).ids

        def case(i):
            owner = cw if i % 10 == 0 else workers[i % 10]
            return {
                "case_manager_id": owner.id,
                "stage_id": rnd.choice(case_stages),
                "priority": rnd.choice("0123"),
                "legal_name": f"Person {i}",
            }

        env.cr.commit()
        print(f"crm.lead: {fill(env, 'crm.lead', args.scale, lead)} created")
        print(f"ht.case: {fill(env, 'ht.case', args.scale, case)} created")
        fill_network(env, args.providers, args.services, rnd)
        print(f"ht.referral: {fill_referrals(env, args.scale, rnd)} created")
        common.portal_provider(env)
        env.cr.commit()
        if args.log_lines:
            fill_logs(env, args.log_lines)

        fill_funder_data(env, rnd)
        lines = args.service_lines if args.service_lines is not None else 10 * args.scale
        fill_service_lines(env, lines, rnd)
        common.supervisor(env)
        env.cr.commit()
        # What autovacuum would do on a live database after such a load: without
        # statistics the planner misestimates and PostgreSQL's JIT costs 100+ ms;
        # without the visibility map no count is answered from an index alone.
        # VACUUM runs outside a transaction.
        env.cr.commit()
        env.cr._cnx.autocommit = True
        for table in (
            "crm_lead",
            "ht_case",
            "ht_case_team_rel",
            "ht_service",
            "res_partner",
            "ht_population_ht_service_rel",
            "ht_region_ht_service_rel",
            "ht_service_res_lang_rel",
            "ht_disclosure",
            "ht_case_access_log",
            "ht_consent",
            "ht_case_service_line",
            "ht_case_aid_line",
        ):
            env.cr.execute(f"VACUUM ANALYZE {table}")  # fixed table names, no input
        env.cr._cnx.autocommit = False


if __name__ == "__main__":
    main()
