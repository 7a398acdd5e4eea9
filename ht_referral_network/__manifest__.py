# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Victim Services: Service Referral Network",
    "summary": "Coordinated Service Referral Network: certified member providers, "
    "services and capacity, MOUs, 24/7 on-call coverage, gap map and matching",
    "version": "18.0.1.0.0",
    "category": "Victim Services",
    "license": "LGPL-3",
    "author": "Victim Services for Odoo",
    "website": "https://github.com/victim-services-odoo/victim-services",
    "maintainers": [],
    "development_status": "Beta",
    "depends": ["base", "mail", "contacts"],
    "data": [
        "security/ht_referral_network_security.xml",
        "security/ir.model.access.csv",
        "data/ht_service_category_data.xml",
        "data/ht_population_data.xml",
        "views/ht_service_category_views.xml",
        "views/ht_service_views.xml",
        "views/res_partner_views.xml",
        "views/ht_referral_network_menus.xml",
    ],
    "demo": ["demo/ht_referral_network_demo.xml"],
    "installable": True,
    "application": True,
}
