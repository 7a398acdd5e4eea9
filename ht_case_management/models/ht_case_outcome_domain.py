# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HtCaseOutcomeDomain(models.Model):
    """An outcome domain scored in assessments (safety, housing, health...), with
    its scale: the lowest and highest score and which end is better. A fixed list
    (1 = crisis to 5 = thriving) until 18.0.1.2.0; the seeded values carry its
    codes and that scale."""

    _name = "ht.case.outcome.domain"
    _inherit = ["ht.config.list.mixin"]
    _description = "Outcome domain"

    scale_min = fields.Integer("Lowest score", default=1, required=True)
    scale_max = fields.Integer("Highest score", default=5, required=True)
    better = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")],
        default="higher",
        required=True,
    )

    @api.constrains("scale_min", "scale_max")
    def _check_scale(self):
        for rec in self:
            if rec.scale_min >= rec.scale_max:
                raise ValidationError(
                    _(
                        "The lowest score of %(domain)s must be below its highest.",
                        domain=rec.name,
                    )
                )

    def _ht_improved(self, baseline, latest):
        """1 if ``latest`` is better than ``baseline``, -1 if worse, 0 if equal."""
        self.ensure_one()
        if latest == baseline:
            return 0
        return 1 if (latest > baseline) == (self.better == "higher") else -1

    def _ht_percent(self, score):
        """The bar width of a score (the lowest is one step, as 1 of 5 was 20%)."""
        self.ensure_one()
        steps = self.scale_max - self.scale_min + 1
        return round((score - self.scale_min + 1) * 100 / steps)
