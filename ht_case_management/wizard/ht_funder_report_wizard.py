# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import csv
import hashlib
import io
import re

from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.misc import xlsxwriter

from ..models.ht_funder_report_template import PERIODS
from ..tools.funder_suppression import shown_percentages, shown_values

SUPERVISOR = "ht_consent.group_ht_supervisor"
HIDDEN = "*"


def _sheet_name(name, used):
    """A worksheet name Excel accepts (31 characters, none of []:*?/\\), unique."""
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:28] or "Table"
    candidate, n = base, 2
    while candidate.lower() in used:
        candidate, n = f"{base[:25]} ({n})", n + 1
    used.add(candidate.lower())
    return candidate


class HtFunderReportWizard(models.TransientModel):
    """Run a funder report for one agency and fiscal period: a preview on screen,
    or an XLSX (one sheet per table) or CSV file. Only counts by category leave,
    small cells suppressed; never a name, case code, date of birth, exact date,
    address or free text. Every run is logged (``ht.funder.report.run``)."""

    _name = "ht.funder.report.wizard"
    _description = "Run a funder report"

    template_id = fields.Many2one(
        "ht.funder.report.template",
        "Report",
        required=True,
        ondelete="cascade",
        default=lambda s: s.env["ht.funder.report.template"].search([], limit=1),
    )
    period_kind = fields.Selection(related="template_id.period_kind")
    fiscal_year = fields.Integer(
        required=True,
        default=lambda s: s._default_fiscal_year(),
        help="Named after the calendar year it ends in (FY2026: October 2025 to "
        "September 2026 for a federal fiscal year).",
    )
    period = fields.Selection(
        [p for kind in ("quarter", "half", "year") for p in PERIODS[kind]],
        required=True,
        default="q1",
    )
    company_id = fields.Many2one(
        "res.company",
        "Agency",
        required=True,
        default=lambda s: s.env.company,
        domain=lambda s: [("id", "in", s.env.user.company_ids.ids)],
    )
    preview_html = fields.Html("Preview", readonly=True, sanitize=True)

    def _default_fiscal_year(self):
        today = fields.Date.context_today(self)
        return today.year + 1 if today.month >= 10 else today.year

    @api.onchange("template_id")
    def _onchange_template_id(self):
        if self.template_id:
            allowed = [key for key, _label in PERIODS[self.template_id.period_kind]]
            if self.period not in allowed:
                self.period = allowed[0]

    # ------------------------------------------------------------------ checks

    def _ht_check_run(self):
        """Who may run it: a supervisor (who reads every case of the agency), for
        one of their own agencies, a period of the template's kind."""
        self.ensure_one()
        if not self.env.user.has_group(SUPERVISOR):
            raise AccessError(_("Only supervisors run funder reports."))
        if self.company_id not in self.env.user.company_ids:
            raise AccessError(_("You can only report on your own agency."))
        allowed = [key for key, _label in PERIODS[self.template_id.period_kind]]
        if self.period not in allowed:
            raise ValidationError(
                _(
                    "%(report)s is a %(kind)s report: choose one of %(periods)s.",
                    report=self.template_id.name,
                    kind=dict(
                        self.template_id._fields["period_kind"]._description_selection(self.env)
                    )[self.template_id.period_kind].lower(),
                    periods=", ".join(allowed),
                )
            )
        if not 2000 <= self.fiscal_year <= 2100:
            raise ValidationError(_("Choose a fiscal year between 2000 and 2100."))

    def _ht_compute(self):
        self._ht_check_run()
        # sudo: the template and its tables are configuration; the counts are read
        # in SQL for the agency the supervisor works in (checked above), with the
        # cases that may not be counted left out.
        return self.template_id.sudo()._ht_compute(self.company_id, self.fiscal_year, self.period)

    def _ht_log(self, result, output, name=False, raw=None, mimetype=None):
        run = self.env["ht.funder.report.run"]._ht_append(
            {
                "template_id": self.template_id.id,
                "company_id": self.company_id.id,
                "period_label": result["label"],
                "date_from": result["date_from"],
                "date_to": result["date_to"],
                "output": output,
                "case_count": result["case_count"],
                "excluded_shown": result["excluded"],
                "file_name": name,
                "file_sha256": hashlib.sha256(raw).hexdigest() if raw is not None else False,
            }
        )
        if raw is not None:
            run._ht_attach(name, raw, mimetype)
        return run

    # ------------------------------------------------------------------ actions

    def action_preview(self):
        self.ensure_one()
        result = self._ht_compute()
        self._ht_log(result, "preview")
        self.preview_html = self._ht_render_html(result)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Funder report"),
        }

    def action_export_xlsx(self):
        self.ensure_one()
        if not xlsxwriter:
            raise UserError(_("XLSX export needs the Python library xlsxwriter."))
        result = self._ht_compute()
        raw = self._ht_render_xlsx(result)
        run = self._ht_log(
            result,
            "xlsx",
            self._ht_file_name(result, "xlsx"),
            raw,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        return self._ht_done(run)

    def action_export_csv(self):
        self.ensure_one()
        result = self._ht_compute()
        raw = self._ht_render_csv(result)
        run = self._ht_log(result, "csv", self._ht_file_name(result, "csv"), raw, "text/csv")
        return self._ht_done(run)

    def _ht_done(self, run):
        """The file is made and logged: the form row goes (its preview too), the
        file downloads and the dialog closes."""
        action = dict(run.action_download(), target="new", close=True)
        self.unlink()
        return action

    def _ht_file_name(self, result, ext):
        code = re.sub(r"[^A-Za-z0-9_-]+", "_", self.template_id.code)
        return f"{code}_{result['label'].replace(' ', '_')}.{ext}"

    # ------------------------------------------------------------------ rendering

    def _ht_grid(self, table):
        """Header and rows of one table as published: '*' for a suppressed count,
        the totals row and column (no totals column for a single column)."""
        values = shown_values(table["table"])
        percents = shown_percentages(table["table"]) if table["percent"] else None
        one_col = len(table["cols"]) == 1
        header = [table["row_title"]] + table["cols"] + ([] if one_col else [_("Total")])
        body = []
        for r, label in enumerate(table["rows"] + [_("Total")]):
            line = values[r][:-1] if one_col else values[r]
            cells = [HIDDEN if v is None else v for v in line]
            if percents:
                pline = percents[r][:-1] if one_col else percents[r]
                cells = [
                    f"{v} ({HIDDEN if p is None else f'{p}%'})" if v != HIDDEN else HIDDEN
                    for v, p in zip(cells, pline, strict=True)
                ]
            body.append([label] + cells)
        return header, body

    def _ht_notes(self, result):
        template = self.template_id
        return [
            [_("Report"), template.name],
            [_("Agency"), self.company_id.name],
            [_("Period"), result["label"]],
            [
                _("Suppression"),
                _(
                    "Counts from 1 to %(k)s and the cells that would reveal them are shown as *",
                    k=template.k - 1,
                ),
            ],
            [_("Clients who asked not to be counted (left out)"), result["excluded"]],
        ]

    def _ht_render_html(self, result):
        parts = [Markup("<div class='o_ht_funder_preview'>")]
        parts.append(
            Markup("<p class='text-muted'>%s</p>")
            % " · ".join(f"{k}: {v}" for k, v in self._ht_notes(result)[2:])
        )
        for table in result["tables"]:
            header, body = self._ht_grid(table)
            parts.append(
                Markup("<h5>%s%s</h5>")
                % (
                    f"{table['tab']} › " if table["tab"] else "",
                    table["name"],
                )
            )
            parts.append(Markup("<table class='table table-sm table-bordered'><thead><tr>"))
            parts.extend(Markup("<th>%s</th>") % h for h in header)
            parts.append(Markup("</tr></thead><tbody>"))
            for i, line in enumerate(body):
                tag = Markup("th") if i == len(body) - 1 else Markup("td")
                parts.append(Markup("<tr>"))
                parts.append(Markup("<th>%s</th>") % line[0])
                parts.extend(Markup("<%s>%s</%s>") % (tag, v, tag) for v in line[1:])
                parts.append(Markup("</tr>"))
            parts.append(Markup("</tbody></table>"))
        parts.append(Markup("</div>"))
        return Markup("").join(escape(p) for p in parts)

    def _ht_render_xlsx(self, result):
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        # no author, company or comments in the file's properties
        workbook.set_properties({"title": self.template_id.name})
        bold = workbook.add_format({"bold": True})
        used = set()
        about = workbook.add_worksheet(_sheet_name(_("About"), used))
        for r, (key, value) in enumerate(self._ht_notes(result)):
            about.write(r, 0, key, bold)
            about.write(r, 1, value)
        about.set_column(0, 0, 45)
        about.set_column(1, 1, 60)
        for table in result["tables"]:
            sheet = workbook.add_worksheet(_sheet_name(table["name"], used))
            sheet.write(0, 0, table["name"], bold)
            if table["tab"]:
                sheet.write(1, 0, table["tab"])
            header, body = self._ht_grid(table)
            for c, value in enumerate(header):
                sheet.write(3, c, value, bold)
            for r, line in enumerate(body, start=4):
                for c, value in enumerate(line):
                    sheet.write(r, c, value, bold if c == 0 else None)
            sheet.set_column(0, 0, 40)
        if result["client_rows"]:
            sheet = workbook.add_worksheet(_sheet_name(_("Clients"), used))
            for c, value in enumerate(result["client_rows"]["header"]):
                sheet.write(0, c, value, bold)
            for r, line in enumerate(result["client_rows"]["rows"], start=1):
                for c, value in enumerate(line):
                    sheet.write_string(r, c, value)
        workbook.close()
        return output.getvalue()

    def _ht_render_csv(self, result):
        output = io.StringIO()
        writer = csv.writer(output)
        for line in self._ht_notes(result):
            writer.writerow(line)
        for table in result["tables"]:
            writer.writerow([])
            writer.writerow([f"{table['tab']}: {table['name']}" if table["tab"] else table["name"]])
            header, body = self._ht_grid(table)
            writer.writerow(header)
            writer.writerows(body)
        if result["client_rows"]:
            writer.writerow([])
            writer.writerow(result["client_rows"]["header"])
            writer.writerows(result["client_rows"]["rows"])
        return output.getvalue().encode("utf-8-sig")
