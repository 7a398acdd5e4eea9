# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtTestSubject(models.Model):
    _name = "ht.test.subject"
    _description = "Test consent subject"
    _inherit = ["mail.thread", "mail.activity.mixin", "ht.consent.subject.mixin"]
    _rec_name = "code"

    code = fields.Char(required=True)
    person_name = fields.Char()
    user_ids = fields.Many2many("res.users", string="Team")
    manager_id = fields.Many2one("res.users")
    company_id = fields.Many2one("res.company", default=lambda s: s.env.company)
    withdrawn_log = fields.Text()

    def _ht_consent_person_name(self):
        return self.person_name or self.code

    def _ht_consent_responsible_user(self):
        return self.manager_id

    def _ht_consent_withdrawn(self, consents, reason):
        for rec in self:
            rec.withdrawn_log = (
                rec.withdrawn_log or ""
            ) + f"{reason}:{','.join(consents.mapped('name'))}\n"
        return super()._ht_consent_withdrawn(consents, reason)
