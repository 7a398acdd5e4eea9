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


def scenario(name, reference=False, once=False, prepare=None):
    """``once``: the scenario consumes its data (a cron draining its queue): it
    runs once, last, after a savepoint, and is rolled back. ``prepare``: a function
    of the environment run before each timed run (not timed), whose result the
    scenario receives: what the request already holds (the wizard's record, the
    draft to send), so the row times the action itself."""

    def register(fn):
        fn.once = once
        fn.prepare = prepare
        SCENARIOS[name] = (fn, reference)
        return fn

    return register


def _call(env, fn):
    if fn.prepare:
        return fn(env, fn.prepare(env))
    return fn(env)


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


def _matching_inputs(env):
    """What the Find a provider form holds when the case worker searches."""
    user = common.case_worker(env)
    return {
        "user": user,
        "category": env.ref("ht_referral_network.ht_service_category_housing"),
        "populations": env.ref("ht_referral_network.ht_population_adults"),
        "lang": env["res.lang"].with_context(active_test=False).search([], limit=1),
        "region": env["ht.region"].search([], limit=1),
        "referring_partner": user.company_id.partner_id,
    }


@scenario("network matching, ranked providers (20 rows)", prepare=_matching_inputs)
def matching(env, inputs):
    found = (
        env["ht.service"]
        .with_user(inputs["user"])
        ._ht_match(
            inputs["category"],
            populations=inputs["populations"],
            lang=inputs["lang"],
            region=inputs["region"],
            age=30,
            referring_partner=inputs["referring_partner"],
        )
    )
    return len(found)


@scenario("referral follow-up cron, one call (500 of each kind due)")
def referral_cron(env):
    env = env(context={})  # as ir.cron runs it: with mail tracking (logged at commit)
    expired, stale, done = env["ht.referral"]._cron_followup(batch_size=500)
    env.flush_all()
    env.cr.precommit.run()  # tracking messages are written at commit: count them too
    return len(expired) + len(stale) + len(done)


@scenario("referral follow-up cron, every due referral (until none left)", once=True)
def referral_cron_all(env):
    env = env(context={})  # as ir.cron runs it: with mail tracking (logged at commit)
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


def _intake_inputs(env):
    return {"user": common.case_worker(env)}


@scenario("ht.case creation, intake form (one case)", prepare=_intake_inputs)
def case_creation(env, inputs):
    """What "Open the case" of the intake form does: the case, its first stage's
    checklist, history and followers, the rapid needs assessment."""
    intake = (
        env["ht.case.intake"]
        .with_user(inputs["user"])
        .create(
            {
                "legal_name": "Bench Person",
                "intake_channel": "walk_in",
                "priority": "1",
                "need_category_ids": [
                    (6, 0, env.ref("ht_referral_network.ht_service_category_housing").ids)
                ],
            }
        )
    )
    intake.action_open_case()
    env.flush_all()  # what the request writes before its commit, as for the lead
    return 1


@scenario("crm.lead creation (one lead)", prepare=lambda env: {"user": common.salesman(env)})
def lead_creation(env, inputs):
    env["crm.lead"].with_user(inputs["user"]).create(
        {"name": "Bench inquiry", "email_from": "bench@example.com", "type": "opportunity"}
    )
    # Odoo leaves some of the lead's work to the flush (its stage, its probability
    # from the scoring frequencies, one UPDATE): a request pays it before its commit.
    env.flush_all()
    return 1


@scenario("ht.case creation, intake form, with tracking (one case)", prepare=_intake_inputs)
def case_creation_tracked(env, inputs):
    """The same, as a request does it: with mail tracking and the creation message,
    and what Odoo writes at commit (tracking templates) counted."""
    case_creation(env(context={}), inputs)
    env.cr.precommit.run()
    return 1


@scenario(
    "crm.lead creation, with tracking (one lead)",
    prepare=lambda env: {"user": common.salesman(env)},
)
def lead_creation_tracked(env, inputs):
    lead_creation(env(context={}), inputs)
    env.cr.precommit.run()
    return 1


def _portal_case(env):
    """A case of the benchmark case worker whose consent covers the portal provider."""
    user = common.case_worker(env)
    provider = common.portal_provider(env).partner_id.parent_id
    consent = env["ht.consent"].search(
        [
            ("state", "=", "active"),
            ("recipient_ids", "in", provider.ids),
            ("res_model", "=", "ht.case"),
            ("res_id", "in", env["ht.case"]._search([("case_manager_id", "=", user.id)])),
        ],
        limit=1,
    )
    case = env["ht.case"].browse(consent.res_id)
    return {
        "user": user,
        "case": case.with_user(user),
        "consent": consent,
        "provider": provider,
        "categories": consent.category_ids,
        "service": env["ht.service"].search([("provider_id", "=", provider.id)], limit=1),
    }


@scenario("consent check, referral purpose (disclosure log as generated)", prepare=_portal_case)
def consent_check(env, inputs):
    return len(
        inputs["case"]._ht_consent_check(inputs["provider"], inputs["categories"], "referral")
    )


def _draft_referral(env):
    inputs = _portal_case(env)
    referral = (
        env["ht.referral"]
        .with_user(inputs["user"])
        .create({"case_id": inputs["case"].id, "service_id": inputs["service"].id})
    )
    referral.flush_recordset()
    return referral


@scenario(
    "referral send (consent check, packet, disclosure line, provider told)", prepare=_draft_referral
)
def referral_send(env, referral):
    referral.action_send()
    env.flush_all()
    return 1


def _log_reader(env):
    inputs = _portal_case(env)
    inputs["supervisor"] = common.bench_user(
        env, "bench_supervisor", ["base.group_user", "ht_consent.group_ht_supervisor"]
    )
    return inputs


@scenario("a consent's disclosure log, first page (80 rows + count)", prepare=_log_reader)
def consent_disclosures(env, inputs):
    result = (
        env["ht.disclosure"]
        .with_user(inputs["user"])
        .web_search_read(
            [("consent_id", "=", inputs["consent"].id)],
            {"disclosed_on": {}, "recipient_id": {"fields": {"display_name": {}}}, "channel": {}},
            limit=80,
            count_limit=None,
        )
    )
    return result["length"]


@scenario("a case's access history, first page (80 rows + count)", prepare=_log_reader)
def case_access_history(env, inputs):
    result = (
        env["ht.case.access.log"]
        .with_user(inputs["supervisor"])
        .web_search_read(
            [("case_id", "=", inputs["case"].id)],
            {"date": {}, "user_id": {"fields": {"display_name": {}}}},
            limit=80,
            count_limit=None,
        )
    )
    return result["length"]


@scenario("HSDS API page, 50 services, full documents")
def hsds_api_page(env):
    """What GET /hsds/services?per_page=50&full=1 does (controllers/hsds.py): the
    count, the page, and each service as a whole HSDS document."""
    exporter = env["ht.hsds.export"].sudo().with_context(lang="en_US")
    page = exporter._ht_page(
        "ht.service",
        exporter._ht_service_domain(),
        2,
        50,
        lambda recs: exporter._ht_service_docs(recs, full=True),
    )
    assert page["size"] == min(50, max(page["total_items"] - 50, 0)), page["size"]
    return page["total_items"]


@scenario("HSDS export, whole published directory as a zip", once=True)
def hsds_export(env):
    """The coordinator's download: every published organisation and service,
    serialised in batches of 1,000 into a zip in a temporary file."""
    import tempfile

    exporter = env["ht.hsds.export"].sudo().with_context(lang="en_US")
    with tempfile.TemporaryFile() as tmp:
        counts = exporter._ht_export_zip(tmp)
    return counts["services.json"]


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
    _call(env, fn)  # warm-up: caches, prepared plans
    times, queries, rows = [], None, None
    for _ in range(runs):
        env.invalidate_all()
        prepared = fn.prepare(env) if fn.prepare else None
        before = env.cr.sql_log_count
        start = time.perf_counter()
        rows = fn(env, prepared) if fn.prepare else fn(env)
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
                rows = _call(env, fn)
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
