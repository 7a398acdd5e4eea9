# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Spanish for every string of the three addons: each term of an addon's template
(.pot) has a Spanish translation in its es.po, with the same placeholders (a
translation that drops ``%(ref)s`` breaks the message at run time). Terms left in
English on purpose are listed in ALLOWED, with the reason."""

import re

import polib
import pytest

from .common import ADDONS, REPO

# msgid: why it stays as it is in Spanish
ALLOWED = {}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def catalogs(addon):
    folder = REPO / addon / "i18n"
    return polib.pofile(str(folder / f"{addon}.pot")), polib.pofile(str(folder / "es.po"))


@pytest.mark.parametrize("addon", ADDONS)
def test_every_term_has_spanish(addon):
    template, spanish = catalogs(addon)
    translated = {entry.msgid: entry.msgstr for entry in spanish if entry.msgstr}
    missing = [
        entry.msgid
        for entry in template
        if entry.msgid not in translated and entry.msgid not in ALLOWED
    ]
    assert not missing, f"{addon}: {len(missing)} terms without Spanish: {missing[:10]}"


@pytest.mark.parametrize("addon", ADDONS)
def test_placeholders_survive_translation(addon):
    __, spanish = catalogs(addon)
    wrong = [
        (entry.msgid, entry.msgstr)
        for entry in spanish
        if entry.msgstr
        and sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(entry.msgstr))
    ]
    assert not wrong, f"{addon}: placeholders differ: {wrong[:5]}"
