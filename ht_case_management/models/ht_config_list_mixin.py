# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import UserError


class HtConfigListMixin(models.AbstractModel):
    """A list administrators edit from Victim Services › Configuration (decline
    reasons, note types, legal milestone types, outcome domains...): the code,
    translatable name, order and archiving of the funder lists, plus two rules:
    a value some record uses is archived, never deleted; code finds a value by its
    stable code (the seeded values carry the codes of the former selections)."""

    _name = "ht.config.list.mixin"
    _inherit = ["ht.case.funder.list.mixin"]
    _description = "Configurable list value"

    @api.model
    def _ht_by_code(self, code):
        """The value with this code, archived ones included (a code is unique)."""
        return self.with_context(active_test=False).search([("code", "=", code)], limit=1)

    def _ht_usage(self):
        """[(model description, count)] of the stored records pointing at ``self``."""
        usage = []
        for model_name, model in self.env.registry.items():
            if model._abstract or not model._auto:
                continue
            for field in model._fields.values():
                if (
                    field.type in ("many2one", "many2many")
                    and field.comodel_name == self._name
                    and field.store
                ):
                    # sudo: a count only, to refuse a deletion; whatever the caller
                    # may read, a value used anywhere is kept.
                    count = (
                        self.env[model_name]
                        .sudo()
                        .with_context(active_test=False)
                        .search_count([(field.name, "in", self.ids)])
                    )
                    if count:
                        usage.append((self.env[model_name]._description, count))
        return usage

    @api.ondelete(at_uninstall=False)
    def _unlink_if_unused(self):
        usage = self._ht_usage()
        if usage:
            raise UserError(
                _(
                    "%(values)s cannot be deleted: %(usage)s use it. Archive it instead: "
                    "it stays on those records and is no longer offered.",
                    values=", ".join(self.mapped("name")),
                    usage=", ".join(f"{count} × {name}" for name, count in usage),
                )
            )
