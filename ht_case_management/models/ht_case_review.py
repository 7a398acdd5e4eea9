# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HtCaseReview(models.Model):
    """A supervision review of a case."""

    _name = "ht.case.review"
    _description = "Case review"
    _ht_case_data = True
    _order = "date desc, id desc"

    case_id = fields.Many2one("ht.case", required=True, ondelete="restrict", index=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    supervisor_id = fields.Many2one("res.users", required=True, default=lambda s: s.env.user)
    summary = fields.Text(required=True)
    decisions = fields.Text()

    @api.constrains("date", "case_id")
    def _check_date(self):
        for rec in self:
            if rec.case_id.identification_date and rec.date < rec.case_id.identification_date:
                raise ValidationError(
                    _(
                        "A review of %(case)s cannot be dated before the case was identified "
                        "(%(date)s).",
                        case=rec.case_id.code,
                        date=rec.case_id.identification_date,
                    )
                )
            if rec.date > fields.Date.context_today(rec):
                raise ValidationError(_("A review cannot be dated in the future."))

    @api.model_create_multi
    def create(self, vals_list):
        reviews = super().create(vals_list)
        act_type = self.env.ref("ht_case_management.mail_act_case_review")
        # the review is done: close the planned review activity
        reviews.case_id.activity_ids.filtered(
            lambda a: a.activity_type_id == act_type
        ).action_feedback(feedback=_("Reviewed"))
        return reviews
