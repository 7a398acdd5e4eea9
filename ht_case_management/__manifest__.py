# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Victim Services: Case Management",
    "summary": "Survivor cases on a stage-based pipeline: assessments, service plans, "
    "a consistent case manager, supervision, intake from CRM, volunteer placements",
    "version": "18.0.1.0.0",
    "category": "Victim Services",
    "license": "LGPL-3",
    "author": "Victim Services for Odoo",
    "website": "https://github.com/victim-services-odoo/victim-services",
    "maintainers": [],
    "development_status": "Beta",
    "depends": ["ht_consent", "ht_referral_network", "crm", "portal"],
    "data": [
        "security/ht_case_management_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/ht_case_stage_data.xml",
        "views/ht_case_stage_views.xml",
        "views/ht_case_views.xml",
        "views/ht_case_management_menus.xml",
    ],
    "demo": ["demo/ht_case_management_demo.xml"],
    "installable": True,
    "application": True,
}
