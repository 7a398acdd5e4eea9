# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import secrets
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools.funder_suppression import rounded_count, suppress
from .ht_funder_report_table import BREAKDOWNS, UNIT_BREAKDOWNS

MONTHS = [(str(m), date(2000, m, 1).strftime("%B")) for m in range(1, 13)]
PERIOD_KINDS = [("quarter", "Quarter"), ("half", "Half-year"), ("year", "Year")]
PERIODS = {
    "quarter": [("q1", "Q1"), ("q2", "Q2"), ("q3", "Q3"), ("q4", "Q4")],
    "half": [("h1", "H1"), ("h2", "H2")],
    "year": [("year", "Full year")],
}
MIN_K = 3


class HtFunderReportTemplate(models.Model):
    """A funder's report (DOJ OVC performance measures, HHS OTIP quarterly...):
    data that administrators add and change in the UI. Its tables count clients,
    services, referrals or closures of one agency over one fiscal period, by
    category; each table is one grouped SQL query, whatever the number of cases;
    every count from 1 to k-1 is suppressed, with complementary cells."""

    _name = "ht.funder.report.template"
    _description = "Funder report template"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    funder = fields.Char(help="Who the report is for (e.g. DOJ OVC, HHS OTIP).")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    period_kind = fields.Selection(PERIOD_KINDS, required=True, default="quarter")
    fiscal_year_start_month = fields.Selection(
        MONTHS,
        "Fiscal year starts in",
        required=True,
        default="10",
        help="October for the U.S. federal fiscal year (October to September). A "
        "fiscal year is named after the calendar year it ends in.",
    )
    k = fields.Integer(
        "Smallest count shown",
        default=11,
        required=True,
        help="Counts from 1 to k-1 are suppressed (with complementary cells so that "
        "none can be worked out from the totals).",
    )
    client_rows = fields.Boolean(
        "One row per client",
        help="Adds a sheet with one row per client served: a random identifier made "
        "for this report only, and the client's categories.",
    )
    table_ids = fields.One2many("ht.funder.report.table", "template_id", "Tables", copy=True)

    _sql_constraints = [("code_unique", "unique(code)", "Each report template has its own code.")]

    @api.constrains("k")
    def _check_k(self):
        for template in self:
            if template.k < MIN_K:
                raise ValidationError(
                    _(
                        "%(report)s: the smallest count shown must be %(min)s or more "
                        "(funders usually ask for 11).",
                        report=template.name,
                        min=MIN_K,
                    )
                )

    # ------------------------------------------------------------------ periods

    def _ht_fiscal_year_of(self, day):
        """The fiscal year (named after the calendar year it ends in) of ``day``."""
        self.ensure_one()
        start = int(self.fiscal_year_start_month)
        return day.year + 1 if start > 1 and day.month >= start else day.year

    def _ht_period(self, fiscal_year, period):
        """(first day, last day, first day of the fiscal year, label)."""
        self.ensure_one()
        start_month = int(self.fiscal_year_start_month)
        fy_start = date(fiscal_year - 1 if start_month > 1 else fiscal_year, start_month, 1)
        if period == "year":
            first, months = fy_start, 12
        else:
            length = 3 if period.startswith("q") else 6
            first = fy_start + relativedelta(months=length * (int(period[1]) - 1))
            months = length
        last = first + relativedelta(months=months) - timedelta(days=1)
        label = f"FY{fiscal_year} {dict(PERIODS['quarter'] + PERIODS['half']).get(period, '')}"
        return first, last, fy_start, label.strip()

    # ------------------------------------------------------------------ queries

    def _ht_served_sql(self, company, first, last):
        """The cases that received a service or material aid in the period."""
        return SQL(
            """c.id IN (
                SELECT s.case_id FROM ht_case_service_line s
                 WHERE s.company_id = %(company)s AND s.date BETWEEN %(first)s AND %(last)s
                UNION
                SELECT a.case_id FROM ht_case_aid_line a
                 WHERE a.company_id = %(company)s AND a.date BETWEEN %(first)s AND %(last)s)""",
            company=company.id,
            first=first,
            last=last,
        )

    def _ht_measure_sql(self, measure, company, first, last, fy_start, keep_excluded=False):
        """(FROM, WHERE) of the measure. The case is ``c``, the counted line ``u``;
        every measure leaves out archived cases and, unless ``keep_excluded``, the
        cases whose survivor asked not to be counted."""
        served = self._ht_served_sql(company, first, last)
        end = last + timedelta(days=1)
        clauses = {
            "clients": (SQL("ht_case c"), served),
            "new_clients": (
                SQL("ht_case c"),
                SQL("%s AND c.first_service_date >= %s", served, fy_start),
            ),
            "intakes": (
                SQL("ht_case c"),
                SQL("c.identification_date BETWEEN %s AND %s", first, last),
            ),
            "services": (
                SQL("ht_case_service_line u JOIN ht_case c ON c.id = u.case_id"),
                SQL("u.company_id = %s AND u.date BETWEEN %s AND %s", company.id, first, last),
            ),
            "aid": (
                SQL("ht_case_aid_line u JOIN ht_case c ON c.id = u.case_id"),
                SQL("u.company_id = %s AND u.date BETWEEN %s AND %s", company.id, first, last),
            ),
            "referrals": (
                SQL("ht_referral u JOIN ht_case c ON c.id = u.case_id"),
                SQL("u.sent_on >= %s AND u.sent_on < %s", first, end),
            ),
            "matched_48h": (
                SQL("ht_referral u JOIN ht_case c ON c.id = u.case_id"),
                SQL(
                    "u.sent_on >= %s AND u.sent_on < %s AND u.is_accepted = 1 "
                    "AND u.hours_to_answer <= 48",
                    first,
                    end,
                ),
            ),
            "closures": (
                SQL("ht_case c"),
                SQL("c.closed_on BETWEEN %s AND %s", first, last),
            ),
            # family members the agency served, of the clients served in the period
            # (counts from ht.case.family.member, never names)
            "family_served": (
                SQL("ht_case_family_member u JOIN ht_case c ON c.id = u.case_id"),
                SQL("u.served AND %s", served),
            ),
        }
        from_sql, where = clauses[measure]
        where = SQL("%s AND c.company_id = %s AND c.active", where, company.id)
        if keep_excluded:
            return from_sql, where
        return from_sql, SQL("%s AND NOT COALESCE(c.exclude_from_reports, FALSE)", where)

    def _ht_breakdown_sql(self, breakdown, fy_start):
        if not breakdown:
            return SQL("'total'")
        expressions = {
            "age_group": SQL("c.age_group_at_intake"),
            "trafficking_type": SQL("COALESCE(c.trafficking_type, 'not_recorded')"),
            "gender": SQL("c.gender_category"),
            "citizenship": SQL(
                "CASE WHEN c.citizenship IS NULL OR c.citizenship = 'unknown' "
                "THEN 'not_recorded' ELSE c.citizenship END"
            ),
            "eligibility": SQL("COALESCE(c.eligibility_id::text, 'not_recorded')"),
            "client_status": SQL(
                "CASE WHEN c.first_service_date IS NULL THEN 'none' "
                "WHEN c.first_service_date >= %s THEN 'new' ELSE 'continuing' END",
                fy_start,
            ),
            "lgbtq": SQL("c.lgbtq"),
            "co_occurring": SQL("c.co_occurring_violence"),
            "service_category": SQL("u.category_id::text"),
            "aid_kind": SQL("u.kind_id::text"),
            "closure_reason": SQL("COALESCE(c.closure_reason_id::text, 'not_recorded')"),
            "living_situation": SQL("c.closure_living_situation"),
            "family_category": SQL("COALESCE(u.report_category, 'other')"),
        }
        return expressions[breakdown]

    def _ht_breakdown_labels(self, breakdown, present, cache):
        """[(key, label)] of a breakdown, in order: every value of a selection or
        of a short configurable list (zeros included), the values present for the
        long service taxonomy. One query per configurable list, cached per run."""
        if not breakdown:
            return [("total", _("Count"))]
        if breakdown in cache:
            labels = cache[breakdown]
        else:
            Case = self.env["ht.case"]
            not_recorded = ("not_recorded", _("Not recorded"))
            selections = {
                "age_group": "age_group_at_intake",
                "gender": "gender_category",
                "lgbtq": "lgbtq",
                "co_occurring": "co_occurring_violence",
                "living_situation": "closure_living_situation",
                "trafficking_type": "trafficking_type",
                "citizenship": "citizenship",
            }
            lists = {
                "eligibility": "ht.case.eligibility",
                "closure_reason": "ht.case.closure.reason",
                "aid_kind": "ht.case.aid.kind",
                "service_category": "ht.service.category",
            }
            if breakdown in selections:
                field = Case._fields[selections[breakdown]]
                labels = [
                    (key, label)
                    for key, label in field._description_selection(self.env)
                    if key != "unknown"
                ]
                if not any(key == "not_recorded" for key, _label in labels):
                    labels.append(not_recorded)
            elif breakdown == "family_category":
                field = self.env["ht.case.family.member"]._fields["report_category"]
                labels = field._description_selection(self.env)
            elif breakdown == "client_status":
                labels = [
                    ("new", _("New")),
                    ("continuing", _("Continuing")),
                    ("none", _("No service yet")),
                ]
            else:
                model = self.env[lists[breakdown]]
                if breakdown == "service_category":
                    ids = [int(key) for key in present if key.isdigit()]
                    domain = [("id", "in", ids)]
                else:
                    domain = ["|", ("active", "=", True), ("id", "in", [])]
                # sudo: names of configuration lists (no case data), shown as labels.
                rows = (
                    model.sudo()
                    .with_context(active_test=False)
                    .search_fetch(domain, ["display_name", "active"])
                )
                labels = [(str(rec.id), rec.display_name) for rec in rows]
                if breakdown in ("eligibility", "closure_reason"):
                    labels.append(not_recorded)
            cache[breakdown] = labels
        known = {key for key, _label in labels}
        # an archived value still counted is shown under its own name (rare)
        extra = [(key, key) for key in sorted(present - known)]
        return labels + extra

    def _ht_count(self, measure, tables, company, first, last, fy_start):
        """One grouped query for every table of one measure: the rows it counts are
        selected once (a materialised CTE), then grouped for each table. Returns
        ({table index: {(row key, column key): count}}, counted, left out): the
        cases whose survivor asked not to be counted are left out of every table,
        and counted apart (only ever shown rounded)."""
        from_sql, where = self._ht_measure_sql(
            measure, company, first, last, fy_start, keep_excluded=True
        )
        columns = [SQL("COALESCE(c.exclude_from_reports, FALSE) AS ht_x")]
        parts = [
            SQL("SELECT -1, NULL, NULL, COUNT(*) FROM ht_base WHERE NOT ht_x"),
            SQL("SELECT -2, NULL, NULL, COUNT(*) FROM ht_base WHERE ht_x"),
        ]
        for i, table in enumerate(tables):
            row, col = SQL.identifier(f"ht_r{i}"), SQL.identifier(f"ht_c{i}")
            columns.append(
                SQL("(%s)::text AS %s", self._ht_breakdown_sql(table.row_breakdown, fy_start), row)
            )
            columns.append(
                SQL("(%s)::text AS %s", self._ht_breakdown_sql(table.col_breakdown, fy_start), col)
            )
            parts.append(
                SQL(
                    "SELECT %s, %s, %s, COUNT(*) FROM ht_base WHERE NOT ht_x GROUP BY 2, 3",
                    i,
                    row,
                    col,
                )
            )
        rows = self.env.execute_query(
            SQL(
                "WITH ht_base AS MATERIALIZED (SELECT %s FROM %s WHERE %s) %s",
                SQL(", ").join(columns),
                from_sql,
                where,
                SQL(" UNION ALL ").join(parts),
            )
        )
        counts = {i: {} for i in range(len(tables))}
        totals = {}
        for tag, r, c, n in rows:
            if tag < 0:
                totals[tag] = n
            else:
                counts[tag][(str(r), str(c))] = n
        return counts, totals.get(-1, 0), totals.get(-2, 0)

    def _ht_compute(self, company, fiscal_year, period):
        """Every table of the report, suppressed: a list of dicts (name, tab,
        row/column labels, the suppressed table, percentages or not), plus what
        the run log records. One grouped query per measure (its tables grouped
        from one selection of its rows), never one per case: a constant number of
        queries in all, whatever the number of cases."""
        self.ensure_one()
        first, last, fy_start, label = self._ht_period(fiscal_year, period)
        self.env.flush_all()  # the queries below are raw SQL
        by_measure = {"clients": []}
        for table in self.table_ids:
            by_measure.setdefault(table.measure, []).append(table)
        counts = {}
        case_count = excluded = 0
        for measure, tables_of in by_measure.items():
            found, counted, left_out = self._ht_count(
                measure, tables_of, company, first, last, fy_start
            )
            counts.update({table.id: found[i] for i, table in enumerate(tables_of)})
            if measure == "clients":
                case_count, excluded = counted, left_out
        cache = {}
        tables = []
        for table in self.table_ids:
            cells_of = counts[table.id]
            row_labels = self._ht_breakdown_labels(
                table.row_breakdown, {r for r, _c in cells_of}, cache
            )
            col_labels = self._ht_breakdown_labels(
                table.col_breakdown, {c for _r, c in cells_of}, cache
            )
            if not row_labels:
                row_labels = [("none", _("(none)"))]
            cells = [[cells_of.get((r, c), 0) for c, _cl in col_labels] for r, _rl in row_labels]
            tables.append(
                {
                    "name": table.name,
                    "tab": table.tab or "",
                    "row_title": dict(BREAKDOWNS).get(table.row_breakdown, ""),
                    "rows": [rl for _r, rl in row_labels],
                    "cols": [cl for _c, cl in col_labels],
                    "table": suppress(cells, self.k),
                    "percent": table.show_percent,
                }
            )
        return {
            "label": label,
            "date_from": first,
            "date_to": last,
            "tables": tables,
            "case_count": case_count,
            # the survivors who asked not to be counted, among the clients served:
            # only ever shown rounded (a count below k as "< k")
            "excluded": rounded_count(excluded, self.k),
            "client_rows": self._ht_client_rows(company, first, last, fy_start, cache)
            if self.client_rows
            else None,
        }

    def _ht_client_rows(self, company, first, last, fy_start, cache):
        """One row per client served: a random identifier drawn for this report
        only (never stored, not derived from the case), then the client's
        categories for the template's client breakdowns. Rows are sorted by that
        identifier, so their order says nothing of the cases either."""
        breakdowns = []
        for table in self.table_ids:
            for breakdown in (table.row_breakdown, table.col_breakdown):
                if breakdown and breakdown not in UNIT_BREAKDOWNS and breakdown not in breakdowns:
                    breakdowns.append(breakdown)
        from_sql, where = self._ht_measure_sql("clients", company, first, last, fy_start)
        columns = [self._ht_breakdown_sql(b, fy_start) for b in breakdowns] or [SQL("'total'")]
        rows = self.env.execute_query(
            SQL("SELECT %s FROM %s WHERE %s", SQL(", ").join(columns), from_sql, where)
        )
        labels = {
            b: dict(self._ht_breakdown_labels(b, {str(r[i]) for r in rows}, cache))
            for i, b in enumerate(breakdowns)
        }
        out = sorted(
            [secrets.token_hex(8)]
            + [labels[b].get(str(row[i]), str(row[i])) for i, b in enumerate(breakdowns)]
            for row in rows
        )
        names = dict(BREAKDOWNS)
        return {"header": [_("Client (random)")] + [names[b] for b in breakdowns], "rows": out}
