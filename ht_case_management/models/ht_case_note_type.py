# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HtCaseNoteType(models.Model):
    """The kind of a case note (contact, home visit, court accompaniment...). A
    fixed selection until 18.0.1.2.0; the seeded values carry its codes."""

    _name = "ht.case.note.type"
    _inherit = ["ht.config.list.mixin"]
    _description = "Case note type"
