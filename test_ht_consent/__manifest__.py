# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Victim Services: consent tests",
    "summary": "Tests of ht_consent, with a minimal consent subject (as Odoo's test_mail for mail)",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "license": "LGPL-3",
    "author": "Victim Services for Odoo",
    "depends": ["ht_consent"],
    "data": ["security/ir.model.access.csv", "security/ht_test_subject_security.xml"],
    "installable": True,
}
