#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Translation templates and the Spanish translation of the three addons.

    python3 tools/i18n.py export -c odoo.conf -d DB   regenerate each addon's .pot
                                                      (Odoo's own --i18n-export, on a
                                                      database where they are installed)
    python3 tools/i18n.py es [--extra more.json]      rewrite each es.po from its .pot

`es` keeps every translation es.po already has (by msgid), takes Odoo's own Spanish
for the terms Odoo itself defines (field labels of mail.thread, "Followers"...), and
an optional JSON {msgid: msgstr} for new terms; it lists what is still untranslated.
tests/test_translations.py fails on an untranslated term, or a translation whose
placeholders differ from its source.
"""

import argparse
import glob
import json
import os
import subprocess
import sys
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parent.parent
ADDONS = ("ht_consent", "ht_referral_network", "ht_case_management")


def odoo_spanish():
    """Odoo's own Spanish, from the es.po files of the Odoo tree Python imports."""
    import odoo

    root = Path(odoo.__file__).resolve().parent
    files = glob.glob(str(root / "addons" / "*" / "i18n" / "es.po"))
    files += glob.glob(str(root.parent / "addons" / "*" / "i18n" / "es.po"))
    known = {}
    for path in sorted(files):
        for entry in polib.pofile(path):
            if entry.msgid and entry.msgstr:
                known.setdefault(entry.msgid, entry.msgstr)
    return known


def export(args):
    for addon in ADDONS:
        target = REPO / addon / "i18n" / f"{addon}.pot"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "odoo",
                "-c",
                args.config,
                "-d",
                args.db,
                f"--i18n-export={target}",
                f"--modules={addon}",
                "--stop-after-init",
                "--log-level=warn",
            ],
            check=True,
        )
        print(target)


def spanish(args):
    extra = {}
    if args.extra:
        with open(args.extra) as fh:
            extra = json.load(fh)
    known = odoo_spanish()
    missing_total = 0
    for addon in ADDONS:
        folder = REPO / addon / "i18n"
        existing = {}
        if (folder / "es.po").exists():
            existing = {e.msgid: e.msgstr for e in polib.pofile(str(folder / "es.po")) if e.msgstr}
        # the template as Odoo wrote it (occurrences say where each term applies)
        catalog = polib.pofile(str(folder / f"{addon}.pot"))
        catalog.metadata["Language"] = "es"
        catalog.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
        missing = []
        for entry in catalog:
            entry.msgstr = (
                existing.get(entry.msgid) or extra.get(entry.msgid) or known.get(entry.msgid, "")
            )
            if not entry.msgstr:
                missing.append(entry.msgid)
        catalog.save(str(folder / "es.po"))
        missing_total += len(missing)
        print(f"{addon}: {len(catalog)} terms, {len(missing)} untranslated")
        for msgid in missing:
            print("   ", json.dumps(msgid, ensure_ascii=False))
    return 1 if missing_total else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    exp = sub.add_parser("export")
    exp.add_argument("-c", "--config", default=os.environ.get("ODOO_RC"), required=False)
    exp.add_argument("-d", "--db", required=True)
    es = sub.add_parser("es")
    es.add_argument("--extra")
    args = parser.parse_args()
    if args.command == "export":
        export(args)
        return 0
    return spanish(args)


if __name__ == "__main__":
    sys.exit(main())
