#!/usr/bin/env bash
# Every lint check of the project, one set of versions, the same locally and in CI:
# tools/test.sh runs it, and .pre-commit-config.yaml's hooks call it. Python tools
# come from requirements-test.txt, prettier from tools/prettier/package-lock.json.
#   bash tools/lint.sh [--fix]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
py=${PYTHON:-python3}
fix=${1:-}
say() { printf '== %s\n' "$*"; }
addons=(ht_consent ht_referral_network ht_case_management test_ht_consent)

# The files under version control (and new ones not ignored), minus translations.
mapfile -t files < <(git ls-files --cached --others --exclude-standard | grep -v -E '(^|/)i18n/.*\.pot?$' | while read -r f; do [ -f "$f" ] && echo "$f"; done)
pick() { printf '%s\n' "${files[@]}" | grep -E "$1" || true; }

say "files: trailing whitespace, end of file, line endings, merge conflicts, XML, YAML"
mapfile -t text < <(pick '\.(py|xml|js|csv|md|yml|yaml|toml|txt|sh|cfg|json|scss|css|html|po|pot)$|(^|/)(Dockerfile|\.gitignore|run)$')
if [ "$fix" = --fix ]; then
    trailing-whitespace-fixer "${text[@]}" || true
    end-of-file-fixer "${text[@]}" || true
    mixed-line-ending --fix=lf "${text[@]}" || true
fi
trailing-whitespace-fixer "${text[@]}"
end-of-file-fixer "${text[@]}"
mixed-line-ending --fix=no "${text[@]}"
check-merge-conflict "${text[@]}"
mapfile -t xml < <(pick '\.xml$')
check-xml "${xml[@]}"
mapfile -t yaml < <(pick '\.ya?ml$')
check-yaml "${yaml[@]}"

say "ruff $("$py" -m ruff --version | cut -d' ' -f2)"
if [ "$fix" = --fix ]; then "$py" -m ruff check --fix --no-cache -q . || true; "$py" -m ruff format --no-cache -q .; fi
"$py" -m ruff check --no-cache .
"$py" -m ruff format --no-cache --check .

say "pylint-odoo $("$py" -m pip show pylint-odoo 2>/dev/null | sed -n 's/^Version: //p') (mandatory checks)"
"$py" -m pylint --rcfile=.pylintrc-mandatory "${addons[@]}"

prettier_dir=tools/prettier
if [ ! -x "$prettier_dir/node_modules/.bin/prettier" ] \
    || [ "$prettier_dir/package-lock.json" -nt "$prettier_dir/node_modules/.package-lock.json" ]; then
    say "installing prettier (npm ci, tools/prettier/package-lock.json)"
    npm ci --prefix "$prettier_dir" --silent --no-audit --no-fund
fi
bin=$prettier_dir/node_modules/.bin/prettier
say "prettier $("$bin" --version) (XML, JS)"
mapfile -t pretty < <(pick '\.xml$|/static/.*\.js$')
mode=--check
[ "$fix" = --fix ] && mode=--write
"$bin" --plugin="$repo/$prettier_dir/node_modules/@prettier/plugin-xml" "$mode" --loglevel warn "${pretty[@]}"
say "lint: all checks passed"
