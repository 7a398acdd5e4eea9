# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from itertools import pairwise

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

LEVEL_RANK = {"medium": 1, "high": 2, "imminent": 3}


class HtCaseRiskThreshold(models.Model):
    """From which risk score an assessment's level is medium, high or imminent
    (below the lowest threshold: low). Thresholds are positive and increase with
    the level."""

    _name = "ht.case.risk.threshold"
    _description = "Risk level threshold"
    _order = "min_score, id"
    _rec_name = "level"

    level = fields.Selection(
        [("medium", "Medium"), ("high", "High"), ("imminent", "Imminent")], required=True
    )
    min_score = fields.Integer("From a score of", required=True)

    _sql_constraints = [
        ("level_unique", "unique(level)", "One threshold per risk level."),
    ]

    @api.constrains("level", "min_score")
    def _check_increasing(self):
        for rec in self:
            if rec.min_score <= 0:
                raise ValidationError(_("A risk threshold must be a positive score."))
        thresholds = self.search([]).sorted(lambda t: LEVEL_RANK[t.level])
        scores = thresholds.mapped("min_score")
        if any(low >= high for low, high in pairwise(scores)):
            raise ValidationError(
                _(
                    "Risk thresholds must increase with the level (medium < high < "
                    "imminent): %(values)s.",
                    values=", ".join(f"{t.level} {t.min_score}" for t in thresholds),
                )
            )

    @api.model
    def _ht_level(self, score):
        """The risk level of a score."""
        level = "low"
        for threshold in self.search([]).sorted(lambda t: LEVEL_RANK[t.level]):
            if score >= threshold.min_score:
                level = threshold.level
        return level
