# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import difflib

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

# What the parties agree to: once a party has signed, or the MOU is in force (or
# was), these never change again; an amendment is a new version.
MOU_TERMS = {
    "party_ids",
    "service_category_ids",
    "referral_process",
    "meeting_schedule",
    "confidentiality",
    "date_start",
    "date_end",
    "document",
    "lang",
    "meeting_rrule_type",
    "meeting_interval",
    "meeting_byday",
    "meeting_weekday",
    "meeting_hour",
    "meeting_duration",
}
# the fields of a party that are part of the terms
PARTY_TERMS = {"mou_id", "partner_id", "role", "responsibilities", "representative", "signatory"}
LOCKED_STATES = ("active", "expired", "terminated", "superseded")


class HtMouVersion(models.Model):
    """Versions of an MOU: the terms are locked once a party signed or the MOU is
    in force; an amendment is a new version (v2, v3...) linked to the one it
    replaces, which stays (superseded) when the amendment takes effect."""

    # one capability per file (signatures, versions, meetings), as the project lays out
    _inherit = "ht.mou"

    state = fields.Selection(
        selection_add=[("superseded", "Superseded")],
        ondelete={"superseded": "set default"},
    )
    version = fields.Integer(default=1, readonly=True, copy=False, required=True)
    amends_id = fields.Many2one(
        "ht.mou", readonly=True, copy=False, index=True, ondelete="restrict"
    )
    amendment_ids = fields.One2many("ht.mou", "amends_id", "Amended by", readonly=True)
    change_summary = fields.Text(
        "What changed", copy=False, help="Required for an amendment before it is signed."
    )
    terms_diff = fields.Html(
        "Changes from the previous version", compute="_compute_terms_diff", sanitize=False
    )
    terms_locked = fields.Boolean(compute="_compute_terms_locked")
    lang = fields.Selection(
        "_ht_lang_get",
        "Language",
        default=lambda s: s.env.lang or "en_US",
        help="The language the MOU is printed in.",
    )

    @api.model
    def _ht_lang_get(self):
        return self.env["res.lang"].get_installed()

    @api.depends("state", "party_ids.signed_on")
    def _compute_terms_locked(self):
        for rec in self:
            rec.terms_locked = rec._ht_terms_locked()

    def _ht_terms_locked(self):
        self.ensure_one()
        return self.state in LOCKED_STATES or any(self.party_ids.mapped("signed_on"))

    @api.depends(
        "amends_id",
        "party_ids.partner_id",
        "party_ids.role",
        "party_ids.responsibilities",
        "referral_process",
        "confidentiality",
        "meeting_schedule",
        "date_start",
        "date_end",
        "service_category_ids",
    )
    def _compute_terms_diff(self):
        for rec in self:
            old = rec.amends_id
            if not old:
                rec.terms_diff = False
                continue
            table = difflib.HtmlDiff(wrapcolumn=60).make_table(
                old._ht_terms_text(),
                rec._ht_terms_text(),
                fromdesc=_("Version %(version)s", version=old.version),
                todesc=_("Version %(version)s", version=rec.version),
            )
            for cls, style in (
                ("diff_add", "background-color:#d4f7d4"),
                ("diff_chg", "background-color:#fff3b0"),
                ("diff_sub", "background-color:#f9d0d0"),
            ):
                table = table.replace(f'class="{cls}"', f'style="{style}"')
            table = table.replace("&nbsp;", " ").replace(' nowrap="nowrap"', "")
            rec.terms_diff = Markup(table)

    def _ht_terms_text(self):
        """The terms of this version as lines of plain text (for the comparison)."""
        self.ensure_one()
        lines = [
            _("Title: %(name)s", name=self.name or ""),
            _("Effective: %(start)s - %(end)s", start=self.date_start, end=self.date_end),
            _("Parties:"),
        ]
        for party in self.party_ids:
            lines.append(
                f"- {party.partner_id.display_name or ''}: {party.role or ''}"
                f" / {party.responsibilities or ''} / {party.representative or ''}"
            )
        lines.append(
            _(
                "Services covered: %(services)s",
                services=", ".join(self.service_category_ids.mapped("display_name")),
            )
        )
        lines.append(_("Meeting schedule: %(schedule)s", schedule=self.meeting_schedule or ""))
        lines.append(_("Referral process:"))
        lines += html2plaintext(self.referral_process or "").splitlines()
        lines.append(_("Confidentiality:"))
        lines += html2plaintext(self.confidentiality or "").splitlines()
        return lines

    # ------------------------------------------------------------------ amendments

    def action_amend(self):
        """A new version of an MOU in force: same parties and terms to edit, to be
        signed again by every party; the current one stays in force until then."""
        self.ensure_one()
        self.check_access("write")
        self._ht_require_state("active")
        if self.amendment_ids.filtered(lambda a: a.state in ("draft", "negotiation")):
            raise UserError(
                _(
                    "MOU %(name)s already has an amendment being prepared: finish or "
                    "terminate it first.",
                    name=self.name,
                )
            )
        with self._ht_protected_open():
            new = self.copy(
                {
                    "amends_id": self.id,
                    "version": self.version + 1,
                    "name": self.name,
                    "document": False,
                }
            )
        self.message_post(
            body=_("Amendment v%(version)s prepared.", version=new.version),
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "ht.mou",
            "res_id": new.id,
            "view_mode": "form",
        }

    def _ht_check_signed(self):
        res = super()._ht_check_signed()
        for rec in self:
            if rec.amends_id and not (rec.change_summary or "").strip():
                raise UserError(
                    _(
                        "Amendment v%(version)s of %(name)s needs a summary of what changed.",
                        version=rec.version,
                        name=rec.name,
                    )
                )
        return res

    def action_activate(self):
        res = super().action_activate()
        # the version an amendment replaces is kept, superseded (never deleted)
        replaced = self.amends_id.filtered(lambda m: m.state == "active")
        if replaced:
            replaced._ht_write_protected({"state": "superseded"})
            for new in self.filtered("amends_id"):
                new.amends_id.message_post(
                    body=_("Superseded by version %(version)s.", version=new.version)
                )
        return res

    # ------------------------------------------------------------------ ORM

    def write(self, vals):
        if not self._ht_protected_allowed():
            terms = MOU_TERMS & vals.keys()
            locked = self.filtered(lambda m: m._ht_terms_locked()) if terms else self.browse()
            if locked:
                labels = ", ".join(
                    sorted(self._fields[f]._description_string(self.env) for f in terms)
                )
                raise UserError(
                    _(
                        "MOU %(name)s has been signed or is in force: its terms cannot "
                        "change (%(fields)s). Amend it: an amendment is a new version that "
                        "every party signs again.",
                        name=locked[0].display_name,
                        fields=labels,
                    )
                )
        return super().write(vals)
