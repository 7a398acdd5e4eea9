# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HtDisclosure(models.Model):
    """A disclosure to the data subject themself (right of access: their own file)
    names no contact: a survivor never becomes a ``res.partner``. The line says
    who received it by kind (the person, or their representative), not by name."""

    _inherit = "ht.disclosure"

    recipient_kind = fields.Selection(
        [
            ("organisation", "An organisation"),
            ("subject", "The person themself"),
            ("subject_representative", "The person's representative"),
        ],
        "Recipient is",
        required=True,
        readonly=True,
        default="organisation",
    )
    # An organisation's contact; empty when the person received their own file.
    recipient_id = fields.Many2one(required=False)
    basis = fields.Selection(
        selection_add=[("subject_access", "The person's right of access")],
        ondelete={"subject_access": "cascade"},
    )

    @api.constrains("recipient_kind", "recipient_id", "basis")
    def _check_recipient_kind(self):
        for rec in self:
            to_subject = rec.recipient_kind != "organisation"
            if (
                to_subject != (rec.basis == "subject_access")
                or bool(rec.recipient_id) == to_subject
            ):
                raise ValidationError(
                    _(
                        "A disclosure goes either to an organisation (named, under a consent "
                        "or a legal duty) or to the person themself under their right of "
                        "access (naming no contact)."
                    )
                )
