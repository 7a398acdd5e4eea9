# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

SCREENING_STEPS = [
    ("background", "Background check"),
    ("references", "References"),
    ("interview", "Interview"),
    ("confidentiality", "Confidentiality agreement signed"),
]


class HtVolunteerRequirement(models.Model):
    """A screening step or a training every volunteer of a programme must have
    current before being placed."""

    _name = "ht.volunteer.requirement"
    _description = "Volunteer programme requirement"
    _order = "programme_id, sequence, id"

    programme_id = fields.Many2one(
        "ht.volunteer.programme", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [("screening", "Screening step"), ("training", "Training")],
        required=True,
        default="screening",
    )
    step = fields.Selection(SCREENING_STEPS)
    name = fields.Char(
        compute="_compute_name", store=True, readonly=False, required=True, precompute=True
    )
    validity_months = fields.Integer(
        "Valid for (months)", help="0: does not expire. Sets the expiry of each record."
    )

    @api.depends("step", "kind")
    def _compute_name(self):
        labels = dict(self._fields["step"]._description_selection(self.env))
        for rec in self:
            if rec.kind == "screening" and rec.step:
                rec.name = labels[rec.step]
            elif not rec.name:
                rec.name = False

    @api.constrains("validity_months")
    def _check_validity(self):
        if any(rec.validity_months < 0 for rec in self):
            raise ValidationError(_("A validity cannot be negative."))
