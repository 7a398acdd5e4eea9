# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HtCaseGuardian(models.Model):
    """A minor's parent or guardian: their details live on the case (never on
    res.partner), and whether they may be involved in the minor's services. A
    parent or guardian suspected of involvement in the trafficking is never
    involved: the flag blocks it."""

    _name = "ht.case.guardian"
    _description = "Parent or guardian of a minor"
    _ht_case_data = True
    _order = "case_id, id"

    case_id = fields.Many2one("ht.case", required=True, ondelete="restrict", index=True)
    name = fields.Char(required=True)
    relationship = fields.Selection(
        [
            ("mother", "Mother"),
            ("father", "Father"),
            ("legal_guardian", "Legal guardian"),
            ("foster", "Foster parent"),
            ("relative", "Other relative (caregiver)"),
            ("other", "Other"),
        ],
        required=True,
        default="legal_guardian",
    )
    phone = fields.Char()
    suspected_trafficker = fields.Boolean(
        "Suspected of involvement in the trafficking",
        help="Never involved in the minor's services, never told anything about the case.",
    )
    may_be_involved = fields.Boolean(
        "May be involved", help="May be told about and take part in the minor's services."
    )
    legal_custody = fields.Boolean("Has legal custody")
    note = fields.Char()

    @api.constrains("suspected_trafficker", "may_be_involved")
    def _check_never_involve_a_suspect(self):
        for rec in self:
            if rec.suspected_trafficker and rec.may_be_involved:
                raise ValidationError(
                    _(
                        "%(case)s: a parent or guardian suspected of involvement in the "
                        "trafficking may not be involved in the minor's services.",
                        case=rec.case_id.code,
                    )
                )

    @api.onchange("suspected_trafficker")
    def _onchange_suspected_trafficker(self):
        if self.suspected_trafficker:
            was_involved = self.may_be_involved
            self.may_be_involved = False
            if was_involved:
                return {
                    "warning": {
                        "title": _("Not involved"),
                        "message": _(
                            "A parent or guardian suspected of involvement in the trafficking "
                            "is never involved in the minor's services: 'May be involved' "
                            "was cleared."
                        ),
                    }
                }
        return None

    @api.onchange("may_be_involved")
    def _onchange_may_be_involved(self):
        if self.may_be_involved and self.suspected_trafficker:
            self.may_be_involved = False
            return {
                "warning": {
                    "title": _("Suspected trafficker"),
                    "message": _(
                        "This parent or guardian is suspected of involvement in the "
                        "trafficking: they may not be involved."
                    ),
                }
            }
        return None
