# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext, plaintext2html
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# Range of the answer deadline setting, in days (see res_config_settings).
DUE_DAYS_DEFAULT = 30
DUE_DAYS_RANGE = (1, 90)
# What of the request is frozen from which state on (it was verified / decided).
FROZEN_FROM = {
    "verified": {
        "requested_by",
        "representative_name",
        "representative_authority",
        "identity_verification",
        "identity_verification_note",
    },
    "decided": {"scope", "scope_note", "decision", "decision_reason", "appeal_info", "lang_id"},
}
STATE_ORDER = ["received", "verified", "decided", "delivered"]
# Categories of information the own-file summary gives the person (see the
# template): the disclosure line of its delivery lists them.
OWN_FILE_CATEGORIES = ["identity", "case_summary", "documents"]


class HtCaseAccessRequest(models.Model):
    """A survivor's request to see their own file (right of access): who asked
    (the person or a representative, with their authority), how their identity
    was verified and by whom, the scope, the deadline, the decision (granted,
    partly, refused with the reason and how to appeal), and the delivery of the
    own-file summary (a PDF in the person's language, attached here, logged in
    the disclosure log with the person as recipient). What the summary never
    shows is recorded as redaction lines. The person's own statement, if they
    disagree with the file, is added to the file as a case note.

    Its state and audit fields change only through its buttons; access follows
    the case (record rules), and so do its attachments (the PDF)."""

    _name = "ht.case.access.request"
    _description = "Request to see one's own file"
    _inherit = ["mail.thread", "mail.activity.mixin", "ht.protected.fields.mixin"]
    _ht_case_data = True
    _order = "requested_on desc, id desc"
    _check_company_auto = True
    _ht_protected_fields = {
        "name": _lt("its creation (a sequence)"),
        "case_id": _lt("its creation"),
        "requested_on": _lt("its creation"),
        "state": _lt("the Verify identity, Record decision and Deliver buttons"),
        "identity_verified_by_id": _lt("the Verify identity button"),
        "identity_verified_on": _lt("the Verify identity button"),
        "decided_by_id": _lt("the Record decision button"),
        "decided_on": _lt("the Record decision button"),
        "delivered_by_id": _lt("the Deliver button"),
        "delivered_on": _lt("the Deliver button"),
        "own_file_attachment_id": _lt("the Deliver button"),
        "disclosure_id": _lt("the Deliver button"),
        "redaction_ids": _lt("the Deliver button"),
        "due_date": _lt("the date of the request and the agency's setting"),
        "statement_added_on": _lt("the Add statement to the file button"),
        "statement_note_id": _lt("the Add statement to the file button"),
    }
    _ht_protected_create_ok = ("case_id", "requested_on")

    name = fields.Char(
        "Reference", required=True, readonly=True, copy=False, default=lambda s: s.env._("New")
    )
    case_id = fields.Many2one(
        "ht.case", required=True, ondelete="restrict", index=True, check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    requested_on = fields.Date(required=True, default=fields.Date.context_today)
    requested_by = fields.Selection(
        [("self", "The person themself"), ("representative", "A representative")],
        required=True,
        default="self",
    )
    representative_name = fields.Char()
    representative_authority = fields.Char(
        "Authority to act",
        help="What gives the representative the right to ask (power of attorney, "
        "court-appointed guardian, parent of a minor...) and the document seen.",
    )
    identity_verification = fields.Selection(
        [
            ("in_person_id", "In person, with an identity document"),
            ("known_in_person", "In person, known to the staff member"),
            ("security_questions", "By phone, with answers only the person knows"),
            ("representative_document", "The representative's identity and authority document"),
            ("other", "Other (describe)"),
        ],
        "Identity verified by",
    )
    identity_verification_note = fields.Char("How (details)")
    identity_verified_by_id = fields.Many2one("res.users", "Verified by", readonly=True)
    identity_verified_on = fields.Datetime("Verified on", readonly=True)
    scope = fields.Selection(
        [("full", "The whole file"), ("part", "Part of the file")],
        required=True,
        default="full",
    )
    scope_note = fields.Text("Which part")
    lang_id = fields.Many2one(
        "res.lang",
        "Language of the summary",
        context={"active_test": False},
        ondelete="restrict",
        help="The summary is printed in this language (the case's preferred language by default).",
    )
    due_date = fields.Date(compute="_compute_due_date", store=True, readonly=True)
    state = fields.Selection(
        [
            ("received", "Received"),
            ("verified", "Identity verified"),
            ("decided", "Decided"),
            ("delivered", "Delivered"),
        ],
        default="received",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    decision = fields.Selection(
        [("granted", "Granted"), ("partly", "Granted in part"), ("refused", "Refused")],
        tracking=True,
    )
    decision_reason = fields.Text(
        "Reason", help="Why the request is granted only in part, or refused."
    )
    appeal_info = fields.Text(
        "How to appeal",
        default=lambda s: s._default_appeal_info(),
        help="Told to the person when the request is refused or granted in part.",
    )
    decided_by_id = fields.Many2one("res.users", readonly=True)
    decided_on = fields.Datetime(readonly=True)
    delivered_by_id = fields.Many2one("res.users", readonly=True)
    delivered_on = fields.Datetime(readonly=True)
    own_file_attachment_id = fields.Many2one(
        "ir.attachment", "Own-file summary", readonly=True, ondelete="restrict"
    )
    disclosure_id = fields.Many2one("ht.disclosure", readonly=True, ondelete="restrict")
    redaction_ids = fields.One2many(
        "ht.case.access.redaction", "request_id", "Withheld", readonly=True
    )
    client_statement = fields.Text(
        "The person's statement",
        help="If the person disagrees with what the file says, their own statement, in "
        "their words: added to the file as a case note.",
    )
    statement_added_on = fields.Datetime(readonly=True, copy=False)
    statement_note_id = fields.Many2one("ht.case.note", readonly=True, ondelete="restrict")

    # ------------------------------------------------------------------ defaults

    @api.model
    def _default_appeal_info(self):
        return self.env._(
            "If you disagree with this decision, you may ask the agency's director to "
            "review it within 30 days, in writing or by telling your case manager. You may "
            "also add your own statement to your file."
        )

    @api.model
    def _ht_due_days(self):
        # ht_settings_case.py: TIMINGS (default DUE_DAYS_DEFAULT, range DUE_DAYS_RANGE)
        return self.env["ht.settings"]._ht_timing("access_request_days")

    @api.depends("requested_on")
    def _compute_due_date(self):
        days = self._ht_due_days()
        for rec in self:
            rec.due_date = rec.requested_on and rec.requested_on + timedelta(days=days)

    @api.depends("name", "case_id")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = f"{rec.name} – {rec.case_id.code}" if rec.case_id else rec.name

    # ------------------------------------------------------------------ constraints

    @api.constrains("requested_on")
    def _check_requested_on(self):
        for rec in self:
            if rec.requested_on > fields.Date.context_today(rec):
                raise ValidationError(_("A request cannot be dated in the future."))

    @api.constrains("requested_by", "representative_name", "representative_authority")
    def _check_representative(self):
        for rec in self:
            if rec.requested_by == "representative" and not (
                rec.representative_name and rec.representative_authority
            ):
                raise ValidationError(
                    _(
                        "A request made by a representative records their name and their "
                        "authority to act for the person."
                    )
                )

    # ------------------------------------------------------------------ ORM

    @api.model_create_multi
    def create(self, vals_list):
        self._ht_check_protected_create(vals_list)
        for vals in vals_list:
            # sudo: the sequence is configuration, not survivor data.
            vals["name"] = self.env["ir.sequence"].sudo().next_by_code("ht.case.access.request")
        with self._ht_protected_open():
            requests = super().create(vals_list)
        for rec in requests:
            if not rec.lang_id and rec.case_id.lang_id:
                rec.lang_id = rec.case_id.lang_id
            rec._ht_plan_reminder()
        return requests

    def write(self, vals):
        for rec in self:
            frozen = set()
            for state, fnames in FROZEN_FROM.items():
                if STATE_ORDER.index(rec.state) >= STATE_ORDER.index(state):
                    frozen |= fnames
            if rec.statement_added_on:
                frozen.add("client_statement")
            changed = [
                fname
                for fname in frozen & vals.keys()
                if rec._fields[fname].convert_to_cache(vals[fname], rec, validate=False)
                != rec._fields[fname].convert_to_cache(rec[fname], rec, validate=False)
            ]
            if changed:
                raise UserError(
                    _(
                        "Request %(ref)s is %(state)s: %(fields)s no longer change. Record a "
                        "new request if the person asks again.",
                        ref=rec.name,
                        state=rec._ht_state_label(),
                        fields=", ".join(
                            rec._fields[f]._description_string(self.env) for f in sorted(changed)
                        ),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("A request to see one's file is part of the file and is never deleted."))

    # ------------------------------------------------------------------ helpers

    def _ht_state_label(self):
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _ht_plan_reminder(self):
        act_type = self.env.ref("ht_case_management.mail_act_access_request_due")
        for rec in self:
            rec.activity_schedule(
                activity_type_id=act_type.id,
                date_deadline=rec.due_date,
                summary=_(
                    "Answer the request to see their file %(ref)s by %(date)s",
                    ref=rec.name,
                    date=rec.due_date,
                ),
                user_id=rec.case_id.case_manager_id.id or self.env.uid,
            )

    def _ht_close_reminder(self):
        self.activity_feedback(["ht_case_management.mail_act_access_request_due"])

    def _ht_check_state(self, expected, action):
        for rec in self:
            if rec.state != expected:
                raise UserError(
                    _(
                        "Request %(ref)s is %(state)s: %(action)s is not possible now.",
                        ref=rec.name,
                        state=rec._ht_state_label(),
                        action=action,
                    )
                )

    # ------------------------------------------------------------------ buttons

    def action_verify_identity(self):
        self._ht_check_state("received", _("verifying the identity"))
        for rec in self:
            if not rec.identity_verification:
                raise UserError(
                    _("Say how the identity of the person (or representative) was verified.")
                )
            if rec.identity_verification == "other" and not rec.identity_verification_note:
                raise UserError(_("Describe how the identity was verified."))
            if rec.requested_by == "representative" and rec.identity_verification not in (
                "representative_document",
                "other",
            ):
                raise UserError(
                    _(
                        "A representative's identity and authority are verified from their "
                        "document: choose that method, or describe another."
                    )
                )
            rec._ht_write_protected(
                {
                    "state": "verified",
                    "identity_verified_by_id": self.env.uid,
                    "identity_verified_on": fields.Datetime.now(),
                }
            )
        return True

    def action_decide(self):
        self._ht_check_state("verified", _("recording the decision"))
        for rec in self:
            if not rec.decision:
                raise UserError(_("Choose the decision: granted, granted in part or refused."))
            if rec.decision in ("partly", "refused") and not rec.decision_reason:
                raise UserError(
                    _("Write the reason the request is refused or granted only in part.")
                )
            if rec.decision in ("partly", "refused") and not rec.appeal_info:
                raise UserError(_("Tell the person how to appeal the decision."))
            rec._ht_write_protected(
                {
                    "state": "decided",
                    "decided_by_id": self.env.uid,
                    "decided_on": fields.Datetime.now(),
                }
            )
            if rec.decision == "refused":
                rec._ht_close_reminder()
        return True

    def action_deliver(self):
        """Print the own-file summary in the person's language, attach it to this
        request, record what was withheld and write the disclosure line (recipient:
        the person themself, or their representative)."""
        self._ht_check_state("decided", _("delivering the summary"))
        for rec in self:
            if rec.decision not in ("granted", "partly"):
                raise UserError(
                    _("Request %(ref)s was refused: there is nothing to deliver.", ref=rec.name)
                )
            rec.case_id.check_access("write")
            withheld = rec._ht_own_file_withheld()
            # sudo: redaction lines are written only here, after the checks above
            # (nobody has create rights on them: they record what the system withheld).
            self.env["ht.case.access.redaction"].sudo().create(
                [dict(vals, request_id=rec.id) for vals in withheld]
            )
            report = self.env.ref("ht_case_management.action_report_ht_case_own_file")
            pdf, __ = self.env["ir.actions.report"]._render_qweb_pdf(report, rec.ids)
            attachment = self.env["ir.attachment"].create(
                {
                    "name": _("Own file - %(code)s.pdf", code=rec.case_id.code),
                    "res_model": rec._name,
                    "res_id": rec.id,
                    "mimetype": "application/pdf",
                    "raw": pdf,
                }
            )
            disclosure = rec.case_id._ht_log_disclosure_to_subject(
                OWN_FILE_CATEGORIES,
                representative=rec.requested_by == "representative",
                channel="print",
                reference=rec.name,
            )
            rec._ht_write_protected(
                {
                    "state": "delivered",
                    "delivered_by_id": self.env.uid,
                    "delivered_on": fields.Datetime.now(),
                    "own_file_attachment_id": attachment.id,
                    "disclosure_id": disclosure.id,
                }
            )
            rec._ht_close_reminder()
        return True

    def action_add_statement(self):
        """The person disagrees with their file: their statement goes into it, as a
        case note the whole case team reads, in their own words."""
        for rec in self:
            if rec.state not in ("decided", "delivered"):
                raise UserError(_("The person's statement is added once the request is decided."))
            if rec.statement_added_on:
                raise UserError(_("This statement is already in the file."))
            if not (rec.client_statement or "").strip():
                raise UserError(_("Write the person's statement first, in their words."))
            note = self.env["ht.case.note"].create(
                {
                    "case_id": rec.case_id.id,
                    "note_type_id": self.env.ref("ht_case_management.ht_case_note_type_other").id,
                    "sensitive": False,
                    "body": plaintext2html(
                        _(
                            "Statement of the person about their file (request %(ref)s):",
                            ref=rec.name,
                        )
                        + "\n\n"
                        + rec.client_statement
                    ),
                }
            )
            rec._ht_write_protected(
                {"statement_added_on": fields.Datetime.now(), "statement_note_id": note.id}
            )
        return True

    def action_open_own_file(self):
        self.ensure_one()
        if not self.own_file_attachment_id:
            raise UserError(_("The summary is made when the request is delivered."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.own_file_attachment_id.id}?download=true",
            "target": "self",
        }

    # ------------------------------------------------------------------ own file

    def _ht_own_file_lang(self):
        self.ensure_one()
        return self.lang_id.code or self.case_id.lang_id.code or self.env.lang or "en_US"

    def _ht_own_file(self):
        """What the own-file summary shows, read as the current user (who may open
        the case): the person's identity and contact preferences, services and
        referrals, consents and the disclosures made under them, documents (names
        only), goals and plan. Nothing else of the file is read here: notes,
        assessments' risk sections, the safety plan, how the person was identified
        and legal notes never reach the summary (see ``_ht_own_file_withheld``)."""
        self.ensure_one()
        case = self.case_id
        case.check_access("read")
        # The summary shows the identity: a read like any other, audited.
        self.env["ht.case.access.log"]._ht_log_reads(case.ids)

        def label(record, fname):
            value = record[fname]
            if not value:
                return ""
            return dict(record._fields[fname]._description_selection(self.env)).get(value, value)

        identity = [
            (_("Legal name"), case.legal_name or ""),
            (_("Preferred name"), case.preferred_name or ""),
            (_("Date of birth"), case.date_of_birth and str(case.date_of_birth) or ""),
            (_("Gender identity"), case.gender_identity or ""),
            (_("Pronouns"), case.pronouns or ""),
            (_("Preferred language"), case.lang_id.name or ""),
            (_("Citizenship / immigration"), label(case, "citizenship")),
            (
                _("Address"),
                ", ".join(
                    part
                    for part in (
                        case.street,
                        case.street2,
                        case.zip,
                        case.city,
                        case.state_id.name,
                        case.country_id.name,
                    )
                    if part
                ),
            ),
        ]
        contact = [
            (_("Safe phone"), case.safe_phone or ""),
            (_("Safe e-mail"), case.safe_email or ""),
            (
                _("Safe to leave a message"),
                _("Yes") if case.safe_to_leave_message else _("No"),
            ),
            (_("Safe times to call"), case.safe_times or ""),
        ]
        referrals = [
            {
                "organisation": ref.provider_id.name or "",
                "service": ref.category_id.name or ref.service_id.name or "",
                "date": ref.sent_on and str(ref.sent_on.date()) or "",
                "state": label(ref, "state"),
            }
            for ref in case.referral_ids.sorted("id")
        ]
        needs = [
            {"service": need.category_id.name or "", "status": label(need, "status")}
            for need in case.need_ids
        ]
        goals = [
            {
                "goal": goal.name,
                "target": goal.target_date and str(goal.target_date) or "",
                "state": label(goal, "state"),
            }
            for goal in case.goal_ids
        ]
        Consent = self.env["ht.consent"].with_context(active_test=False)
        consents = [
            {
                "reference": consent.name,
                "recipients": ", ".join(consent.recipient_ids.mapped("name")),
                "categories": ", ".join(consent.category_ids.mapped("name")),
                "purpose": consent.purpose_id.name,
                "from": str(consent.date_start),
                "until": str(consent.date_end),
                "state": label(consent, "state"),
            }
            for consent in Consent.search(
                [("res_model", "=", "ht.case"), ("res_id", "=", case.id)], order="id"
            )
        ]
        disclosures = [
            {
                "date": str(line.disclosed_on.date()),
                "recipient": line.recipient_id.commercial_partner_id.name
                if line.recipient_kind == "organisation"
                else label(line, "recipient_kind"),
                "categories": ", ".join(line.category_ids.mapped("name")),
                "basis": label(line, "basis"),
                "consent": line.consent_id.name or "",
            }
            for line in self.env["ht.disclosure"].search(
                [("res_model", "=", "ht.case"), ("res_id", "=", case.id)], order="id"
            )
        ]
        documents = (
            self.env["ir.attachment"]
            .search([("res_model", "=", "ht.case"), ("res_id", "=", case.id)], order="id")
            .mapped("name")
        )
        milestones = [
            {
                "milestone": ms.milestone_type_id.name,
                "status": label(ms, "status"),
                "applied": ms.date_applied and str(ms.date_applied) or "",
                "decided": ms.date_decided and str(ms.date_decided) or "",
            }
            for ms in case.milestone_ids
        ]
        return {
            "case": case,
            "agency": case.company_id.name,
            "identity": [row for row in identity if row[1]],
            "contact": contact,
            "referrals": referrals,
            "needs": needs,
            "goals": goals,
            "consents": consents,
            "disclosures": disclosures,
            "documents": documents,
            "milestones": milestones,
            "stage": case.stage_id.name or "",
        }

    def _ht_own_file_withheld(self):
        """What of the file the summary never shows, as redaction line values
        (kind, count, reason). Counted as superuser so that a teammate who cannot
        read the sensitive notes still records that they were withheld."""
        self.ensure_one()
        # sudo: only counts are read; no content of a withheld item leaves here.
        case = self.case_id.sudo()
        notes = case.note_ids
        sensitive = notes.filtered("sensitive")
        risk = case.assessment_ids.filtered(lambda a: a.risk_to_family or a.risk_to_others)
        legal_notes = case.milestone_ids.filtered("note")
        messages = (
            self.env["mail.message"]
            .sudo()
            .search_count(
                [
                    ("model", "=", "ht.case"),
                    ("res_id", "=", case.id),
                    ("message_type", "in", ("comment", "email")),
                ]
            )
        )
        found = [
            ("sensitive_note", len(sensitive), "sensitive_record"),
            ("case_note", len(notes - sensitive), "third_party"),
            ("case_message", messages, "third_party"),
            ("assessment_risk", len(risk), "safety_of_others"),
            (
                "safety_plan",
                1 if html2plaintext(case.safety_plan or "").strip() else 0,
                "own_safety",
            ),
            (
                "identification",
                1 if case.identified_by == "law_enforcement" else 0,
                "law_enforcement",
            ),
            (
                "identification",
                1
                if case.referring_partner_id
                or case.identified_by not in (False, "self", "law_enforcement")
                else 0,
                "confidential_source",
            ),
            ("legal_note", len(legal_notes), "law_enforcement"),
        ]
        return [
            {"item_kind": kind, "item_count": count, "reason_code": reason}
            for kind, count, reason in found
            if count
        ]
