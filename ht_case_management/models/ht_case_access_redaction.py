# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

ITEM_KINDS = [
    ("sensitive_note", "Sensitive case notes"),
    ("case_note", "Case notes"),
    ("case_message", "Messages in the case history"),
    ("assessment_risk", "Risks to family members and other people (assessments)"),
    ("safety_plan", "Safety plan"),
    ("identification", "How the person was identified and who referred them"),
    ("legal_note", "Notes on legal status applications"),
    ("other", "Other"),
]
REASON_CODES = [
    ("sensitive_record", "Sensitive record, restricted even within the agency"),
    (
        "third_party",
        "Information about other people (family, co-victims, the suspected trafficker)",
    ),
    ("safety_of_others", "Other people's safety"),
    ("own_safety", "The person's own safety if the paper is found"),
    ("confidential_source", "Confidential source"),
    ("law_enforcement", "Law-enforcement material"),
]


class HtCaseAccessRedaction(models.Model):
    """What the own-file summary of a request withheld, and why: one line per
    kind of item and reason, with how many. Written by the system when the
    summary is delivered (``ht.case.access.request.action_deliver``); never
    changed or deleted."""

    _name = "ht.case.access.redaction"
    _description = "Withheld from the own-file summary"
    _ht_case_data = True
    _order = "request_id, id"

    request_id = fields.Many2one(
        "ht.case.access.request", required=True, ondelete="restrict", index=True, readonly=True
    )
    case_id = fields.Many2one(related="request_id.case_id", store=True, index=True, string="Case")
    company_id = fields.Many2one(related="request_id.company_id", store=True)
    item_kind = fields.Selection(ITEM_KINDS, "What", required=True, readonly=True)
    item_count = fields.Integer("How many", required=True, readonly=True, default=1)
    reason_code = fields.Selection(REASON_CODES, "Why", required=True, readonly=True)

    def write(self, vals):  # pylint: disable=method-required-super
        # Deliberately never calls super: what was withheld is a record of the delivery.
        raise UserError(_("What was withheld from a summary is recorded once and never changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("What was withheld from a summary is recorded once and never deleted."))
