#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the test command believes about a run, decided from its artefacts rather
than from an exit code alone (the way OCA's CI reads the Odoo log).

    check_run.py log FILE...         fail on an ERROR/CRITICAL record, a traceback,
                                     or a WARNING about our addons, unless allow-listed
    check_run.py junit FILE          print counts; fail on a failure, an error, a
                                     skip that is not allow-listed, or no test at all
    check_run.py odoo-result FILE    the same for `odoo --test-enable`'s result line;
                                     prints the number of tests run

The one allow-list is tools/test-allowlist.txt: `skip: <regex>  # reason` for a
skipped test id, `log: <regex>  # reason` for a log record. An entry without a
reason is refused, so nothing is silenced without saying why.
"""

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ALLOWLIST = Path(__file__).with_name("test-allowlist.txt")
RECORD = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>\S+): "
)
# A record is "ours" when its logger is one of our addons, or its text or stack
# names one of them (a warning Odoo logs about our model or from our code).
OURS = re.compile(
    r"odoo\.addons\.(?:test_)?ht_|/(?:test_)?ht_(?:consent|referral_network|case_management)/"
    r"|\bht\.[a-z]"
)


def allowlist(kind):
    entries = []
    for n, line in enumerate(ALLOWLIST.read_text().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#") or not line.startswith(f"{kind}:"):
            continue
        pattern, sep, reason = line[len(kind) + 1 :].partition("#")
        if not sep or not reason.strip():
            sys.exit(f"FATAL: {ALLOWLIST.name}:{n}: an allow-list entry needs a reason")
        entries.append(re.compile(pattern.strip()))
    return entries


def records(path):
    current = None
    for line in Path(path).read_text(errors="replace").splitlines():
        match = RECORD.match(line)
        if match:
            if current:
                yield current
            current = {"level": match["level"], "logger": match["logger"], "lines": [line]}
        elif current:
            current["lines"].append(line)
        else:  # text before any record (a crash of the interpreter itself)
            current = {"level": "RAW", "logger": "", "lines": [line]}
    if current:
        yield current


def check_log(paths):
    allowed = allowlist("log")
    bad, warnings = [], 0
    for path in paths:
        for rec in records(path):
            text = "\n".join(rec["lines"])
            if any(p.search(text) for p in allowed):
                continue
            fatal = rec["level"] in ("ERROR", "CRITICAL") or "Traceback (most recent" in text
            if rec["level"] == "WARNING":
                warnings += 1
                fatal = fatal or bool(OURS.search(text))
            if rec["level"] == "RAW":
                fatal = "Traceback (most recent" in text
            if fatal:
                bad.append((path, text))
    for path, text in bad[:20]:
        print(f"--- {path}\n{text[:3000]}")
    if bad:
        print(
            f"FATAL: {len(bad)} log record(s) above: an error, a traceback, or a warning about "
            f"our addons (allow-list only with a reason: tools/{ALLOWLIST.name})"
        )
        return 1
    print(f"log: no error, no traceback, no warning about our addons ({warnings} other warnings)")
    return 0


def check_junit(path):
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    allowed = allowlist("skip")
    total = failed = 0
    skipped, refused = [], []
    for suite in suites:
        for case in suite.iter("testcase"):
            total += 1
            node = f"{case.get('classname')}::{case.get('name')}"
            if case.find("failure") is not None or case.find("error") is not None:
                failed += 1
            skip = case.find("skipped")
            if skip is not None:
                skipped.append(node)
                if not any(p.search(node) for p in allowed):
                    refused.append(f"{node}: {skip.get('message', '')}")
    passed = total - failed - len(skipped)
    print(f"pytest: {passed} passed, {failed} failed, {len(skipped)} skipped")
    for line in refused:
        print(f"FATAL: skipped and not allow-listed: {line}")
    if not total:
        print("FATAL: no test ran")
    return 1 if failed or refused or not total else 0


ODOO_RESULT = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")


def check_odoo_result(path):
    found = ODOO_RESULT.findall(Path(path).read_text(errors="replace"))
    if not found:
        print("FATAL: odoo --test-enable printed no test result")
        return 1
    failed, errors, run = (int(x) for x in found[-1])
    text = Path(path).read_text(errors="replace")
    skipped = len(re.findall(r"^\S+ \S+ \d+ INFO \S+ \S+: skipped ", text, re.MULTILINE))
    print(f"odoo --test-enable: {run - failed - errors} passed, {failed + errors} failed")
    if not run:
        print("FATAL: odoo --test-enable ran no test")
    if skipped:
        print(f"FATAL: odoo --test-enable skipped {skipped} test(s)")
    return 1 if failed or errors or not run or skipped else 0


if __name__ == "__main__":
    kind, *args = sys.argv[1:]
    sys.exit(
        {"log": lambda: check_log(args), "junit": lambda: check_junit(args[0])}.get(
            kind, lambda: check_odoo_result(args[0])
        )()
    )
