# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Interpreting by someone who is not a trained, vetted third party: recorded,
# and the case worker is warned (the documents insist on a third party).
UNSAFE_INTERPRETING = ("family", "untrained")


class HtCaseNote(models.Model):
    """The interpreter used in a contact: a vetted interpreter of the network's
    roster (a pro bono professional whose vetting is current), another
    professional, or - recorded and warned about - a family member or an
    untrained person."""

    _inherit = "ht.case.note"

    interpreter_kind = fields.Selection(
        [
            ("none", "No interpreter"),
            ("roster", "Vetted interpreter (roster)"),
            ("professional", "Professional interpreting service"),
            ("family", "Family member or friend"),
            ("untrained", "Untrained person (staff, volunteer, other)"),
        ],
        "Interpreter",
        default="none",
        required=True,
    )
    interpreter_id = fields.Many2one(
        "res.partner",
        "Vetted interpreter",
        domain=[("ht_profession", "=", "interpreter"), ("ht_vetted", "=", True)],
        ondelete="restrict",
    )
    interpreter_concern = fields.Boolean(
        compute="_compute_interpreter_concern",
        store=True,
        help="A family member or untrained person interpreted: the documents insist on "
        "a trained third party.",
    )

    @api.depends("interpreter_kind")
    def _compute_interpreter_concern(self):
        for note in self:
            note.interpreter_concern = note.interpreter_kind in UNSAFE_INTERPRETING

    @api.constrains("interpreter_kind", "interpreter_id")
    def _check_interpreter(self):
        for note in self:
            if note.interpreter_kind == "roster":
                # sudo: the vetting is read to decide, never shown.
                person = note.interpreter_id.sudo()
                if not person:
                    raise ValidationError(_("Choose the interpreter from the roster."))
                if person.ht_profession != "interpreter" or not person.ht_vetted:
                    raise ValidationError(
                        _(
                            "%(person)s is not a vetted interpreter today: choose one from "
                            "the roster.",
                            person=person.display_name,
                        )
                    )
            elif note.interpreter_id:
                raise ValidationError(
                    _("Only an interpreter of the roster is chosen from the roster.")
                )

    @api.onchange("interpreter_kind")
    def _onchange_interpreter_kind(self):
        if self.interpreter_kind != "roster":
            self.interpreter_id = False
        if self.interpreter_kind in UNSAFE_INTERPRETING:
            return {
                "warning": {
                    "title": _("Use a trained third-party interpreter"),
                    "message": _(
                        "A family member, friend or untrained person should not interpret: "
                        "they may be involved, may not convey what is said, and the survivor "
                        "may not speak freely. Use a vetted interpreter from the roster next "
                        "time; this use is recorded."
                    ),
                }
            }
        return None
