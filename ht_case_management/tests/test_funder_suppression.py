# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Small-cell suppression against hand-worked tables (pure Python: no database)."""

import random

from odoo.tests import BaseCase, tagged

from ..tools.funder_suppression import (
    check,
    rounded_count,
    shown_percentages,
    shown_values,
    suppress,
)

S = None  # a suppressed cell


@tagged("post_install", "-at_install", "ht_case_management")
class TestFunderSuppression(BaseCase):
    def test_single_small_cell_in_a_row(self):
        """The classic case: one small cell (3) in a row would be given away by its
        row total (38 - 20 - 15) and by its column total: the next-smallest cell of
        each line is suppressed too, until every line has two suppressed cells.

        By hand (k = 11):
            20  3 15 | 38        20  *  * | 38
            12 25 30 | 67   ->    * 25  * | 67
            18 14 40 | 72         *  * 40 | 72
            50 42 85 |177        50 42 85 |177
        Row A hides 15 (its smallest other cell), column 2 then 14, column 3 then 30,
        row C then 18, row B then 12."""
        table = suppress([[20, 3, 15], [12, 25, 30], [18, 14, 40]], 11)
        self.assertEqual(
            shown_values(table),
            [[20, S, S, 38], [S, 25, S, 67], [S, S, 40, 72], [50, 42, 85, 177]],
        )
        self.assertEqual(check(table, 11), [])

    def test_one_row(self):
        """A single row: its column totals equal its cells, so each hidden cell hides
        its total too; 30 and 53 stay (3 + 20 = 23 is all one learns)."""
        table = suppress([[3, 20, 30]], 11)
        self.assertEqual(shown_values(table), [[S, S, 30, 53], [S, S, 30, 53]])

    def test_one_column_and_small_total(self):
        """One column: the grand total 9 is small itself; the rows below k go, and
        no row is left alone under its total."""
        table = suppress([[4], [5], [0]], 11)
        self.assertEqual(shown_values(table), [[S, S], [S, S], [0, 0], [S, S]])
        table = suppress([[4], [25], [30]], 11)
        self.assertEqual(shown_values(table), [[S, S], [S, S], [30, 30], [59, 59]])

    def test_zeros_are_shown_and_not_used_as_complements(self):
        """0 identifies nobody; a complement is a non-zero cell when there is one."""
        table = suppress([[0, 12], [15, 20]], 11)
        self.assertEqual(shown_values(table), [[0, 12, 12], [15, 20, 35], [15, 32, 47]])
        table = suppress([[5, 0, 30], [20, 0, 40]], 11)
        values = shown_values(table)
        self.assertEqual(values[0][1], 0)
        self.assertIsNone(values[0][0])
        self.assertIsNone(values[0][2])  # 30, the smallest non-zero cell of row 1
        self.assertEqual(check(table, 11), [])

    def test_nothing_below_k(self):
        table = suppress([[11, 12], [13, 14]], 11)
        self.assertFalse(any(any(line) for line in table["hidden"]))

    def test_random_tables_are_safe(self):
        """Whatever the table: no count from 1 to k-1 is shown, and no line (row,
        column, totals) holds exactly one suppressed cell."""
        rnd = random.Random(11)
        for _i in range(300):
            rows, cols, k = rnd.randint(1, 6), rnd.randint(1, 6), rnd.choice([3, 5, 11])
            cells = [
                [rnd.choice([0, 1, 2, 5, 9, 12, 30, 100]) for _c in range(cols)]
                for _r in range(rows)
            ]
            table = suppress(cells, k)
            self.assertEqual(check(table, k), [], cells)

    def test_percentages_follow_counts(self):
        table = suppress([[20, 3, 15], [12, 25, 30], [18, 14, 40]], 11)
        percents = shown_percentages(table)
        self.assertIsNone(percents[0][1])
        self.assertIsNone(percents[0][2])
        self.assertEqual(percents[0][0], round(100 * 20 / 177, 1))
        self.assertEqual(percents[3][3], 100.0)
        # a suppressed grand total hides every percentage
        table = suppress([[2, 3]], 11)
        self.assertTrue(all(p is None for line in shown_percentages(table) for p in line))

    def test_rounded_count(self):
        self.assertEqual(rounded_count(0, 11), "0")
        self.assertEqual(rounded_count(1, 11), "< 11")
        self.assertEqual(rounded_count(10, 11), "< 11")
        self.assertEqual(rounded_count(12, 11), "~10")
        self.assertEqual(rounded_count(13, 11), "~15")

    def test_bad_input(self):
        with self.assertRaises(ValueError):
            suppress([[1, 2], [3]], 11)
        with self.assertRaises(ValueError):
            suppress([[-1]], 11)
