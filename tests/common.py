# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared helpers of the repository-level tests."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADDONS = ("ht_consent", "ht_referral_network", "ht_case_management")


def manifest(addon):
    return ast.literal_eval((REPO / addon / "__manifest__.py").read_text())
