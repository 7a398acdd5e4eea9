#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Load test on this machine, in the production shape: a PostgreSQL primary with a
streaming replica, Odoo with HTTP workers, a cron worker and the gevent worker,
Locust users on 127.0.0.1 (loopback only), crons running while people work.

    python3 benchmarks/load/run_load.py [--users 10,20,40] [--duration 180] [--scale 20000]
                                        [--workers N] [--no-replica] [--keep]

What it does, step by step (each step idempotent, rerun safely):
1. Two PostgreSQL 15 clusters of its own (never the developer's): `htload`
   (primary, port 5440) and `htload_replica` (port 5441), the replica made with
   `pg_basebackup -R` and streaming from the primary.
2. The benchmark generator fills database `ht_load` on the primary (crm.lead,
   ht.case, providers, referrals, consents), then users get passwords and roles.
3. Odoo serves it with `--workers` (default: the documented 2 × CPU + 1),
   `--max-cron-threads=1`, `--db_replica_host` (read-only requests go to the
   replica); the referral follow-up and consent-expiry crons run every minute.
4. For each user count, Locust runs the mixed workload of locustfile.py for
   `--duration` seconds; its numbers are read from its CSV files.
5. Nothing lost: every referral sent has exactly one disclosure line, every answer
   the portal confirmed is in the database exactly once, no capacity is negative,
   the server logged no error.
The table (requests/s, p50/p95/p99 per request, errors; the crm.lead workload of
the same run next to ours) is printed and written to benchmarks/results/.
Needs root (it runs PostgreSQL's tools as the `postgres` user).
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
WORK = REPO / ".test-run" / "load"
PRIMARY, REPLICA = ("htload", 5440), ("htload_replica", 5441)
SOCKET = "/var/run/postgresql"
DB = "ht_load"
PG = "15"
# each group of requests of ours, next to the crm.lead request it compares with
LOGINS = ("Aggregated", "login", "portal: login", "portal: login page")
PAIRS = [
    ("case: list", "crm: list"),
    ("case: form", "crm: form"),
    ("case: add note", "crm: log note"),
]


def run(cmd, **kw):
    print("  $", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run(cmd, check=True, **kw)


def as_postgres(*cmd, **kw):
    return run(["runuser", "-u", "postgres", "--", *cmd], **kw)


def psql(sql, port=PRIMARY[1], db=DB):
    out = subprocess.run(
        ["psql", "-h", SOCKET, "-p", str(port), "-d", db, "-AtX", "-c", sql],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def clusters():
    out = subprocess.run(["pg_lsclusters", "-h"], check=True, capture_output=True, text=True)
    out = out.stdout
    return {line.split()[1]: line.split() for line in out.splitlines() if line.startswith(PG)}


def setup_clusters(replica):
    """A primary and (optionally) its streaming replica, both PostgreSQL 15."""
    existing = clusters()
    name, port = PRIMARY
    if name not in existing:
        run(["pg_createcluster", PG, name, "-p", str(port)])
        conf = Path(f"/etc/postgresql/{PG}/{name}/postgresql.conf")
        with conf.open("a") as out:
            out.write(
                "\n# load test: a small production-like primary\n"
                "wal_level = replica\nmax_wal_senders = 5\nhot_standby = on\n"
                "shared_buffers = 1GB\nwork_mem = 32MB\nmax_connections = 200\n"
                "synchronous_commit = on\n"
            )
    if clusters()[name][3] != "online":
        run(["pg_ctlcluster", PG, name, "start"])
    try:
        psql("SELECT 1", port, "postgres")
    except subprocess.CalledProcessError:
        as_postgres(
            "createuser", "-h", SOCKET, "-p", str(port), "-s", os.environ.get("USER", "root")
        )
    if not replica:
        return
    rname, rport = REPLICA
    if rname not in clusters():
        run(["pg_createcluster", PG, rname, "-p", str(rport)])
        data = Path(f"/var/lib/postgresql/{PG}/{rname}")
        shutil.rmtree(data)
        as_postgres(
            "pg_basebackup", "-h", SOCKET, "-p", str(port), "-D", str(data), "-R", "-X", "stream"
        )
        with Path(f"/etc/postgresql/{PG}/{rname}/postgresql.conf").open("a") as out:
            out.write("\nhot_standby = on\nshared_buffers = 1GB\nmax_connections = 200\n")
    if clusters()[rname][3] != "online":
        run(["pg_ctlcluster", PG, rname, "start"])
    state = psql("SELECT state FROM pg_stat_replication", port, "postgres")
    print(f"  replication from {name} to {rname}: {state or 'not streaming'}")
    if state != "streaming":
        sys.exit("the replica does not stream from the primary")


def odoo_conf(args):
    WORK.mkdir(parents=True, exist_ok=True)
    import odoo

    odoo_root = Path(odoo.__file__).resolve().parent
    paths = [str(REPO), str(odoo_root / "addons"), str(odoo_root.parent / "addons")]
    conf = WORK / "odoo.conf"
    lines = [
        "[options]",
        f"addons_path = {','.join(p for p in paths if Path(p).is_dir())}",
        f"data_dir = {WORK / 'data'}",
        f"db_host = {SOCKET}",
        f"db_port = {PRIMARY[1]}",
        f"db_name = {DB}",
        f"dbfilter = ^{DB}$",
        "list_db = False",
        "log_level = warn",
        f"http_port = {args.port}",
        f"gevent_port = {args.port + 3}",
        "http_interface = 127.0.0.1",
        f"workers = {args.workers}",
        "max_cron_threads = 1",
        "limit_time_cpu = 120",
        "limit_time_real = 240",
        # documented per-worker memory limits for a small server
        "limit_memory_soft = 2147483648",
        "limit_memory_hard = 2684354560",
        f"db_maxconn = {max(32, args.workers * 8)}",
    ]
    if args.replica:
        lines += [f"db_replica_host = {SOCKET}", f"db_replica_port = {REPLICA[1]}"]
    conf.write_text("\n".join(lines) + "\n")
    return conf


def prepare_data(args, conf):
    run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "generate.py"),
            "--db",
            DB,
            "-c",
            str(conf),
            "--scale",
            str(args.scale),
            "--providers",
            str(max(args.scale // 10, 50)),
            "--services",
            str(max(args.scale // 2, 100)),
        ]
    )
    users = WORK / "users.json"
    run(
        [sys.executable, str(HERE / "prepare.py"), DB, str(conf), str(users)],
        env=dict(os.environ, PYTHONPATH=str(REPO / "benchmarks")),
    )
    return users


def start_odoo(args, conf):
    log = WORK / "odoo.log"
    log.unlink(missing_ok=True)
    process = subprocess.Popen(
        [sys.executable, "-m", "odoo", "-c", str(conf), f"--logfile={log}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _attempt in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{args.port}/web/health", timeout=2)
            break
        except OSError:
            time.sleep(1)
    else:
        process.terminate()
        sys.exit(f"Odoo did not answer on port {args.port} (log: {log})")
    # every worker loads the registry on its first request: not part of the figures
    with ThreadPoolExecutor(args.workers * 2) as pool:
        list(
            pool.map(
                lambda _i: urllib.request.urlopen(
                    f"http://127.0.0.1:{args.port}/web/login", timeout=120
                ).read(),
                range(args.workers * 4),
            )
        )
    return process, log


def locust_bin():
    venv = WORK / "locust-venv"
    binary = venv / "bin" / "locust"
    if not binary.exists():
        run([sys.executable, "-m", "venv", str(venv)])
        run([str(venv / "bin" / "pip"), "install", "-q", "-r", str(HERE / "requirements.txt")])
    return binary


def run_locust(args, users_file, n):
    prefix = WORK / f"u{n}"
    journal = WORK / f"u{n}-journal.jsonl"
    journal.unlink(missing_ok=True)
    run(
        [
            str(locust_bin()),
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "--only-summary",
            "-u",
            str(n),
            "-r",
            str(max(n // 5, 1)),
            "-t",
            f"{args.duration}s",
            "--host",
            f"http://127.0.0.1:{args.port}",
            "--csv",
            str(prefix),
            "--loglevel",
            "WARNING",
        ],
        env=dict(os.environ, HT_LOAD_USERS=str(users_file), HT_LOAD_JOURNAL=str(journal)),
        stdout=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    entries = [json.loads(line) for line in journal.open()] if journal.exists() else []
    return rows, entries


def check_nothing_lost(entries, since, log):
    """What the load must never break. Returns the list of problems."""
    problems = []
    sent = [e["referral"] for e in entries if e["kind"] == "send"]
    answered = [e for e in entries if e["kind"] == "answer"]
    if not sent or not answered:
        # the checks below would hold of nothing: the workload itself is broken
        problems.append(
            f"{len(sent)} referrals sent and {len(answered)} answered: the workload did not "
            "send and answer referrals (see the Odoo log for why)"
        )
    if len(set(sent)) != len(sent):
        problems.append("a referral was reported sent twice")
    if sent:
        rows = psql(
            "SELECT r.id, COUNT(d.id) FROM ht_referral r LEFT JOIN ht_disclosure d "
            "ON d.reference = r.name AND d.channel = 'referral_packet' "
            f"WHERE r.id IN ({','.join(map(str, sent))}) GROUP BY r.id"
        )
        counts = dict(line.split("|") for line in rows.splitlines())
        wrong = [rid for rid in sent if counts.get(str(rid)) != "1"]
        if wrong:
            problems.append(f"{len(wrong)} referrals sent without exactly one disclosure line")
    ids = [e["referral"] for e in answered]
    if len(set(ids)) != len(ids):
        problems.append("a referral was answered twice (the second answer was accepted)")
    if answered:
        states = dict(
            line.split("|")
            for line in psql(
                f"SELECT id, state FROM ht_referral WHERE id IN ({','.join(map(str, ids))})"
            ).splitlines()
        )
        later = {"accept": {"accepted", "in_progress", "completed", "not_completed"}}
        for entry in answered:
            expected = later.get(entry["answer"], {"declined"})
            if states.get(str(entry["referral"])) not in expected | {"recalled", "expired"}:
                problems.append(
                    f"referral {entry['referral']} answered {entry['answer']} is "
                    f"{states.get(str(entry['referral']))}"
                )
    negative = psql("SELECT COUNT(*) FROM ht_service WHERE capacity_available < 0")
    if negative != "0":
        problems.append(f"{negative} services with a negative capacity")
    duplicates = psql(
        "SELECT COUNT(*) FROM (SELECT reference FROM ht_disclosure WHERE channel = "
        f"'referral_packet' AND disclosed_on >= '{since}' GROUP BY reference, recipient_id "
        "HAVING COUNT(*) > 1) d"
    )
    if duplicates != "0":
        problems.append(f"{duplicates} referrals disclosed twice")
    errors = [
        line for line in log.read_text().splitlines() if " ERROR " in line or " CRITICAL " in line
    ]
    if errors:
        problems.append(f"{len(errors)} errors in the Odoo log, first: {errors[0][:200]}")
    return problems


def table(results, args):
    lines = [
        (
            f"Load test {datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, "
            f"{args.workers} HTTP workers + 1 cron worker, "
            f"replica: {'yes' if args.replica else 'no'}, "
            f"{args.duration} s per step, scale {args.scale}"
        ),
        "",
        (
            "| users | request | count | errors | req/s | p50 ms | p95 ms | p99 ms "
            "| crm.lead p95 ms | ratio |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    pairs = dict(PAIRS)
    for n, rows in results:
        for name, row in sorted(rows.items()):
            if name in LOGINS or name.startswith("crm:"):
                continue
            ref = rows.get(pairs.get(name, ""), {})
            ratio = ""
            if ref and float(ref["95%"] or 0):
                ratio = f"{float(row['95%']) / float(ref['95%']):.2f}×"
            lines.append(
                f"| {n} | {name} | {row['Request Count']} | {row['Failure Count']} | "
                f"{float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} | {row['99%']} | "
                f"{ref.get('95%', '')} | {ratio} |"
            )
        for name in ("crm: list", "crm: form", "crm: log note"):
            row = rows.get(name)
            if row:
                lines.append(
                    f"| {n} | {name} | {row['Request Count']} | {row['Failure Count']} | "
                    f"{float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} | "
                    f"{row['99%']} | | |"
                )
        work = [r for name, r in rows.items() if name not in LOGINS]
        lines.append(
            f"| {n} | all but logins | {sum(int(r['Request Count']) for r in work)} | "
            f"{sum(int(r['Failure Count']) for r in work)} | "
            f"{sum(float(r['Requests/s']) for r in work):.1f} | | | | | |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", default="10,20,40")
    parser.add_argument("--duration", type=int, default=180)
    parser.add_argument("--scale", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=8269)
    parser.add_argument("--no-replica", dest="replica", action="store_false")
    parser.add_argument("--keep", action="store_true", help="leave Odoo and the clusters running")
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("run as root: the clusters are made with PostgreSQL's own tools")
    print("== PostgreSQL primary" + (" and streaming replica" if args.replica else ""))
    setup_clusters(args.replica)
    conf = odoo_conf(args)
    print(f"== data at scale {args.scale} in {DB}")
    users = prepare_data(args, conf)
    print(f"== Odoo, {args.workers} workers")
    since = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
    odoo_process, log = start_odoo(args, conf)
    results, problems, entries = [], [], []
    try:
        for n in [int(x) for x in args.users.split(",")]:
            print(f"== {n} users for {args.duration} s")
            rows, journal = run_locust(args, users, n)
            results.append((n, rows))
            entries += journal
            failures = int(rows.get("Aggregated", {}).get("Failure Count", 0))
            if failures:
                problems.append(f"{failures} failed requests with {n} users")
        cron_runs = psql(
            "SELECT COUNT(*) FROM ir_cron WHERE lastcall >= "
            f"'{since}' AND id IN (SELECT res_id FROM ir_model_data WHERE model = 'ir.cron' AND "
            "name IN ('ir_cron_ht_referral_followup', 'ir_cron_ht_consent_expire'))"
        )
        # the cron worker first sleeps a minute: a shorter run proves nothing here
        if cron_runs != "2" and args.duration * len(results) > 90:
            problems.append(f"the two crons did not both run during the test ({cron_runs})")
    finally:
        if not args.keep:
            odoo_process.terminate()
            odoo_process.wait()
    problems += check_nothing_lost(entries, since, log)
    report = table(results, args)
    sends = sum(1 for e in entries if e["kind"] == "send")
    answers = sum(1 for e in entries if e["kind"] == "answer")
    report += f"\n\nReferrals sent {sends}, answered on the portal {answers}; " + (
        "nothing lost: every check passed."
        if not problems
        else "PROBLEMS:\n- " + "\n- ".join(problems)
    )
    print(report)
    out = REPO / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / f"load-{datetime.now():%Y%m%d-%H%M}.md").write_text(report + "\n")
    if not args.keep:
        for name, _port in (REPLICA, PRIMARY):
            if name in clusters():
                # Dropped, not only stopped: a cluster left in /etc/postgresql would be
                # one more server on this machine for every later script to choose from.
                run(["pg_dropcluster", "--stop", PG, name])
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
