# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import AccessError

# Attachments on these models belong to a survivor's file.
CASE_MODELS = {
    "ht.case",
    "ht.case.assessment",
    "ht.case.note",
    "ht.case.review",
    "ht.case.legal.milestone",
    "ht.consent",
    "ht.disclosure",
}


class IrAttachment(models.Model):
    """Attachments of a case follow the case's access (Odoo checks the attached
    record), and only administrators can make them public or share them by link."""

    _inherit = "ir.attachment"

    def _ht_check_not_public(self, vals_list):
        if self.env.su or self.env.user.has_group("base.group_system"):
            return
        for vals in vals_list:
            if vals.get("public") and vals.get("res_model") in CASE_MODELS:
                raise AccessError(_("Attachments of a survivor's file cannot be made public."))

    @api.model_create_multi
    def create(self, vals_list):
        self._ht_check_not_public(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("public"):
            self._ht_check_not_public(
                [dict(vals, res_model=vals.get("res_model", att.res_model)) for att in self]
            )
        return super().write(vals)

    def generate_access_token(self):
        if not (self.env.su or self.env.user.has_group("base.group_system")) and any(
            att.res_model in CASE_MODELS for att in self.sudo()
        ):
            raise AccessError(_("Attachments of a survivor's file cannot be shared by link."))
        return super().generate_access_token()
