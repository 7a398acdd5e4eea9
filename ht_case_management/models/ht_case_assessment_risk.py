# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)
RISK_FIELDS = {"risk_factor_ids", "risk_level", "risk_score"}


class HtCaseAssessment(models.Model):
    """Risk factors ticked on an assessment give its risk score (sum of the
    weights at that moment) and level (thresholds at that moment), stored on the
    assessment: each assessment is one point of the case's risk history. Once
    completed, its risk is kept as it was scored; a change of risk is a new
    assessment."""

    _inherit = ["ht.case.assessment", "ht.protected.fields.mixin"]
    _name = "ht.case.assessment"
    _ht_protected_fields = {
        "risk_score": _lt("the risk factors ticked"),
        "completed_on": _lt("the Complete button"),
        "completed_by_id": _lt("the Complete button"),
    }

    risk_factor_ids = fields.Many2many(
        "ht.case.risk.factor",
        "ht_case_assessment_risk_factor_rel",
        "assessment_id",
        "factor_id",
        "Risk factors",
        context={"active_test": False},
    )
    risk_score = fields.Integer(readonly=True, copy=False, aggregator="avg")
    completed_on = fields.Datetime(readonly=True, copy=False)
    completed_by_id = fields.Many2one("res.users", "Completed by", readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records.filtered("risk_factor_ids")._ht_score()
        return records

    def write(self, vals):
        if RISK_FIELDS & vals.keys() and not self._ht_protected_allowed():
            # sudo: the completion date is read to decide, on rows the user writes.
            for rec in self.sudo():
                if rec.completed_on and (
                    vals.get("risk_factor_ids")
                    or ("risk_level" in vals and vals["risk_level"] != rec.risk_level)
                    or ("risk_score" in vals and vals["risk_score"] != rec.risk_score)
                ):
                    raise UserError(
                        _(
                            "This assessment of %(case)s is completed: its risk is kept as "
                            "it was scored. Record a new assessment (a reassessment).",
                            case=rec.case_id.code,
                        )
                    )
        res = super().write(vals)
        if "risk_factor_ids" in vals or ("risk_level" in vals and not self._ht_protected_allowed()):
            self.filtered("risk_factor_ids")._ht_score()
        return res

    def _ht_score(self):
        """Score and level from the factors ticked, with today's weights and
        thresholds."""
        thresholds = self.env["ht.case.risk.threshold"]
        for rec in self:
            score = sum(rec.risk_factor_ids.mapped("weight"))
            with rec._ht_protected_open():
                rec.write({"risk_score": score, "risk_level": thresholds._ht_level(score)})

    @api.onchange("risk_factor_ids")
    def _onchange_risk_factor_ids(self):
        if self.risk_factor_ids:
            self.risk_score = sum(self.risk_factor_ids.mapped("weight"))
            self.risk_level = self.env["ht.case.risk.threshold"]._ht_level(self.risk_score)

    def action_complete(self):
        """Complete the assessment: its risk score is kept from now on."""
        self.check_access("write")
        for rec in self:
            if rec.completed_on:
                raise UserError(_("This assessment is already completed."))
        with self._ht_protected_open():
            self.write({"completed_on": fields.Datetime.now(), "completed_by_id": self.env.uid})
        return True
