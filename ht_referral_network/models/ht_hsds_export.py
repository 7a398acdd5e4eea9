# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The network directory as Open Referral HSDS 3.0 objects.

Every id is a UUID: the record's stored ``ht_hsds_id``, or for an object that is
part of a record (its location, phone, schedule...) a UUID derived from it
(``uuid5``), so the same object keeps the same id from one export to the next.
Nothing here reads ``ht.confidential.address``: a provider with a confidential
location is published with a virtual location, no address, no coordinates, and
"call for location" guidance.
"""

import functools
import hashlib
import json
import uuid
import zipfile

from odoo import _, api, models
from odoo.exceptions import AccessError
from odoo.tools import html2plaintext

HSDS_VERSION = "3.0"
HSDS_PROFILE = "https://docs.openreferral.org/en/3.0/hsds/"
HSDS_OPENAPI = (
    "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
)
# Namespace of the ids derived from our records (never change it: ids would change).
NAMESPACE = uuid.UUID("4b8c7db6-b1c2-42e8-bb11-9664afd0af00")
COORDINATOR = "ht_referral_network.group_ht_network_coordinator"
SERVICE_STATUS = {"active": "active", "closed": "temporarily closed", "inactive": "inactive"}
ALL_DAYS = "MO,TU,WE,TH,FR,SA,SU"
# Our own attribute terms (taxonomy "ht.attribute"): capacity, as 3.0 has no
# service_capacity object (3.1 has).
ATTRIBUTE_TERMS = {
    "capacity_available": "Places available now",
    "capacity_maximum": "Places in all",
    "capacity_unit": "Unit of capacity (beds, slots, clients)",
    "capacity_updated": "When the capacity figure was last confirmed (UTC)",
}
BATCH = 1000


def derived_id(parent, *parts):
    """A stable UUID for an object that belongs to ``parent`` (a UUID string):
    ``uuid.uuid5(UUID(parent), "/".join(parts))``, computed without building
    UUID objects (the export derives a dozen ids per service)."""
    digest = bytearray(
        hashlib.sha1(bytes.fromhex(parent.replace("-", "")) + "/".join(parts).encode()).digest()[
            :16
        ]
    )
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@functools.lru_cache(maxsize=1024)
def static_id(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


TAXONOMY_CATEGORY = static_id("taxonomy", "ht.service.category")
TAXONOMY_POPULATION = static_id("taxonomy", "ht.population")
TAXONOMY_ATTRIBUTE = static_id("taxonomy", "ht.attribute")


def population_term_id(code):
    return static_id("ht.population", code)


def attribute_term_id(code):
    return static_id("ht.attribute", code)


def _iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ") if dt else None


def _clean(doc):
    """Drop empty values (HSDS omits what it does not know)."""
    return {k: v for k, v in doc.items() if v not in (None, False, "", [])}


class HtHsdsExport(models.AbstractModel):
    """Serialises published providers and services as HSDS 3.0 documents, in
    batches with a constant number of queries per batch."""

    _name = "ht.hsds.export"
    _description = "Open Referral HSDS serialiser"

    # ------------------------------------------------------------------ what is published

    @api.model
    def _ht_org_domain(self):
        return [("is_company", "=", True), ("ht_hsds_published", "=", True)]

    @api.model
    def _ht_service_domain(self):
        """Published services of published, active organisations (the stored
        ``ht_hsds_listed``, kept by the system from those four facts)."""
        return [("ht_hsds_listed", "=", True)]

    # ------------------------------------------------------------------ taxonomy

    @api.model
    def _ht_taxonomies(self):
        return [
            {
                "id": TAXONOMY_CATEGORY,
                "name": _("Victim services: service categories"),
                "description": _("The services a survivor of human trafficking may need."),
                "version": "1",
            },
            {
                "id": TAXONOMY_POPULATION,
                "name": _("Victim services: populations served"),
                "description": _("The populations a service is for (empty: everyone)."),
                "version": "1",
            },
            {
                "id": TAXONOMY_ATTRIBUTE,
                "name": _("Victim services: service attributes"),
                "description": _("Capacity of a service (HSDS 3.0 has no capacity object)."),
                "version": "1",
            },
        ]

    @api.model
    def _ht_taxonomy_terms(self):
        """Every term of our three taxonomies (a few hundred at most)."""
        terms = []
        categories = self.env["ht.service.category"].search([])
        categories.fetch(["name", "code", "description", "parent_id", "ht_hsds_id", "write_date"])
        for cat in categories:
            terms.append(
                _clean(
                    {
                        "id": cat.ht_hsds_id,
                        "code": cat.code,
                        "name": cat.name,
                        "description": cat.description or cat.name,
                        "parent_id": cat.parent_id.ht_hsds_id or None,
                        "taxonomy": "ht.service.category",
                        "taxonomy_id": TAXONOMY_CATEGORY,
                    }
                )
            )
        for pop in self.env["ht.population"].search([]):
            terms.append(
                {
                    "id": population_term_id(pop.code),
                    "code": pop.code,
                    "name": pop.name,
                    "description": pop.name,
                    "taxonomy": "ht.population",
                    "taxonomy_id": TAXONOMY_POPULATION,
                }
            )
        for code, description in ATTRIBUTE_TERMS.items():
            terms.append(
                {
                    "id": attribute_term_id(code),
                    "code": code,
                    "name": code,
                    "description": description,
                    "taxonomy": "ht.attribute",
                    "taxonomy_id": TAXONOMY_ATTRIBUTE,
                }
            )
        return terms

    # ------------------------------------------------------------------ organizations

    @api.model
    def _ht_prefetch_orgs(self, orgs):
        """Read what the organisation documents need, one query per table."""
        orgs.fetch(
            [
                "name",
                "comment",
                "email",
                "website",
                "phone",
                "street",
                "street2",
                "city",
                "zip",
                "state_id",
                "country_id",
                "partner_latitude",
                "partner_longitude",
                "ht_confidential_location",
                "ht_hsds_id",
                "write_date",
            ]
        )
        orgs.state_id.fetch(["name", "code"])
        orgs.country_id.fetch(["code"])
        contacts = self.env["res.partner"].search(
            [("parent_id", "in", orgs.ids), ("ht_contact_role", "!=", False)], order="id"
        )
        contacts.fetch(["parent_id", "ht_contact_role", "email", "phone", "mobile", "ht_hsds_id"])
        # The role labels, once per batch whatever is in it (they read the language).
        by_org = {
            "roles": dict(
                self.env["res.partner"]._fields["ht_contact_role"]._description_selection(self.env)
            )
        }
        for contact in contacts:
            by_org.setdefault(contact.parent_id.id, []).append(contact)
        return by_org

    @api.model
    def _ht_phone(self, owner_key, owner_id, number, **extra):
        return _clean(
            {
                "id": derived_id(owner_id, "phone"),
                owner_key: owner_id,
                "number": number,
                "type": "voice",
                **extra,
            }
        )

    @api.model
    def _ht_location(self, org):
        """The organisation's one location. A confidential one is virtual, with no
        address and no coordinates: ``ht.confidential.address`` is never read, and
        the partner's own address fields are not published either."""
        loc_id = derived_id(org.ht_hsds_id, "location")
        if org.ht_confidential_location:
            call = org.phone or org.email or _("the organisation")
            return {
                "id": loc_id,
                "location_type": "virtual",
                "organization_id": org.ht_hsds_id,
                "name": _("%(name)s (confidential location)", name=org.name),
                "description": _(
                    "Confidential location: the address is never published. "
                    "Call %(call)s for location.",
                    call=call,
                ),
            }
        location = {
            "id": loc_id,
            "location_type": "physical",
            "organization_id": org.ht_hsds_id,
            "name": org.name,
        }
        if org.partner_latitude or org.partner_longitude:
            location["latitude"] = org.partner_latitude
            location["longitude"] = org.partner_longitude
        if org.street and org.city:
            address = {
                "id": derived_id(org.ht_hsds_id, "address"),
                "location_id": loc_id,
                "address_1": org.street,
                "city": org.city,
                "state_province": org.state_id.code or org.state_id.name or "",
                "postal_code": org.zip or "",
                "country": org.country_id.code or "",
                "address_type": "physical",
            }
            if org.street2:
                address["address_2"] = org.street2
            location["addresses"] = [address]
        else:
            location["location_type"] = "virtual"
        return location

    @api.model
    def _ht_contacts(self, org, contacts, roles):
        """Role contacts only, named by their role: a person's own name is not
        published."""
        docs = []
        for contact in contacts:
            number = contact.phone or contact.mobile
            docs.append(
                _clean(
                    {
                        "id": contact.ht_hsds_id,
                        "organization_id": org.ht_hsds_id,
                        "name": roles[contact.ht_contact_role],
                        "title": roles[contact.ht_contact_role],
                        "email": contact.email if contact.email and "@" in contact.email else None,
                        "phones": [self._ht_phone("contact_id", contact.ht_hsds_id, number)]
                        if number
                        else [],
                    }
                )
            )
        return docs

    @api.model
    def _ht_org_doc(self, org, contacts=(), full=True, roles=None):
        website = org.website if org.website and org.website.startswith("http") else None
        doc = _clean(
            {
                "id": org.ht_hsds_id,
                "name": org.name,
                "email": org.email if org.email and "@" in org.email else None,
                "website": website,
            }
        )
        doc["description"] = html2plaintext(org.comment or "").strip() if org.comment else ""
        if not full:
            return doc
        doc["phones"] = (
            [self._ht_phone("organization_id", org.ht_hsds_id, org.phone)] if org.phone else []
        )
        doc["locations"] = [self._ht_location(org)]
        doc["contacts"] = self._ht_contacts(org, contacts, roles or {})
        return doc

    @api.model
    def _ht_org_docs(self, orgs, full=True, services=None):
        """Documents of ``orgs`` (published ones, already searched), in order.
        ``services``: None, "list" or "full" to nest their published services."""
        by_org = self._ht_prefetch_orgs(orgs) if full or services else {}
        roles = by_org.get("roles")
        docs = [
            self._ht_org_doc(org, by_org.get(org.id, ()), full=full, roles=roles) for org in orgs
        ]
        if services:
            found = self.env["ht.service"].search(
                self._ht_service_domain() + [("provider_id", "in", orgs.ids)], order="id"
            )
            nested = self._ht_service_docs(found, full=services == "full", with_org=False)
            per_org = {}
            for svc, svc_doc in zip(found, nested, strict=True):
                per_org.setdefault(svc.provider_id.id, []).append(svc_doc)
            for org, doc in zip(orgs, docs, strict=True):
                doc["services"] = per_org.get(org.id, [])
        return docs

    # ------------------------------------------------------------------ services

    @api.model
    def _ht_service_docs(self, services, full=True, with_org=True, org_docs=None):
        """Documents of ``services`` (published ones, already searched), in order,
        with a constant number of queries whatever their number. ``org_docs``: the
        organisation documents already built ({partner id: document}), kept from
        one batch to the next by the export (small dicts, not records)."""
        services.fetch(
            [
                "name",
                "description",
                "eligibility",
                "min_age",
                "max_age",
                "state",
                "cost",
                "intake_method",
                "provider_id",
                "category_id",
                "ht_hsds_id",
                "write_date",
            ]
            + (
                [
                    "population_ids",
                    "lang_ids",
                    "region_ids",
                    "schedule",
                    "is_24_7",
                    "capacity_available",
                    "capacity_max",
                    "capacity_unit",
                    "capacity_updated_on",
                ]
                if full
                else []
            )
        )
        # Archived populations and regions are left out below, by their flag: the
        # ORM's own filter builds a recordset per service and field (a tenth of the
        # export's time).
        services = services.with_context(active_test=False)
        org_docs = {} if org_docs is None else org_docs
        orgs = services.provider_id
        if full:
            orgs.fetch(["ht_hsds_id", "ht_confidential_location"])
            by_org = self._ht_prefetch_orgs(orgs.filtered(lambda o: o.id not in org_docs))
        else:
            by_org = {}
        if not full:
            orgs.fetch(["ht_hsds_id"])
        if full:
            services.category_id.fetch(["name", "code", "ht_hsds_id"])
            services.population_ids.fetch(["code", "active"])
            services.lang_ids.fetch(["name", "code"])
            services.region_ids.fetch(["name", "code", "active"])
        cost = dict(self.env["ht.service"]._fields["cost"]._description_selection(self.env))
        intake = dict(
            self.env["ht.service"]._fields["intake_method"]._description_selection(self.env)
        )
        docs = []
        for svc in services:
            sid = svc.ht_hsds_id
            doc = _clean(
                {
                    "id": sid,
                    "organization_id": svc.provider_id.ht_hsds_id,
                    "name": svc.name,
                    "description": svc.description,
                    "status": SERVICE_STATUS[svc.state],
                    "eligibility_description": svc.eligibility,
                    "minimum_age": svc.min_age or None,
                    "maximum_age": svc.max_age or None,
                    "fees_description": cost.get(svc.cost),
                    "application_process": intake.get(svc.intake_method),
                    "last_modified": _iso(svc.write_date),
                }
            )
            if full:
                org = svc.provider_id
                if org.id not in org_docs:
                    org_docs[org.id] = self._ht_org_doc(
                        org, by_org.get(org.id, ()), roles=by_org["roles"]
                    )
                org_doc = org_docs[org.id]
                doc.update(self._ht_service_full(svc, org, org_doc, with_org))
            docs.append(doc)
        return docs

    @api.model
    def _ht_service_full(self, svc, org, org_doc, with_org):
        sid = svc.ht_hsds_id
        location = org_doc["locations"][0]
        sal = {
            "id": derived_id(sid, "service_at_location"),
            "service_id": sid,
            "location_id": location["id"],
            "location": location,
        }
        if org.ht_confidential_location:
            sal["description"] = location["description"]
        schedules = []
        if svc.is_24_7:
            schedules.append(
                {
                    "id": derived_id(sid, "schedule"),
                    "service_id": sid,
                    "freq": "WEEKLY",
                    "wkst": "MO",
                    "byday": ALL_DAYS,
                    "opens_at": "00:00",
                    "closes_at": "23:59",
                    "description": _("Open 24 hours a day, 7 days a week"),
                }
            )
        elif svc.schedule:
            schedules.append(
                {"id": derived_id(sid, "schedule"), "service_id": sid, "description": svc.schedule}
            )
        attributes = [
            {
                "id": derived_id(sid, "attribute", "category"),
                "link_id": sid,
                "link_type": "service_category",
                "link_entity": "service",
                "taxonomy_term_id": svc.category_id.ht_hsds_id,
                "value": svc.category_id.code,
            }
        ]
        for pop in svc.population_ids:
            if not pop.active:
                continue
            attributes.append(
                {
                    "id": derived_id(sid, "attribute", "population", pop.code),
                    "link_id": sid,
                    "link_type": "population_served",
                    "link_entity": "service",
                    "taxonomy_term_id": population_term_id(pop.code),
                    "value": pop.code,
                }
            )
        if svc.capacity_max:
            capacity = {
                "capacity_available": str(svc.capacity_available),
                "capacity_maximum": str(svc.capacity_max),
                "capacity_unit": svc.capacity_unit or "",
                "capacity_updated": _iso(svc.capacity_updated_on) or "",
            }
            for code, value in capacity.items():
                attributes.append(
                    {
                        "id": derived_id(sid, "attribute", code),
                        "link_id": sid,
                        "link_type": code,
                        "link_entity": "service",
                        "taxonomy_term_id": attribute_term_id(code),
                        "value": value,
                    }
                )
        full = {
            "phones": [
                {**phone, "id": derived_id(sid, "phone"), "service_id": sid}
                for phone in org_doc.get("phones", [])
            ],
            "schedules": schedules,
            "service_areas": [
                {
                    "id": derived_id(sid, "service_area", region.code),
                    "service_id": sid,
                    "name": region.name,
                    "extent_type": "region",
                }
                for region in svc.region_ids
                if region.active
            ],
            "languages": [
                {
                    "id": derived_id(sid, "language", lang.code),
                    "service_id": sid,
                    "name": lang.name,
                    "code": lang.code.split("_")[0].split("@")[0],
                }
                for lang in svc.lang_ids
            ],
            "service_at_locations": [sal],
            "attributes": attributes,
        }
        for phone in full["phones"]:
            phone.pop("organization_id", None)
        if with_org:
            full["organization"] = {
                k: org_doc[k]
                for k in ("id", "name", "description", "email", "website")
                if k in org_doc
            }
        return full

    @api.model
    def _ht_service_at_location_docs(self, services, full=False):
        """service_at_location documents: one per published service (each provider
        has one location)."""
        docs = []
        for doc in self._ht_service_docs(services, full=True, with_org=False):
            sal = dict(doc["service_at_locations"][0])
            if not full:
                sal["location"] = {
                    k: v
                    for k, v in sal["location"].items()
                    if k not in ("addresses", "contacts", "phones", "schedules", "languages")
                }
            docs.append(sal)
        return docs

    # ------------------------------------------------------------------ API pages

    @api.model
    def _ht_page(self, model, domain, page, per_page, serialise):
        """One page as the HSDS API reference describes it: a count, one search
        of the page, and the serialiser's constant number of queries."""
        Model = self.env[model]
        total = Model.search_count(domain)
        records = Model.search(domain, offset=(page - 1) * per_page, limit=per_page, order="id")
        contents = serialise(records) if records else []
        pages = -(-total // per_page) if total else 0
        return {
            "total_items": total,
            "total_pages": pages,
            "page_number": page,
            "size": len(contents),
            "first_page": page == 1,
            "last_page": page >= pages,
            "empty": not contents,
            "contents": contents,
        }

    # ------------------------------------------------------------------ dataset (zip)

    @api.model
    def _ht_write_array(self, archive, name, batches):
        """Stream a JSON array into ``name`` of ``archive``, batch by batch."""
        with archive.open(name, "w", force_zip64=True) as out:
            out.write(b"[")
            first = True
            count = 0
            for docs in batches:
                for doc in docs:
                    out.write(b"\n" if first else b",\n")
                    out.write(json.dumps(doc, ensure_ascii=False).encode())
                    first = False
                    count += 1
            out.write(b"\n]\n")
        return count

    @api.model
    def _ht_batches(self, model, domain, serialise):
        """Search the ids once, then serialise them ``BATCH`` at a time, clearing
        the cache between batches so memory stays flat."""
        ids = self.env[model].search(domain, order="id").ids
        for start in range(0, len(ids), BATCH):
            records = self.env[model].browse(ids[start : start + BATCH])
            yield serialise(records)
            self.env.invalidate_all()

    def _ht_check_exporter(self):
        if not self.env.su and not self.env.user.has_group(COORDINATOR):
            raise AccessError(_("Only a Network Coordinator exports the HSDS dataset."))

    @api.model
    def _ht_export_zip(self, fileobj):
        """Write the published directory as a zip of HSDS 3.0 JSON files to
        ``fileobj``: organizations.json and services.json (whole documents, each
        service with its service_at_locations and their location), taxonomies.json,
        taxonomy_terms.json and a datapackage.json listing them. Returns
        the number of objects per file."""
        self._ht_check_exporter()
        counts = {}
        org_docs = {}
        # Fastest deflate: JSON still shrinks about tenfold, at a third of the time.
        with zipfile.ZipFile(fileobj, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            counts["taxonomies.json"] = self._ht_write_array(
                archive, "taxonomies.json", [self._ht_taxonomies()]
            )
            counts["taxonomy_terms.json"] = self._ht_write_array(
                archive, "taxonomy_terms.json", [self._ht_taxonomy_terms()]
            )
            counts["organizations.json"] = self._ht_write_array(
                archive,
                "organizations.json",
                self._ht_batches("res.partner", self._ht_org_domain(), self._ht_org_docs),
            )
            counts["services.json"] = self._ht_write_array(
                archive,
                "services.json",
                self._ht_batches(
                    "ht.service",
                    self._ht_service_domain(),
                    lambda recs: self._ht_service_docs(recs, with_org=False, org_docs=org_docs),
                ),
            )
            archive.writestr(
                "datapackage.json",
                json.dumps(
                    {
                        "name": "victim-services-directory",
                        "profile": HSDS_PROFILE,
                        "version": HSDS_VERSION,
                        "resources": [{"path": name, "count": n} for name, n in counts.items()],
                    },
                    indent=2,
                ),
            )
        return counts
