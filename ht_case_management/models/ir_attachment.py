# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

FUNDER_RUN = "ht.funder.report.run"


class IrAttachment(models.Model):
    """The file of a funder report run is read by the user who ran it only
    (supervisors read the run log line, not its file): ``check`` (every access to
    given attachments, /web/content included) and ``_search`` (lists, the run's
    attachment list). The superuser excepted."""

    _inherit = "ir.attachment"

    def _ht_funder_report_file_check(self):
        if self.env.su or not self:
            return
        self.env["ir.attachment"].flush_model(["res_model", "create_uid"])
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM ir_attachment WHERE id IN %s AND res_model = %s "
                "AND create_uid IS DISTINCT FROM %s",
                tuple(self.ids),
                FUNDER_RUN,
                self.env.uid,
            )
        )
        if rows:
            raise AccessError(_("Only the user who ran a funder report may open its file."))

    @api.model
    def check(self, mode, values=None):
        result = super().check(mode, values=values)
        self._ht_funder_report_file_check()
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
