# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)


class HtCaseNote(models.Model):
    """A case note (its own record, not chatter). A sensitive note is visible to the
    case manager and supervisors only (record rules).

    A note is its author's record of what happened: only its author changes it
    (body, type, sensitivity); nobody, not even the author, changes its case,
    author or date once it is written; supervisors included (superuser excepted).
    Notes are never deleted (nothing is lost): a correction is a new note."""

    _name = "ht.case.note"
    _inherit = ["ht.protected.fields.mixin"]
    _description = "Case note"
    _ht_case_data = True
    _order = "date desc, id desc"
    _ht_protected_fields = {
        "case_id": _lt("its creation"),
        "author_id": _lt("its creation (the user who writes it)"),
        "date": _lt("its creation"),
    }
    # the date of a contact may be earlier than the note; the author is the creator
    _ht_protected_create_ok = ("case_id", "date")

    case_id = fields.Many2one("ht.case", required=True, ondelete="restrict", index=True)
    note_type_id = fields.Many2one(
        "ht.case.note.type",
        "Type",
        required=True,
        ondelete="restrict",
        default=lambda self: self.env.ref(
            "ht_case_management.ht_case_note_type_contact", raise_if_not_found=False
        ),
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    author_id = fields.Many2one("res.users", required=True, default=lambda s: s.env.user)
    body = fields.Html(required=True)
    sensitive = fields.Boolean(help="Only the case manager and supervisors can read it.")

    def write(self, vals):
        if not self.env.su:
            # the record rules first: a note the user may not change stays unknown
            self.check_access("write")
            # sudo: only the author is read, on notes the user may write (checked).
            if any(note.author_id != self.env.user for note in self.sudo()):
                raise UserError(
                    _(
                        "Only its author can change a case note. Add a new note to "
                        "correct or complete it."
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("Case notes are kept. Add a new note to correct one."))
