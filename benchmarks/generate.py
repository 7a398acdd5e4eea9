#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fill the benchmark database at a chosen scale, through the ORM, in batches.

    python3 benchmarks/generate.py --scale 100000 [--db ht_bench] [-c odoo.conf]

Creates (or tops up to) `scale` crm.lead records and `scale` ht.case records.
One tenth of each belongs to the benchmark user of that scenario (a salesman with
"own documents only", a case worker), the rest to ten other users, as in a
mid-sized agency. Safe to rerun: it only adds what is missing.
"""

import random
import sys
import time
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


def main():
    args = common.parser(__doc__).parse_args()
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
        env.cr.commit()


if __name__ == "__main__":
    main()
