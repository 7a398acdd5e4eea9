# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# The W3C DPV personal-data categories (https://w3id.org/dpv/pd#) each seeded
# information category maps to by default, for consent receipts. Administrators
# change the mapping per category; a new category has none until they set it.
DPV_PD_DEFAULTS = {
    "identity": "pd:Identifying, pd:Name, pd:Contact",
    "case_summary": "pd:Social",
    "assessment": "pd:Social, pd:Behavioral",
    "medical": "pd:HealthRecord, pd:PhysicalHealth",
    "mental_health": "pd:MentalHealth",
    "legal_immigration": "pd:Citizenship, pd:Nationality, pd:Criminal",
    "safety": "pd:Location",
    "documents": "pd:OfficialID",
}
PD_TERM = re.compile(r"^pd:[A-Z][A-Za-z0-9]*$")


class HtConsentCategory(models.Model):
    _inherit = "ht.consent.category"

    dpv_pd_category = fields.Char(
        "DPV personal data categories",
        compute="_compute_dpv_pd_category",
        store=True,
        readonly=False,
        help="What this category is in a consent receipt: terms of the W3C Data Privacy "
        "Vocabulary's personal data taxonomy (https://w3id.org/dpv/pd#), comma-separated, "
        "e.g. 'pd:HealthRecord, pd:MentalHealth'.",
    )

    @api.depends("code")
    def _compute_dpv_pd_category(self):
        for rec in self:
            if not rec.dpv_pd_category:
                rec.dpv_pd_category = DPV_PD_DEFAULTS.get(rec.code, False)

    def _ht_dpv_terms(self):
        """The pd: terms of these categories, in order, without repeats."""
        terms = []
        for rec in self:
            for term in (rec.dpv_pd_category or "").split(","):
                term = term.strip()
                if term and term not in terms:
                    terms.append(term)
        return terms

    @api.constrains("dpv_pd_category")
    def _check_dpv_pd_category(self):
        for rec in self:
            bad = [
                term.strip()
                for term in (rec.dpv_pd_category or "").split(",")
                if term.strip() and not PD_TERM.match(term.strip())
            ]
            if bad:
                raise ValidationError(
                    _(
                        "%(category)s: %(terms)s is not a DPV personal data category. Write "
                        "terms of https://w3id.org/dpv/pd# such as pd:HealthRecord, "
                        "separated by commas.",
                        category=rec.name,
                        terms=", ".join(bad),
                    )
                )
