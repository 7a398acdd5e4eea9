# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError

PENDING = "ht.case.access.log"  # key of the reads to write, in the cursor's precommit data


class HtCaseAccessLog(models.Model):
    """Read audit: who was shown the identity of which case, when. Append-only;
    readable by supervisors of the agency. Written by ``ht.case`` (see its read
    audit) through ``_ht_log_reads``: one line per user, transaction (request) and
    case, all of a transaction's lines in one batch just before it commits."""

    _name = "ht.case.access.log"
    _description = "Case file opened"
    _ht_case_data = True
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
