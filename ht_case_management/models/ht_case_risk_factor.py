# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HtCaseRiskFactor(models.Model):
    """A risk factor ticked on a risk assessment; the assessment's risk score is
    the sum of the weights ticked, its level follows the thresholds
    (ht.case.risk.threshold). Archived, never deleted: assessments keep the
    factors they were scored with."""

    _name = "ht.case.risk.factor"
    _description = "Risk factor"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    category = fields.Selection(
        [
            ("client", "Risk to the client"),
            ("family", "Risk to the family"),
            ("others", "Risk to others"),
        ],
        required=True,
        default="client",
    )
    weight = fields.Integer(required=True, default=1)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    @api.constrains("weight")
    def _check_weight(self):
        for rec in self:
            if rec.weight <= 0:
                raise ValidationError(
                    _("The weight of %(factor)s must be a positive number.", factor=rec.name)
                )
