# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import UserError


class HtConsentSubjectMixin(models.AbstractModel):
    """Inherit to let a model's records be the subject of consents: the person the
    information is about. Other addons call ``_ht_consent_check`` before anything
    about the subject leaves the agency, and ``_ht_log_disclosure`` when it does."""

    _name = "ht.consent.subject.mixin"
    _description = "Subject of consents"
    # A subject of consents is a person's file: see ``ir.attachment`` and
    # ``mail.thread`` in this addon for what the mark means.
    _ht_case_data = True

    ht_consent_ids = fields.One2many(
        "ht.consent",
        "res_id",
        string="Consents",
        domain=lambda self: [("res_model", "=", self._name)],
        context={"active_test": False},
    )
    ht_consent_count = fields.Integer("Consent count", compute="_compute_ht_consent_count")
    ht_disclosure_count = fields.Integer("Disclosure count", compute="_compute_ht_consent_count")

    def _compute_ht_consent_count(self):
        # Counting follows the user's own access (no sudo): one cannot count what
        # one may not see.
        for model, field in (
            ("ht.consent", "ht_consent_count"),
            ("ht.disclosure", "ht_disclosure_count"),
        ):
            data = (
                self.env[model]
                .with_context(active_test=False)
                ._read_group(
                    [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                    ["res_id"],
                    ["__count"],
                )
            )
            counts = dict(data)
            for rec in self:
                rec[field] = counts.get(rec.id, 0)

    # ------------------------------------------------------------------ hooks

    def _ht_consent_reference(self):
        """How consents and disclosure lines name this subject: a code, never the
        person's name. Override where ``display_name`` is not already a code."""
        self.ensure_one()
        return self.display_name

    def _ht_consent_person_name(self):
        """The person's name, for the release form they sign (printed by the case
        team only). Defaults to the reference."""
        self.ensure_one()
        return self._ht_consent_reference()

    def _ht_consent_responsible_user(self):
        """Who is told when a consent ends or must be renewed."""
        self.ensure_one()
        return self.env["res.users"]

    def _ht_consent_withdrawn(self, consents, reason):
        """Called (as superuser) when ``consents`` of this subject are revoked,
        expire or are superseded. Override to withdraw what was shared under them;
        call super to plan the responsible user's activity."""
        act_type = self.env.ref("ht_consent.mail_act_consent_withdrawn")
        template = self.env.ref("ht_consent.mail_template_consent_withdrawn")
        for consent in consents:
            user = self._ht_consent_responsible_user() or consent.collected_by_id
            # in the language of the person it is for
            env = consent.with_context(lang=user.lang or self.env.lang).env
            labels = {
                "revoked": env._("revoked"),
                "expired": env._("expired"),
                "superseded": env._("superseded"),
            }
            text = template._ht_render(
                consent, lang=user.lang, add_context={"reason": labels.get(reason, reason)}
            )
            consent.activity_schedule(
                activity_type_id=act_type.id,
                summary=text["subject"],
                note=text["body"],
                user_id=user.id,
            )

    # ------------------------------------------------------------------ API

    def _ht_consent_new_values(self):
        self.ensure_one()
        return {"res_model": self._name, "res_id": self.id}

    def _ht_consent_check(self, recipient, categories, purpose, at=None):
        """The active consent that lets ``categories`` (ht.consent.category records
        or codes) about this subject go to ``recipient`` (an organisation) for
        ``purpose`` (a use, e.g. "referral": see ``ht_consent_use.USES``) at ``at`` (naive
        UTC, default now). Raises a UserError that names exactly what is missing
        otherwise. Every disclosure asks it at that moment: nothing leaves without
        a consent covering recipient, categories and purpose."""
        self.ensure_one()
        self.check_access("read")
        if not purpose:
            raise UserError(_("Say what the information is shared for (the purpose)."))
        if isinstance(categories, (list, tuple, set)):
            categories = self.env["ht.consent.category"].search([("code", "in", list(categories))])
        if not recipient or not categories:
            raise UserError(_("Say whom the information goes to and which information it is."))
        organisation = recipient.commercial_partner_id
        at = at or fields.Datetime.now()
        # sudo: deciding coverage must not depend on which consents the caller can
        # list; the caller already proved read access to the subject above, and
        # only the covering consent (or the reason) is returned.
        consents = (
            self.env["ht.consent"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("state", "!=", "draft"),
                    ("recipient_ids", "in", organisation.ids),
                ],
                order="date_end desc, id desc",
            )
        )
        ref = self._ht_consent_reference()
        if not consents:
            raise UserError(
                _(
                    "No consent lets information about %(subject)s go to %(recipient)s. "
                    "Record the person's written consent first.",
                    subject=ref,
                    recipient=organisation.display_name,
                )
            )
        valid = consents.filtered(lambda c: c._ht_is_valid(at))
        if not valid:
            raise UserError(
                _(
                    "No consent for %(recipient)s is in force: %(why)s.",
                    recipient=organisation.display_name,
                    why=consents[0]._ht_invalid_reason(at),
                )
            )
        purposeful = valid.filtered(lambda c: c._ht_allows_use(purpose))
        if not purposeful:
            Consent = self.env["ht.consent"]
            raise UserError(
                _(
                    "The consent for %(recipient)s covers %(given)s, not %(asked)s.",
                    recipient=organisation.display_name,
                    given=", ".join(sorted({c._ht_purpose_label() for c in valid})),
                    asked=Consent._ht_use_label(purpose),
                )
            )
        valid = purposeful
        for consent in valid:
            if not (categories - consent.category_ids):
                return consent.sudo(False)
        best = max(valid, key=lambda c: len(categories & c.category_ids))
        missing = categories - best.category_ids
        raise UserError(
            _(
                "Consent %(ref)s for %(recipient)s does not cover: %(missing)s.",
                ref=best.name,
                recipient=organisation.display_name,
                missing=", ".join(missing.mapped("name")),
            )
        )

    def _ht_log_disclosure(
        self,
        recipient,
        categories,
        consent=None,
        channel="other",
        reference=None,
        compelled=None,
    ):
        """Write the append-only disclosure line(s) for information about this
        subject that left the agency. ``consent`` is required unless ``compelled``
        (a dict: legal_basis, legal_document, legal_document_name,
        authorised_by_id) records a disclosure the law compels."""
        self.ensure_one()
        self.check_access("read")
        if isinstance(categories, (list, tuple, set)):
            categories = self.env["ht.consent.category"].search([("code", "in", list(categories))])
        vals = {
            "res_model": self._name,
            "res_id": self.id,
            "subject_ref": self._ht_consent_reference(),
            "company_id": (self["company_id"].id if "company_id" in self else False)
            or self.env.company.id,
            "recipient_id": recipient.id,
            "category_ids": [(6, 0, categories.ids)],
            "channel": channel,
            "user_id": self.env.uid,
            "disclosed_on": fields.Datetime.now(),
            "reference": reference,
        }
        if compelled:
            vals.update(compelled, basis="compelled", consent_id=False)
        else:
            if not consent:
                raise UserError(_("A disclosure without consent must record its legal basis."))
            consent = consent.sudo()
            if consent.res_model != self._name or consent.res_id != self.id:
                raise UserError(_("That consent is about someone else."))
            vals.update(basis="consent", consent_id=consent.id)
        # sudo: nobody has create rights on the log; this method is the only way
        # in (through the log's private _ht_append), and it checked read access on
        # the subject above.
        return self.env["ht.disclosure"].sudo()._ht_append([vals])

    def action_view_ht_consents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ht_consent.ht_consent_action")
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        action["context"] = {
            "default_res_model": self._name,
            "default_res_id": self.id,
            "active_test": False,
        }
        return action

    def action_view_ht_disclosures(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ht_consent.ht_disclosure_action")
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        return action

    def action_ht_compelled_disclosure(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Record a compelled disclosure"),
            "res_model": "ht.compelled.disclosure",
            "view_mode": "form",
            "target": "new",
            "context": {"default_res_model": self._name, "default_res_id": self.id},
        }
