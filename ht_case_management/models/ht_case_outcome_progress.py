# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models


class HtCase(models.Model):
    """Outcome scores per domain, the baseline (first assessment that scored the
    domain) against the latest, as a small bar chart on the case."""

    _inherit = "ht.case"

    outcome_progress_html = fields.Html(
        "Outcome progress", compute="_compute_outcome_progress_html", sanitize=False
    )

    @api.depends("assessment_ids.score_ids.score", "assessment_ids.date")
    def _compute_outcome_progress_html(self):
        for case in self:
            case.outcome_progress_html = case._ht_outcome_progress_markup()

    def _ht_outcome_progress(self):
        """{domain code: (baseline score, latest score)} from the scores the user reads."""
        return {
            domain.code: scores for domain, scores in self._ht_outcome_progress_by_domain().items()
        }

    def _ht_outcome_progress_by_domain(self):
        """{domain record: (baseline score, latest score)} from the scores the user reads."""
        self.ensure_one()
        if not self.id:
            return {}
        scores = self.env["ht.case.outcome.score"].search(
            [("case_id", "=", self.id)], order="date, assessment_id, id"
        )
        progress = {}
        for score in scores:
            baseline = progress.get(score.domain_id, (score.score, score.score))[0]
            progress[score.domain_id] = (baseline, score.score)
        return progress

    def _ht_outcome_progress_markup(self):
        progress = self._ht_outcome_progress_by_domain()
        if not progress:
            return Markup("<p class='text-muted'>%s</p>") % self.env._(
                "No outcome scores yet: score the domains in an assessment."
            )
        rows = Markup("")
        # in the domains' order; better is up or down as each domain's scale says
        for domain in sorted(progress, key=lambda d: (d.sequence, d.id)):
            baseline, latest = progress[domain]
            trend = {1: "bg-success", -1: "bg-danger", 0: ""}[domain._ht_improved(baseline, latest)]
            rows += Markup(
                "<tr><td>%s</td>"
                "<td style='width:35%%'><div class='progress' title='%s'>"
                "<div class='progress-bar bg-secondary' style='width:%s%%'>%s</div></div></td>"
                "<td style='width:35%%'><div class='progress' title='%s'>"
                "<div class='progress-bar %s' style='width:%s%%'>%s</div></div></td></tr>"
            ) % (
                domain.name,
                self.env._("Baseline"),
                domain._ht_percent(baseline),
                baseline,
                self.env._("Latest"),
                trend,
                domain._ht_percent(latest),
                latest,
            )
        return Markup(
            "<table class='table table-sm o_ht_outcome_progress'><thead><tr>"
            "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>%s</tbody></table>"
        ) % (self.env._("Domain"), self.env._("Baseline"), self.env._("Latest"), rows)
