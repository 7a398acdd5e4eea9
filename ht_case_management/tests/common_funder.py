# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import new_test_user

from .common import HtCaseCase

# Federal fiscal year 2026, first quarter: October to December 2025.
FY, Q1 = 2026, "q1"
IN_Q1 = date(2025, 11, 10)
BEFORE_FY = date(2025, 8, 1)


class HtFunderCase(HtCaseCase):
    """An agency of its own (so that demo data never counts), its supervisor
    (``boss``), another supervisor (``boss2``) and a case worker (``worker``), and
    cases served in FY2026 Q1: 12 adult labor cases, 3 minor sex cases, one
    continuing client (first served in FY2025), and one case whose survivor asked
    not to be counted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agency = cls.env["res.company"].create({"name": "Funder Test Agency"})
        common = {"company_id": cls.agency.id, "company_ids": [(6, 0, cls.agency.ids)]}
        sup = "base.group_user,ht_consent.group_ht_supervisor"
        cls.boss = new_test_user(cls.env, "ht_f_boss", groups=sup, **common)
        cls.boss2 = new_test_user(cls.env, "ht_f_boss2", groups=sup, **common)
        cls.worker = new_test_user(
            cls.env, "ht_f_cw", groups="base.group_user,ht_consent.group_ht_case_worker", **common
        )
        cls.category = cls.env.ref("ht_referral_network.ht_service_category_food")
        cls.category2 = cls.env.ref("ht_referral_network.ht_service_category_case_management")
        cls.food = cls.env.ref("ht_case_management.ht_case_aid_kind_food")
        cls.template = cls.env.ref("ht_case_management.ht_funder_report_ovc")

        def make(n, **vals):
            return (
                cls.env["ht.case"]
                .with_company(cls.agency)
                .create(
                    [
                        dict(
                            {
                                "company_id": cls.agency.id,
                                "case_manager_id": cls.worker.id,
                                "identification_date": date(2025, 10, 5),
                            },
                            **vals,
                        )
                        for _i in range(n)
                    ]
                )
            )

        cls.labor_adults = make(
            12, trafficking_type="labor", date_of_birth=date(1990, 1, 1), gender_category="female"
        )
        cls.sex_minors = make(
            3, trafficking_type="sex", date_of_birth=date(2010, 1, 1), gender_category="male"
        )
        cls.continuing = make(1, trafficking_type="labor", date_of_birth=date(1985, 1, 1))
        cls.excluded = make(
            1, trafficking_type="sex", date_of_birth=date(1991, 1, 1), exclude_from_reports=True
        )
        served = cls.labor_adults | cls.sex_minors | cls.continuing | cls.excluded
        lines = [
            {
                "case_id": case.id,
                "category_id": cls.category.id,
                "date": IN_Q1,
                "user_id": cls.worker.id,
            }
            for case in served
        ]
        lines.append(
            {
                "case_id": cls.continuing.id,
                "category_id": cls.category2.id,
                "date": BEFORE_FY,
                "user_id": cls.worker.id,
            }
        )
        cls.env["ht.case.service.line"].create(lines)
        cls.env["ht.case.aid.line"].create(
            {"case_id": cls.sex_minors[0].id, "kind_id": cls.food.id, "amount": 25, "date": IN_Q1}
        )
        cls.env.flush_all()

    def _wizard(self, user=None, template=None, **vals):
        return (
            self.env["ht.funder.report.wizard"]
            .with_user(user or self.boss)
            .create(
                dict(
                    {
                        "template_id": (template or self.template).id,
                        "fiscal_year": FY,
                        "period": Q1,
                        "company_id": self.agency.id,
                    },
                    **vals,
                )
            )
        )

    @staticmethod
    def _table(result, name):
        return next(t for t in result["tables"] if t["name"] == name)

    @staticmethod
    def _cell(table, row, col):
        """The published value (None when suppressed) of a table's cell by labels
        ("Total" for the totals)."""
        from ..tools.funder_suppression import shown_values

        values = shown_values(table["table"])
        rows = table["rows"] + ["Total"]
        cols = table["cols"] + ["Total"]
        return values[rows.index(row)][cols.index(col)]
