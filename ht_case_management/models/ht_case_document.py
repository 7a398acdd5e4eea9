# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


# One capability per file (merges of parallel work stay easy): the ht.case
# extensions are deliberately not merged.
class HtCase(models.Model):
    """The documents the agency holds for the client."""

    _inherit = "ht.case"

    document_held_ids = fields.One2many("ht.case.document.held", "case_id", "Documents held")
