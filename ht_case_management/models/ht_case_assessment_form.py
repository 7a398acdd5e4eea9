# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtCaseAssessment(models.Model):
    """What each type of assessment asks, shown on its own page of the form: the
    rapid intake screens for immediate safety, the comprehensive one covers the
    person's situation, a reassessment what changed, the exit one readiness to
    leave services."""

    _inherit = "ht.case.assessment"

    # --- rapid intake
    in_immediate_danger = fields.Boolean("In immediate danger")
    medical_attention_needed = fields.Boolean("Needs medical attention now")
    safe_place_tonight = fields.Boolean("Has a safe place tonight")
    # --- comprehensive
    situation_summary = fields.Text("Situation and history")
    strengths = fields.Text("Strengths and resources")
    support_network = fields.Text("Support network")
    education_employment = fields.Text("Education and employment")
    # --- reassessment
    changes_since_last = fields.Text("What changed since the last assessment")
    plan_adjustments = fields.Text("Changes to the service plan")
    # --- exit
    exit_readiness = fields.Selection(
        [("ready", "Ready"), ("partly", "Partly ready"), ("not_ready", "Not ready")],
        "Readiness to leave services",
    )
    goals_met_summary = fields.Text("Goals met")
    aftercare_plan = fields.Text("Aftercare and follow-up")
