# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A funder report costs the same number of queries for 17 clients as for 137:
one grouped query per table, never one per case (the README's benchmark runs it
over 100,000 cases and 1,000,000 service lines)."""

from odoo.tests import tagged

from .common_funder import IN_Q1, HtFunderCase

# One grouped query per measure (4: clients, with its 4 tables and the clients
# counted and left out; services; referrals; referrals accepted within 48 h), the
# service categories shown as labels (1), and the wizard, the template, its
# tables, the user and their agencies read from a cold cache (6: the ORM's record
# cache is cleared before, as for a new request).
OVC_QUERIES = 11


@tagged("post_install", "-at_install", "ht_case_management")
class TestFunderPerformance(HtFunderCase):
    def _run(self):
        wizard = self._wizard()
        for _i in range(2):  # a warm-up from a cold record cache too, as a server has it
            self.env.flush_all()
            self.env.cr.flush()
            self.env.invalidate_all()
            wizard._ht_compute()
        self.env.invalidate_all()
        with self.assertQueryCount(OVC_QUERIES):
            result = wizard._ht_compute()
        return result

    def test_report_queries_do_not_grow_with_cases(self):
        few = self._run()
        self.assertEqual(few["case_count"], 16)
        cases = self.env["ht.case"].create(
            [
                {
                    "company_id": self.agency.id,
                    "case_manager_id": self.worker.id,
                    "trafficking_type": ("sex", "labor", "both")[i % 3],
                    "gender_category": ("female", "male", "nonbinary")[i % 3],
                }
                for i in range(120)
            ]
        )
        self.env["ht.case.service.line"].create(
            [
                {"case_id": case.id, "category_id": category.id, "date": IN_Q1}
                for case in cases
                for category in (self.category, self.category2)
            ]
        )
        many = self._run()
        self.assertEqual(many["case_count"], 136)
