# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from odoo.addons.base.models.res_partner import _tz_get

_lt = LazyTranslate(__name__)
_logger = logging.getLogger(__name__)

# A consent's purpose is a record an administrator configures
# (``ht.consent.purpose``); the uses it allows are the fixed technical list
# ``ht_consent_use.USES``, and ``ht.consent._ht_allows_use`` is the one place
# that decides whether a consent covers a use.

# Once a consent is active, these are the terms the person agreed to: they are
# never edited again (an amendment is a new consent that supersedes this one).
GRANTED_TERMS = {
    "res_model",
    "res_id",
    "given_by",
    "representative_name",
    "representative_relationship",
    "representative_flagged",
    "recipient_ids",
    "category_ids",
    "purpose_id",
    "purpose",
    "date_start",
    "date_end",
    "tz",
    "explained_lang",
    "interpreter_name",
    "interpreter_organisation",
    "limits_explained",
    "collected_by_id",
    "collected_on",
    "company_id",
}
# What may still be recorded on an active verbal consent: the written release.
WRITTEN_RECORD_FIELDS = {
    "method",
    "signature",
    "signed_document",
    "signed_document_name",
}


class HtConsent(models.Model):
    """A survivor's informed, written, time-limited, revocable consent to share
    named categories of information with named organisations for a purpose."""

    _name = "ht.consent"
    _description = "Consent to share information"
    _inherit = [
        "ht.subject.access.mixin",
        "ht.protected.fields.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_end desc, id desc"
    _check_company_auto = True
    _ht_protected_fields = {
        "name": _lt("its creation (a sequence)"),
        "subject_ref": _lt("its creation (the subject's code)"),
        "state": _lt("the Activate, Revoke and Renew / Amend buttons"),
        "signed_on": _lt("activation or recording the written release"),
        "verbal_valid_until": _lt("the method and collection time (computed)"),
        "revoked_on": _lt("the Revoke button"),
        "revocation_method": _lt("the Revoke button"),
        "revocation_reason": _lt("the Revoke button"),
        "revoked_by_id": _lt("the Revoke button"),
        "supersedes_id": _lt("the Renew / Amend button"),
        "superseded_by_id": _lt("activating the consent that supersedes it"),
        "superseded_on": _lt("activating the consent that supersedes it"),
        "expired_on": _lt("the expiry of the consent (scheduled action)"),
        "expiry_reminder_done": _lt("the expiry reminder (scheduled action)"),
        "last_used_on": _lt("sharing information under it"),
        "disclosure_ids": _lt("sharing information under it (the disclosure log)"),
    }

    name = fields.Char(
        "Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    subject_ref = fields.Char(
        "Subject",
        readonly=True,
        copy=False,
        help="The subject's code (a case code): never the person's name.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda s: s.env.company, index=True
    )
    active = fields.Boolean(default=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("expired", "Expired"),
            ("revoked", "Revoked"),
            ("superseded", "Superseded"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    # Who gives it
    given_by = fields.Selection(
        [
            ("self", "The person themself"),
            ("parent", "Parent"),
            ("guardian", "Legal guardian"),
            ("representative", "Legal representative"),
        ],
        default="self",
        required=True,
    )
    representative_name = fields.Char()
    representative_relationship = fields.Char()
    representative_flagged = fields.Boolean(
        "Representative is a suspected trafficker or abuser",
        help="A suspected trafficker or abuser of the person can never consent on their behalf.",
    )
    # What, with whom, why, until when
    recipient_ids = fields.Many2many(
        "res.partner",
        "ht_consent_recipient_rel",
        "consent_id",
        "partner_id",
        string="Recipients",
        domain=[("is_company", "=", True)],
        help="The organisations the information may be shared with.",
    )
    category_ids = fields.Many2many(
        "ht.consent.category",
        "ht_consent_category_rel",
        "consent_id",
        "category_id",
        string="Information",
    )
    purpose_id = fields.Many2one(
        "ht.consent.purpose",
        required=True,
        ondelete="restrict",
        index=True,
        default=lambda s: s._default_purpose(),
    )
    purpose_description = fields.Text(related="purpose_id.description", string="Purpose explained")
    purpose = fields.Text("Purpose details")
    date_start = fields.Date("Valid from", required=True, default=fields.Date.context_today)
    date_end = fields.Date(
        "Valid until",
        required=True,
        default=lambda s: s._default_date_end(),
        tracking=True,
    )
    tz = fields.Selection(
        _tz_get,
        "Time zone",
        required=True,
        default=lambda s: s.env.user.tz or "UTC",
        help="Days of validity start and end at midnight in this time zone.",
    )
    # How it was given
    method = fields.Selection(
        [
            ("signed", "Written, signed in Odoo"),
            ("document", "Written, signed document attached"),
            ("verbal", "Verbal (written release to follow)"),
        ],
        default="signed",
        required=True,
        tracking=True,
    )
    signature = fields.Image(max_width=1024, max_height=1024, copy=False)
    signed_document = fields.Binary(attachment=True, copy=False)
    signed_document_name = fields.Char(copy=False)
    signed_on = fields.Datetime(readonly=True, copy=False)
    verbal_valid_until = fields.Datetime(
        compute="_compute_verbal_valid_until",
        store=True,
        help="A verbal consent lapses at this moment unless the written release is recorded.",
    )
    # Informed
    explained_lang = fields.Selection(
        "_lang_selection", "Explained in", default=lambda s: s.env.lang or "en_US"
    )
    interpreter_name = fields.Char()
    interpreter_organisation = fields.Char()
    limits_explained = fields.Boolean(
        "Limits of confidentiality explained",
        help="The limits of confidentiality and mandatory reporting were explained.",
    )
    collected_by_id = fields.Many2one(
        "res.users", "Collected by", required=True, default=lambda s: s.env.user
    )
    collected_on = fields.Datetime(required=True, default=fields.Datetime.now)
    # Revocation
    revoked_on = fields.Datetime(readonly=True, copy=False, tracking=True)
    revocation_method = fields.Selection(
        [("verbal", "Verbal"), ("written", "Written")], readonly=True, copy=False
    )
    revocation_reason = fields.Text(readonly=True, copy=False)
    revoked_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    # Amendments and renewals
    supersedes_id = fields.Many2one("ht.consent", readonly=True, copy=False, index="btree_not_null")
    superseded_by_id = fields.Many2one("ht.consent", "Superseded by", readonly=True, copy=False)
    superseded_on = fields.Datetime(readonly=True, copy=False)
    expired_on = fields.Datetime(readonly=True, copy=False)
    expiry_reminder_done = fields.Boolean(readonly=True, copy=False)
    last_used_on = fields.Datetime(
        readonly=True, copy=False, help="Last time information was shared under this consent."
    )
    disclosure_ids = fields.One2many("ht.disclosure", "consent_id", readonly=True)
    disclosure_count = fields.Integer(compute="_compute_disclosure_count")
    is_expiring = fields.Boolean(compute="_compute_is_expiring", search="_search_is_expiring")

    # ------------------------------------------------------------------ defaults

    @api.model
    def _lang_selection(self):
        return self.env["res.lang"].get_installed()

    @api.model
    def _default_purpose(self):
        purpose = self.env.ref("ht_consent.ht_consent_purpose_referral", raise_if_not_found=False)
        return purpose if purpose and purpose.active else self.env["ht.consent.purpose"]

    @api.model
    def _ht_setting(self, key, default=None):
        """A consent timing (``default_days``, ``max_days``, ``verbal_hours``,
        ``reminder_days``, ``ending_soon_days``), through the one accessor of the
        settings (ht_settings.py: TIMINGS holds defaults and ranges)."""
        return self.env["ht.settings"]._ht_timing(f"consent_{key}")

    @api.model
    def _default_date_end(self):
        today = fields.Date.context_today(self)
        return today + timedelta(days=self._ht_setting("default_days"))

    # ------------------------------------------------------------------ computes

    @api.depends("method", "collected_on")
    def _compute_verbal_valid_until(self):
        hours = self._ht_setting("verbal_hours")
        for rec in self:
            if rec.method == "verbal" and rec.collected_on:
                rec.verbal_valid_until = rec.collected_on + timedelta(hours=hours)
            else:
                rec.verbal_valid_until = False

    def _compute_disclosure_count(self):
        data = self.env["ht.disclosure"]._read_group(
            [("consent_id", "in", self.ids)], ["consent_id"], ["__count"]
        )
        counts = {consent.id: count for consent, count in data}
        for rec in self:
            rec.disclosure_count = counts.get(rec.id, 0)

    def _compute_is_expiring(self):
        limit = fields.Date.context_today(self) + timedelta(
            days=self._ht_setting("ending_soon_days")
        )
        for rec in self:
            rec.is_expiring = rec.state == "active" and rec.date_end <= limit

    def _search_is_expiring(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on 'expiring'."))
        limit = fields.Date.context_today(self) + timedelta(
            days=self._ht_setting("ending_soon_days")
        )
        domain = [("state", "=", "active"), ("date_end", "<=", limit)]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends("name", "subject_ref")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = f"{rec.name} – {rec.subject_ref}" if rec.subject_ref else rec.name

    # ------------------------------------------------------------------ constraints

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        max_days = self._ht_setting("max_days")
        for rec in self:
            if rec.date_end < rec.date_start:
                raise ValidationError(
                    _(
                        "Consent %(ref)s ends (%(end)s) before it starts (%(start)s): "
                        "correct the dates.",
                        ref=rec.name,
                        end=rec.date_end,
                        start=rec.date_start,
                    )
                )
            if (rec.date_end - rec.date_start).days > max_days:
                raise ValidationError(
                    _(
                        "Consent %(ref)s would last %(days)s days; the agency allows at "
                        "most %(max)s. Shorten it: consent must be reasonably time-limited.",
                        ref=rec.name,
                        days=(rec.date_end - rec.date_start).days,
                        max=max_days,
                    )
                )

    @api.constrains("recipient_ids", "category_ids")
    def _check_terms(self):
        for rec in self:
            if not rec.recipient_ids:
                raise ValidationError(
                    _("Name at least one organisation the information may be shared with.")
                )
            if not rec.category_ids:
                raise ValidationError(
                    _("Name at least one category of information the person agrees to share.")
                )
            individuals = rec.recipient_ids.filtered(lambda p: not p.is_company)
            if individuals:
                raise ValidationError(
                    _(
                        "Recipients must be organisations; %(names)s is not one.",
                        names=", ".join(individuals.mapped("display_name")),
                    )
                )

    @api.constrains(
        "given_by",
        "representative_name",
        "representative_relationship",
        "representative_flagged",
    )
    def _check_representative(self):
        for rec in self:
            if rec.given_by == "self":
                continue
            if not rec.representative_name or not rec.representative_relationship:
                raise ValidationError(
                    _(
                        "Consent given by a parent, guardian or representative needs their "
                        "name and their relationship to the person."
                    )
                )
            if rec.representative_flagged:
                raise ValidationError(
                    _(
                        "%(name)s is flagged as a suspected trafficker or abuser of the "
                        "person and cannot consent for them.",
                        name=rec.representative_name,
                    )
                )

    @api.constrains("res_model", "res_id")
    def _check_subject(self):
        for rec in self:
            if rec.res_model not in self.env or not hasattr(
                self.env[rec.res_model], "_ht_consent_check"
            ):
                raise ValidationError(_("%(model)s cannot hold consents.", model=rec.res_model))

    # ------------------------------------------------------------------ ORM

    @api.model_create_multi
    def create(self, vals_list):
        self._ht_check_protected_create(vals_list)
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                # sudo: the sequence is configuration, not survivor data.
                vals["name"] = self.env["ir.sequence"].sudo().next_by_code("ht.consent")
        with self._ht_protected_open():
            consents = super().create(vals_list)
            for consent in consents:
                # defaults (the subject from the context) are only known after super()
                consent.subject_ref = consent._ht_subject()._ht_consent_reference()
        return consents

    def write(self, vals):
        locked = self.filtered(lambda c: c.state != "draft")
        released = self.browse()
        if locked:
            changed = set(vals) & GRANTED_TERMS
            if changed:
                raise UserError(
                    _(
                        "The terms of consent %(ref)s were agreed and cannot be edited "
                        "(%(fields)s). Amend it instead: the amendment is a new consent "
                        "that supersedes this one.",
                        ref=", ".join(locked.mapped("name")),
                        fields=", ".join(sorted(changed)),
                    )
                )
            if set(vals) & WRITTEN_RECORD_FIELDS:
                locked._ht_check_written_release(vals)
                if "method" in vals:
                    released = locked.filtered(lambda c: c.method != vals["method"])
        if "active" in vals and not self.env.user.has_group("ht_consent.group_ht_admin"):
            raise UserError(_("Only a Victim Services administrator can archive a consent."))
        res = super().write(vals)
        if released:
            released._ht_write_protected({"signed_on": fields.Datetime.now()})
        return res

    def _ht_check_written_release(self, vals):
        """The written release of an active verbal consent may be recorded while the
        consent is in force; the method then says which proof it is, and that proof
        must be there. A lapsed verbal consent is never revived."""
        proof = {"signed": "signature", "document": "signed_document"}
        for rec in self:
            if rec.state != "active" or rec.method != "verbal":
                raise UserError(
                    _("Only an active verbal consent can still receive its written release.")
                )
            why = rec._ht_invalid_reason()
            if why:
                raise UserError(
                    _(
                        "The written release cannot be recorded: %(why)s. Record a new "
                        "consent with the person.",
                        why=why,
                    )
                )
            method = vals.get("method", rec.method)
            if method == rec.method:
                continue
            if method not in proof or not vals.get(proof[method], rec[proof[method]]):
                raise UserError(
                    _(
                        "Consent %(ref)s stays verbal until its written release is recorded: "
                        "attach the signed release or have the person sign, then change "
                        "the method.",
                        ref=rec.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.filtered(lambda c: c.state != "draft"):
            raise UserError(
                _(
                    "A consent that was given is part of the survivor's record and is "
                    "never deleted; revoke it, or ask an administrator to archive it."
                )
            )

    # ------------------------------------------------------------------ validity

    def _ht_local_date(self, at):
        """The calendar day ``at`` (naive UTC) falls on in this consent's time zone."""
        self.ensure_one()
        tz = pytz.timezone(self.tz or "UTC")
        return pytz.utc.localize(at).astimezone(tz).date()

    def _ht_ends_at(self):
        """The UTC moment this consent stops being valid by its dates."""
        self.ensure_one()
        tz = pytz.timezone(self.tz or "UTC")
        end = tz.localize(datetime.combine(self.date_end + timedelta(days=1), time.min))
        return end.astimezone(pytz.utc).replace(tzinfo=None)

    def _ht_invalid_reason(self, at=None):
        """Why this consent does not allow sharing at ``at`` (a naive UTC
        datetime, default now), or False when it does. Decided from the state AND
        the dates together: only an active consent can be valid, and only within
        its dates (and verbal window), whether or not a cron has run yet."""
        self.ensure_one()
        at = at or fields.Datetime.now()
        if self.state == "draft":
            return _("consent %(ref)s was never activated", ref=self.name)
        if self.state == "revoked" or (self.revoked_on and self.revoked_on <= at):
            return _(
                "consent %(ref)s was revoked on %(date)s",
                ref=self.name,
                date=fields.Datetime.to_string(self.revoked_on) or "?",
            )
        if self.state == "superseded" or (self.superseded_on and self.superseded_on <= at):
            return _(
                "consent %(ref)s was superseded by %(new)s",
                ref=self.name,
                new=self.superseded_by_id.name or "?",
            )
        if self.state != "active":
            return _(
                "consent %(ref)s expired on %(date)s",
                ref=self.name,
                date=self.expired_on and self._ht_local_date(self.expired_on) or self.date_end,
            )
        day = self._ht_local_date(at)
        if day < self.date_start:
            return _(
                "consent %(ref)s is only valid from %(date)s",
                ref=self.name,
                date=self.date_start,
            )
        if day > self.date_end:
            return _("consent %(ref)s expired on %(date)s", ref=self.name, date=self.date_end)
        if self.method == "verbal" and self.verbal_valid_until and at > self.verbal_valid_until:
            return _(
                "verbal consent %(ref)s lapsed on %(date)s because no written release was recorded",
                ref=self.name,
                date=fields.Datetime.to_string(self.verbal_valid_until),
            )
        return False

    def _ht_is_valid(self, at=None):
        return not self._ht_invalid_reason(at)

    def _ht_allows_use(self, use):
        """Whether this consent's purpose covers ``use`` (a code of ``USES``): the
        uses its purpose record allows, read at this moment."""
        self.ensure_one()
        return use in self.purpose_id._ht_uses()

    @api.model
    def _ht_use_label(self, use):
        return self.env["ht.consent.use"]._ht_label(use)

    def _ht_purpose_label(self):
        """The purpose's name in the reader's language."""
        self.ensure_one()
        # sudo: a purpose's name is configuration, shown with a consent the
        # caller already reads.
        return self.sudo().purpose_id.name

    def _ht_refusal(self, recipient, categories, use, at=None):
        """Why this consent does not let ``categories`` (ht.consent.category) about
        its subject go to ``recipient`` (an organisation or one of its contacts) for
        ``use`` at ``at`` (naive UTC, default now), or False when it does: state,
        dates, verbal window, recipient, categories and purpose, decided now."""
        self.ensure_one()
        reason = self._ht_invalid_reason(at)
        if reason:
            return reason
        organisation = recipient.commercial_partner_id
        if not organisation or organisation not in self.recipient_ids:
            return _(
                "consent %(ref)s does not name %(recipient)s",
                ref=self.name,
                recipient=organisation.display_name,
            )
        if not self._ht_allows_use(use):
            return _(
                "consent %(ref)s covers %(given)s, not %(asked)s",
                ref=self.name,
                given=self._ht_purpose_label(),
                asked=self._ht_use_label(use),
            )
        missing = categories - self.category_ids
        if missing:
            return _(
                "consent %(ref)s does not cover: %(missing)s",
                ref=self.name,
                missing=", ".join(missing.mapped("name")),
            )
        return False

    def _ht_claim(self):
        """Serialise a disclosure with a concurrent revocation. The row is updated,
        not merely locked: whichever of the two transactions commits second fails
        with a serialization error (repeatable read) and is retried, and the retry
        sees the other's outcome (a revoked consent, or a sent referral to redact)."""
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                "UPDATE ht_consent SET last_used_on = (now() AT TIME ZONE 'UTC') WHERE id = %s",
                self.id,
            )
        )
        self.invalidate_recordset(["last_used_on"])

    # ------------------------------------------------------------------ actions

    def _ht_check_activable(self):
        for rec in self:
            missing = []
            if not rec.limits_explained:
                missing.append(
                    _("confirm the limits of confidentiality and mandatory reporting were told")
                )
            if rec.method == "signed" and not rec.signature:
                missing.append(_("have the person sign"))
            if rec.method == "document" and not rec.signed_document:
                missing.append(_("attach the signed release"))
            if not rec.purpose_id.active:
                missing.append(
                    _(
                        "choose a purpose in use (%(purpose)s is archived)",
                        purpose=rec.purpose_id.name,
                    )
                )
            if missing:
                raise UserError(
                    _(
                        "Consent %(ref)s cannot be activated yet: %(todo)s.",
                        ref=rec.name,
                        todo="; ".join(missing),
                    )
                )

    def action_activate(self):
        for rec in self:
            if rec.state != "draft":
                raise UserError(
                    _(
                        "Consent %(ref)s is %(state)s; only a draft can be activated.",
                        ref=rec.name,
                        state=rec._ht_state_label(),
                    )
                )
        self._ht_check_activable()
        now = fields.Datetime.now()
        for rec in self:
            vals = {"state": "active"}
            if rec.method != "verbal":
                vals["signed_on"] = rec.signed_on or now
            rec._ht_write_protected(vals)
            old = rec.supersedes_id
            if old and old.state == "active":
                old._ht_write_protected(
                    {
                        "state": "superseded",
                        "superseded_by_id": rec.id,
                        "superseded_on": now,
                    }
                )
                old._ht_notify_withdrawn("superseded")
        return True

    def _ht_state_label(self):
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    @api.onchange("signature", "signed_document")
    def _onchange_written_release(self):
        if self.state == "active" and self.method == "verbal":
            if self.signature:
                self.method = "signed"
            elif self.signed_document:
                self.method = "document"

    def _ht_revoke(self, method="verbal", reason=False, when=None):
        """Revoke at once. ``when`` defaults to now."""
        when = when or fields.Datetime.now()
        for rec in self:
            if rec.state != "active" or not rec._ht_is_valid(when):
                raise UserError(
                    _(
                        "Consent %(ref)s cannot be revoked: %(why)s.",
                        ref=rec.name,
                        why=rec._ht_invalid_reason(when) or rec._ht_state_label(),
                    )
                )
        self._ht_write_protected(
            {
                "state": "revoked",
                "revoked_on": when,
                "revocation_method": method,
                "revocation_reason": reason,
                "revoked_by_id": self.env.uid,
            }
        )
        self._ht_notify_withdrawn("revoked")
        return True

    def action_revoke(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Revoke consent"),
            "res_model": "ht.consent.revoke",
            "view_mode": "form",
            "target": "new",
            "context": {"default_consent_id": self.id},
        }

    def action_renew(self):
        """A new draft with the same terms and new dates; activating it supersedes
        this one. Also how an amendment starts (change the terms in the draft)."""
        self.ensure_one()
        if self.state not in ("active", "expired"):
            raise UserError(_("Only an active or expired consent can be renewed or amended."))
        today = fields.Date.context_today(self)
        with self._ht_protected_open():
            new = self.copy(
                {
                    "supersedes_id": self.id,
                    "date_start": today,
                    "date_end": self._default_date_end(),
                    "collected_by_id": self.env.uid,
                    "collected_on": fields.Datetime.now(),
                    "limits_explained": False,
                }
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "ht.consent",
            "res_id": new.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_view_disclosures(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ht_consent.ht_disclosure_action")
        action["domain"] = [("consent_id", "=", self.id)]
        return action

    def action_open_subject(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------ withdrawal

    def _ht_notify_withdrawn(self, reason):
        """Tell each subject its consent no longer holds, so it can withdraw what it
        shared, and give the responsible user an activity."""
        for (model, res_id), consents in self.grouped(lambda c: (c.res_model, c.res_id)).items():
            # sudo: a revocation or an expiry must reach the subject whoever (or
            # whichever cron) triggers it; the hook only redacts and plans work.
            subject = self.env[model].sudo().browse(res_id).exists()
            if subject:
                subject._ht_consent_withdrawn(consents.sudo(), reason)

    # ------------------------------------------------------------------ cron

    @api.model
    def _cron_expire(self, batch_size=200):
        """Expire consents past their end (or verbal ones past their window) and
        remind the responsible user before the end. Idempotent; each batch is
        committed by the cron runner (``_notify_progress``), so a crash half-way
        loses nothing already done."""
        now = fields.Datetime.now()
        # Candidates by date (time zones put a local day at most one day after
        # the UTC one); the decision is each consent's own _ht_invalid_reason.
        candidates = self.search(
            [
                ("state", "=", "active"),
                "|",
                ("date_end", "<=", fields.Date.to_date(now)),
                "&",
                ("method", "=", "verbal"),
                ("verbal_valid_until", "<", now),
            ],
            order="date_end, id",
        )
        ended = candidates.filtered(lambda c: not c._ht_is_valid(now))
        batch = ended[:batch_size]
        if batch:
            batch.write({"state": "expired", "expired_on": now})
            batch._ht_notify_withdrawn("expired")
        self._ht_plan_expiry_reminders(now)
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(ended) - len(batch))
        return batch

    @api.model
    def _ht_plan_expiry_reminders(self, now, batch_size=500):
        days = self._ht_setting("reminder_days")
        horizon = fields.Date.to_date(now) + timedelta(days=days)
        due = self.search(
            [
                ("state", "=", "active"),
                ("expiry_reminder_done", "=", False),
                ("date_end", "<=", horizon),
            ],
            limit=batch_size,
        )
        act_type = self.env.ref("ht_consent.mail_act_consent_expiring")
        template = self.env.ref("ht_consent.mail_template_consent_ending")
        for rec in due:
            subject = self.env[rec.res_model].browse(rec.res_id).exists()
            user = subject._ht_consent_responsible_user() if subject else rec.collected_by_id
            user = user or rec.collected_by_id
            # in the language of the person it is for (a cron has none of its own)
            text = template._ht_render(rec, lang=user.lang)
            rec.activity_schedule(
                activity_type_id=act_type.id,
                date_deadline=max(rec.date_end - timedelta(days=1), fields.Date.to_date(now)),
                summary=text["subject"],
                note=text["body"],
                user_id=user.id,
            )
        due.write({"expiry_reminder_done": True})
        return due
