# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# What a user may still change on a message of case data: their own marks on it.
# The message itself (body, attachments, recipients, author, date) is history.
CASE_MESSAGE_MARKS = {"starred_partner_ids", "pinned_at"}


class MailMessage(models.Model):
    """Messages about case data: the record's own access decides. Odoo also lets
    the author, the recipients and the notified partners of a message read it, and
    followers post on it, whatever their access to the record; for case data none
    of these count: nobody reads or writes a case's messages without the case."""

    _inherit = "mail.message"

    def _ht_case_messages(self):
        """These messages that are about case data."""
        case_models = set(self.env["mail.thread"]._ht_case_data_threads())
        # sudo: only the model of each message is read, to decide the rule below.
        return self.sudo().filtered(lambda m: m.model in case_models).sudo(False)

    def _ht_refuse_history_change(self):
        raise UserError(
            _(
                "Messages of a case file are part of its history: they are never edited or "
                "deleted. Post a correction instead."
            )
        )

    def write(self, vals):
        # Odoo lets authors edit and delete their messages (and the record's writers
        # delete any): on case data nobody does, but the system (superuser).
        if not self.env.su and set(vals) - CASE_MESSAGE_MARKS and self._ht_case_messages():
            self._ht_refuse_history_change()
        return super().write(vals)

    def unlink(self):
        if not self.env.su and self._ht_case_messages():
            self._ht_refuse_history_change()
        return super().unlink()

    @api.model
    def _ht_forbidden_ids(self, rows, operation):
        """The ids among ``rows`` (id, model, res_id, message_type) of messages
        about case data whose record the current user may not access for
        ``operation`` (as Odoo maps it onto the record)."""
        return self.env["mail.thread"]._ht_forbidden_rows(
            [
                (mid, model, res_id)
                for mid, model, res_id, kind in rows
                if kind != "user_notification"
            ],
            operation,
        )

    def _get_forbidden_access(self, operation):
        forbidden = super()._get_forbidden_access(operation)
        rest = self - forbidden
        if self.env.su or not rest:
            return forbidden
        self.flush_model(["model", "res_id", "message_type"])
        rows = self.env.execute_query(
            SQL(
                "SELECT id, model, res_id, message_type FROM mail_message WHERE id = ANY(%s)",
                list(rest._ids),
            )
        )
        return forbidden + self.browse(self._ht_forbidden_ids(rows, operation))

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        query = super()._search(domain, offset, limit, order)
        if self.env.su:
            return query
        rows = self.env.execute_query(
            query.select(
                *(SQL.identifier(self._table, f) for f in ("id", "model", "res_id", "message_type"))
            )
        )
        forbidden = self._ht_forbidden_ids(rows, "read")
        if not forbidden:
            return query
        return self.browse(row[0] for row in rows if row[0] not in forbidden)._as_query(order)
