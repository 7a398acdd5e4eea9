#!/usr/bin/env bash
# The native test command (what CI and developers run on a machine where Odoo 18 is
# importable by python3): lint, fresh database, install the three addons with demo
# data, run every addon's tests and tests/ with pytest-odoo. Exit status is pytest's
# (or the first failing step's); 5 (no test collected) is turned into a failure.
#
# Environment (all optional):
#   HT_DB_HOST, HT_DB_PORT, HT_DB_USER, HT_DB_PASSWORD  use that server, do not manage one
#   HT_TEST_DB        database name (default ht_test); it is dropped and created anew
#   HT_SKIP_LINT=1    skip ruff and pylint-odoo
#   HT_SKIP_PIP=1     do not install requirements
#   HT_HTTP_PORT      port of the test HTTP server (default 8069)
#   PYTEST_ADDOPTS    extra pytest arguments (e.g. "-k consent -x")
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
py=${PYTHON:-python3}
addons="ht_consent,ht_referral_network,ht_case_management"
say() { printf '== %s\n' "$*"; }

# 1. Odoo 18 must be importable, or nothing here means anything.
if ! series=$("$py" -c 'import odoo.release as r; print(r.series)' 2>/dev/null); then
    echo "FATAL: '$py' cannot import odoo: install Odoo 18.0 into this Python (README, 'Native test path')" >&2
    exit 2
fi
if [ "$series" != "18.0" ]; then
    echo "FATAL: '$py' imports Odoo $series; these addons need Odoo 18.0" >&2
    exit 2
fi

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
        cluster=$(pg_lsclusters -h 2>/dev/null | head -n1 | awk '{print $1" "$2}')
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

# 3. Python requirements.
if [ "${HT_SKIP_PIP:-}" != 1 ]; then
    say "installing requirements.txt and requirements-test.txt"
    "$py" -m pip install -q --disable-pip-version-check -r requirements.txt -r requirements-test.txt 2>&1 \
        | grep -v -e '^WARNING: Location' -e 'Running pip as the' || true
fi

# 4. Linters.
if [ "${HT_SKIP_LINT:-}" != 1 ]; then
    say "ruff"
    "$py" -m ruff check --no-cache .
    "$py" -m ruff format --no-cache --check .
    say "pylint-odoo (mandatory checks)"
    "$py" -m pylint --rcfile=.pylintrc-mandatory ${addons//,/ }
fi

# 5. A fresh database with the three addons and demo data.
run="$repo/.test-run"
mkdir -p "$run"
db=${HT_TEST_DB:-ht_test}
base_addons=$("$py" -c 'from odoo.tools import config; config.parse_config([]); print(config["addons_path"])')
cat > "$run/odoo.conf" <<CONF
[options]
addons_path = $base_addons,$repo
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
say "fresh database $db"
dropdb --if-exists "$db"
rm -rf "$run/data/filestore/$db"
log="$run/install.log"
if ! "$py" -m odoo -c "$run/odoo.conf" -d "$db" -i "$addons,test_ht_consent" --stop-after-init >"$log" 2>&1 \
    || grep -E ' (ERROR|CRITICAL) ' "$log" >/dev/null; then
    grep -E -A20 ' (ERROR|CRITICAL) ' "$log" | head -n 80 || tail -n 40 "$log"
    echo "FATAL: installing $addons in $db failed (full log: $log)" >&2
    exit 1
fi

# 6. A browser for the tours (Odoo skips browser tests when none is found).
if ! command -v chromium >/dev/null && ! command -v google-chrome >/dev/null \
    && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Debian's chromium for the browser tests (tours)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
        || echo "WARNING: chromium could not be installed; browser tours will be skipped" >&2
fi

# 7. The suite.
say "pytest against $db"
set +e
HT_ODOO_CONFIG="$run/odoo.conf" "$py" -m pytest --odoo-config="$run/odoo.conf" --odoo-http \
    test_ht_consent ht_referral_network ht_case_management tests
rc=$?
set -e
if [ $rc -eq 5 ]; then
    echo "FATAL: pytest collected no test" >&2
    exit 1
fi
exit $rc
