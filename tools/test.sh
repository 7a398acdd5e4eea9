#!/usr/bin/env bash
# The native test command (what CI runs through .ci/run) on a machine where Odoo 18
# is importable by python3. It fails, with one clear FATAL line, when anything is
# broken, skipped, or logged an error; it prints the counts at the end.
#
#   1. Odoo 18.0 importable          5. fresh database, addons + demo installed (log checked)
#   2. a PostgreSQL server           6. pytest-odoo: every addon's tests + tests/ (log checked,
#   3. requirements (pip, checked)      skips refused unless allow-listed)
#   4. tools/lint.sh (all linters)   7. the same addon tests under `odoo --test-enable`,
#                                       on a second fresh database
#                                    8. benchmarks/generate.py + run.py at a tiny scale
#
# Environment (all optional):
#   HT_DB_HOST, HT_DB_PORT, HT_DB_USER, HT_DB_PASSWORD  use that server, do not manage one
#   HT_TEST_DB        database name (default ht_test; also <name>_odoo, <name>_bench)
#   HT_HTTP_PORT      port of the test HTTP server of step 7 (default 8069)
# For a quicker local loop only (refused under CI=true, where nothing may narrow the run):
#   HT_SKIP_LINT=1  HT_SKIP_PIP=1  HT_SKIP_RUNNER2=1  HT_SKIP_BENCH=1
#   PYTEST_ADDOPTS    extra pytest arguments (e.g. "-k consent -x")
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
py=${PYTHON:-python3}
addons="ht_consent,ht_referral_network,ht_case_management"
test_addons="$addons,test_ht_consent"
say() { printf '== %s\n' "$*"; }
fatal() { echo "FATAL: $*" >&2; exit 1; }

if [ "${CI:-}" = true ]; then
    for var in HT_SKIP_LINT HT_SKIP_PIP HT_SKIP_RUNNER2 HT_SKIP_BENCH PYTEST_ADDOPTS; do
        if [ -n "${!var:-}" ]; then
            echo "CI: ignoring $var='${!var}' (nothing narrows the run under CI)"
            unset "$var"
        fi
    done
fi

# 1. Odoo 18 must be importable, or nothing here means anything.
if ! series=$("$py" -c 'import odoo.release as r; print(r.series)' 2>/dev/null); then
    echo "FATAL: '$py' cannot import odoo: install Odoo 18.0 into this Python (README, 'Native test path')" >&2
    exit 2
fi
[ "$series" = "18.0" ] || { echo "FATAL: '$py' imports Odoo $series; these addons need Odoo 18.0" >&2; exit 2; }

# 2. A PostgreSQL server.
dbargs=()
if [ -n "${HT_DB_HOST:-}" ]; then
    dbargs=(--db_host="$HT_DB_HOST" --db_port="${HT_DB_PORT:-5432}" --db_user="${HT_DB_USER:-odoo}" --db_password="${HT_DB_PASSWORD:-odoo}")
    export PGHOST="$HT_DB_HOST" PGPORT="${HT_DB_PORT:-5432}" PGUSER="${HT_DB_USER:-odoo}" PGPASSWORD="${HT_DB_PASSWORD:-odoo}"
else
    if ! pg_isready -q 2>/dev/null; then
        if ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; then
            say "installing PostgreSQL (Debian package)"
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        fi
        # The cluster on libpq's default port (other clusters, e.g. the load test's, are left alone).
        cluster=$(pg_lsclusters -h 2>/dev/null | awk '$3 == 5432 {print $1" "$2; exit}')
        if [ -z "$cluster" ]; then
            ver=$(basename "$(dirname "$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/postgres' | sort -V | tail -n1)")")")
            pg_createcluster "$ver" main >/dev/null
            cluster="$ver main"
        fi
        say "starting PostgreSQL cluster $cluster"
        # shellcheck disable=SC2086
        pg_ctlcluster $cluster start
        for _ in $(seq 30); do pg_isready -q && break; sleep 1; done
    fi
    me=$(id -un)
    if [ "$me" != postgres ] && ! psql -d postgres -tAc 'select 1' >/dev/null 2>&1; then
        su postgres -c "createuser --superuser '$me'" 2>/dev/null || true
    fi
fi

run="$repo/.test-run"
mkdir -p "$run"

# 3. Python requirements: a failure stops the run (no linting with whatever lies around).
if [ "${HT_SKIP_PIP:-}" != 1 ]; then
    say "installing requirements.txt and requirements-test.txt"
    if ! "$py" -m pip install -q --disable-pip-version-check -r requirements.txt -r requirements-test.txt \
        >"$run/pip.log" 2>&1; then
        grep -v -e '^WARNING: Location' -e 'Running pip as the' "$run/pip.log" | tail -n 20
        fatal "pip could not install the requirements (full log: $run/pip.log)"
    fi
fi

# 4. Linters: the same script and versions as the pre-commit hooks.
if [ "${HT_SKIP_LINT:-}" != 1 ]; then
    bash tools/lint.sh || fatal "lint failed (bash tools/lint.sh --fix applies the fixers and formatters)"
fi

# 5. A fresh database with the three addons and demo data. The addons path is this
# repository first, then Odoo's own addons only: no rc file of the developer's can
# put another checkout of these addons in front.
db=${HT_TEST_DB:-ht_test}
odoo_paths=$("$py" -c 'import os, odoo
root = os.path.dirname(os.path.dirname(odoo.__file__))
print(",".join(p for p in (os.path.join(os.path.dirname(odoo.__file__), "addons"), os.path.join(root, "addons")) if os.path.isdir(p)))')
cat > "$run/odoo.conf" <<CONF
[options]
addons_path = $repo,$odoo_paths
data_dir = $run/data
db_name = $db
dbfilter = ^$db\$
list_db = False
log_level = warn
without_demo = False
max_cron_threads = 0
http_interface = 127.0.0.1
http_port = ${HT_HTTP_PORT:-8069}
CONF
for a in "${dbargs[@]}"; do
    k=${a%%=*}; k=${k#--}; echo "$k = ${a#*=}" >> "$run/odoo.conf"
done
export ODOO_RC="$run/odoo.conf"  # whatever calls Odoo below reads this, never ~/.odoorc

fresh_db() {
    dropdb --if-exists "$1"
    rm -rf "$run/data/filestore/$1"
}
say "fresh database $db"
fresh_db "$db"
log="$run/install.log"
rm -f "$log"  # Odoo appends to its log file: each check reads this run only
if ! "$py" -m odoo -c "$run/odoo.conf" -d "$db" -i "$test_addons" --stop-after-init --logfile="$log"; then
    tail -n 40 "$log"
    fatal "installing $test_addons in $db failed (full log: $log)"
fi
"$py" tools/check_run.py log "$log" || fatal "installing $test_addons logged errors (full log: $log)"
"$py" - <<'PY'
from odoo.tools import config
config.parse_config([])
from odoo.modules.module import get_module_path
for name in ("ht_consent", "ht_referral_network", "ht_case_management", "test_ht_consent"):
    print(f"   {name}: {get_module_path(name)}")
PY

# 6. A browser for the tours: without one Odoo skips them, and a skip fails the run.
if ! command -v chromium >/dev/null && ! command -v google-chrome >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing Debian's chromium for the browser tests (tours)"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
            || fatal "chromium could not be installed: the browser tours cannot run"
    else
        fatal "no chromium or google-chrome: the browser tours cannot run"
    fi
fi

# 7. The suite under pytest-odoo, with Odoo's log kept (pytest-odoo would log at
# critical only) and checked afterwards, and the results read from JUnit XML.
say "pytest against $db"
pylog="$run/pytest-odoo.log"
rm -f "$pylog" "$run/junit.xml"
set +e
"$py" -m pytest --odoo-config="$run/odoo.conf" --odoo-http --odoo-log-level=warn \
    --odoo-extra="logfile=$pylog" --junitxml="$run/junit.xml" \
    test_ht_consent ht_referral_network ht_case_management tests
rc=$?
set -e
[ -f "$run/junit.xml" ] || fatal "pytest wrote no result (exit $rc)"
"$py" tools/check_run.py junit "$run/junit.xml" | tee "$run/pytest.counts" || rc=1
[ -f "$pylog" ] || fatal "Odoo wrote no log during the tests"
"$py" tools/check_run.py log "$pylog" || rc=1
[ $rc -eq 0 ] || fatal "the pytest-odoo run failed (exit $rc; Odoo log: $pylog)"

# 8. The same addon tests under Odoo's own runner, on a second fresh database: what
# `odoo --test-enable`, runboat or OCA's CI run must be what pytest ran.
runner2=""
if [ "${HT_SKIP_RUNNER2:-}" != 1 ]; then
    db2="${db}_odoo"
    say "odoo --test-enable against $db2"
    fresh_db "$db2"
    log2="$run/odoo-test.log"
    rm -f "$log2"
    tags=$(echo "$test_addons" | sed 's/\([^,]*\)/\/\1/g')
    set +e
    "$py" -m odoo -c "$run/odoo.conf" -d "$db2" --db-filter="^$db2\$" -i "$test_addons" \
        --test-enable --test-tags="$tags" --stop-after-init --log-level=info --logfile="$log2"
    rc2=$?
    set -e
    runner2=$("$py" tools/check_run.py odoo-result "$log2") || { echo "$runner2"; fatal "odoo --test-enable failed (log: $log2)"; }
    echo "$runner2"
    "$py" tools/check_run.py log "$log2" || fatal "odoo --test-enable logged errors (log: $log2)"
    [ $rc2 -eq 0 ] || fatal "odoo --test-enable exited $rc2 (log: $log2)"
    n_pytest=$("$py" - "$run/junit.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
cases = ET.parse(sys.argv[1]).getroot().iter("testcase")
print(sum(1 for c in cases if not c.get("classname", "").startswith("tests.")))
PY
)
    n_odoo=$(echo "$runner2" | sed -E 's/^odoo --test-enable: ([0-9]+) passed.*/\1/')
    [ "$n_pytest" = "$n_odoo" ] \
        || fatal "pytest ran $n_pytest addon tests, odoo --test-enable $n_odoo: the two runners disagree"
    dropdb --if-exists "$db2"
fi

# 9. The benchmarks run from a fresh database at a tiny scale, so they cannot rot.
if [ "${HT_SKIP_BENCH:-}" != 1 ]; then
    dbb="${db}_bench"
    say "benchmarks at a tiny scale on a fresh $dbb"
    fresh_db "$dbb"
    "$py" benchmarks/generate.py -c "$run/odoo.conf" --db "$dbb" --scale 300 --providers 30 --services 90 \
        >"$run/bench.log" 2>&1 || { tail -n 30 "$run/bench.log"; fatal "benchmarks/generate.py failed"; }
    "$py" benchmarks/run.py -c "$run/odoo.conf" --db "$dbb" --runs 1 >>"$run/bench.log" 2>&1 \
        || { tail -n 30 "$run/bench.log"; fatal "benchmarks/run.py failed"; }
    "$py" tools/check_run.py log "$run/bench.log" || fatal "the benchmarks logged errors"
    sed -n '/^database /,$p' "$run/bench.log"
    dropdb --if-exists "$dbb"
fi

say "summary"
cat "$run/pytest.counts"
[ -z "$runner2" ] || echo "$runner2"
# The closing line CI reads: every test of both runners, nothing skipped.
sed -E 's/^pytest: /total: /' "$run/pytest.counts"
