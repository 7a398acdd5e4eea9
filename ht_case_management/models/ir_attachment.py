# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

FUNDER_RUN = "ht.funder.report.run"


class IrAttachment(models.Model):
    """The file of a funder report run is read by the user who ran it only
    (supervisors read the run log line, not its file), whatever the path: the
    ORM's access check (``read``, fields, ``/web/content``), Odoo's attachment
    ``check`` and ``_search`` (lists, the run's attachment list). The superuser
    excepted."""

    _inherit = "ir.attachment"

    def _ht_funder_files_of_others(self):
        """The attachments among ``self`` that are another user's funder report file."""
        if self.env.su or not self._ids:
            return self.browse()
        ids = tuple(i for i in self._ids if isinstance(i, int))
        if not ids:
            return self.browse()
        self.env["ir.attachment"].flush_model(["res_model", "create_uid"])
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM ir_attachment WHERE id IN %s AND res_model = %s "
                "AND create_uid IS DISTINCT FROM %s",
                ids,
                FUNDER_RUN,
                self.env.uid,
            )
        )
        return self.browse(row[0] for row in rows)

    def _ht_funder_file_error(self):
        return AccessError(self.env._("Only the user who ran a funder report may open its file."))

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result:
            return result
        forbidden = self._ht_funder_files_of_others()
        if forbidden:
            return forbidden, forbidden._ht_funder_file_error
        return None

    @api.model
    def check(self, mode, values=None):
        result = super().check(mode, values=values)
        if self._ht_funder_files_of_others():
            raise self._ht_funder_file_error()
        return result

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = [
                "|",
                ("res_model", "!=", FUNDER_RUN),
                ("create_uid", "=", self.env.uid),
                *domain,
            ]
        return super()._search(domain, offset, limit, order)
