# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class HtCaseJusticeContact(models.Model):
    """A law-enforcement or prosecution contact of a case: the agency (an
    organisation) and the person there (one of its contacts on res.partner).
    The survivor is never a contact: only the agencies' staff are partners.
    What the case team shares with the agency goes through ``action_share``,
    which asks for a consent for law-enforcement cooperation and logs the
    disclosure."""

    _name = "ht.case.justice.contact"
    _description = "Law-enforcement or prosecution contact"
    _ht_case_data = True
    _order = "case_id, role, id"
    _rec_name = "agency_id"

    case_id = fields.Many2one("ht.case", required=True, ondelete="restrict", index=True)
    role = fields.Selection(
        [
            ("law_enforcement", "Law enforcement (investigator)"),
            ("prosecution", "Prosecution"),
            ("victim_witness", "Victim-witness coordinator"),
            ("other", "Other"),
        ],
        required=True,
        default="law_enforcement",
    )
    agency_id = fields.Many2one(
        "res.partner",
        required=True,
        domain=[("is_company", "=", True)],
        ondelete="restrict",
    )
    contact_id = fields.Many2one(
        "res.partner",
        "Person",
        domain="[('parent_id', '=', agency_id), ('is_company', '=', False)]",
        ondelete="restrict",
        help="A contact of the agency (its staff); never the survivor.",
    )
    agency_reference = fields.Char("Agency's case number")
    note = fields.Char()
    category_ids = fields.Many2many(
        "ht.consent.category",
        string="Information to share",
        help="Shared only under a consent for law-enforcement cooperation naming the agency.",
    )
    last_shared_on = fields.Datetime(readonly=True, copy=False)

    @api.constrains("agency_id", "contact_id")
    def _check_contact_of_agency(self):
        for rec in self:
            if not rec.agency_id.is_company:
                raise ValidationError(
                    _("%(agency)s is not an organisation.", agency=rec.agency_id.display_name)
                )
            if rec.contact_id and rec.contact_id.commercial_partner_id != rec.agency_id:
                raise ValidationError(
                    _(
                        "%(person)s is not a contact of %(agency)s.",
                        person=rec.contact_id.display_name,
                        agency=rec.agency_id.display_name,
                    )
                )

    @api.model
    def _ht_normalise_agency(self, vals):
        """A person picked as the agency stands for their organisation: the
        organisation becomes the agency, the person its contact."""
        if vals.get("agency_id"):
            picked = self.env["res.partner"].browse(vals["agency_id"])
            organisation = picked.commercial_partner_id
            if picked != organisation and organisation.is_company:
                vals["agency_id"] = organisation.id
                vals.setdefault("contact_id", picked.id)
        return vals

    def write(self, vals):
        vals = self._ht_normalise_agency(dict(vals))
        if "last_shared_on" in vals and not self.env.su:
            raise UserError(_("The date of sharing is recorded by the Share button only."))
        if "case_id" in vals and any(rec.case_id.id != vals["case_id"] for rec in self):
            raise UserError(_("A justice contact stays on its case."))
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("last_shared_on") for vals in vals_list):
            raise UserError(_("The date of sharing is recorded by the Share button only."))
        return super().create([self._ht_normalise_agency(dict(vals)) for vals in vals_list])

    def action_share(self):
        """Share the chosen information with the agency: only under a consent for
        law-enforcement cooperation in force now, naming the agency and covering
        every category; each sharing is a line of the disclosure log."""
        for rec in self:
            if not rec.category_ids:
                raise UserError(_("Choose the information to share with the agency first."))
            case = rec.case_id
            consent = case._ht_consent_check(rec.agency_id, rec.category_ids, "law_enforcement")
            case._ht_log_disclosure(
                rec.contact_id or rec.agency_id,
                rec.category_ids,
                consent=consent,
                channel="other",
                reference=rec.agency_reference,
            )
            # sudo: the date is the system's record of the disclosure just logged.
            rec.sudo().last_shared_on = fields.Datetime.now()
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_if_never_shared(self):
        if any(rec.last_shared_on for rec in self):
            raise UserError(
                _("A contact information was shared with is kept: the disclosure log names it.")
            )
