# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, models, tools


class MailThread(models.AbstractModel):
    """Chatter of case data (models that declare ``_ht_case_data = True``): only
    people who may read a record follow it or are notified of its messages. A
    partner reads through its users, and only if every one of them may read the
    record (a partner without a user never does). Whoever loses read access stops
    following (``_ht_drop_followers_without_access``, called when a case team
    changes and when a user's groups, companies or activity change)."""

    _inherit = "mail.thread"

    @api.model
    @tools.ormcache()
    def _ht_case_data_threads(self):
        """Names of the models with chatter that hold case data. Asked on every
        message and follower search: the walk over the registry is cached for the
        registry's life (a module install or upgrade makes a new one)."""
        thread = self.env.registry["mail.thread"]
        return tuple(
            name
            for name, model in self.env.registry.items()
            if getattr(model, "_ht_case_data", False)
            and not model._abstract
            and issubclass(model, thread)
        )

    @api.model
    def _ht_forbidden_rows(self, rows, operation="read"):
        """The ids among ``rows`` ((row id, model, res_id) of messages, followers...)
        about case data whose record the current user may not access for
        ``operation`` (as the record maps it, ``_get_mail_message_access``)."""
        case_models = set(self._ht_case_data_threads())
        by_record = defaultdict(lambda: defaultdict(list))
        for row_id, model, res_id in rows:
            if model in case_models and res_id:
                by_record[model][res_id].append(row_id)
        forbidden = set()
        for model, docs in by_record.items():
            Record = self.env[model]
            record_operation = Record._get_mail_message_access(list(docs), operation)
            allowed = Record.browse(docs).exists()._filtered_access(record_operation)
            for res_id, row_ids in docs.items():
                if res_id not in allowed._ids:
                    forbidden.update(row_ids)
        return forbidden

    def _message_update_content(self, message, *args, **kwargs):
        # The chatter's edit and delete of a message (Odoo writes it as superuser
        # after its own check, so mail.message.write cannot tell): the chatter of
        # case data is its history, kept as written.
        if getattr(self, "_ht_case_data", False) and not self.env.su:
            self.env["mail.message"]._ht_refuse_history_change()
        return super()._message_update_content(message, *args, **kwargs)

    def _message_track_post_template(self, changes):
        # Case data posts no template when a tracked field changes (no
        # _track_template): Odoo would still look up the user's language first, two
        # queries at the commit of each new case, assessment... The tracking message
        # itself is _track_finalize's, untouched.
        if (
            getattr(self, "_ht_case_data", False)
            and self
            and changes
            and not self._track_template(changes)
        ):
            return True
        return super()._message_track_post_template(changes)

    def _ht_readers(self, partners):
        """{record id: ids of the partners among ``partners`` who may read it}."""
        readers = {rec_id: set() for rec_id in self._ids}
        # sudo: only the partners' active users are read, to ask each user's own
        # access below; one query for all the partners, whatever the context (the
        # partners' user_ids sorted them by name through a join with the partners).
        found = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("partner_id", "in", partners.ids), ("active", "=", True)],
                ["partner_id"],
                order="id",
            )
            .with_context(active_test=True)  # their active companies only, below
        )
        users_of = defaultdict(list)
        for user in found:
            users_of[user.partner_id.id].append(user)
        for partner in partners:
            users = users_of.get(partner.id)
            if not users:
                continue
            readable = set(self._ids)
            for user in users:
                # The user's own companies, not those of the caller's request.
                records = self.with_user(user).with_context(
                    allowed_company_ids=user.company_ids.ids
                )
                readable &= set(records._filtered_access("read")._ids)
            for rec_id in readable:
                readers[rec_id].add(partner.id)
        return readers

    def _ht_drop_followers_without_access(self, partners=None):
        """Unsubscribe the followers (among ``partners``, default all) who may no
        longer read the record."""
        if not self or not getattr(self, "_ht_case_data", False):
            return
        domain = [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        if partners is not None:
            domain.append(("partner_id", "in", partners.ids))
        # sudo: followers are system data; they are only removed here.
        followers = self.env["mail.followers"].sudo().search(domain)
        if not followers:
            return
        readers = self.browse(set(followers.mapped("res_id")))._ht_readers(followers.partner_id)
        followers.filtered(lambda f: f.partner_id.id not in readers[f.res_id]).unlink()

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        if not partner_ids or not getattr(self, "_ht_case_data", False):
            return super()._message_subscribe(partner_ids, subtype_ids, customer_ids=customer_ids)
        # Each record is followed only by the partners who may read it; records
        # planned twice in one batch (activities) are subscribed once.
        records = self.browse(dict.fromkeys(self._ids))
        readers = records._ht_readers(self.env["res.partner"].browse(partner_ids))
        by_partners = defaultdict(list)
        for rec_id in records._ids:
            allowed = tuple(pid for pid in partner_ids if pid in readers[rec_id])
            if allowed:
                by_partners[allowed].append(rec_id)
        for allowed, rec_ids in by_partners.items():
            super(MailThread, self.browse(rec_ids))._message_subscribe(
                list(allowed), subtype_ids, customer_ids=customer_ids
            )
        return True

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if not recipients or not self or not getattr(self, "_ht_case_data", False):
            return recipients
        # A mention or a stale follower of case data is not told what it says.
        partners = self.env["res.partner"].browse({r["id"] for r in recipients if r["id"]})
        readers = set.intersection(*self._ht_readers(partners).values())
        return [r for r in recipients if r["id"] in readers]
