# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models


class HtCase(models.Model):
    """A survivor's case file. Its display name is the pseudonymous case code;
    the survivor's identity lives only here, readable by the case team."""

    _name = "ht.case"
    _description = "Survivor case"
    _inherit = ["mail.thread", "mail.activity.mixin", "ht.consent.subject.mixin"]
    _order = "priority desc, id desc"
    _rec_name = "code"
    _check_company_auto = True

    code = fields.Char(
        "Case code",
        required=True,
        readonly=True,
        copy=False,
        default=lambda s: _("New"),
        index=True,
    )
    company_id = fields.Many2one(
        "res.company",
        "Agency",
        required=True,
        default=lambda s: s.env.company,
        index=True,
        tracking=True,
    )
    active = fields.Boolean(default=True)
    stage_id = fields.Many2one(
        "ht.case.stage",
        tracking=True,
        index=True,
        group_expand="_read_group_stage_ids",
        default=lambda s: s.env["ht.case.stage"].search([], limit=1),
        ondelete="restrict",
    )
    priority = fields.Selection(
        [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Imminent danger")],
        "Risk level",
        default="1",
        tracking=True,
    )
    case_manager_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda s: s.env.user,
        tracking=True,
        index=True,
        domain=lambda s: [("groups_id", "in", s.env.ref("ht_consent.group_ht_case_worker").id)],
    )
    team_user_ids = fields.Many2many(
        "res.users",
        "ht_case_team_rel",
        "case_id",
        "user_id",
        "Case team",
    )
    # Identity: never tracked, never on res.partner.
    legal_name = fields.Char()
    preferred_name = fields.Char("Preferred name / alias")

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([], order=stages._order)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("code", _("New")) == _("New"):
                # sudo: the sequence is configuration, not survivor data.
                vals["code"] = self.env["ir.sequence"].sudo().next_by_code("ht.case")
        return super().create(vals_list)

    def _ht_consent_reference(self):
        return self.code

    def _ht_consent_person_name(self):
        return self.legal_name or self.preferred_name or self.code

    def _ht_consent_responsible_user(self):
        return self.case_manager_id
