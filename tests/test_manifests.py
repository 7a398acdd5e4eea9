# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Manifest sanity: versions, licenses, dependency direction, data files exist."""

import re

import pytest

from .common import ADDONS, REPO, manifest


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_keys(addon):
    m = manifest(addon)
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", m["version"]), m["version"]
    assert m["license"] == "LGPL-3"
    assert m["category"] == "Victim Services"
    for key in ("summary", "depends", "data", "demo", "author", "development_status"):
        assert key in m, f"{addon}: manifest has no {key}"
    assert m.get("installable", True)


@pytest.mark.parametrize("addon", ADDONS)
def test_data_files_exist(addon):
    m = manifest(addon)
    for rel in m["data"] + m["demo"]:
        assert (REPO / addon / rel).is_file(), f"{addon}: {rel} is listed but missing"


@pytest.mark.parametrize("addon", ADDONS)
def test_layout(addon):
    for folder in ("models", "views", "security", "data", "demo", "readme"):
        assert (REPO / addon / folder).is_dir(), f"{addon}/{folder} is missing"
    # ht_consent is tested by test_ht_consent (Odoo's mail / test_mail pattern).
    tests = REPO / ("test_ht_consent" if addon == "ht_consent" else addon) / "tests"
    assert any(tests.glob("test_*.py")), f"{addon}: no tests in {tests}"
    assert (REPO / addon / "pyproject.toml").read_text().count("whool") == 2
    assert (REPO / addon / "security" / "ir.model.access.csv").is_file()


def test_dependency_direction():
    assert manifest("ht_consent")["depends"] == ["base", "mail"]
    # portal: members' directory, MOU signatures; calendar: network meetings
    assert manifest("ht_referral_network")["depends"] == [
        "base",
        "mail",
        "contacts",
        "portal",
        "calendar",
    ]
    assert set(manifest("ht_case_management")["depends"]) == {
        "ht_consent",
        "ht_referral_network",
        "crm",
        "portal",
        "calendar",  # appointments and court dates (crm depends on it already)
        "survey",
    }


def test_data_files_are_listed():
    """Every XML/CSV under data/, views/, security/, report/, wizard/, demo/ is loaded."""
    for addon in ADDONS:
        m = manifest(addon)
        listed = set(m["data"] + m["demo"])
        for path in (REPO / addon).rglob("*"):
            rel = path.relative_to(REPO / addon).as_posix()
            if path.suffix in (".xml", ".csv") and rel.split("/")[0] in (
                "data",
                "views",
                "security",
                "report",
                "wizard",
                "demo",
            ):
                assert rel in listed, f"{addon}: {rel} exists but is not in the manifest"


def test_repository_files():
    for rel in (
        "README.md",
        "requirements.txt",
        "docker-compose.yml",
        ".ci/run",
        ".pre-commit-config.yaml",
        "benchmarks/run.py",
        "benchmarks/generate.py",
    ):
        assert (REPO / rel).is_file(), rel
