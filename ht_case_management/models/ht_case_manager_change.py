# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HtCaseManagerChange(models.Model):
    """One change of a case's case manager: when, from whom, to whom, why."""

    _name = "ht.case.manager.change"
    _description = "Case manager change"
    _ht_case_data = True
    _order = "date desc, id desc"

    case_id = fields.Many2one("ht.case", required=True, ondelete="restrict", index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    from_user_id = fields.Many2one("res.users", "From", ondelete="restrict")
    to_user_id = fields.Many2one("res.users", "To", required=True, ondelete="restrict")
    reason = fields.Char(required=True)
    user_id = fields.Many2one("res.users", "Recorded by", default=lambda s: s.env.user)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("The case manager history is kept."))


class HtCaseManagerChangeWizard(models.TransientModel):
    _name = "ht.case.manager.change.wizard"
    _inherit = ["ht.wizard.link.mixin"]
    _description = "Change case manager"
    _ht_case_data = True
    # a supervisor changes the manager of a case they may read (the action checks
    # the supervisor group)
    _ht_link_checks = {"case_id": ("read",)}

    case_id = fields.Many2one("ht.case", required=True, ondelete="cascade")
    user_id = fields.Many2one(
        "res.users",
        "New case manager",
        required=True,
        domain=lambda s: [("groups_id", "in", s.env.ref("ht_consent.group_ht_case_worker").id)],
    )
    reason = fields.Char(required=True)

    def action_apply(self):
        self.ensure_one()
        self.case_id._ht_change_manager(self.user_id, self.reason)
        self.unlink()  # the reason is kept on the history line
        return {"type": "ir.actions.act_window_close"}
