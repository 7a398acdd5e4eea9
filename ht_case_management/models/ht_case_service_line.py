# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class HtCaseServiceLine(models.Model):
    """A service the agency itself delivered to a client, on a date: what funders
    count (services by category of the network's taxonomy, minutes or units)."""

    _name = "ht.case.service.line"
    _description = "Service delivered"
    _ht_case_data = True
    _order = "date desc, id desc"
    _check_company_auto = True

    case_id = fields.Many2one("ht.case", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    category_id = fields.Many2one(
        "ht.service.category", "Service", required=True, ondelete="restrict", index=True
    )
    user_id = fields.Many2one(
        "res.users", "Staff", required=True, default=lambda s: s.env.user, ondelete="restrict"
    )
    minutes = fields.Integer()
    quantity = fields.Float(default=1.0, digits=(16, 2))
    note = fields.Char()

    def write(self, vals):
        # record rules check the old case only: a line never moves to another case
        if "case_id" in vals and any(line.case_id.id != vals["case_id"] for line in self):
            raise UserError(
                _("A line of a case stays on its case: record it again on the other case.")
            )
        return super().write(vals)

    @api.constrains("date", "minutes", "quantity")
    def _check_values(self):
        today = fields.Date.context_today(self)
        for line in self:
            if line.date and line.date > today:
                raise ValidationError(_("A service is recorded once delivered: not in the future."))
            if line.minutes < 0 or line.quantity < 0:
                raise ValidationError(_("Minutes and quantity are 0 or more."))
