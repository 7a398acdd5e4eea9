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
    case_ids = fields.Many2many(
        "ht.case", "ht_case_group_rel", "group_id", "case_id", "Cases", check_company=True
    )
    case_count = fields.Integer(compute="_compute_case_count")
    note = fields.Text()
    active = fields.Boolean(default=True)

    @api.depends("case_ids")
    def _compute_case_count(self):
        for group in self:
            # the cases the user may read (the relation is filtered by the case rules)
            group.case_count = len(group.case_ids)

    def _ht_check_cases_readable(self, vals_list):
        """Only cases the user may read are added (ids over RPC included)."""
        if self.env.su:
            return
        ids = set()
        for vals in vals_list:
            for command in vals.get("case_ids") or ():
                if command[0] == 4:
                    ids.add(command[1])
                elif command[0] == 6:
                    ids.update(command[2])  # create only: write() refuses it
                elif command[0] in (0, 1):
                    raise UserError(_("Add existing cases to a group; open a case from intake."))
        cases = self.env["ht.case"].browse(ids)
        if cases - cases._filtered_access("read"):
            raise UserError(_("You can only add a case you have access to."))

    @api.model_create_multi
    def create(self, vals_list):
        self._ht_check_cases_readable(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._ht_check_cases_readable([vals])
        if not self.env.su:
            for command in vals.get("case_ids") or ():
                if command[0] in (5, 6):
                    # would drop the cases this user cannot see
                    raise UserError(_("Add or remove the cases of a group one at a time."))
                if command[0] in (2, 3):
                    case = self.env["ht.case"].browse(command[1])
                    if not case._filtered_access("read"):
                        raise UserError(_("You can only remove a case you have access to."))
        return super().write(vals)

    def action_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ht_case_management.ht_case_action")
        action["domain"] = [("group_ids", "in", self.ids)]
        action["view_mode"] = "kanban,list,form"
        action["views"] = [(False, "kanban"), (False, "list"), (False, "form")]
        action["context"] = {"create": False}
        return action
