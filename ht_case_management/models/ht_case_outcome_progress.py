# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models

from .ht_case_assessment import OUTCOME_DOMAINS


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
        """{domain: (baseline score, latest score)} from the scores the user reads."""
        self.ensure_one()
        if not self.id:
            return {}
        scores = self.env["ht.case.outcome.score"].search(
            [("case_id", "=", self.id)], order="date, assessment_id, id"
        )
        progress = {}
        for score in scores:
            baseline = progress.get(score.domain, (score.score, score.score))[0]
            progress[score.domain] = (baseline, score.score)
        return progress

    def _ht_outcome_progress_markup(self):
        progress = self._ht_outcome_progress()
        if not progress:
            return Markup("<p class='text-muted'>%s</p>") % self.env._(
                "No outcome scores yet: score the domains in an assessment."
            )
        Score = self.env["ht.case.outcome.score"]
        labels = dict(Score._fields["domain"]._description_selection(self.env))
        rows = Markup("")
        for domain, _label in OUTCOME_DOMAINS:
            if domain not in progress:
                continue
            baseline, latest = progress[domain]
            trend = "bg-success" if latest > baseline else "bg-danger" if latest < baseline else ""
            rows += Markup(
                "<tr><td>%s</td>"
                "<td style='width:35%%'><div class='progress' title='%s'>"
                "<div class='progress-bar bg-secondary' style='width:%s%%'>%s</div></div></td>"
                "<td style='width:35%%'><div class='progress' title='%s'>"
                "<div class='progress-bar %s' style='width:%s%%'>%s</div></div></td></tr>"
            ) % (
                labels[domain],
                self.env._("Baseline"),
                baseline * 20,
                baseline,
                self.env._("Latest"),
                trend,
                latest * 20,
                latest,
            )
        return Markup(
            "<table class='table table-sm o_ht_outcome_progress'><thead><tr>"
            "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>%s</tbody></table>"
        ) % (self.env._("Domain"), self.env._("Baseline"), self.env._("Latest"), rows)
