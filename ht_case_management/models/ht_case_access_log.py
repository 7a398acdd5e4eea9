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
        # The system writes the audit, in a clean environment: nothing of the
        # caller's context (defaults, flags) reaches these lines.
        env = api.Environment(self.env.cr, SUPERUSER_ID, {})
        # a case created and read in a savepoint rolled back since is gone
        existing = set(env["ht.case"].browse({cid for __, cid in pending}).exists()._ids)
        logs = env[self._name].create(
            [
                {"case_id": case_id, "user_id": uid, "date": date}
                for (uid, case_id), date in pending.items()
                if case_id in existing
            ]
        )
        logs.flush_recordset()
