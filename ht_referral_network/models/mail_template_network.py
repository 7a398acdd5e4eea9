# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MailTemplate(models.Model):
    _inherit = "mail.template"

    def _ht_network_render(self, record, lang):
        """This template's subject and body for ``record`` in ``lang`` (the
        reader's), with Odoo's own rendering: {"subject": str, "body": Markup}.
        With ht_consent installed, its identity check applies to every rendering."""
        self.ensure_one()
        # sudo: the text is the template's (an administrator's), the record one of
        # the network's (an MOU, a party), never case data.
        template = self.sudo()
        subject = template._render_field("subject", record.ids, set_lang=lang)[record.id]
        body = template._render_field("body_html", record.ids, set_lang=lang)[record.id]
        return {"subject": (subject or "").strip(), "body": body}
