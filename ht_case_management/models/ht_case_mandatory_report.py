# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class HtCaseMandatoryReport(models.Model):
    """A mandatory report filed for a minor (child protective services, law
    enforcement): when, to which agency, its reference and who filed it. A
    report is a legal record: never deleted, its filer never changed."""

    _name = "ht.case.mandatory.report"
    _description = "Mandatory report"
    _ht_case_data = True
    _order = "date desc, id desc"

    case_id = fields.Many2one("ht.case", required=True, ondelete="restrict", index=True)
    date = fields.Date("Filed on", required=True, default=fields.Date.context_today)
    agency_id = fields.Many2one(
        "res.partner",
        required=True,
        domain=[("is_company", "=", True)],
        ondelete="restrict",
    )
    report_type = fields.Selection(
        [
            ("child_protection", "Child protective services"),
            ("law_enforcement", "Law enforcement"),
            ("other", "Other"),
        ],
        required=True,
        default="child_protection",
    )
    reference = fields.Char("Agency reference")
    reported_by_id = fields.Many2one(
        "res.users", "Filed by", required=True, default=lambda s: s.env.user, ondelete="restrict"
    )
    note = fields.Char()

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for rec in self:
            if rec.date > today:
                raise ValidationError(_("A mandatory report cannot be filed in the future."))

    def write(self, vals):
        if (
            not self.env.su
            and "case_id" in vals
            and any(rec.case_id.id != vals["case_id"] for rec in self)
        ):
            raise UserError(_("A mandatory report stays on its case."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("Mandatory reports are kept: correct one, or add a note."))
