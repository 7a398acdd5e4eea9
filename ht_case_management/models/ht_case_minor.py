# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


# One capability per file (merges of parallel work stay easy): the ht.case
# extensions are deliberately not merged.
class HtCase(models.Model):
    """Minors: parents and guardians (and whether each may be involved),
    mandatory reports filed, coordination with child protection, and the
    accommodations the minor needs. Disability and accommodation fields for
    funder reports are in ``ht_case_funder_data.py``: these are the minors' own."""

    _inherit = "ht.case"

    guardian_ids = fields.One2many("ht.case.guardian", "case_id", "Parents and guardians")
    mandatory_report_ids = fields.One2many(
        "ht.case.mandatory.report", "case_id", "Mandatory reports"
    )
    child_protection_agency_id = fields.Many2one(
        "res.partner",
        "Child protection agency",
        domain=[("is_company", "=", True)],
        ondelete="restrict",
    )
    child_protection_contact_id = fields.Many2one(
        "res.partner",
        "Child protection worker",
        domain="[('parent_id', '=', child_protection_agency_id), ('is_company', '=', False)]",
        ondelete="restrict",
    )
    child_protection_reference = fields.Char("Child protection case number")
    child_protection_note = fields.Text("Coordination with child protection")
    minor_school = fields.Selection(
        [
            ("enrolled", "Enrolled"),
            ("not_enrolled", "Not enrolled"),
            ("to_enrol", "Enrolment in progress"),
            ("unknown", "Unknown"),
        ],
        "School",
    )
    minor_accommodations = fields.Text(
        "Minor's accommodations",
        help="Age-appropriate and developmental accommodations: a child-friendly "
        "interview room, a support person, school arrangements.",
    )
