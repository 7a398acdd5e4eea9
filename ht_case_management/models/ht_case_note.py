# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtCaseNote(models.Model):
    """A case note (its own record, not chatter). A sensitive note is visible to the
    case manager and supervisors only (record rules)."""

    _name = "ht.case.note"
    _description = "Case note"
    _ht_case_data = True
    _order = "date desc, id desc"

    case_id = fields.Many2one("ht.case", required=True, ondelete="restrict", index=True)
    note_type = fields.Selection(
        [
            ("contact", "Contact"),
            ("home_visit", "Home visit"),
            ("court", "Court accompaniment"),
            ("crisis_call", "Crisis call"),
            ("other", "Other"),
        ],
        "Type",
        required=True,
        default="contact",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    author_id = fields.Many2one("res.users", required=True, default=lambda s: s.env.user)
    body = fields.Html(required=True)
    sensitive = fields.Boolean(help="Only the case manager and supervisors can read it.")
