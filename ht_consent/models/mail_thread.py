# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, models, tools
from odoo.exceptions import MissingError


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

    def _message_track(self, fields_iter, initial_values_dict):
        # Odoo logs each record's tracked change with a mail.message create of its
        # own: a scheduled action that moves 500 referrals paid 500 creates at its
        # commit. Case data: the same log messages (body, author, note subtype, no
        # notification) in one create per author, and their tracking values in
        # one more. A change with a subtype is still posted by Odoo, one by one.
        if len(self) < 2 or not fields_iter or not getattr(self, "_ht_case_data", False):
            return super()._message_track(fields_iter, initial_values_dict)
        tracked_fields = self.fields_get(
            fields_iter, attributes=("string", "type", "selection", "currency_field")
        )
        tracking = {}
        for record in self:
            try:
                tracking[record.id] = record._mail_track(
                    tracked_fields, initial_values_dict[record.id]
                )
            except MissingError:
                continue
        bodies = self.env.cr.precommit.data.pop(f"mail.tracking.message.{self._name}", {})
        authors = self.env.cr.precommit.data.pop(f"mail.tracking.author.{self._name}", {})
        logs = defaultdict(dict)  # author id -> {record id: (body, tracking values)}
        for record in self:
            changes, tracking_value_ids = tracking.get(record.id, (None, None))
            if not changes:
                continue
            subtype = record._track_subtype(
                {name: initial_values_dict[record.id][name] for name in changes}
            )
            author_id = authors[record.id].id if record.id in authors else None
            body = (
                bodies[record.id]
                if record.id in bodies
                else record._track_get_default_log_message(changes)
            )
            if subtype:
                if subtype.exists():
                    record.message_post(
                        body=body,
                        author_id=author_id,
                        subtype_id=subtype.id,
                        tracking_value_ids=tracking_value_ids,
                    )
            elif tracking_value_ids:
                logs[author_id][record.id] = (body, tracking_value_ids)
        for author_id, entries in logs.items():
            records = self.browse(list(entries))
            messages = records._message_log_batch(
                {rec_id: body for rec_id, (body, _values) in entries.items()},
                author_id=author_id,
            )
            # sudo: the tracking values of the messages just logged (as Odoo's
            # _message_log writes them), each on its own record's message.
            self.env["mail.tracking.value"].sudo().create(
                [
                    dict(command[2], mail_message_id=message.id)
                    for message in messages
                    for command in entries[message.res_id][1]
                ]
            )
        return tracking

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
        if subtype_ids is None:
            # Odoo leaves a partner who already follows as it is (no subtypes given):
            # only the others are read-checked (a cron batch plans activities for
            # case managers who follow their cases already).
            # sudo: followers are system data, read to skip them.
            following = (
                self.env["mail.followers"]
                .sudo()
                .search_fetch(
                    [
                        ("res_model", "=", self._name),
                        ("res_id", "in", records.ids),
                        ("partner_id", "in", list(partner_ids)),
                    ],
                    ["res_id", "partner_id"],
                )
            )
            pairs = {(f.res_id, f.partner_id.id) for f in following}
            records = records.filtered(
                lambda rec: any((rec.id, pid) not in pairs for pid in partner_ids)
            )
            if not records:
                return True
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
