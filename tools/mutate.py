#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Break each guarantee of README "Rules that matter" once, on purpose, and check that
the test named for it fails (a mutation that no test catches is a missing test).

    python3 tools/mutate.py [-k WORD] [--list]

Each mutation replaces one exact piece of code (it must occur exactly once in its
file), runs only the tests named for it with pytest-odoo against the test database
of the last `tools/test.sh` run (.test-run/odoo.conf), and restores the file,
whatever happens. Python-only mutations: pytest-odoo loads the code anew, no upgrade
is needed. Exit status 1 when a mutation survives.
"""

import argparse
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONF = REPO / ".test-run" / "odoo.conf"

# (guarantee, file, original, mutant, tests)
MUTATIONS = []


def run(mutation):
    _guarantee, rel, original, mutant, tests = mutation
    path = REPO / rel
    source = path.read_text()
    count = source.count(original)
    if count != 1:
        return f"STALE ({count} matches of the original in {rel})"
    path.write_text(source.replace(original, mutant))
    try:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-x",
                "-p",
                "no:randomly",
                f"--odoo-config={CONF}",
                "--odoo-http",
                *tests,
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        path.write_text(source)
    last = (proc.stdout.strip().splitlines() or ["(no output)"])[-1]
    return ("caught: " if proc.returncode not in (0, 5) else "SURVIVED: ") + last


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-k", dest="keyword", help="only mutations whose guarantee has this word")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    chosen = [m for m in MUTATIONS if not args.keyword or args.keyword.lower() in m[0].lower()]
    if not CONF.is_file() and not args.list:
        sys.exit("FATAL: run tools/test.sh once first (it writes .test-run/odoo.conf)")
    survived = 0
    for mutation in chosen:
        verdict = "(not run)" if args.list else run(mutation)
        survived += verdict.startswith(("SURVIVED", "STALE"))
        print(f"- {mutation[0]}\n    {mutation[1]}: {verdict}\n    tests: {' '.join(mutation[4])}")
    print(f"{len(chosen) - survived} of {len(chosen)} mutations caught")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
