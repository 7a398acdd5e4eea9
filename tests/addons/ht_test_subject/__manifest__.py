# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Victim Services: test subject (tests only)",
    "summary": "A minimal consent subject, so ht_consent is tested without a case model",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "license": "LGPL-3",
    "author": "Victim Services for Odoo",
    "depends": ["ht_consent"],
    "data": ["security/ir.model.access.csv", "security/ht_test_subject_security.xml"],
    "installable": True,
}
