# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError


class HtConsentPurpose(models.Model):
    """Why a survivor agrees to share information: a purpose an administrator
    configures (name and explanation in each language), and the uses it allows
    (``ht.consent.use``). Each disclosure asks the consent's purpose, at that
    moment, whether it allows the use at hand (``ht.consent._ht_allows_use``).

    A purpose that a given consent relies on keeps the uses the person agreed to:
    they can be narrowed, never broadened (``write``), and the purpose is archived,
    never deleted (``_unlink_unused``)."""

    _name = "ht.consent.purpose"
    _description = "Consent purpose"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Stable code for reports and integrations; it cannot change once a "
        "given consent relies on this purpose.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(
        "Explanation for the person",
        translate=True,
        help="What this purpose means, in plain words: shown to the person on the "
        "consent form and the printed release.",
    )
    use_ids = fields.Many2many(
        "ht.consent.use",
        "ht_consent_purpose_use_rel",
        "purpose_id",
        "use_id",
        string="Allowed uses",
        help="What information shared under a consent for this purpose may be used "
        "for. Once a consent for this purpose was given, uses can be removed but "
        "never added: create a new purpose instead.",
    )
    consent_count = fields.Integer(compute="_compute_consent_count")

    _sql_constraints = [
        ("code_unique", "unique(code)", "The code of a consent purpose must be unique."),
    ]

    def _compute_consent_count(self):
        # sudo: a count of consents per purpose, no consent is read or shown.
        groups = (
            self.env["ht.consent"]
            .sudo()
            .with_context(active_test=False)
            ._read_group([("purpose_id", "in", self.ids)], ["purpose_id"], ["__count"])
        )
        counts = {purpose.id: count for purpose, count in groups}
        for rec in self:
            rec.consent_count = counts.get(rec.id, 0)

    @api.model
    def _ht_get(self, code):
        """The purpose with this code, archived or not (empty if none)."""
        return self.with_context(active_test=False).search([("code", "=", code)], limit=1)

    def _ht_uses(self):
        """The codes of the uses this purpose allows, read now."""
        self.ensure_one()
        # sudo: the allowed uses are configuration every consent check must read,
        # whoever the caller is (a portal view re-deciding a packet included).
        return set(self.sudo().use_ids.mapped("code"))

    def _ht_given(self):
        """The purposes of ``self`` that a consent given by a person relies on (any
        consent past its draft: active, expired, revoked or superseded)."""
        if not self.ids:
            return self.browse()
        # sudo: which purposes are in use is decided over every consent, not the
        # ones the caller may read; only purposes are returned.
        consents = (
            self.env["ht.consent"]
            .sudo()
            .with_context(active_test=False)
            .search([("purpose_id", "in", self.ids), ("state", "!=", "draft")])
        )
        return consents.purpose_id.sudo(False).with_env(self.env) & self

    def _ht_uses_after(self, commands):
        """The codes of the uses this purpose would allow after writing
        ``commands`` on ``use_ids``, computed before anything is written (None
        when the commands create or change a use: never allowed on a given
        purpose)."""
        self.ensure_one()
        ids = set(self.sudo().use_ids.ids)
        for command in commands or ():
            if not isinstance(command, (list, tuple)):
                ids.add(command)
            elif command[0] in (Command.DELETE, Command.UNLINK):
                ids.discard(command[1])
            elif command[0] == Command.LINK:
                ids.add(command[1])
            elif command[0] == Command.CLEAR:
                ids.clear()
            elif command[0] == Command.SET:
                ids = set(command[2])
            else:
                return None
        # sudo: reading the technical list of uses (configuration).
        return set(self.env["ht.consent.use"].sudo().browse(ids).exists().mapped("code"))

    def write(self, vals):
        """Decided before anything is written: the uses of a purpose that a given
        consent relies on can only be narrowed, and its code stays."""
        if "use_ids" in vals or "code" in vals:
            self.check_access("write")  # who may write is said first
            Use = self.env["ht.consent.use"]
            for purpose in self._ht_given():
                if "use_ids" in vals:
                    after = purpose._ht_uses_after(vals["use_ids"])
                    added = {_("a changed use")} if after is None else after - purpose._ht_uses()
                    if added:
                        raise UserError(
                            _(
                                "Purpose %(purpose)s cannot allow %(uses)s: people gave "
                                "their consent for the uses it had then. Create a new "
                                "purpose with these uses instead (removing a use is "
                                "allowed).",
                                purpose=purpose.name,
                                uses=", ".join(
                                    sorted(u if after is None else Use._ht_label(u) for u in added)
                                ),
                            )
                        )
                if "code" in vals and vals["code"] != purpose.code:
                    raise UserError(
                        _(
                            "The code of purpose %(purpose)s cannot change: consents were "
                            "given for it. Create a new purpose instead.",
                            purpose=purpose.name,
                        )
                    )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_unused(self):
        # sudo: whether any consent (draft included) uses the purpose is decided
        # over all consents; nothing of them is returned.
        used = (
            self.env["ht.consent"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("purpose_id", "in", self.ids)], limit=1)
        )
        if used:
            raise UserError(
                _(
                    "A purpose that consents were recorded for is kept with them: "
                    "archive it instead of deleting it."
                )
            )

    def action_view_consents(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Consents"),
            "res_model": "ht.consent",
            "view_mode": "list,form",
            "domain": [("purpose_id", "=", self.id)],
            "context": {"active_test": False},
        }
