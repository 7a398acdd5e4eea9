#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Time named scenarios on the benchmark database and print a table.

    python3 benchmarks/run.py [--db ht_bench] [-c odoo.conf] [--runs 7] [-k case]

Each scenario runs once to warm up, then `--runs` times; the table shows the
median wall time, the SQL queries of one run, and the ratio to the reference
scenario (Odoo's own crm.lead list) measured in the same run.
"""

import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

SCENARIOS = {}


def scenario(name, reference=False, once=False):
    """``once``: the scenario consumes its data (a cron draining its queue): it
    runs once, last, after a savepoint, and is rolled back."""

    def register(fn):
        fn.once = once
        SCENARIOS[name] = (fn, reference)
        return fn

    return register


def _list(env, model, user, spec, order):
    """What the web client does to open a list view: 80 rows plus the count."""
    Model = env[model].with_user(user)
    result = Model.web_search_read([], spec, limit=80, order=order, count_limit=None)
    # A full page, or every row when the database is smaller (the test command's scale).
    assert len(result["records"]) == min(80, result["length"]), result
    return result["length"]


@scenario("crm.lead list, own leads (80 rows + count)", reference=True)
def crm_lead_list(env):
    spec = {
        "name": {},
        "email_from": {},
        "expected_revenue": {},
        "create_date": {},
        "user_id": {"fields": {"display_name": {}}},
        "stage_id": {"fields": {"display_name": {}}},
    }
    return _list(env, "crm.lead", common.salesman(env), spec, "id desc")


@scenario("ht.case list, case worker (80 rows + count)")
def case_list(env):
    spec = {
        "code": {},
        "priority": {},
        "stage_id": {"fields": {"display_name": {}}},
        "case_manager_id": {"fields": {"display_name": {}}},
    }
    return _list(env, "ht.case", common.case_worker(env), spec, "priority desc, id desc")


@scenario("network matching, ranked providers (20 rows)")
def matching(env):
    cat = env.ref("ht_referral_network.ht_service_category_housing")
    user = common.case_worker(env)
    found = (
        env["ht.service"]
        .with_user(user)
        ._ht_match(
            cat,
            populations=env.ref("ht_referral_network.ht_population_adults"),
            lang=env["res.lang"].with_context(active_test=False).search([], limit=1),
            region=env["ht.region"].search([], limit=1),
            age=30,
            referring_partner=user.company_id.partner_id,
        )
    )
    return len(found)


@scenario("referral follow-up cron, one call (500 of each kind due)")
def referral_cron(env):
    expired, stale, done = env["ht.referral"]._cron_followup(batch_size=500)
    env.flush_all()
    env.cr.precommit.run()  # tracking messages are written at commit: count them too
    return len(expired) + len(stale) + len(done)


@scenario("referral follow-up cron, every due referral (until none left)", once=True)
def referral_cron_all(env):
    total = 0
    while True:
        expired, stale, done = env["ht.referral"]._cron_followup(batch_size=500)
        env.flush_all()
        env.cr.precommit.run()
        handled = len(expired) + len(stale) + len(done)
        if not handled:
            return total
        total += handled


@scenario("ht.referral portal list, provider (80 rows + count)")
def referral_portal_list(env):
    """What /my/referrals does for a provider's portal user: the referrals its
    organisation may see (the record rule), the count, and each packet re-decided
    against its consent at this moment (controllers/portal.py)."""
    user = common.portal_provider(env)
    Referral = env["ht.referral"].with_user(user)
    referrals = Referral.search([], order="id desc", limit=80)
    count = Referral.search_count([])
    referrals.read(["name", "case_code", "response_deadline", "state"])
    shown = referrals.sudo()._ht_portal_packets()
    assert len(shown) == len(referrals.filtered(lambda r: r.state not in ("draft",))), shown
    shown.read(["packet_need"])
    return count


@scenario("funder report, OVC quarterly (7 tables, suppressed)")
def funder_report_ovc(env):
    """What Preview does for a supervisor: the OVC performance measures of the
    last complete federal quarter, every table one grouped query."""
    user = common.supervisor(env)
    template = env.ref("ht_case_management.ht_funder_report_ovc")
    today = datetime.now().date() - timedelta(days=92)
    fiscal_year = template._ht_fiscal_year_of(today)
    quarter = (today.month - int(template.fiscal_year_start_month)) % 12 // 3 + 1
    wizard = (
        env["ht.funder.report.wizard"]
        .with_user(user)
        .create(
            {
                "template_id": template.id,
                "fiscal_year": fiscal_year,
                "period": f"q{quarter}",
                "company_id": user.company_id.id,
            }
        )
    )
    result = wizard._ht_compute()
    assert len(result["tables"]) == len(template.table_ids), result
    return result["case_count"]


def measure(env, fn, runs):
    fn(env)  # warm-up: caches, prepared plans
    times, queries, rows = [], None, None
    for _ in range(runs):
        env.invalidate_all()
        before = env.cr.sql_log_count
        start = time.perf_counter()
        rows = fn(env)
        times.append(time.perf_counter() - start)
        queries = env.cr.sql_log_count - before
    return statistics.median(times) * 1000, queries, rows


def main():
    p = common.parser(__doc__)
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("-k", dest="keyword", help="run only scenarios whose name contains this")
    args = p.parse_args()
    results = []
    with common.environment(args) as env:
        ordered = sorted(SCENARIOS.items(), key=lambda item: item[1][0].once)
        for name, (fn, reference) in ordered:
            if args.keyword and args.keyword not in name and not reference:
                continue
            if fn.once:
                env.cr.rollback()  # every scenario before it left the data as it was
                env.invalidate_all()
                before, start = env.cr.sql_log_count, time.perf_counter()
                rows = fn(env)
                ms = (time.perf_counter() - start) * 1000
                results.append((name, ms, env.cr.sql_log_count - before, rows, reference))
                env.cr.rollback()
                continue
            ms, queries, rows = measure(env, fn, args.runs)
            results.append((name, ms, queries, rows, reference))
        env.cr.rollback()
    ref = next((ms for _n, ms, _q, _r, is_ref in results if is_ref), None)
    width = max(len(r[0]) for r in results)
    print(f"\ndatabase {args.db}, median of {args.runs} runs\n")
    print(f"{'scenario'.ljust(width)} | {'rows':>8} | {'median ms':>9} | {'queries':>7} | ratio")
    print(f"{'-' * width}-|----------|-----------|---------|------")
    for name, ms, queries, rows, _is_ref in results:
        ratio = f"{ms / ref:.2f}" if ref else "-"
        print(f"{name.ljust(width)} | {rows:>8} | {ms:>9.1f} | {queries:>7} | {ratio}")


if __name__ == "__main__":
    main()
