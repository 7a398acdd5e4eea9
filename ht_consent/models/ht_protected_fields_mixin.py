# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from contextvars import ContextVar

from odoo import _, api, models
from odoo.exceptions import UserError

# The models whose own methods are writing their protected fields right now, in
# this thread. Python state, not the request context: no client can set it.
_OPEN = ContextVar("ht_protected_fields_open", default=frozenset())


class HtProtectedFieldsMixin(models.AbstractModel):
    """State-machine and audit fields that change only through the model's own
    methods (buttons, crons), never by ``create()``/``write()`` from a client, who
    may send any field value over RPC whatever the form shows.

    A model declares ``_ht_protected_fields`` ({field: what changes it}); ``create``
    and ``write`` refuse those fields with one ``UserError`` naming each one and
    what to use instead. Its methods write them after their own checks, either
    within ``_ht_protected_open()`` (private: the user's access rights still
    apply) or as superuser (``sudo()`` after an explicit check, crons, data files).
    Defaults for these fields come from the code only, never from ``default_*``
    context keys or user defaults. ``ht_referral_network`` has the same mechanism
    (``ht.network.protected.fields.mixin``): it does not depend on this addon."""

    _name = "ht.protected.fields.mixin"
    _description = "Fields changed only through their methods"

    # {field name: the button or process that changes it}
    _ht_protected_fields = {}
    # protected fields (after creation) that a creator may still choose
    _ht_protected_create_ok = ()

    # ------------------------------------------------------------------ private path

    @contextmanager
    def _ht_protected_open(self):
        """Within this block this model's own code may write its protected fields."""
        token = _OPEN.set(_OPEN.get() | {self._name})
        try:
            yield self
        finally:
            _OPEN.reset(token)

    def _ht_write_protected(self, vals):
        """Write protected fields, from the model's own methods after their checks."""
        with self._ht_protected_open():
            return self.write(vals)

    def _ht_protected_allowed(self):
        return self.env.su or self._name in _OPEN.get()

    # ------------------------------------------------------------------ checks

    def _ht_refuse_protected(self, fnames):
        raise UserError(
            _(
                "%(what)s cannot be set directly: %(fields)s.",
                what=self._description,
                fields="; ".join(
                    _(
                        "%(field)s changes only through %(how)s",
                        field=self._fields[fname]._description_string(self.env),
                        how=self._ht_protected_fields[fname],
                    )
                    for fname in sorted(fnames)
                ),
            )
        )

    def _ht_protected_changes(self, vals):
        """The protected fields in ``vals`` whose value would change."""
        changed = []
        # sudo: current values are read only to compare them with the new ones.
        records = self.sudo()
        for fname in self._ht_protected_fields.keys() & vals.keys():
            field = self._fields[fname]
            if field.type in ("one2many", "many2many"):
                if vals[fname]:
                    changed.append(fname)
                continue
            new = field.convert_to_cache(vals[fname], records, validate=False)
            if any(
                field.convert_to_cache(rec[fname], rec, validate=False) != new for rec in records
            ):
                changed.append(fname)
        return changed

    @api.model
    def _ht_check_protected_create(self, vals_list):
        """Refuse protected fields given at creation (other than their default)."""
        if self._ht_protected_allowed():
            return
        locked = self._ht_protected_fields.keys() - set(self._ht_protected_create_ok)
        for vals in vals_list:
            given = []
            for fname in locked & vals.keys():
                field = self._fields[fname]
                value = vals[fname]
                if not value or (
                    field.default
                    and field.convert_to_cache(value, self, validate=False)
                    == field.convert_to_cache(field.default(self), self, validate=False)
                ):
                    continue
                given.append(fname)
            if given:
                self._ht_refuse_protected(given)

    # ------------------------------------------------------------------ ORM

    @api.model
    def default_get(self, fields_list):
        defaults = super().default_get(fields_list)
        locked = self._ht_protected_fields.keys() - set(self._ht_protected_create_ok)
        for fname in locked & set(fields_list):
            field = self._fields[fname]
            if field.default:
                value = field.convert_to_cache(field.default(self), self, validate=False)
                defaults[fname] = field.convert_to_write(value, self)
            else:
                defaults.pop(fname, None)
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        self._ht_check_protected_create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if not self._ht_protected_allowed():
            changed = self._ht_protected_changes(vals)
            if changed:
                self._ht_refuse_protected(changed)
        return super().write(vals)
