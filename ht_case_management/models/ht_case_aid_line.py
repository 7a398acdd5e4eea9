# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class HtCaseAidLine(models.Model):
    """Material aid or financial assistance given to a client (food, clothing, a
    phone, transport, cash, a gift card, vouchers, rent...), with its amount."""

    _name = "ht.case.aid.line"
    _description = "Material aid"
    _ht_case_data = True
    _order = "date desc, id desc"
    _check_company_auto = True

    case_id = fields.Many2one("ht.case", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    kind_id = fields.Many2one("ht.case.aid.kind", required=True, ondelete="restrict")
    amount = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda s: s.env.company.currency_id,
        ondelete="restrict",
    )
    user_id = fields.Many2one(
        "res.users", "Staff", required=True, default=lambda s: s.env.user, ondelete="restrict"
    )
    note = fields.Char()

    def write(self, vals):
        # record rules check the old case only: a line never moves to another case
        if "case_id" in vals and any(line.case_id.id != vals["case_id"] for line in self):
            raise UserError(
                _("A line of a case stays on its case: record it again on the other case.")
            )
        return super().write(vals)

    @api.constrains("date", "amount")
    def _check_values(self):
        today = fields.Date.context_today(self)
        for line in self:
            if line.date and line.date > today:
                raise ValidationError(_("Aid is recorded once given: not in the future."))
            if line.amount < 0:
                raise ValidationError(_("An amount of aid is 0 or more."))
