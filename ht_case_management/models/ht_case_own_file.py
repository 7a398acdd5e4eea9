# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtCase(models.Model):
    """The person's requests to see their own file, from the case."""

    _inherit = "ht.case"

    access_request_ids = fields.One2many("ht.case.access.request", "case_id", readonly=True)
    access_request_count = fields.Integer(compute="_compute_access_request_count")

    def _compute_access_request_count(self):
        # counted as the user: one cannot count what one may not see
        data = self.env["ht.case.access.request"]._read_group(
            [("case_id", "in", self.ids)], ["case_id"], ["__count"]
        )
        counts = {case.id: count for case, count in data}
        for rec in self:
            rec.access_request_count = counts.get(rec.id, 0)

    def action_view_access_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ht_case_management.ht_case_access_request_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action
