# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression


class HtSubjectAccessMixin(models.AbstractModel):
    """Records about a subject document (res_model, res_id) that anyone may see
    only if they may see the subject, the way ``mail.activity`` follows the access
    of the document it is attached to. Model access rights and record rules still
    apply on top (they are checked first)."""

    _name = "ht.subject.access.mixin"
    _description = "Access follows the subject document"
    # About a person's file: attachments never public, chatter only for readers.
    _ht_case_data = True

    res_model = fields.Char("Subject model", required=True, index=True, readonly=True)
    res_id = fields.Many2oneReference(
        "Subject ID", model_field="res_model", required=True, index=True, readonly=True
    )

    def _ht_subject(self):
        """The subject record, in the current environment (no sudo)."""
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    def _ht_subject_operation(self, operation):
        # Reading these records needs read access on the subject; changing them
        # needs write access on it (a read-only viewer of a case may not revoke).
        return "read" if operation == "read" else "write"

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if not self or self.env.su:
            return result
        records = self - result[0] if result else self
        by_subject = defaultdict(lambda: defaultdict(list))
        # sudo: only res_model/res_id are read, to ask the subject's own access.
        for rec in records.sudo():
            by_subject[rec.res_model][rec.res_id].append(rec.id)
        forbidden_ids = []
        for model, docs in by_subject.items():
            if model not in self.env:
                forbidden_ids += [i for ids in docs.values() for i in ids]
                continue
            documents = self.env[model].browse(docs).exists()
            missing = set(docs) - set(documents.ids)
            forbidden_ids += [i for d in missing for i in docs[d]]
            doc_result = documents._check_access(self._ht_subject_operation(operation))
            if doc_result:
                for doc in doc_result[0]:
                    forbidden_ids += docs[doc.id]
        if forbidden_ids:
            forbidden = self.browse(forbidden_ids)
            if result:
                return (result[0] + forbidden, result[1])
            return (forbidden, lambda: forbidden._make_access_error(operation))
        return result

    def _make_access_error(self, operation):
        return AccessError(
            _(
                "You may not %(operation)s these %(type)s records: they belong to a "
                "file you cannot open. Ask its case manager or a supervisor.",
                operation=operation,
                type=self._description,
            )
        )

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        """The subject's own read access, as SQL: for each model that can be a
        subject, the records its access rights and record rules let this user read,
        as a sub-query. One query whatever the size of the log; pages and counts
        are right (filtering after the query's LIMIT would drop rows from a page
        and need every row in memory to count)."""
        if self.env.su:
            return super()._search(domain, offset, limit, order)
        readable = []
        for model in self._ht_subject_models():
            # archived subjects included: their consents and log stay readable
            Subject = self.env[model].with_context(active_test=False)
            if Subject.has_access("read"):
                readable.append([("res_model", "=", model), ("res_id", "in", Subject._search([]))])
        # (super() checks the access rights first, whatever is readable)
        subjects = expression.OR(readable) if readable else expression.FALSE_DOMAIN
        return super()._search(expression.AND([domain, subjects]), offset, limit, order)

    @api.model
    def _ht_subject_models(self):
        """The models whose records consents and disclosures can be about."""
        return [
            name
            for name in self.env.registry.descendants(["ht.consent.subject.mixin"], "_inherit")
            if not self.env[name]._abstract
        ]
