# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HtCaseAccessLog(models.Model):
    """Read audit: who opened which case file, when. Append-only; readable by
    supervisors of the agency."""

    _name = "ht.case.access.log"
    _description = "Case file opened"
    _order = "date desc, id desc"
    _log_access = False

    case_id = fields.Many2one("ht.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    user_id = fields.Many2one("res.users", required=True, ondelete="restrict", index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)

    def write(self, vals):  # pylint: disable=method-required-super
        # Deliberately never calls super: the audit trail is not edited.
        raise UserError(_("The case access log is append-only."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("The case access log is append-only."))
