# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Small-cell suppression of a two-way table of counts, with its totals.

Pure Python (no Odoo): tested against hand-worked tables in
``tests/test_funder_suppression.py``.

A table of R rows and C columns is completed with its row totals, column totals
and grand total into an (R+1) x (C+1) grid. Every line of that grid (each row with
its total, each column with its total, the totals row, the totals column) sums to
its last cell, so a line with exactly one hidden cell gives it away (by
subtraction). Hence:

1. primary suppression: every count from 1 to k-1 is hidden (0 is not: an empty
   cell identifies nobody);
2. complementary suppression: while a line has exactly one hidden cell, hide the
   smallest other cell of that line (non-zero cells first, then inner cells
   before totals), until every line has no hidden cell or at least two.

Percentages follow their counts: a hidden count hides its percentage.
"""

SUPPRESSED = None


def suppress(cells, k):
    """Suppress ``cells`` (a list of R rows of C non-negative integer counts) for
    the threshold ``k``.

    Returns a dict: ``cells``, ``row_totals``, ``col_totals``, ``grand`` (the
    values), and ``hidden`` (an (R+1) x (C+1) grid of booleans: rows then the
    totals row, columns then the totals column).
    """
    rows = len(cells)
    cols = len(cells[0]) if rows else 0
    if any(len(row) != cols for row in cells):
        raise ValueError("every row needs the same number of columns")
    if any(not isinstance(v, int) or v < 0 for row in cells for v in row):
        raise ValueError("counts are non-negative integers")
    row_totals = [sum(row) for row in cells]
    col_totals = [sum(cells[r][c] for r in range(rows)) for c in range(cols)]
    grand = sum(row_totals)
    grid = [list(row) + [total] for row, total in zip(cells, row_totals, strict=True)]
    grid.append(col_totals + [grand])
    hidden = [[0 < v < k for v in line] for line in grid]
    lines = [[(r, c) for c in range(cols + 1)] for r in range(rows + 1)]
    lines += [[(r, c) for r in range(rows + 1)] for c in range(cols + 1)]

    def cost(cell):
        r, c = cell
        value = grid[r][c]
        return (value == 0, value, r == rows or c == cols, cell)

    changed = True
    while changed:
        changed = False
        for line in lines:
            shown = [cell for cell in line if not hidden[cell[0]][cell[1]]]
            if len(line) - len(shown) == 1 and shown:
                r, c = min(shown, key=cost)
                hidden[r][c] = True
                changed = True
    return {
        "cells": [list(row) for row in cells],
        "row_totals": row_totals,
        "col_totals": col_totals,
        "grand": grand,
        "hidden": hidden,
    }


def shown_values(table):
    """The grid as it may be published: each value, or ``SUPPRESSED`` (None)."""
    grid = [row + [total] for row, total in zip(table["cells"], table["row_totals"], strict=True)]
    grid.append(table["col_totals"] + [table["grand"]])
    return [
        [SUPPRESSED if hide else value for value, hide in zip(line, mask, strict=True)]
        for line, mask in zip(grid, table["hidden"], strict=True)
    ]


def shown_percentages(table, digits=1):
    """Each cell as a percentage of the grand total, or ``SUPPRESSED`` when its
    count is hidden (or the grand total is)."""
    grand = table["grand"]
    grand_hidden = table["hidden"][-1][-1]
    return [
        [
            SUPPRESSED
            if value is SUPPRESSED or grand_hidden or not grand
            else round(100.0 * value / grand, digits)
            for value in line
        ]
        for line in shown_values(table)
    ]


def rounded_count(count, k, base=5):
    """A count that is itself sensitive (cases left out of a report): ``"0"``,
    ``"fewer than k"`` below the threshold, else rounded to the nearest ``base``."""
    if count <= 0:
        return "0"
    if count < k:
        return f"< {k}"
    return f"~{int(base * round(count / base))}"


def check(table, k):
    """The published table's guarantees (used by the tests): every count from 1 to
    k-1 is hidden, and no line has exactly one hidden cell. Returns the list of
    violations (empty when safe)."""
    problems = []
    hidden = table["hidden"]
    values = [row + [t] for row, t in zip(table["cells"], table["row_totals"], strict=True)]
    values.append(table["col_totals"] + [table["grand"]])
    for r, line in enumerate(values):
        for c, value in enumerate(line):
            if 0 < value < k and not hidden[r][c]:
                problems.append(("small count shown", r, c))
    for r, mask in enumerate(hidden):
        if sum(mask) == 1:
            problems.append(("row with one hidden cell", r))
    for c in range(len(hidden[0]) if hidden else 0):
        if sum(hidden[r][c] for r in range(len(hidden))) == 1:
            problems.append(("column with one hidden cell", c))
    return problems
