# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Funder reports: what they count (one grouped query per table), what they leave
out (cases that may not be counted), what never leaves (identity, codes, exact
dates, free text), who may run them, and their append-only log."""

import hashlib
import io
import re
import secrets
import zipfile
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_funder import HtFunderCase

TRAFFICKING = "Clients served by type of trafficking"


@tagged("post_install", "-at_install", "ht_case_management")
class TestFunderReport(HtFunderCase):
    def test_counts_suppressed_with_complements(self):
        """Sex trafficking, minor: 3 (suppressed); labor, adult: 13, shown alone in
        its row and column it would give the 3 away: suppressed too; the excluded
        case is not counted anywhere (16 clients, not 17)."""
        result = self._wizard()._ht_compute()
        table = self._table(result, TRAFFICKING)
        self.assertIsNone(self._cell(table, "Sex trafficking", "Minor"))
        self.assertIsNone(self._cell(table, "Labor trafficking", "Adult"))
        self.assertEqual(self._cell(table, "Total", "Total"), 16)
        self.assertEqual(table["table"]["cells"][table["rows"].index("Labor trafficking")][0], 13)
        self.assertEqual(result["case_count"], 16)
        status = self._table(result, "New and continuing clients")
        self.assertEqual(table["table"]["grand"], status["table"]["grand"])
        # the client first served in FY2025 is continuing: 1, suppressed
        self.assertEqual(status["table"]["cells"][status["rows"].index("Continuing")][0], 1)
        self.assertIsNone(self._cell(status, "Continuing", "Adult"))
        services = self._table(result, "Services delivered by category")
        # the FY2025 service line is outside the quarter
        self.assertEqual(services["table"]["grand"], 16)
        self.assertEqual(services["rows"], [self.category.display_name])

    def test_excluded_cases_left_out_and_shown_rounded(self):
        result = self._wizard()._ht_compute()
        self.assertEqual(result["excluded"], "< 11")
        self.excluded.exclude_from_reports = False
        result = self._wizard()._ht_compute()
        self.assertEqual(result["case_count"], 17)
        self.assertEqual(result["excluded"], "0")
        self.labor_adults.exclude_from_reports = True
        result = self._wizard()._ht_compute()
        self.assertEqual(result["case_count"], 5)
        self.assertEqual(result["excluded"], "~10")  # 12, rounded to 5

    def test_nothing_identifying_leaves(self):
        """A case whose name, code, notes and address are random strings, with a date
        of birth: none of them, nor any exact date, is in the XLSX or CSV bytes
        (XLSX: every part of the archive), the row-level sheet included."""
        token = secrets.token_hex(8)
        case = self.labor_adults[0]
        case.sudo().write(
            {
                "code": f"CODE{token}",
                "legal_name": f"Name{token}",
                "preferred_name": f"Alias{token}",
                "street": f"Street{token}",
                "city": f"City{token}",
                "safe_phone": f"555{token}",
                "accommodations": f"Acc{token}",
                "date_of_birth": date(1987, 6, 23),
            }
        )
        case.service_line_ids.write({"note": f"Note{token}"})
        self.template.sudo().client_rows = True
        action = self._wizard().action_export_xlsx()
        self.assertTrue(action["close"])
        wizard = self._wizard()
        wizard.action_export_csv()
        self.assertFalse(wizard.exists(), "the form row outlives its export")
        runs = self.env["ht.funder.report.run"].search(
            [("user_id", "=", self.boss.id), ("output", "in", ("xlsx", "csv"))]
        )
        self.assertEqual(len(runs), 2)
        forbidden = [token, "1987", "2025-1", "2025-08", "10/05/2025", "11/10/2025"]
        for run in runs:
            raw = run.sudo().attachment_id.raw
            self.assertTrue(raw)
            if run.output == "xlsx":
                with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                    texts = [archive.read(name).decode() for name in archive.namelist()]
                    shared = archive.read("xl/sharedStrings.xml").decode()
                # every cell of the client sheet is an inline or shared string
                self.assertIn("Client (random)", shared)
            else:
                texts = [raw.decode("utf-8-sig")]
                self.assertIn("Client (random)", texts[0])
            for text in texts:
                for value in forbidden:
                    self.assertNotIn(value, text, f"{value} in the {run.output} file")
        # the random client identifiers differ from one run to the next
        csvs = [run.sudo().attachment_id.raw.decode() for run in runs if run.output == "csv"]
        self._wizard().action_export_csv()
        again = self.env["ht.funder.report.run"].search(
            [("user_id", "=", self.boss.id), ("output", "=", "csv")], limit=1
        )
        ids_first = set(re.findall(r"^([0-9a-f]{16}),", csvs[0], re.MULTILINE))
        ids_again = set(
            re.findall(r"^([0-9a-f]{16}),", again.sudo().attachment_id.raw.decode(), re.MULTILINE)
        )
        self.assertEqual(len(ids_first), 16)
        self.assertFalse(ids_first & ids_again)

    def test_run_log_is_append_only(self):
        wizard = self._wizard()
        wizard.action_export_csv()
        run = self.env["ht.funder.report.run"].search([("user_id", "=", self.boss.id)], limit=1)
        self.assertEqual(run.output, "csv")
        self.assertEqual(run.case_count, 16)
        self.assertEqual(run.period_label, "FY2026 Q1")
        raw = run.sudo().attachment_id.raw

        self.assertEqual(run.file_sha256, hashlib.sha256(raw).hexdigest())
        # supervisors only read the log (ACL); the superuser is refused by the model
        with self.assertRaisesRegex(UserError, "append-only"):
            run.with_user(self.boss).write({"case_count": 1})
        with self.assertRaises(AccessError):
            run.with_user(self.boss).unlink()
        with self.assertRaisesRegex(UserError, "append-only"):
            run.sudo().write({"case_count": 1})
        with self.assertRaisesRegex(UserError, "append-only"):
            run.sudo().unlink()
        with self.assertRaisesRegex(UserError, "logged by the report wizard"):
            self.env["ht.funder.report.run"].sudo().create(
                {
                    "template_id": self.template.id,
                    "company_id": self.agency.id,
                    "period_label": "forged",
                    "output": "csv",
                    "user_id": self.boss.id,
                    "run_on": "2025-01-01 00:00:00",
                }
            )
        # the preview is logged too, without a file
        wizard = self._wizard()
        wizard.action_preview()
        self.assertIn("<table", wizard.preview_html)
        preview = self.env["ht.funder.report.run"].search([("output", "=", "preview")], limit=1)
        self.assertEqual(preview.user_id, self.boss)
        self.assertFalse(preview.attachment_id)

    def test_file_is_the_runners_only(self):
        """Another supervisor reads the log line, not its file; a case worker reads
        neither."""
        self._wizard().action_export_csv()
        run = self.env["ht.funder.report.run"].search([("user_id", "=", self.boss.id)], limit=1)
        attachment = run.sudo().attachment_id
        self.assertTrue(attachment.with_user(self.boss).raw)
        self.assertEqual(run.with_user(self.boss2).case_count, 16)
        with self.assertRaisesRegex(AccessError, "ran a funder report"):
            attachment.with_user(self.boss2).read(["raw"])
        self.assertFalse(
            self.env["ir.attachment"]
            .with_user(self.boss2)
            .search([("res_model", "=", "ht.funder.report.run")])
        )
        with self.assertRaisesRegex(UserError, "Only the user who ran"):
            run.with_user(self.boss2).action_download()
        with self.assertRaises(AccessError):
            run.with_user(self.worker).read(["case_count"])
        self.assertEqual(run.with_user(self.boss).action_download()["type"], "ir.actions.act_url")

    def test_who_may_run(self):
        # a case worker: no access to the wizard at all
        with self.assertRaises(AccessError):
            self._wizard(user=self.worker)
        # a supervisor, for an agency that is not theirs
        wizard = self._wizard(user=self.supervisor, company_id=self.agency.id)
        with self.assertRaisesRegex(AccessError, "your own agency"):
            wizard.action_preview()
        # another user's wizard row is not readable (its preview either)
        mine = self._wizard()
        with self.assertRaises(AccessError):
            mine.with_user(self.boss2).read(["preview_html"])
        # a period of another kind
        wizard = self._wizard(period="h1")
        with self.assertRaisesRegex(ValidationError, "quarter"):
            wizard.action_preview()

    def test_periods(self):
        template = self.template
        self.assertEqual(
            template._ht_period(2026, "q1")[:3],
            (date(2025, 10, 1), date(2025, 12, 31), date(2025, 10, 1)),
        )
        self.assertEqual(template._ht_period(2026, "q4")[:2], (date(2026, 7, 1), date(2026, 9, 30)))
        self.assertEqual(template._ht_period(2026, "h2")[:2], (date(2026, 4, 1), date(2026, 9, 30)))
        self.assertEqual(
            template._ht_period(2026, "year")[:2], (date(2025, 10, 1), date(2026, 9, 30))
        )
        self.assertEqual(template._ht_fiscal_year_of(date(2025, 10, 1)), 2026)
        self.assertEqual(template._ht_fiscal_year_of(date(2025, 9, 30)), 2025)
        template.fiscal_year_start_month = "1"
        self.assertEqual(template._ht_period(2026, "q1")[:2], (date(2026, 1, 1), date(2026, 3, 31)))
        self.assertEqual(template._ht_fiscal_year_of(date(2025, 10, 1)), 2025)

    def test_template_checks(self):
        with self.assertRaisesRegex(ValidationError, "smallest count"):
            self.template.k = 2
        with self.assertRaisesRegex(ValidationError, "does not apply"):
            self.template.table_ids[0].row_breakdown = "service_category"
        with self.assertRaisesRegex(ValidationError, "two different"):
            self.template.table_ids[0].col_breakdown = self.template.table_ids[0].row_breakdown
        # administrators add templates in the UI; supervisors only read them
        with self.assertRaises(AccessError):
            self.template.with_user(self.boss).name = "Renamed"

    def test_hhs_report_runs(self):
        """The HHS template: programme entry by eligibility, closures by reason."""
        eligibility = self.env.ref("ht_case_management.ht_case_eligibility_hhs_minor_eligibility")
        self.sex_minors.write({"eligibility_id": eligibility.id})
        reason = self.env.ref("ht_case_management.ht_case_closure_reason_goals_met")
        self.labor_adults.sudo().write(
            {"closed_on": date(2025, 12, 1), "closure_reason_id": reason.id}
        )
        template = self.env.ref("ht_case_management.ht_funder_report_hhs")
        result = self._wizard(template=template)._ht_compute()
        entries = self._table(result, "Programme entries by eligibility")
        self.assertEqual(entries["table"]["grand"], 16)
        self.assertIsNone(self._cell(entries, eligibility.name, "Minor"))
        closures = self._table(result, "Cases closed by reason")
        self.assertEqual(self._cell(closures, reason.name, "Adult"), 12)
        with mute_logger("odoo.models"):
            self.assertTrue(self._wizard(template=template).action_export_xlsx()["url"])

    def test_family_members_served_are_counted_from_the_family_records(self):
        """The HHS report's "family members served": each served family member of a
        client served in the period, by funder category (a child's age band decides
        under or over 18); members not served, and clients not served in the period,
        are not counted; small counts are suppressed like any other."""
        Member = self.env["ht.case.family.member"].sudo()
        for case in self.labor_adults:
            Member.create(
                {"case_id": case.id, "relationship": "child", "age_band": "6_12", "served": True}
            )
        Member.create(
            {"case_id": self.labor_adults[0].id, "relationship": "spouse", "served": True}
        )
        Member.create(
            {"case_id": self.labor_adults[1].id, "relationship": "parent", "served": False}
        )
        Member.create({"case_id": self.excluded[0].id, "relationship": "sibling", "served": True})
        unserved = (
            self.env["ht.case"]
            .with_company(self.agency)
            .create(
                {
                    "company_id": self.agency.id,
                    "case_manager_id": self.worker.id,
                    "identification_date": date(2025, 10, 5),
                }
            )
        )
        Member.create({"case_id": unserved.id, "relationship": "sibling", "served": True})
        template = self.env.ref("ht_case_management.ht_funder_report_hhs")
        family = self._table(self._wizard(template=template)._ht_compute(), "Family members served")
        # 12 children and a spouse; not the parent not served, nor the excluded
        # client's sibling, nor the sibling of a client not served in the period
        self.assertEqual(family["table"]["grand"], len(self.labor_adults) + 1)
        cells = family["table"]["cells"]
        self.assertEqual(cells[family["rows"].index("Child under 18")][0], len(self.labor_adults))
        self.assertEqual(cells[family["rows"].index("Parent")][0], 0)
        self.assertIsNone(self._cell(family, "Spouse / partner", "Total"))  # 1 < k
