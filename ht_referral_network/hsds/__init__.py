# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Open Referral HSDS 3.0 helpers that need no database (schema validation)."""
