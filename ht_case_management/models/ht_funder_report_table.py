# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

MEASURES = [
    ("clients", "Clients served"),
    ("new_clients", "New clients served"),
    ("intakes", "Programme entries (intakes)"),
    ("services", "Services delivered"),
    ("aid", "Material aid given"),
    ("referrals", "Referrals sent"),
    ("matched_48h", "Referrals accepted by a provider within 48 h"),
    ("closures", "Cases closed"),
    ("family_served", "Family members served"),
]
BREAKDOWNS = [
    ("age_group", "Adult / minor at intake"),
    ("trafficking_type", "Type of trafficking"),
    ("gender", "Gender"),
    ("citizenship", "Citizenship"),
    ("eligibility", "Programme eligibility"),
    ("client_status", "New / continuing client"),
    ("lgbtq", "LGBTQ2S+"),
    ("co_occurring", "Co-occurring DV / SA"),
    ("service_category", "Service category"),
    ("aid_kind", "Kind of aid"),
    ("closure_reason", "Closure reason"),
    ("living_situation", "Living situation at closure"),
    ("family_category", "Family member"),
]
# Breakdowns of what was counted rather than of the client: only where each counted
# line has one (so that cells add up to their totals).
UNIT_BREAKDOWNS = {
    "service_category": {"services", "referrals", "matched_48h"},
    "aid_kind": {"aid"},
    "family_category": {"family_served"},
}


class HtFunderReportTable(models.Model):
    """One table of a funder report: a measure counted by a row breakdown and,
    optionally, a column breakdown, with its totals (small cells suppressed)."""

    _name = "ht.funder.report.table"
    _description = "Funder report table"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "ht.funder.report.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char("Title", required=True, translate=True)
    tab = fields.Char(
        translate=True, help="Section of the funder's form (e.g. Programme entry, Services)."
    )
    measure = fields.Selection(MEASURES, required=True, default="clients")
    row_breakdown = fields.Selection(BREAKDOWNS, "Rows", required=True, default="age_group")
    col_breakdown = fields.Selection(BREAKDOWNS, "Columns")
    show_percent = fields.Boolean("Percentages", help="Each cell as a share of the total.")

    @api.constrains("measure", "row_breakdown", "col_breakdown")
    def _check_breakdowns(self):
        labels = dict(BREAKDOWNS)
        for table in self:
            if table.row_breakdown == table.col_breakdown:
                raise ValidationError(
                    _(
                        "%(table)s: rows and columns need two different breakdowns.",
                        table=table.name,
                    )
                )
            for breakdown in (table.row_breakdown, table.col_breakdown):
                allowed = UNIT_BREAKDOWNS.get(breakdown)
                if allowed and table.measure not in allowed:
                    raise ValidationError(
                        _(
                            "%(table)s: %(breakdown)s does not apply to this measure (a "
                            "client may have several).",
                            table=table.name,
                            breakdown=labels[breakdown],
                        )
                    )
