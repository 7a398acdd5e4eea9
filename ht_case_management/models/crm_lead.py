# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.mail.tools.parser import parse_res_ids

# What a lead may hold about a caller; emptied once the case exists.
LEAD_PERSONAL_FIELDS = (
    "contact_name",
    "partner_name",
    "email_from",
    "email_cc",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "website",
    "function",
    "description",
    "partner_id",
)
# What a contact may hold about a person; emptied when the contact existed only for
# a lead that became a case.
PARTNER_PERSONAL_FIELDS = (
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "website",
    "function",
    "title",
    "comment",
    "vat",
    "ref",
    "company_registry",
    "barcode",
    "image_1920",
    "parent_id",
    "user_id",
    "category_id",
)


class CrmLead(models.Model):
    """No wrong door: a hotline call, web inquiry or e-mail logged in CRM becomes a
    case, and the lead keeps nothing about the person."""

    _inherit = "crm.lead"

    ht_case_id = fields.Many2one(
        "ht.case", "Case", readonly=True, copy=False, groups="ht_consent.group_ht_case_worker"
    )

    def action_ht_convert_to_case(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Convert to case"),
            "res_model": "ht.lead.convert",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lead_id": self.id},
        }

    def _ht_convert_to_case(self, case_vals):
        """Create the case from this lead, in the lead's agency, then scrub the lead:
        its personal data fields, its messages, their mails and recipients, its
        attachments, and the contacts that existed only for it."""
        self.ensure_one()
        if not self.env.user.has_group("ht_consent.group_ht_case_worker"):
            raise UserError(_("Only case workers open cases."))
        # As the calling user, before anything runs as superuser: converting scrubs
        # the lead, so it needs the right to read and to change this very lead (its
        # agency, its sales team's rules).
        self.check_access("read")
        self.check_access("write")
        if self.sudo().ht_case_id:
            raise UserError(_("This lead was already converted."))
        company = self.company_id or self.env.company
        if company not in self.env.companies:
            raise AccessError(
                _(
                    "This lead belongs to %(agency)s: switch to that agency to convert it.",
                    agency=company.name,
                )
            )
        vals = {
            "legal_name": self.contact_name or self.partner_name or False,
            "safe_phone": self.phone or self.mobile or False,
            "safe_email": self.email_from or False,
            "intake_channel": "crm",
            "identified_by": "hotline",
        }
        vals.update(case_vals)
        vals["company_id"] = company.id
        case = self.env["ht.case"].with_company(company).create(vals)
        if self.description:
            self.env["ht.case.note"].create(
                {
                    "case_id": case.id,
                    "note_type_id": self.env.ref(
                        "ht_case_management.ht_case_note_type_crisis_call"
                    ).id,
                    "body": self.description,
                }
            )
        self._ht_scrub(case)
        return case

    def _ht_scrub(self, case):
        # sudo: the lead's messages, mails, notifications, followers, contacts and
        # attachments may belong to other users; scrubbing must reach all of them.
        # The caller was checked to be a case worker who may read and write this lead
        # and who just created the case from it.
        lead = self.sudo()
        messages = lead.message_ids
        mails = lead.env["mail.mail"].search([("mail_message_id", "in", messages.ids)])
        outside = lead._ht_outside_partners(messages, mails)
        scrub = {fname: False for fname in LEAD_PERSONAL_FIELDS if fname in lead._fields}
        scrub.update(
            {
                "name": _("Converted to case %(code)s", code=case.code),
                "ht_case_id": case.id,
                "active": False,
            }
        )
        lead.with_context(tracking_disable=True, mail_notrack=True).write(scrub)
        # Nobody outside the agency stays linked to the lead: not as follower, not
        # as recipient or author of its messages, not through its mails.
        lead.message_follower_ids.filtered(lambda f: f.partner_id in outside).unlink()
        messages.notification_ids.filtered(lambda n: n.res_partner_id in outside).unlink()
        messages.filtered(lambda m: m.author_id in outside).write({"author_id": False})
        for message in messages.filtered(lambda m: m.partner_ids & outside):
            message.partner_ids = [(3, partner.id) for partner in message.partner_ids & outside]
        mails.filtered(lambda m: m.state in ("outgoing", "exception")).write({"state": "cancel"})
        mails.write(
            {
                "body_html": False,
                "email_to": False,
                "email_cc": False,
                "recipient_ids": [(5,)],
                "headers": False,
            }
        )
        self._ht_scrub_messages(messages, lead.name, _("<p>Removed: this lead became a case.</p>"))
        lead.env["ir.attachment"].search(
            [("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)]
        ).unlink()
        # Odoo's composer keeps what was written to the caller (body, subject, the
        # lead's title) in its own rows until its transient cleanup: gone now.
        lead.env["mail.compose.message"].search([("model", "=", "crm.lead")]).filtered(
            lambda c: lead.id in parse_res_ids(c.res_ids, c.env)
        ).unlink()
        # A contact made for this lead only (at or after its creation, referred to by
        # nothing else) is the caller: anonymised. Any other is a real contact: kept,
        # only unlinked above.
        new = outside.filtered(lambda p: p.create_date >= lead.create_date)
        lead._ht_anonymise_partners(new - lead._ht_partners_used_elsewhere(new))
        lead._message_log(
            body=_("Converted to case %(code)s; personal data removed.", code=case.code)
        )

    def _ht_scrub_messages(self, messages, record_name, body):
        """Empty messages of what they said and about what (the document's name as
        it was when they were posted)."""
        messages.tracking_value_ids.unlink()
        messages.filtered(lambda m: m.body).write({"body": body})
        messages.write(
            {"subject": False, "email_from": False, "reply_to": False, "record_name": record_name}
        )

    def _ht_outside_partners(self, messages, mails):
        """Contacts linked to this lead that are not the agency's own users: its
        customer (and the customer's company), followers, authors and recipients of
        its messages and mails."""
        partners = (
            self.partner_id
            | self.partner_id.commercial_partner_id
            | self.message_follower_ids.partner_id
            | messages.author_id
            | messages.partner_ids
            | messages.notification_ids.res_partner_id
            | mails.recipient_ids
        )
        return partners.filtered(
            lambda p: not p.with_context(active_test=False).user_ids.filtered(lambda u: not u.share)
        )

    def _ht_partners_used_elsewhere(self, partners):
        """The subset of ``partners`` that something other than this lead refers to
        (another lead, a user, a company, an order, a message on another document):
        real contacts, kept. Every stored relation to res.partner of every
        persistent model is looked at, except the rows that belong to this lead."""
        if not partners:
            return partners
        messages = self.message_ids
        own = {
            "crm.lead": self.ids,
            "mail.message": messages.ids,
            "mail.mail": self.env["mail.mail"]
            .search([("mail_message_id", "in", messages.ids)])
            .ids,
            "mail.notification": messages.notification_ids.ids,
            "mail.followers": self.message_follower_ids.ids,
            "res.partner": partners.ids,
        }
        self.env.flush_all()
        # the contact's own many2many attributes (its tags) are not uses of it
        attributes = {
            f.relation for f in self.env["res.partner"]._fields.values() if f.type == "many2many"
        }
        columns = {}
        for model in self.env.registry.values():
            if model._abstract or model._transient or not model._auto:
                continue
            for field in model._fields.values():
                if not field.store or getattr(field, "comodel_name", None) != "res.partner":
                    continue
                if field.type == "many2one":
                    key = (model._table, field.name)
                    columns.setdefault(key, ("id", own.get(model._name, [])))
                elif field.type == "many2many" and field.relation not in attributes:
                    key = (field.relation, field.column2)
                    columns.setdefault(key, (field.column1, own.get(model._name, [])))
        used = set()
        for (table, column), (owner, own_ids) in columns.items():
            rows = self.env.execute_query(
                SQL(
                    "SELECT DISTINCT %(col)s FROM %(table)s "
                    "WHERE %(col)s = ANY(%(ids)s) AND NOT (%(owner)s = ANY(%(own)s))",
                    col=SQL.identifier(column),
                    table=SQL.identifier(table),
                    owner=SQL.identifier(owner),
                    ids=list(set(partners.ids) - used),
                    own=own_ids,
                )
            )
            used.update(row[0] for row in rows)
            if used >= set(partners.ids):
                break
        return partners.browse(sorted(used))

    def _ht_anonymise_partners(self, partners):
        """A contact that existed only for this lead: its name, details, chatter
        and attachments removed, archived. No code names the case it became."""
        if not partners:
            return
        vals = {fname: False for fname in PARTNER_PERSONAL_FIELDS if fname in partners._fields}
        vals["category_id"] = [(5,)]
        vals.update({"name": _("Anonymised contact"), "active": False})
        partners.with_context(tracking_disable=True, mail_notrack=True).write(vals)
        chatter = self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "in", partners.ids)]
        )
        self._ht_scrub_messages(
            chatter, _("Anonymised contact"), _("<p>Removed: this contact was anonymised.</p>")
        )
        self.env["ir.attachment"].search(
            [("res_model", "=", "res.partner"), ("res_id", "in", partners.ids)]
        ).unlink()
