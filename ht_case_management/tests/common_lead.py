# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A hotline lead as Odoo leaves it after a salesperson wrote to the caller from its
chatter: a contact created from the e-mail address (as the composer's recipient
suggestion does), the caller following the lead, and the notification mail queued."""

from odoo.tools import SQL


def lead_with_chatter(env, salesman, sentinel, **vals):
    """A lead whose every identity value contains ``sentinel``; returns the lead,
    the caller's contact and the queued mail to the caller."""
    email = f"caller.{sentinel.lower()}@example.com"
    lead = (
        env["crm.lead"]
        .with_user(salesman)
        .create(
            dict(
                {
                    "name": f"Hotline call from {sentinel}",
                    "contact_name": f"Rosa {sentinel}",
                    "email_from": email,
                    "phone": "+1 202 555 0147",
                    "user_id": salesman.id,
                },
                **vals,
            )
        )
    )
    caller = (
        env["res.partner"]
        .with_user(salesman)
        ._find_or_create_from_emails([f'"Rosa {sentinel}" <{email}>'])[0]
    )
    caller.with_user(salesman).phone = "+1 202 555 0147"
    message = (
        lead.with_user(salesman)
        # as the chatter does; the mail waits for the mail queue
        .with_context(mail_post_autofollow=True, mail_notify_force_send=False)
        .message_post(
            body=f"Dear Rosa {sentinel}, we will call you back at the safe number.",
            partner_ids=caller.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
    )
    env.flush_all()
    mail = env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
    return lead, caller, mail


def columns_containing(env, needle):
    """Every (table, column) of the database whose text holds ``needle``."""
    env.flush_all()
    env.cr.execute(
        """SELECT c.table_name, c.column_name
             FROM information_schema.columns c
             JOIN information_schema.tables t
               ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
              AND c.data_type IN ('text', 'character varying', 'jsonb')"""
    )
    hits = set()
    for table, column in env.cr.fetchall():
        found = env.execute_query(
            SQL(
                "SELECT 1 FROM %s WHERE %s::text ILIKE %s LIMIT 1",
                SQL.identifier(table),
                SQL.identifier(column),
                f"%{needle}%",
            )
        )
        if found:
            hits.add((table, column))
    return hits
