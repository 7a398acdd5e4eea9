# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HtCaseDocumentHeld(models.Model):
    """A document the agency holds for the client (identity papers, a
    certification letter): what it is, where it is kept, and when it was returned
    and by whom (the Return button). Never deleted: what was held stays known."""

    _name = "ht.case.document.held"
    _description = "Document held for the client"
    _ht_case_data = True
    _order = "returned_on desc, id desc"
    _rec_name = "document_type"

    case_id = fields.Many2one("ht.case", required=True, ondelete="restrict", index=True)
    document_type = fields.Selection(
        [
            ("passport", "Passport"),
            ("national_id", "National identity card"),
            ("birth_certificate", "Birth certificate"),
            ("immigration", "Immigration document (visa, EAD, I-94)"),
            ("certification_letter", "HHS certification / eligibility letter"),
            ("continued_presence", "Continued Presence document"),
            ("other", "Other"),
        ],
        "Document",
        required=True,
    )
    description = fields.Char()
    original = fields.Boolean(default=True, help="Unticked: a copy.")
    location = fields.Char("Where it is kept", required=True)
    received_on = fields.Date(required=True, default=fields.Date.context_today)
    received_by_id = fields.Many2one(
        "res.users", "Received by", required=True, default=lambda s: s.env.user
    )
    returned_on = fields.Date(readonly=True, copy=False)
    returned_by_id = fields.Many2one("res.users", "Returned by", readonly=True, copy=False)
    returned_to = fields.Char(
        "Returned to", help="The client in person, or whom the client named in writing."
    )
    state = fields.Selection(
        [("held", "Held"), ("returned", "Returned")],
        compute="_compute_state",
        store=True,
    )

    @api.depends("returned_on")
    def _compute_state(self):
        for rec in self:
            rec.state = "returned" if rec.returned_on else "held"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get("returned_on") or vals.get("returned_by_id") for vals in vals_list
        ):
            raise UserError(_("A document is returned with the Return button."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if {"returned_on", "returned_by_id"} & set(vals):
                raise UserError(_("A document is returned with the Return button."))
            if "case_id" in vals and any(rec.case_id.id != vals["case_id"] for rec in self):
                raise UserError(_("A document held stays on its case."))
        return super().write(vals)

    def action_return(self):
        self.check_access("write")
        for rec in self:
            if rec.returned_on:
                raise UserError(_("This document was already returned."))
            if not rec.returned_to:
                raise UserError(_("Say to whom the document was returned."))
        # sudo: the return date and the user are the system's record, after the
        # access check above.
        self.sudo().write(
            {"returned_on": fields.Date.context_today(self), "returned_by_id": self.env.uid}
        )
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("What the agency held for the client stays recorded."))
