# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .ht_case_family_member import REPORT_CATEGORIES


# One capability per file (merges of parallel work stay easy): the ht.case
# extensions are deliberately not merged.
class HtCase(models.Model):
    """Family members and linked cases of a case (the same operation, the same
    family), and the family members served counted for funder reports."""

    _inherit = "ht.case"

    family_member_ids = fields.One2many("ht.case.family.member", "case_id", "Family members")
    group_ids = fields.Many2many(
        "ht.case.group", "ht_case_group_rel", "case_id", "group_id", "Linked case groups"
    )
    family_served_count = fields.Integer(
        "Family members served", compute="_compute_family_served_count"
    )

    @api.depends("family_member_ids.served")
    def _compute_family_served_count(self):
        for case in self:
            case.family_served_count = len(case.family_member_ids.filtered("served"))

    @api.model
    def _ht_family_served_counts(self, domain=None):
        """{report category: family members served} over the cases of ``domain``
        the user may read: the funder reports' "family members served" (parent,
        sibling, spouse, child under 18, child 18 or older)."""
        members = self.env["ht.case.family.member"]
        groups = members._read_group(
            [("served", "=", True), ("case_id", "any", domain or [])],
            ["report_category"],
            ["__count"],
        )
        counts = dict.fromkeys((key for key, _label in REPORT_CATEGORIES), 0)
        counts.update({category: count for category, count in groups if category})
        return counts

    def write(self, vals):
        if not self.env.su and vals.get("group_ids"):
            # a case joins only a group its user may see (ids over RPC included)
            ids = set()
            for command in vals["group_ids"]:
                if command[0] == 4:
                    ids.add(command[1])
                elif command[0] == 6:
                    ids.update(command[2])
                elif command[0] in (0, 1):
                    raise UserError(_("Create the group first, then add the case to it."))
            groups = self.env["ht.case.group"].browse(ids)
            if groups - groups._filtered_access("read"):
                raise UserError(_("You can only add a case to a group you have access to."))
        return super().write(vals)
