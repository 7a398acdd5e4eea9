# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Mail templates of our models: the texts the product sends or schedules, editable
by administrators, rendered in the reader's language, and never able to carry a
survivor's identity.

A template whose model is one of ours (``ht.*``) is refused on save, and again
each time it is rendered (a template changed in SQL), when one of its dynamic
parts (subject, body, recipients, addresses, language, ...) could reach an
identity field: ``_ht_identity_fields`` lists them per model (ht_case_management
gives the case's). The check is deliberately strict: an expression may follow
fields to a case and read its non-identity fields, or show the case itself (its
display name is the case code), and nothing more: no identity field name
anywhere, no private attribute, no ``env``, no lookup of records, no subscript,
no alias or function call taking a case, no ``t-call`` of another template, no
attached report."""

import html
import re

from odoo import _, api, models, tools
from odoo.exceptions import AccessError, ValidationError

# The parts of a mail.template that are rendered.
HT_DYNAMIC_FIELDS = (
    "subject",
    "body_html",
    "email_from",
    "email_to",
    "email_cc",
    "partner_to",
    "reply_to",
    "lang",
    "scheduled_date",
    "report_name",
)
# Names that reach records or data in ways that cannot be followed field by field.
HT_FORBIDDEN_NAMES = {
    "env",
    "getattr",
    "setattr",
    "vars",
    "globals",
    "locals",
    "sudo",
    "browse",
    "search",
    "search_read",
    "search_fetch",
    "read",
    "fetch",
    "mapped",
    "filtered",
    "filtered_domain",
    "grouped",
    "sorted",
    "with_user",
    "with_context",
    "with_env",
    "with_company",
    "exists",
    "get_metadata",
    "export_data",
    "copy_data",
}
_QWEB_ATTR = re.compile(r"""\b(t-[\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_INLINE = re.compile(r"\{\{(.*?)\}\}|#\{(.*?)\}", re.DOTALL)
_NAME = re.compile(r"[A-Za-z_]\w*")
_CHAIN = re.compile(r"\b([A-Za-z_]\w*)((?:\s*\.\s*[A-Za-z_]\w*)+)")
_TAG = re.compile(r"<[^>]*>", re.DOTALL)
# a model we cannot follow (a reference field): treated as a case
_UNKNOWN = "?"


class MailTemplate(models.Model):
    _inherit = "mail.template"

    # ------------------------------------------------------------------ identity check

    @api.model
    def _ht_identity_fields(self):
        """{model: set of its identity fields}: the fields no template of ours may
        reach. Extended by the addon that defines the case."""
        return {}

    @api.model
    def _ht_is_ours(self, model):
        return bool(model) and (
            model.startswith("ht.")
            or (model in self.env and getattr(self.env[model], "_ht_case_data", False))
        )

    def _ht_check_identity_safe(self, vals=None):
        """Raise a ValidationError naming the field when a template of our models
        could put a survivor's identity into a text; with ``vals``, the values
        about to be written are checked (before Odoo's own checks answer)."""
        for template in self.sudo():
            model = template.model
            if vals and vals.get("model_id"):
                model = self.env["ir.model"].sudo().browse(vals["model_id"]).model
            values = {
                fname: (vals[fname] if vals and fname in vals else template[fname])
                for fname in (*HT_DYNAMIC_FIELDS, "report_template_ids")
                if fname in template._fields
            }
            if vals and "report_template_ids" in vals:
                values["report_template_ids"] = template.new(
                    {"report_template_ids": vals["report_template_ids"]}
                ).report_template_ids
            template._ht_check_values(model, values, template.name)

    @api.model
    def _ht_check_values(self, model, values, name):
        if not self._ht_is_ours(model):
            return
        if values.get("report_template_ids"):
            raise ValidationError(
                _(
                    "Template %(template)s: a template of Victim Services records "
                    "cannot attach a report (it could carry a survivor's identity).",
                    template=name,
                )
            )
        for fname in HT_DYNAMIC_FIELDS:
            source = values.get(fname)
            if not source:
                continue
            why = self._ht_identity_problem(model, str(source), fname == "body_html")
            if why:
                raise ValidationError(
                    _(
                        "Template %(template)s, field %(field)s: %(why)s Texts of "
                        "Victim Services use the case code only.",
                        template=name,
                        field=self._fields[fname]._description_string(self.env),
                        why=why,
                    )
                )

    @api.model
    def _ht_expressions(self, source, qweb):
        """(attribute or None, expression) of a template text."""
        found = []
        if qweb:
            for match in _QWEB_ATTR.finditer(source):
                found.append(
                    (match.group(1), html.unescape(match.group(2) or match.group(3) or ""))
                )
        for match in _INLINE.finditer(html.unescape(source)):
            found.append((None, match.group(1) or match.group(2) or ""))
        return found

    @api.model
    @tools.ormcache("protected")
    def _ht_case_links(self, protected):
        """{field name: model} of the relational fields of our models that lead to
        a protected model (``case_id`` -> ``ht.case``)."""
        links = {}
        for name, model in self.env.registry.items():
            if not self._ht_is_ours(name):
                continue
            for fname, field in model._fields.items():
                if field.relational and field.comodel_name in protected:
                    links.setdefault(fname, field.comodel_name)
        return links

    @api.model
    def _ht_walk(self, model, segments, identity):
        """Follow ``segments`` (field names) from ``model``: the model reached (or
        None when a non-relational field ends the walk) and the first identity
        field met (or None)."""
        for seg in segments:
            if model == _UNKNOWN:
                return model, seg if seg != "display_name" else None
            if model in identity and seg in identity[model]:
                return model, seg
            field = self.env[model]._fields.get(seg) if model in self.env else None
            if field is None:
                if model in identity:
                    return model, seg  # a method or attribute of the case
                return None, None
            if model in identity and field.type in ("one2many", "many2many"):
                return model, seg  # the case file's lines (notes, needs, ...)
            if field.type in ("reference", "many2one_reference"):
                model = _UNKNOWN
            elif field.relational:
                model = field.comodel_name
            else:
                return None, None
        return model, None

    @api.model
    def _ht_identity_problem(self, model, source, qweb):
        """Why this template text could show an identity, or False."""
        if qweb and re.search(r"\bt-call", source):
            return _("it calls another template (t-call).")
        identity = self._ht_identity_fields()
        names = set().union(*identity.values()) if identity else set()
        names.discard("name")  # too common alone: followed by path only
        check = {
            "identity": identity,
            "names": names,
            "protected": set(identity) | {_UNKNOWN},
            "case_links": self._ht_case_links(tuple(sorted(identity))),
            "roots": self._ht_roots(model, source, qweb, identity),
        }
        for attr, expr in self._ht_expressions(source, qweb):
            why = self._ht_expression_problem(attr, expr, check)
            if why:
                return why
        return False

    @api.model
    def _ht_roots(self, model, source, qweb, identity):
        """{variable: model}: the record, and the aliases t-set / t-foreach make."""
        roots = {"object": model}
        tags = _TAG.findall(source) if qweb else ()
        for _round in range(3):
            for tag in tags:
                attrs = {
                    m.group(1): html.unescape(m.group(2) or m.group(3) or "")
                    for m in _QWEB_ATTR.finditer(tag)
                }
                for name_attr, value_attr in (("t-set", "t-value"), ("t-as", "t-foreach")):
                    alias, value = attrs.get(name_attr), (attrs.get(value_attr) or "").strip()
                    chain = _CHAIN.fullmatch(value) if value else None
                    if alias and value in roots:
                        roots[alias.strip()] = roots[value]
                    elif alias and chain and chain.group(1) in roots:
                        segments = re.findall(r"\w+", chain.group(2))
                        reached = self._ht_walk(roots[chain.group(1)], segments, identity)[0]
                        if reached:
                            roots[alias.strip()] = reached
        return roots

    @api.model
    def _ht_expression_problem(self, attr, expr, check):
        tokens = set(_NAME.findall(expr))
        bad = tokens & check["names"]
        if bad:
            return _("it names the identity field %(field)s.", field=min(bad))
        bad = tokens & HT_FORBIDDEN_NAMES
        if bad:
            return _("%(name)s cannot be used in a template.", name=min(bad))
        private = [t for t in tokens if t.startswith("_")]
        if private:
            return _("%(name)s cannot be used in a template.", name=private[0])
        roots, protected = check["roots"], check["protected"]
        for match in _CHAIN.finditer(expr):
            reached, found = self._ht_walk_chain(match, roots, check)
            path = match.group(0).replace(" ", "")
            if found:
                return _(
                    "%(path)s reaches %(field)s (the survivor's identity or case file).",
                    path=path,
                    field=found,
                )
            alone = expr.strip() == match.group(0).strip()
            if reached in protected and not (alone and attr not in ("t-value", "t-foreach")):
                return _("%(path)s may only be shown as is or followed by a field.", path=path)
        # a bare variable holding a case (subscript, function argument)
        for root, reached in roots.items():
            shown = expr.strip() == root and attr not in ("t-value", "t-foreach")
            if reached in protected and not shown and re.search(rf"\b{root}\b(?!\s*\.)", expr):
                return _("%(name)s may only be followed by a field.", name=root)
        return False

    @api.model
    def _ht_walk_chain(self, match, roots, check):
        root = match.group(1)
        segments = re.findall(r"\w+", match.group(2))
        if root in roots:
            return self._ht_walk(roots[root], segments, check["identity"])
        # a variable we cannot type: from its first field leading to a case
        links = [i for i, seg in enumerate(segments) if seg in check["case_links"]]
        if not links:
            return None, None
        start = links[0]
        return self._ht_walk(
            check["case_links"][segments[start]], segments[start + 1 :], check["identity"]
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            model = vals.get("model") or (
                vals.get("model_id") and self.env["ir.model"].sudo().browse(vals["model_id"]).model
            )
            values = dict(vals)
            if vals.get("report_template_ids"):
                values["report_template_ids"] = self.new(
                    {"report_template_ids": vals["report_template_ids"]}
                ).report_template_ids
            self._ht_check_values(model, values, vals.get("name") or "")
        templates = super().create(vals_list)
        templates._ht_check_editor()
        templates._ht_check_identity_safe()
        return templates

    def _ht_check_editor(self):
        """Our templates are the agency's protocol: Victim Services administrators
        (and Odoo's Settings administrators) change them, not every employee."""
        if self.env.su or self.env.user.has_group("base.group_system"):
            return
        if any(self._ht_is_ours(t.model) for t in self.sudo()) and not self.env.user.has_group(
            "ht_consent.group_ht_admin"
        ):
            raise AccessError(
                _("Only Victim Services administrators change Victim Services texts.")
            )

    def _check_access_right_dynamic_template(self):
        # Odoo keeps dynamic expressions to template editors. Victim Services
        # administrators edit the texts of our models with any expression that
        # passes _ht_check_identity_safe (stricter about identity than Odoo's list).
        ours = self and all(self._ht_is_ours(t.model) for t in self.sudo())
        if ours and self.env.user.has_group("ht_consent.group_ht_admin"):
            return None
        return super()._check_access_right_dynamic_template()

    def write(self, vals):
        self._ht_check_editor()
        self._ht_check_identity_safe(vals)
        res = super().write(vals)
        self._ht_check_editor()
        self._ht_check_identity_safe()
        return res

    def _render_field(self, field, res_ids, *args, **kwargs):
        # second line of defence: a template changed in SQL is refused when used
        self._ht_check_identity_safe()
        return super()._render_field(field, res_ids, *args, **kwargs)

    # ------------------------------------------------------------------ rendering

    def _ht_render(self, record, lang=None, add_context=None):
        """This template's subject and body for ``record``, in ``lang`` (the
        reader's language; default: the current one): {"subject": str, "body":
        Markup}."""
        return self._ht_render_batch(record, lang, add_context)[record.id]

    def _ht_render_batch(self, records, lang=None, add_context=None):
        """{record id: {"subject", "body"}} for ``records`` in one rendering per
        field (a constant number of queries for a batch). Rendered as superuser:
        the text is the template's, which holds no identity (checked above)."""
        self.ensure_one()
        if not records:
            return {}
        template = self.sudo()
        kwargs = {"add_context": add_context or {}}
        if lang:
            kwargs["set_lang"] = lang
        subjects = template._render_field("subject", records.ids, **kwargs)
        bodies = template._render_field("body_html", records.ids, **kwargs)
        return {
            rid: {"subject": (subjects[rid] or "").strip(), "body": bodies[rid]}
            for rid in records.ids
        }
