# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# What information shared under a consent may be used for. A fixed technical
# list: code decides on these (a referral asks for "referral", a case conference
# for "coordination", a letter for the use it names...). Administrators choose,
# per purpose (``ht.consent.purpose``), which of them it allows.
USES = [
    ("referral", "Referral / warm hand-off"),
    ("coordination", "Service coordination"),
    ("law_enforcement", "Law-enforcement cooperation"),
    ("benefits", "Benefits application"),
    ("research", "Evaluation and research"),
    ("other", "Other"),
]


class HtConsentUse(models.Model):
    """One use of shared information the code asks a consent for (``USES``). The
    rows are the technical list, loaded from data; nobody edits them (read-only
    access for everyone), only their translated names are shown."""

    _name = "ht.consent.use"
    _description = "Use of shared information"
    _order = "id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(USES, required=True, readonly=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Each use is listed once."),
    ]

    @api.model
    def _ht_label(self, code):
        """The use's name in the reader's language (the technical label if its row
        is missing)."""
        # sudo: the list of uses is technical configuration, not survivor data.
        use = self.sudo().search([("code", "=", code)], limit=1)
        return use.name or dict(USES).get(code, code)
