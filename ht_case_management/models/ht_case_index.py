# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HtCase(models.Model):
    """The indexes of the screens people open all day (measured in benchmarks/)."""

    _inherit = "ht.case"

    def init(self):
        res = super().init()
        # A case worker's list: own cases, in the list's order, counted from the index
        # alone (company and archive flag included): no sort of 10,000 rows, no heap.
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS ht_case_manager_list_index
                   ON ht_case (case_manager_id, priority DESC, id DESC)
                   INCLUDE (company_id, active)"""
        )
        return res


class HtCaseAccessLog(models.Model):
    _inherit = "ht.case.access.log"

    def init(self):
        res = super().init()
        # A case's access history, newest first, at any size of the log.
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS ht_case_access_log_case_date_index
                   ON ht_case_access_log (case_id, date DESC, id DESC)"""
        )
        return res
