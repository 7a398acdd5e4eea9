# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtConsentCategory(models.Model):
    """A category of information a survivor may agree to share."""

    _name = "ht.consent.category"
    _description = "Information category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Stable code other addons and integrations refer to.",
    )
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    identifying = fields.Boolean(
        help="Personally identifying information: a release is always required "
        "before it leaves the agency.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_unique",
            "unique(code)",
            "The code of an information category must be unique.",
        ),
    ]
