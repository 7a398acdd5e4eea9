# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class HtVettingStepType(models.Model):
    """A vetting step the network requires of pro bono professionals (background
    check, references...): to whom it applies and how long it stays valid. A
    professional is vetted while every active required type that applies to
    their profession has a current step (``res.partner._compute_ht_vetted``)."""

    _name = "ht.vetting.step.type"
    _description = "Pro bono vetting step type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable code for reports and integrations.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    required = fields.Boolean(
        "Required for vetting",
        default=True,
        help="A professional is vetted only with a current step of every active "
        "required type that applies to them.",
    )
    profession_ids = fields.Many2many(
        "ht.profession",
        "ht_vetting_step_type_profession_rel",
        "type_id",
        "profession_id",
        string="Applies to",
        help="The kinds of professional who need this step; empty: every pro bono professional.",
    )
    validity_months = fields.Integer(
        "Valid for (months)",
        default=0,
        help="How long a verified step stays valid; 0: it never expires. An expiry "
        "date entered on the step itself takes precedence.",
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "The code of a vetting step type must be unique."),
    ]

    @api.constrains("validity_months")
    def _check_validity_months(self):
        if any(rec.validity_months < 0 for rec in self):
            raise ValidationError(
                _("A validity cannot be negative: enter a number of months, or 0 for never.")
            )

    @api.model
    def _ht_required_for(self, profession):
        """The active required types that apply to a professional of
        ``profession`` (a code of ``res.partner.ht_profession``, or False)."""
        # sudo: which steps vetting requires is network configuration, decided the
        # same way whoever asks (the vetted flag is read from case screens too).
        types = self.sudo().search([("required", "=", True)])
        return types.filtered(
            lambda t: not t.profession_ids or profession in t.profession_ids.mapped("code")
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_unused(self):
        # sudo: whether any step was verified under the type is decided over all of
        # them; nothing of them is returned.
        if self.env["ht.vetting.step"].sudo().search_count([("step_type_id", "in", self.ids)]):
            raise UserError(
                _("Vetting steps were verified under this type: archive it instead of deleting it.")
            )
