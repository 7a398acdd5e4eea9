# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HtCaseGroup(models.Model):
    """Cases linked together: the survivors of one trafficking operation, or one
    family, so a supervisor sees them side by side. Each user sees only the
    group's cases they may read (the case rules apply to the list)."""

    _name = "ht.case.group"
    _description = "Linked cases (operation or family)"
    _ht_case_data = True
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        "Reference",
        required=True,
        help="An operation or family reference: never a survivor's name.",
    )
    kind = fields.Selection(
        [("operation", "Same operation"), ("family", "Same family"), ("other", "Other")],
        required=True,
        default="operation",
    )
    company_id = fields.Many2one(
        "res.company", "Agency", required=True, default=lambda s: s.env.company, index=True
    )
    # Every case of the group. Odoo checks a record rule in Python as superuser
    # (filtered_domain), which would put every case of the group in the cache of
    # the request, unfiltered: the group rules read this field, nobody else does.
    all_case_ids = fields.Many2many(
        "ht.case",
        "ht_case_group_rel",
        "group_id",
        "case_id",
        "All cases",
        groups="base.group_system",
    )
    # What each user sees and changes: the cases of the group they may read.
    case_ids = fields.Many2many(
        "ht.case",
        string="Cases",
        compute="_compute_case_ids",
        inverse="_inverse_case_ids",
    )
    case_count = fields.Integer(compute="_compute_case_ids")
    note = fields.Text()
    active = fields.Boolean(default=True)

    @api.depends_context("uid")
    def _compute_case_ids(self):
        Case = self.env["ht.case"]
        for group in self:
            # the case rules apply: only the cases this user may read
            cases = Case.search([("group_ids", "in", group.ids)]) if group.id else Case
            group.case_ids = cases
            group.case_count = len(cases)

    def _inverse_case_ids(self):
        """Add or remove the cases the user sees; the others stay in the group."""
        Case = self.env["ht.case"]
        for group in self:
            seen = Case.search([("group_ids", "in", group.ids)]) if group.id else Case
            wanted = group.case_ids
            added = wanted - seen
            if added - added._filtered_access("read"):
                raise UserError(_("You can only add a case you have access to."))
            # sudo: the cases the user may not read are kept as they were; the
            # ones they change were checked above (the search and the access check).
            hidden = group.sudo().all_case_ids - seen
            group.sudo().all_case_ids = hidden | wanted

    def action_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ht_case_management.ht_case_action")
        action["domain"] = [("group_ids", "in", self.ids)]
        action["view_mode"] = "kanban,list,form"
        action["views"] = [(False, "kanban"), (False, "list"), (False, "form")]
        action["context"] = {"create": False}
        return action
