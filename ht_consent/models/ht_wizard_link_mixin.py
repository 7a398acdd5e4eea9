# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import UserError


class HtWizardLinkMixin(models.AbstractModel):
    """A wizard row links only to records its user may act on.

    Odoo reads the display name of a many2one as superuser: a transient row
    pointing at a lead, case or consent the caller cannot open would hand them its
    name. A wizard declares ``_ht_link_checks`` ({field: operations}); ``create``
    and ``write`` check, as the calling user and before anything is stored, each
    operation on the records those fields point at (``read`` plus what the
    wizard's action needs). A ``many2one_reference`` field is checked on the
    record its model field names, which must exist."""

    _name = "ht.wizard.link.mixin"
    _description = "Wizard rows link only to records the user may act on"

    # {field name: tuple of operations checked on the linked records}
    _ht_link_checks = {}

    def _ht_link_targets(self, fname, vals):
        """The records that ``vals`` (or, for what it leaves out, this row) links to
        through ``fname``, in the caller's environment (no sudo)."""
        field = self._fields[fname]
        if field.type == "many2one_reference":
            model = vals.get(field.model_field) or (self[field.model_field] if self else False)
            res_id = vals.get(fname) if fname in vals else (self[fname] if self else False)
            if not model or not res_id:
                return None
            if model not in self.env:
                raise UserError(_("The file this form is about no longer exists."))
            return self.env[model].browse(res_id)
        if not vals.get(fname):
            return None
        return self.env[field.comodel_name].browse(vals[fname])

    def _ht_check_links(self, vals):
        if self.env.su:
            return
        for fname, operations in self._ht_link_checks.items():
            field = self._fields[fname]
            if fname not in vals and getattr(field, "model_field", None) not in vals:
                continue
            for row in self or [self]:
                targets = row._ht_link_targets(fname, vals)
                if targets is None:
                    continue
                if not targets.exists():
                    raise UserError(_("The file this form is about no longer exists."))
                for operation in operations:
                    targets.check_access(operation)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._ht_check_links(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._ht_check_links(vals)
        return super().write(vals)
