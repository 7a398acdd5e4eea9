# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

from odoo.addons.ht_consent.models.ht_consent_use import USES

_lt = LazyTranslate(__name__)
# What a letter tells its recipient about the client: who they are, that they are
# served and for what.
LETTER_CATEGORIES = ("identity", "case_summary")
LETTER_REPORT = "ht_case_management.action_report_ht_case_letter"


class HtCaseLetter(models.Model):
    """A letter of support or a verification of services, in English or Spanish,
    signed by the case manager and addressed to a named organisation. Issuing it
    is a disclosure: it is refused unless a consent covers the recipient, the
    client's identity and case summary, and the purpose at that moment, and each
    issue writes a disclosure line. The PDF is rendered once, when it is issued,
    and kept on the letter (its file follows the letter's access); an issued
    letter never changes (a new letter is written instead)."""

    _name = "ht.case.letter"
    _description = "Letter of support / verification of services"
    _ht_case_data = True
    _inherit = ["ht.protected.fields.mixin"]
    _order = "id desc"
    _ht_protected_fields = {
        "name": _lt("its creation (a sequence)"),
        "state": _lt("the Issue button"),
        "issued_on": _lt("the Issue button"),
        "signed_by_id": _lt("the Issue button (the case manager signs)"),
        "disclosure_id": _lt("the Issue button"),
        "document": _lt("the Issue button"),
        "document_name": _lt("the Issue button"),
    }

    name = fields.Char("Reference", readonly=True, copy=False, default=lambda s: s.env._("New"))
    case_id = fields.Many2one("ht.case", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    letter_type = fields.Selection(
        [("support", "Letter of support"), ("verification", "Verification of services")],
        "Letter",
        required=True,
        default="verification",
    )
    recipient_id = fields.Many2one(
        "res.partner",
        "Addressed to",
        required=True,
        domain=[("is_company", "=", True)],
        ondelete="restrict",
        help="The organisation the letter is for; a consent must cover it.",
    )
    purpose_type = fields.Selection(USES, "Purpose", required=True, default="other")
    lang = fields.Selection(
        [("en", "English"), ("es", "Spanish")], "Language", required=True, default="en"
    )
    statement = fields.Text(help="What the agency states in support, in the letter's language.")
    state = fields.Selection(
        [("draft", "Draft"), ("issued", "Issued")], default="draft", required=True, readonly=True
    )
    issued_on = fields.Date(readonly=True, copy=False)
    signed_by_id = fields.Many2one("res.users", "Signed by", readonly=True, copy=False)
    disclosure_id = fields.Many2one("ht.disclosure", readonly=True, copy=False)
    document = fields.Binary("Letter (PDF)", attachment=True, readonly=True, copy=False)
    document_name = fields.Char(readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        self._ht_check_protected_create(vals_list)
        for vals in vals_list:
            # sudo: the sequence is configuration.
            vals["name"] = self.env["ir.sequence"].sudo().next_by_code("ht.case.letter")
        with self._ht_protected_open():
            return super().create(vals_list)

    def write(self, vals):
        if not self._ht_protected_allowed():
            self.check_access("write")
            # sudo: the state is read to decide, on letters the user may write.
            issued = self.sudo().filtered(lambda r: r.state == "issued")
            if issued:
                raise UserError(
                    _(
                        "Letter %(ref)s was issued and is kept as it was sent: write a new "
                        "letter instead.",
                        ref=", ".join(issued.mapped("name")),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if any(letter.state == "issued" for letter in self):
            raise UserError(_("An issued letter is kept: it was a disclosure."))

    def action_issue(self):
        """Check the consent now, sign, log the disclosure, render the PDF once."""
        self.ensure_one()
        self.check_access("write")
        if self.state != "draft":
            raise UserError(_("Letter %(ref)s was already issued.", ref=self.name))
        case = self.case_id
        if self.env.user != case.case_manager_id and not self.env.su:
            raise UserError(
                _(
                    "The case manager signs and issues the letters of %(case)s.",
                    case=case.code,
                )
            )
        # raises a UserError naming what is missing; nothing is written before it
        consent = case._ht_consent_check(self.recipient_id, LETTER_CATEGORIES, self.purpose_type)
        disclosure = case._ht_log_disclosure(
            self.recipient_id,
            LETTER_CATEGORIES,
            consent=consent,
            channel="print",
            reference=self.name,
        )
        self._ht_write_protected(
            {
                "state": "issued",
                "issued_on": fields.Date.context_today(self),
                "signed_by_id": case.case_manager_id.id,
                "disclosure_id": disclosure[:1].id,
            }
        )
        pdf, _fmt = self.env["ir.actions.report"]._render_qweb_pdf(LETTER_REPORT, self.ids)
        self._ht_write_protected(
            {
                "document": base64.b64encode(pdf),
                "document_name": f"{self.name.replace('/', '-')}.pdf",
            }
        )
        # sudo: the letter's own file, just stored by this method: its text names the
        # person, so it is not copied into the search index (ir.attachment would
        # index a text rendering, attachment_indexation a PDF).
        self.env["ir.attachment"].sudo().search(
            [
                ("res_model", "=", self._name),
                ("res_id", "=", self.id),
                ("res_field", "=", "document"),
            ]
        ).write({"index_content": False})
        return True

    # ------------------------------------------------------------------ printing

    def _ht_letter_values(self):
        """What the letter prints, read for the case team member issuing it."""
        self.ensure_one()
        case = self.case_id
        goals = case.goal_ids.filtered(lambda g: g.state in ("in_progress", "done"))
        return {
            # printed for the recipient: an identity read, audited
            "person": case._ht_consent_person_name(),
            "since": case.identification_date,
            "services": sorted(set((goals.category_id or goals).mapped("display_name"))),
        }


class ReportHtCaseLetter(models.AbstractModel):
    """A letter renders only while it is being issued (issued, not yet stored): no
    other route (the report URL, a print menu) prints one without a disclosure."""

    _name = "report.ht_case_management.report_ht_case_letter"
    _description = "Letter of support / verification of services (report)"

    @api.model
    def _get_report_values(self, docids, data=None):
        letters = self.env["ht.case.letter"].browse(docids)
        letters.check_access("read")
        # sudo: state and stored file are read to decide, on letters the user reads.
        if any(letter.state != "issued" or letter.document for letter in letters.sudo()):
            raise UserError(
                _(
                    "A letter is printed once, when its case manager issues it; download "
                    "the issued letter from the case."
                )
            )
        return {
            "doc_ids": letters.ids,
            "doc_model": "ht.case.letter",
            "docs": letters,
            "values": {letter.id: letter._ht_letter_values() for letter in letters},
        }
