# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, api, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

SHARING_FIELDS = {"public", "access_token", "res_model", "res_id"}
# Where an attachment stores a binary field (a consent's signed release, its
# signature, a disclosure's legal document): the ORM writes these as superuser
# through the record's own write(), which decides what may change.
STORAGE_FIELDS = {"res_model", "res_id", "res_field", "datas", "raw", "db_datas", "store_fname"}


class IrAttachment(models.Model):
    """Attachments of case data (every model that declares ``_ht_case_data =
    True``) follow the record's access (Odoo checks the attached record), and only
    Settings administrators can make them public, share them by link (access
    token) or move or copy them off case data: no create, write, copy or
    ``generate_access_token`` does it for anyone else."""

    _inherit = "ir.attachment"

    @api.model
    def _ht_is_case_data(self, res_model):
        model = self.env.registry.get(res_model) if res_model else None
        return bool(getattr(model, "_ht_case_data", False))

    def _ht_may_share(self):
        return self.env.su or self.env.user.has_group("base.group_system")

    def _ht_refuse(self):
        raise AccessError(
            _(
                "Attachments of a survivor's file cannot be made public, shared by link "
                "or moved out of the file. Ask a Settings administrator."
            )
        )

    def _ht_check_sharing(self, vals, old=None):
        """Refuse ``vals`` (of a new attachment, or written on ``old``) if they leave
        case data public, shared by link, or move it onto a record that is not
        case data."""
        old_model = old.res_model if old else None
        new_model = vals.get("res_model", old_model)
        if self._ht_is_case_data(new_model):
            public = vals.get("public", old.public if old else False)
            token = vals.get("access_token", old.access_token if old else False)
            if public or token:
                self._ht_refuse()
        elif self._ht_is_case_data(old_model):
            self._ht_refuse()

    def _ht_refuse_field_storage(self):
        raise AccessError(
            _(
                "This file is a field of a survivor's file (a signed release, a "
                "signature, a legal document): it changes only through its record, "
                "which decides whether it may."
            )
        )

    def _ht_check_field_storage(self, vals=None):
        """Refuse, to anyone but the superuser (the ORM's own binary fields), to
        create, change or delete the attachment that stores a binary field of
        case data: otherwise the signed release of an active consent could be
        replaced or deleted behind ``ht.consent.write``."""
        if self.env.su:
            return
        vals = vals or {}
        if vals.get("res_field") and self._ht_is_case_data(vals.get("res_model")):
            self._ht_refuse_field_storage()
        # sudo: only the model and field of the stored file are read, to decide.
        for att in self.sudo():
            for model, field in (
                (att.res_model, att.res_field),
                (vals.get("res_model", att.res_model), vals.get("res_field", att.res_field)),
            ):
                if field and self._ht_is_case_data(model):
                    self._ht_refuse_field_storage()

    def _check_access(self, operation):
        """Odoo 18 checks an attachment's record in ``check()`` (create, write,
        unlink, portal downloads, searches) but not when an internal user reads an
        attachment by id (``read``, ``/web/content/<id>``): whoever may read
        attachments at all would read a survivor's signed release. Attachments of
        case data are read, and changed, only by those who may read (change) the
        record; the public ones excepted, as in ``check()``."""
        result = super()._check_access(operation)
        if self.env.su or not self._ids:
            return result
        candidates = self - result[0] if result else self
        ids = tuple(i for i in candidates._ids if isinstance(i, int))
        if not ids:
            return result
        self.flush_model(["res_model", "res_id", "public", "create_uid"])
        rows = self.env.execute_query(
            SQL(
                "SELECT id, res_model, res_id, public, create_uid FROM ir_attachment"
                " WHERE id IN %s",
                ids,
            )
        )
        by_record = defaultdict(lambda: defaultdict(list))
        forbidden = []
        for att_id, res_model, res_id, public, create_uid in rows:
            if (public and operation == "read") or not self._ht_is_case_data(res_model):
                continue
            if res_id:
                by_record[res_model][res_id].append(att_id)
            elif create_uid != self.env.uid:  # an upload not yet saved: its uploader's
                forbidden.append(att_id)
        record_operation = "read" if operation == "read" else "write"
        for res_model, atts in by_record.items():
            records = self.env[res_model].browse(atts).exists()
            allowed = set(records._filtered_access(record_operation)._ids)
            forbidden += [a for res_id, ids_ in atts.items() if res_id not in allowed for a in ids_]
        if not forbidden:
            return result
        forbidden = self.browse(forbidden)
        if result:
            return (result[0] + forbidden, result[1])
        return (forbidden, lambda: forbidden._ht_record_access_error(operation))

    def _ht_record_access_error(self, operation):
        return AccessError(
            _(
                "You may not %(operation)s these attachments: they belong to a file you "
                "cannot open. Ask its case manager or a supervisor.",
                operation=operation,
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self.browse()._ht_check_field_storage(vals)
        if not self._ht_may_share():
            for vals in vals_list:
                self._ht_check_sharing(vals)
        return super().create(vals_list)

    def unlink(self):
        self._ht_check_field_storage()
        return super().unlink()

    def write(self, vals):
        if STORAGE_FIELDS & set(vals):
            self._ht_check_field_storage(vals)
        if SHARING_FIELDS & set(vals) and not self._ht_may_share():
            # sudo: only the current model, public flag and token are read, to
            # decide; the write itself runs as the caller.
            for att in self.sudo():
                self._ht_check_sharing(vals, old=att)
        return super().write(vals)

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if not self._ht_may_share():
            # sudo: as in write()
            for att, vals in zip(self.sudo(), vals_list, strict=True):
                if self._ht_is_case_data(att.res_model) and not self._ht_is_case_data(
                    vals.get("res_model")
                ):
                    self._ht_refuse()
        return vals_list
