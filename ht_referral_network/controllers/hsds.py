# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Read-only Open Referral HSDS 3.0 API of the published directory, and the
dataset download for Network Coordinators.

Access (Settings › Referral Network › HSDS API, ``ht_referral_network.hsds_api_access``):
``off`` (default: every route answers 404 as if it did not exist), ``public``, or
``apikey`` (an Odoo API key of an active user, ``Authorization: Bearer <key>``,
scope ``hsds`` or a global key). What is not published answers exactly like what
does not exist.
"""

import math
import tempfile
from datetime import datetime, timezone

from werkzeug.wsgi import wrap_file

from odoo import http
from odoo.http import request

from ..models.ht_hsds_export import (
    HSDS_OPENAPI,
    HSDS_PROFILE,
    HSDS_VERSION,
    TAXONOMY_ATTRIBUTE,
    TAXONOMY_CATEGORY,
    TAXONOMY_POPULATION,
    attribute_term_id,
    population_term_id,
)

ACCESS_PARAM = "ht_referral_network.hsds_api_access"
PER_PAGE_DEFAULT = 50
PER_PAGE_MAX = 500
NOT_FOUND = {"error": "not_found", "message": "Not found."}
COORDINATOR = "ht_referral_network.group_ht_network_coordinator"


class _Refused(Exception):
    def __init__(self, status, body, headers=None):
        super().__init__(status)
        self.status, self.body, self.headers = status, body, headers or {}


def _truthy(value):
    return (value or "").lower() in ("1", "true", "yes")


class HsdsController(http.Controller):
    # ------------------------------------------------------------------ plumbing

    def _hsds_check_access(self):
        # sudo: reading one system parameter (the access mode), no user data.
        mode = request.env["ir.config_parameter"].sudo().get_param(ACCESS_PARAM, "off")
        if mode == "public":
            return
        if mode == "apikey":
            header = request.httprequest.headers.get("Authorization", "")
            scheme, _sep, key = header.partition(" ")
            key = key.strip()
            # sudo: the key check reads res_users_apikeys by SQL and returns the uid
            # of the active user the key belongs to, or None.
            if (
                scheme.lower() == "bearer"
                and key
                and request.env["res.users.apikeys"]
                .sudo()
                ._check_credentials(scope="hsds", key=key)
            ):
                return
            raise _Refused(
                401,
                {"error": "unauthorized", "message": "A valid API key is required."},
                {"WWW-Authenticate": 'Bearer realm="hsds"'},
            )
        raise _Refused(404, NOT_FOUND)

    def _hsds_call(self, produce):
        try:
            self._hsds_check_access()
            # sudo: the serialiser reads published records only (its domains are
            # fixed in code, ht.hsds.export._ht_*_domain) and never reads
            # ht.confidential.address; no caller input widens them.
            exporter = request.env["ht.hsds.export"].sudo()
            return request.make_json_response(produce(exporter))
        except _Refused as refused:
            return request.make_json_response(
                refused.body, headers=list(refused.headers.items()), status=refused.status
            )

    @staticmethod
    def _not_found():
        raise _Refused(404, NOT_FOUND)

    @classmethod
    def _one_of(cls, items, hsds_id):
        """The object of ``items`` with this HSDS id, or the same 404 as for anything
        that does not exist."""
        for item in items:
            if item["id"] == hsds_id:
                return item
        return cls._not_found()

    @staticmethod
    def _bad_request(message):
        raise _Refused(400, {"error": "bad_request", "message": message})

    def _page_args(self, kw):
        try:
            page = int(kw.get("page") or 1)
            per_page = int(kw.get("per_page") or PER_PAGE_DEFAULT)
        except ValueError:
            self._bad_request("page and per_page are whole numbers.")
        if page < 1 or per_page < 1:
            self._bad_request("page and per_page start at 1.")
        return page, min(per_page, PER_PAGE_MAX)

    def _paginate(self, model, domain, kw, serialise):
        page, per_page = self._page_args(kw)
        # sudo: see _hsds_call; the domain always holds the published-only terms.
        return (
            request.env["ht.hsds.export"].sudo()._ht_page(model, domain, page, per_page, serialise)
        )

    def _page_of_list(self, items, kw):
        page, per_page = self._page_args(kw)
        contents = items[(page - 1) * per_page : page * per_page]
        pages = math.ceil(len(items) / per_page) if items else 0
        return {
            "total_items": len(items),
            "total_pages": pages,
            "page_number": page,
            "size": len(contents),
            "first_page": page == 1,
            "last_page": page >= pages,
            "empty": not contents,
            "contents": contents,
        }

    def _modified_after(self, value):
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            self._bad_request("modified_after is an ISO 8601 date and time.")
        if moment.tzinfo:
            moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
        return moment

    def _term_domain(self, term_id):
        """Services classified by an HSDS taxonomy term of ours."""
        if not term_id:
            return []
        env = request.env
        # sudo: the taxonomy is public; only its ids are compared.
        category = env["ht.service.category"].sudo().search([("ht_hsds_id", "=", term_id)])
        if category:
            return [("category_id", "child_of", category.ids)]
        pops = env["ht.population"].sudo().search([])
        pop = pops.filtered(lambda p: population_term_id(p.code) == term_id)
        if pop:
            return [("population_ids", "in", pop.ids)]
        if term_id in {attribute_term_id(code) for code in ("capacity_available",)}:
            return [("capacity_max", ">", 0)]
        return [("id", "=", 0)]

    def _service_domain(self, exporter, kw):
        domain = list(exporter._ht_service_domain())
        if kw.get("search"):
            q = kw["search"]
            domain += [
                "|",
                "|",
                ("name", "ilike", q),
                ("description", "ilike", q),
                ("eligibility", "ilike", q),
            ]
        domain += self._term_domain(kw.get("taxonomy_term_id"))
        taxonomy = kw.get("taxonomy_id")
        if taxonomy == TAXONOMY_POPULATION:
            domain += [("population_ids", "!=", False)]
        elif taxonomy == TAXONOMY_ATTRIBUTE:
            domain += [("capacity_max", ">", 0)]
        elif taxonomy and taxonomy != TAXONOMY_CATEGORY:
            domain += [("id", "=", 0)]
        if kw.get("organization_id"):
            domain += [("provider_id.ht_hsds_id", "=", kw["organization_id"])]
        if kw.get("modified_after"):
            domain += [("write_date", ">=", self._modified_after(kw["modified_after"]))]
        return domain

    # ------------------------------------------------------------------ routes

    @http.route(["/hsds", "/hsds/"], type="http", auth="public", methods=["GET"], readonly=True)
    def hsds_index(self, **kw):
        base = request.httprequest.host_url.rstrip("/")
        return self._hsds_call(
            lambda exporter: {
                "version": HSDS_VERSION,
                "profile": HSDS_PROFILE,
                "openapi_url": HSDS_OPENAPI,
                "services_url": f"{base}/hsds/services",
            }
        )

    @http.route("/hsds/services", type="http", auth="public", methods=["GET"], readonly=True)
    def hsds_services(self, **kw):
        full = _truthy(kw.get("full"))

        def produce(exporter):
            return self._paginate(
                "ht.service",
                self._service_domain(exporter, kw),
                kw,
                lambda recs: exporter._ht_service_docs(recs, full=full),
            )

        return self._hsds_call(produce)

    @http.route(
        "/hsds/services/<string:hsds_id>",
        type="http",
        auth="public",
        methods=["GET"],
        readonly=True,
    )
    def hsds_service(self, hsds_id, **kw):
        def produce(exporter):
            service = (
                request.env["ht.service"]
                .sudo()
                .search(exporter._ht_service_domain() + [("ht_hsds_id", "=", hsds_id)], limit=1)
            )
            if not service:
                self._not_found()
            return exporter._ht_service_docs(service)[0]

        return self._hsds_call(produce)

    @http.route("/hsds/organizations", type="http", auth="public", methods=["GET"], readonly=True)
    def hsds_organizations(self, **kw):
        full = _truthy(kw.get("full")) or _truthy(kw.get("full_service"))
        services = "full" if _truthy(kw.get("full_service")) else None

        def produce(exporter):
            domain = list(exporter._ht_org_domain())
            if kw.get("search"):
                domain += [("name", "ilike", kw["search"])]
            return self._paginate(
                "res.partner",
                domain,
                kw,
                lambda recs: exporter._ht_org_docs(recs, full=full, services=services),
            )

        return self._hsds_call(produce)

    @http.route(
        "/hsds/organizations/<string:hsds_id>",
        type="http",
        auth="public",
        methods=["GET"],
        readonly=True,
    )
    def hsds_organization(self, hsds_id, **kw):
        services = "full" if _truthy(kw.get("full_service")) else "list"

        def produce(exporter):
            org = (
                request.env["res.partner"]
                .sudo()
                .search(exporter._ht_org_domain() + [("ht_hsds_id", "=", hsds_id)], limit=1)
            )
            if not org:
                self._not_found()
            return exporter._ht_org_docs(org, services=services)[0]

        return self._hsds_call(produce)

    @http.route("/hsds/taxonomies", type="http", auth="public", methods=["GET"], readonly=True)
    def hsds_taxonomies(self, **kw):
        def produce(exporter):
            items = exporter._ht_taxonomies()
            if kw.get("search"):
                q = kw["search"].lower()
                items = [t for t in items if q in t["name"].lower()]
            return self._page_of_list(items, kw)

        return self._hsds_call(produce)

    @http.route(
        "/hsds/taxonomies/<string:hsds_id>",
        type="http",
        auth="public",
        methods=["GET"],
        readonly=True,
    )
    def hsds_taxonomy(self, hsds_id, **kw):
        def produce(exporter):
            return self._one_of(exporter._ht_taxonomies(), hsds_id)

        return self._hsds_call(produce)

    @http.route("/hsds/taxonomy_terms", type="http", auth="public", methods=["GET"], readonly=True)
    def hsds_taxonomy_terms(self, **kw):
        def produce(exporter):
            items = exporter._ht_taxonomy_terms()
            if kw.get("taxonomy_id"):
                items = [t for t in items if t["taxonomy_id"] == kw["taxonomy_id"]]
            if kw.get("parent_id"):
                items = [t for t in items if t.get("parent_id") == kw["parent_id"]]
            if _truthy(kw.get("top_only")):
                items = [t for t in items if not t.get("parent_id")]
            if kw.get("search"):
                q = kw["search"].lower()
                items = [t for t in items if q in t["name"].lower() or q in t["code"].lower()]
            return self._page_of_list(items, kw)

        return self._hsds_call(produce)

    @http.route(
        "/hsds/taxonomy_terms/<string:hsds_id>",
        type="http",
        auth="public",
        methods=["GET"],
        readonly=True,
    )
    def hsds_taxonomy_term(self, hsds_id, **kw):
        def produce(exporter):
            return self._one_of(exporter._ht_taxonomy_terms(), hsds_id)

        return self._hsds_call(produce)

    @http.route(
        "/hsds/service_at_locations", type="http", auth="public", methods=["GET"], readonly=True
    )
    def hsds_service_at_locations(self, **kw):
        full = _truthy(kw.get("full"))

        def produce(exporter):
            return self._paginate(
                "ht.service",
                self._service_domain(exporter, kw),
                kw,
                lambda recs: exporter._ht_service_at_location_docs(recs, full=full),
            )

        return self._hsds_call(produce)

    # ------------------------------------------------------------------ dataset download

    @http.route("/hsds/export/dataset.zip", type="http", auth="user", methods=["GET"])
    def hsds_export_dataset(self, **kw):
        """The published directory as a zip of HSDS JSON files (coordinators). Built
        batch by batch into a temporary file, streamed from it."""
        if not request.env.user.has_group(COORDINATOR):
            return request.not_found()
        # Not a with-block: the response streams the file and closes it when done.
        tmp = tempfile.TemporaryFile()  # noqa: SIM115
        request.env["ht.hsds.export"]._ht_export_zip(tmp)
        size = tmp.tell()
        tmp.seek(0)
        return request.make_response(
            wrap_file(request.httprequest.environ, tmp),
            headers=[
                ("Content-Type", "application/zip"),
                ("Content-Length", str(size)),
                ("Content-Disposition", 'attachment; filename="hsds-directory.zip"'),
            ],
        )
