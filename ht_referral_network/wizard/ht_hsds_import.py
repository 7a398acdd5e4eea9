# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Load an Open Referral HSDS 3.0 dataset (a JSON file or a zip of JSON files)
into providers (res.partner) and their services.

Upsert by HSDS id; every incoming object is validated against the official
schema before anything is written; each organisation and its services are
written in one savepoint, so an organisation is imported whole or not at all
(the report says which failed and why); a dry run goes through the same steps
and rolls every organisation back. Imported organisations arrive as
applicants, never as certified members, and unpublished.
"""

import base64
import io
import json
import logging
import zipfile

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..hsds import schema as hsds_schema
from ..models.ht_hsds_export import (
    ATTRIBUTE_TERMS,
    SERVICE_STATUS,
    attribute_term_id,
    population_term_id,
)

_logger = logging.getLogger(__name__)

COORDINATOR = "ht_referral_network.group_ht_network_coordinator"
MAX_UNCOMPRESSED = 512 * 1024 * 1024
STATUS_TO_STATE = {v: k for k, v in SERVICE_STATUS.items()} | {"defunct": "inactive"}
ALL_DAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}


class _DryRun(Exception):
    """Raised at the end of an organisation's savepoint in a dry run."""


class _Failed(Exception):
    """An organisation that cannot be imported, with the reason in plain words."""


class HtHsdsImport(models.TransientModel):
    _name = "ht.hsds.import"
    _description = "Import an HSDS dataset"

    data_file = fields.Binary(
        "Dataset", attachment=False, help="An HSDS 3.0 JSON file, or a zip of JSON files."
    )
    filename = fields.Char()
    dry_run = fields.Boolean(
        default=True,
        help="Check everything and show what would be created, updated or skipped; write nothing.",
    )
    state = fields.Selection([("draft", "To run"), ("done", "Done")], default="draft")
    summary = fields.Text(readonly=True)
    line_ids = fields.One2many("ht.hsds.import.line", "import_id", readonly=True)

    # ------------------------------------------------------------------ reading the dataset

    def _ht_files(self):
        """(file name, parsed JSON) of the uploaded file or of each JSON file of the zip."""
        if not self.data_file:
            raise UserError(_("Choose an HSDS dataset: a JSON file or a zip of JSON files."))
        raw = base64.b64decode(self.data_file)
        if zipfile.is_zipfile(io.BytesIO(raw)):
            files = []
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                infos = [i for i in archive.infolist() if i.filename.lower().endswith(".json")]
                if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
                    raise UserError(_("This zip is too large to import (over 512 MB of JSON)."))
                for info in infos:
                    files.append((info.filename, self._ht_parse(info.filename, archive.read(info))))
            if not files:
                raise UserError(_("The zip holds no JSON file."))
            return files
        return [(self.filename or "dataset.json", self._ht_parse(self.filename, raw))]

    @api.model
    def _ht_parse(self, name, raw):
        try:
            return json.loads(raw)
        except (ValueError, UnicodeDecodeError) as error:
            raise UserError(
                _("%(file)s is not valid JSON: %(error)s", file=name or _("the file"), error=error)
            ) from error

    @api.model
    def _ht_kind(self, name, doc):
        base = (name or "").rsplit("/", 1)[-1].lower()
        for kind in ("taxonomy_term", "taxonomies", "organization", "service"):
            if base.startswith(kind):
                return {"taxonomies": "taxonomy"}.get(kind, kind)
        if "status" in doc or "service_at_locations" in doc:
            return "service"
        if "taxonomy_id" in doc or "taxonomy" in doc:
            return "taxonomy_term"
        return "organization"

    def _ht_collect(self):
        """Organisations, services and taxonomy terms of the dataset, as lists of
        dicts (a file may hold one object, a list, or an API page's contents)."""
        found = {"organization": [], "service": [], "taxonomy_term": [], "taxonomy": []}
        for name, data in self._ht_files():
            if name.rsplit("/", 1)[-1].lower() == "datapackage.json":
                continue
            if isinstance(data, dict) and isinstance(data.get("contents"), list):
                data = data["contents"]
            for doc in data if isinstance(data, list) else [data]:
                if not isinstance(doc, dict):
                    raise UserError(_("%(file)s holds something that is not an object.", file=name))
                kind = self._ht_kind(name, doc)
                found[kind].append(doc)
                if kind == "organization":
                    for svc in doc.get("services") or []:
                        if isinstance(svc, dict):
                            found["service"].append({"organization_id": doc.get("id"), **svc})
        return found

    # ------------------------------------------------------------------ mapping

    def _ht_term_maps(self, terms):
        """Incoming taxonomy term id -> our category / population."""
        categories = self.env["ht.service.category"].with_context(active_test=False).search([])
        by_code = {c.code: c for c in categories}
        category_of = {c.ht_hsds_id: c for c in categories}
        populations = self.env["ht.population"].with_context(active_test=False).search([])
        pop_by_code = {p.code: p for p in populations}
        population_of = {population_term_id(p.code): p for p in populations}
        for term in terms:
            code, term_id = term.get("code"), term.get("id")
            if code in by_code and term_id:
                category_of.setdefault(term_id, by_code[code])
            if code in pop_by_code and term_id:
                population_of.setdefault(term_id, pop_by_code[code])
        return category_of, population_of

    def _ht_service_vals(self, doc, category_of, population_of):
        """Values of ht.service for an HSDS service, and notes on what was left out."""
        notes = []
        category = None
        populations = self.env["ht.population"]
        capacity = {}
        for attr in doc.get("attributes") or []:
            term = attr.get("taxonomy_term_id") or (attr.get("taxonomy_term") or {}).get("id")
            if term in category_of and not category:
                category = category_of[term]
            elif term in population_of:
                populations |= population_of[term]
            else:
                for code in ATTRIBUTE_TERMS:
                    if term == attribute_term_id(code):
                        capacity[code] = attr.get("value")
        if not category:
            return None, [
                _(
                    "no service category of this network among its taxonomy terms "
                    "(an attribute whose taxonomy_term_id is one of /hsds/taxonomy_terms)"
                )
            ]
        vals = {
            "category_id": category.id,
            "description": doc.get("description") or False,
            "eligibility": doc.get("eligibility_description") or False,
            "min_age": int(doc.get("minimum_age") or 0),
            "max_age": int(doc.get("maximum_age") or 0),
            "state": STATUS_TO_STATE.get(doc.get("status"), "active"),
            "population_ids": [(6, 0, populations.ids)],
        }
        try:
            if capacity.get("capacity_maximum"):
                vals["capacity_max"] = int(capacity["capacity_maximum"])
                vals["capacity_available"] = int(capacity.get("capacity_available") or 0)
            if capacity.get("capacity_unit") in ("beds", "slots", "clients"):
                vals["capacity_unit"] = capacity["capacity_unit"]
        except ValueError:
            notes.append(_("capacity figures are not whole numbers: left out"))
        schedules = doc.get("schedules") or []
        vals["is_24_7"] = any(
            set((s.get("byday") or "").split(",")) == ALL_DAYS
            and s.get("opens_at") in ("00:00", "00:00:00")
            and s.get("closes_at") in ("23:59", "23:59:59", "24:00")
            for s in schedules
        )
        text = "; ".join(s["description"] for s in schedules if s.get("description"))
        vals["schedule"] = text[:250] or False
        langs = self.env["res.lang"].with_context(active_test=False).search([])
        lang_ids = []
        for lang in doc.get("languages") or []:
            code = (lang.get("code") or "").replace("-", "_")
            match = langs.filtered(lambda x, c=code: c and (x.code == c or x.iso_code == c))
            if match:
                lang_ids.append(match[0].id)
            elif code or lang.get("name"):
                notes.append(
                    _("language %(lang)s unknown here: left out", lang=code or lang["name"])
                )
        vals["lang_ids"] = [(6, 0, lang_ids)]
        region_ids = []
        for area in doc.get("service_areas") or []:
            region = self.env["ht.region"].search(
                [("name", "=ilike", area.get("name") or "")], limit=1
            )
            if region:
                region_ids.append(region.id)
            else:
                notes.append(
                    _(
                        "service area %(area)s is not one of our regions: left out",
                        area=area.get("name"),
                    )
                )
        vals["region_ids"] = [(6, 0, region_ids)]
        return vals, notes

    @api.model
    def _ht_org_vals(self, doc):
        vals = {"name": doc["name"], "is_company": True}
        for key in ("email", "website"):
            if doc.get(key):
                vals[key] = doc[key]
        if doc.get("description"):
            vals["comment"] = doc["description"]
        phones = doc.get("phones") or []
        if phones:
            vals["phone"] = phones[0]["number"]
        for location in doc.get("locations") or []:
            for address in location.get("addresses") or []:
                if address.get("address_type") == "physical":
                    country = self.env["res.country"].search(
                        [("code", "=ilike", address.get("country") or "")], limit=1
                    )
                    vals.update(
                        street=address.get("address_1"),
                        street2=address.get("address_2") or False,
                        city=address.get("city"),
                        zip=address.get("postal_code"),
                        country_id=country.id or False,
                    )
                    break
        return vals

    # ------------------------------------------------------------------ running

    def _ht_check_importer(self):
        if not self.env.user.has_group(COORDINATOR):
            raise AccessError(_("Only a Network Coordinator imports an HSDS dataset."))

    def action_run(self):
        self.ensure_one()
        self._ht_check_importer()
        if not hsds_schema.validation_available():
            raise UserError(
                _(
                    "Incoming datasets are checked against the HSDS schemas with the "
                    "Python packages jsonschema and referencing: ask your administrator "
                    "to install them (requirements.txt)."
                )
            )
        schema_dir = hsds_schema.find_schema_dir(
            # sudo: one system parameter (where the schemas are), no user data.
            self.env["ir.config_parameter"].sudo().get_param(hsds_schema.SCHEMA_PARAM)
        )
        if not schema_dir:
            raise UserError(
                _(
                    "The HSDS 3.0 schemas were not found: set the HT_HSDS_DIR environment "
                    "variable or the system parameter %(param)s to the folder holding "
                    "schema/service.json.",
                    param=hsds_schema.SCHEMA_PARAM,
                )
            )
        found = self._ht_collect()
        category_of, population_of = self._ht_term_maps(found["taxonomy_term"])
        lines = []
        orgs = {}
        for doc in found["organization"]:
            problems = hsds_schema.errors(schema_dir, "organization", doc)
            if problems:
                lines.append(self._ht_line("organization", doc, "error", "; ".join(problems)))
                continue
            orgs.setdefault(doc["id"], {"doc": doc, "services": []})
        services_without = []
        for doc in found["service"]:
            problems = hsds_schema.errors(schema_dir, "service", doc)
            if problems:
                lines.append(self._ht_line("service", doc, "error", "; ".join(problems)))
                continue
            org_id = doc.get("organization_id")
            if org_id in orgs:
                orgs[org_id]["services"].append(doc)
            else:
                services_without.append(doc)
        # Services of organisations already here (not in the dataset) go with them.
        Partner = self.env["res.partner"].with_context(active_test=False)
        for doc in services_without:
            org_id = doc.get("organization_id")
            existing = Partner.search([("ht_hsds_id", "=", org_id)], limit=1) if org_id else None
            if existing:
                orgs.setdefault(org_id, {"doc": None, "services": []})["services"].append(doc)
            else:
                lines.append(
                    self._ht_line(
                        "service",
                        doc,
                        "error",
                        _(
                            "its organisation %(org)s is neither in the dataset nor here",
                            org=org_id,
                        ),
                    )
                )
        failed = 0
        for org_id, group in orgs.items():
            org_lines = []
            try:
                with self.env.cr.savepoint():
                    org_lines = self._ht_import_org(
                        org_id, group["doc"], group["services"], category_of, population_of
                    )
                    if self.dry_run:
                        raise _DryRun()
            except _DryRun:
                _logger.debug("HSDS import, dry run: %s rolled back", org_id)
            except (_Failed, UserError, ValidationError, psycopg2.Error) as error:
                failed += 1
                self.env.invalidate_all()
                message = error.args[0] if error.args else str(error)
                name = group["doc"]["name"] if group["doc"] else org_id
                org_lines = [
                    self._ht_line(
                        "organization",
                        group["doc"] or {"id": org_id, "name": name},
                        "error",
                        _(
                            "nothing of this organisation was imported: %(why)s",
                            why=message,
                        ),
                    )
                ] + [
                    self._ht_line(
                        "service", svc, "error", _("not imported: its organisation failed")
                    )
                    for svc in group["services"]
                ]
            lines.extend(org_lines)
        self.line_ids.unlink()
        counts = {}
        for line in lines:
            counts[line["action"]] = counts.get(line["action"], 0) + 1
        labels = dict(
            self.env["ht.hsds.import.line"]._fields["action"]._description_selection(self.env)
        )
        self.write(
            {
                # A real import keeps its report, not the dataset it was read from.
                "data_file": self.data_file if self.dry_run else False,
                "state": "done",
                "line_ids": [(0, 0, line) for line in lines],
                "summary": (_("Dry run: nothing was written. ") if self.dry_run else "")
                + ", ".join(f"{labels[k]}: {n}" for k, n in sorted(counts.items()))
                + (_("; %(n)s organisation(s) failed.", n=failed) if failed else ""),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.model
    def _ht_line(self, kind, doc, action, message=""):
        return {
            "kind": kind,
            "hsds_id": str(doc.get("id") or "")[:64],
            "name": str(doc.get("name") or "")[:200],
            "action": action,
            "message": message,
        }

    def _ht_import_org(self, org_id, doc, services, category_of, population_of):
        """Create or update one organisation and its services (inside a savepoint)."""
        lines = []
        would = self.dry_run
        Partner = self.env["res.partner"].with_context(
            active_test=False, tracking_disable=True, mail_create_nolog=True
        )
        partner = Partner.search([("ht_hsds_id", "=", org_id)], limit=1)
        if partner and not partner.is_company:
            raise _Failed(
                _(
                    "its id belongs to a contact here that is not an organisation (%(name)s)",
                    name=partner.display_name,
                )
            )
        if doc:
            vals = self._ht_org_vals(doc)
            if partner:
                partner.write(vals)
                lines.append(
                    self._ht_line(
                        "organization",
                        doc,
                        "update",
                        _("would be updated") if would else _("updated"),
                    )
                )
            else:
                partner = Partner.create(dict(vals, ht_hsds_id=org_id))
                partner._ht_set_membership("applicant", _("Imported from an HSDS dataset"))
                lines.append(
                    self._ht_line(
                        "organization",
                        doc,
                        "create",
                        _("would be created as an applicant")
                        if would
                        else _("created as an applicant"),
                    )
                )
        Service = self.env["ht.service"].with_context(
            active_test=False, tracking_disable=True, mail_create_nolog=True
        )
        for svc in services:
            vals, notes = self._ht_service_vals(svc, category_of, population_of)
            if vals is None:
                lines.append(self._ht_line("service", svc, "skip", "; ".join(notes)))
                continue
            existing = Service.search([("ht_hsds_id", "=", svc["id"])], limit=1)
            if existing and existing.provider_id != partner:
                raise _Failed(
                    _(
                        "service %(service)s belongs here to another provider (%(other)s)",
                        service=svc.get("name"),
                        other=existing.provider_id.display_name,
                    )
                )
            if existing:
                existing.write(vals)
                action, said = "update", _("would be updated") if would else _("updated")
            else:
                Service.create(dict(vals, provider_id=partner.id, ht_hsds_id=svc["id"]))
                action, said = "create", _("would be created") if would else _("created")
            lines.append(self._ht_line("service", svc, action, "; ".join([said, *notes])))
        return lines


class HtHsdsImportLine(models.TransientModel):
    _name = "ht.hsds.import.line"
    _description = "HSDS import report line"
    _order = "id"

    import_id = fields.Many2one("ht.hsds.import", required=True, ondelete="cascade")
    kind = fields.Selection([("organization", "Organisation"), ("service", "Service")])
    hsds_id = fields.Char("HSDS id")
    name = fields.Char()
    action = fields.Selection(
        [
            ("create", "Created"),
            ("update", "Updated"),
            ("skip", "Skipped"),
            ("error", "Error"),
        ]
    )
    message = fields.Text()
