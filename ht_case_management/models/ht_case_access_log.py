# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

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

    @api.model
    def _ht_log_reads(self, case_ids):
        """The current user was shown the identity of the cases ``case_ids``:
        remember it for this transaction. Ids that are not of saved records (NewId
        of an onchange) are skipped; the superuser is not audited."""
        if self.env.su:
            return
        pending = self.env.cr.precommit.data.get(PENDING)
        if pending is None:
            pending = self.env.cr.precommit.data[PENDING] = {}
            self.env.cr.precommit.add(self._ht_flush_reads)
        now = fields.Datetime.now()
        for case_id in case_ids:
            if isinstance(case_id, int):
                pending.setdefault((self.env.uid, case_id), now)

    def _ht_flush_reads(self):
        pending = self.env.cr.precommit.data.pop(PENDING, None)
        if not pending:
            return
        # The system writes the audit, in one statement: nothing of the caller's
        # context (defaults, flags) reaches these lines, and a case created and
        # read in a savepoint rolled back since is gone (the join drops it). The
        # ORM has flushed every case before the precommit hooks run.
        rows = SQL(", ").join(
            SQL("(%s, %s, %s::timestamp)", uid, case_id, date)
            for (uid, case_id), date in pending.items()
        )
        self.env.cr.execute(
            SQL(
                """INSERT INTO ht_case_access_log (case_id, company_id, user_id, date)
                   SELECT c.id, c.company_id, v.user_id, v.date
                     FROM (VALUES %s) AS v (user_id, case_id, date)
                     JOIN ht_case c ON c.id = v.case_id""",
                rows,
            )
        )
