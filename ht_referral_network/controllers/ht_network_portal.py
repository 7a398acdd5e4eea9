# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo import _, fields, http
from odoo.http import request
from odoo.tools import SQL

from odoo.addons.portal.controllers.portal import CustomerPortal

RESULTS = 50


def _int(value):
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


class NetworkPortal(CustomerPortal):
    """The members' self-service directory: portal users of a certified member
    organisation search the network's services. Portal users have no right on
    the directory's models: after the membership check, the search runs as
    superuser through the matching (ht.service._ht_match) and the page receives
    plain values only (never records), so no template can reach a confidential
    address or anything else the member may not read."""

    @staticmethod
    def _ht_network_member(user=None):
        user = user or request.env.user
        return bool(user._is_portal() and user.commercial_partner_id._ht_is_member())

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        values["ht_network_member"] = self._ht_network_member()
        return values

    @http.route(["/my/network"], type="http", auth="user", methods=["GET"], website=True)
    def portal_my_network(self, **kw):
        if not self._ht_network_member():
            raise NotFound()
        # sudo: the caller is a member's portal user (checked above); only the
        # public directory is read, turned into plain values below.
        env = request.env(su=True)
        Category = env["ht.service.category"]
        criteria = {
            "category": Category.browse(_int(kw.get("category_id"))).exists(),
            "population": env["ht.population"].browse(_int(kw.get("population_id"))).exists(),
            "lang": env["res.lang"].browse(_int(kw.get("lang_id"))).exists(),
            "region": env["ht.region"].browse(_int(kw.get("region_id"))).exists(),
            "need_24_7": bool(kw.get("is_24_7")),
            "available": bool(kw.get("available")),
        }
        services = env["ht.service"]._ht_match(
            criteria["category"] or None,
            populations=criteria["population"],
            lang=criteria["lang"] or None,
            region=criteria["region"] or None,
            need_24_7=criteria["need_24_7"],
            referring_partner=request.env.user.commercial_partner_id,
            limit=RESULTS,
            only_lang=bool(criteria["lang"]),
            only_available=criteria["available"],
        )
        on_call = env["ht.oncall.shift"]._ht_who_to_call()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "ht_network",
                "criteria": {
                    key: value.id if hasattr(value, "id") else value
                    for key, value in criteria.items()
                },
                "categories": [(c.id, c.display_name) for c in Category.search([])],
                "populations": [(p.id, p.name) for p in env["ht.population"].search([])],
                "regions": [(r.id, r.name) for r in env["ht.region"].search([])],
                "langs": [(lang.id, lang.name) for lang in self._ht_service_langs(env)],
                "results": self._ht_results(services),
                "on_call": [
                    {"provider": shift.provider_id.name, "phone": shift.phone} for shift in on_call
                ],
                "stale_days": env["ht.network.timing"]._ht_timing("capacity_stale_days"),
            }
        )
        return request.render("ht_referral_network.portal_my_network", values)

    @staticmethod
    def _ht_service_langs(env):
        """The languages some service is delivered in (one query, whatever the
        size of the directory)."""
        rows = env.execute_query(SQL("SELECT DISTINCT res_lang_id FROM ht_service_res_lang_rel"))
        return (
            env["res.lang"]
            .with_context(active_test=False)
            .browse([row[0] for row in rows])
            .sorted("name")
        )

    def _ht_results(self, services):
        now = fields.Datetime.now()
        shifts = services.env["ht.oncall.shift"].search(
            [
                ("provider_id", "in", services.provider_id.ids),
                ("date_start", "<=", now),
                ("date_end", ">", now),
            ]
        )
        on_call = {}
        for shift in shifts:
            on_call.setdefault(shift.provider_id.id, shift)
        return [
            self._ht_service_values(service, on_call.get(service.provider_id.id), now)
            for service in services
        ]

    def _ht_service_values(self, service, on_call, now):
        """What a member sees of one service: the public directory entry, how fresh
        its capacity figure is, and whom to call. A confidential location shows no
        street (not even its public front door)."""
        provider = service.provider_id
        return {
            "id": service.id,
            "category": service.category_id.display_name,
            "provider": provider.name,
            "description": service.description or "",
            "populations": ", ".join(service.population_ids.mapped("name")) or _("Everyone"),
            "languages": ", ".join(service.lang_ids.mapped("name")),
            "regions": ", ".join(service.region_ids.mapped("name")) or _("Everywhere"),
            "is_24_7": service.is_24_7,
            "schedule": service.schedule or "",
            "cost": dict(service._fields["cost"]._description_selection(service.env)).get(
                service.cost, ""
            ),
            "available": service.capacity_available,
            "maximum": service.capacity_max,
            "unit": dict(service._fields["capacity_unit"]._description_selection(service.env)).get(
                service.capacity_unit, ""
            ),
            "freshness": self._ht_freshness(service.capacity_updated_on, now),
            "stale": service.capacity_stale,
            "confidential": provider.ht_confidential_location,
            "city": provider.city or "",
            # the template shows whatever address it is given: decided here only
            "address": ""
            if provider.ht_confidential_location
            else ", ".join(filter(None, [provider.street, provider.city])),
            "phone": (on_call and on_call.phone) or provider.phone or "",
            "on_call_now": bool(on_call),
        }

    @staticmethod
    def _ht_freshness(updated_on, now):
        if not updated_on:
            return _("capacity never reported")
        days = (now - updated_on).days
        if days <= 0:
            return _("updated today")
        if days == 1:
            return _("updated yesterday")
        return _("updated %(days)s days ago", days=days)
