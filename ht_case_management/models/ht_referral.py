# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)
# What a referral uses the consented information for (ht_consent_use.USES).
REFERRAL_USE = "referral"
# What the case team chooses before sending; the packet went out on these terms.
REFERRAL_TERMS = {
    "case_id",
    "need_id",
    "goal_id",
    "service_id",
    "mode",
    "client_permission",
    "response_deadline",
    "packet_category_ids",
    "details_to_share",
}
OPEN_STATES = ("draft", "awaiting_consent", "sent", "accepted", "waitlisted", "in_progress")
# Who may move a referral where: the sender (case team) or the provider (portal).
SENDER_TRANSITIONS = {
    "draft": {"awaiting_consent", "sent", "recalled"},
    "awaiting_consent": {"sent", "recalled"},
    "sent": {"recalled"},
    "waitlisted": {"recalled"},
    "accepted": {"recalled"},
}
PROVIDER_TRANSITIONS = {
    "sent": {"accepted", "declined", "waitlisted"},
    "waitlisted": {"accepted", "declined"},
    "accepted": {"in_progress", "completed", "not_completed"},
    "in_progress": {"completed", "not_completed"},
}


class HtReferral(models.Model):
    """A closed-loop referral from a case's need to a provider's service. What the
    provider sees is the packet: the case code, the need, urgency, language and
    contact preference by default; more only if chosen and covered by consent."""

    _name = "ht.referral"
    _description = "Referral"
    _ht_case_data = True
    _inherit = ["mail.thread", "mail.activity.mixin", "ht.protected.fields.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _ht_protected_fields = {
        "name": _lt("its creation (a sequence)"),
        "case_code": _lt("its creation (the case's code)"),
        "provider_id": _lt("the service"),
        "category_id": _lt("the service"),
        "state": _lt("the Send and Recall buttons and the provider's answers on the portal"),
        "decline_reason_id": _lt("the provider's answer on the portal"),
        "not_completed_reason_id": _lt("the provider's answer on the portal"),
        "response_note": _lt("the provider's answer on the portal"),
        "sent_on": _lt("the Send button"),
        "first_answer_on": _lt("the provider's answer on the portal"),
        "last_update_on": _lt("the Send and Recall buttons and the provider's answers"),
        "hours_to_answer": _lt("the provider's answer (computed)"),
        "is_answered": _lt("the provider's answer (computed)"),
        "is_accepted": _lt("the provider's answer (computed)"),
        "is_completed": _lt("the provider's answer (computed)"),
        "consent_id": _lt("the Send button (it finds the consent that covers the packet)"),
        "redacted": _lt("the withdrawal of consent or the Recall button"),
        "packet_need": _lt("the Send button"),
        "packet_urgency": _lt("the Send button"),
        "packet_language": _lt("the Send button"),
        "packet_interpreter": _lt("the Send button"),
        "packet_contact": _lt("the Send button"),
        "packet_person": _lt("the Send button"),
        "packet_phone": _lt("the Send button"),
        "packet_details": _lt("the Send button"),
        "followup_done": _lt("the referral follow-up (scheduled action)"),
        "followthrough_planned": _lt("the referral follow-up (scheduled action)"),
    }

    name = fields.Char(
        "Reference", readonly=True, copy=False, default=lambda self: self.env._("New")
    )
    case_id = fields.Many2one(
        "ht.case", required=True, ondelete="restrict", index=True, groups="base.group_user"
    )
    case_code = fields.Char("Case code", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda s: s.env.company, index=True
    )
    need_id = fields.Many2one("ht.case.need", ondelete="set null", groups="base.group_user")
    goal_id = fields.Many2one("ht.case.goal", ondelete="set null", groups="base.group_user")
    service_id = fields.Many2one("ht.service", required=True, ondelete="restrict", index=True)
    provider_id = fields.Many2one(
        "res.partner", related="service_id.provider_id", store=True, index=True, string="Provider"
    )
    category_id = fields.Many2one(
        related="service_id.category_id", store=True, string="Service category"
    )
    mode = fields.Selection(
        [
            ("standard", "Standard"),
            ("warm_handoff", "Warm hand-off"),
            ("emergency", "Emergency (24/7)"),
        ],
        required=True,
        default="standard",
        tracking=True,
    )
    client_permission = fields.Boolean("Client agreed to a warm hand-off", groups="base.group_user")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("awaiting_consent", "Awaiting consent"),
            ("sent", "Sent"),
            ("accepted", "Accepted"),
            ("declined", "Declined"),
            ("waitlisted", "Waitlisted"),
            ("in_progress", "In progress"),
            ("completed", "Completed"),
            ("not_completed", "Not completed"),
            ("recalled", "Recalled"),
            ("expired", "Expired"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    # lists administrators edit (Configuration); archived values stay on referrals
    decline_reason_id = fields.Many2one(
        "ht.referral.decline_reason",
        "Decline reason",
        readonly=True,
        copy=False,
        tracking=True,
        ondelete="restrict",
    )
    not_completed_reason_id = fields.Many2one(
        "ht.referral.not_completed_reason",
        "Not-completed reason",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    response_note = fields.Text("Provider's answer", readonly=True, copy=False)
    response_deadline = fields.Datetime(
        copy=False,
        help="Leave empty for the mode's default (Settings); set it to ask for an earlier answer.",
    )
    sent_on = fields.Datetime(readonly=True, copy=False)
    first_answer_on = fields.Datetime(readonly=True, copy=False)
    last_update_on = fields.Datetime(readonly=True, copy=False)
    hours_to_answer = fields.Float(
        compute="_compute_kpis", store=True, aggregator="avg", string="Hours to first answer"
    )
    is_answered = fields.Integer(compute="_compute_kpis", store=True, aggregator="sum")
    is_accepted = fields.Integer(compute="_compute_kpis", store=True, aggregator="sum")
    is_completed = fields.Integer(compute="_compute_kpis", store=True, aggregator="sum")
    client_followed_through = fields.Selection(
        [("unknown", "Not confirmed"), ("yes", "Yes"), ("no", "No")],
        default="unknown",
        tracking=True,
        groups="base.group_user",
    )
    # --- packet (a snapshot of what was sent; wiped when consent is withdrawn)
    packet_category_ids = fields.Many2many(
        "ht.consent.category",
        string="Information shared",
        default=lambda s: s._default_packet_categories(),
        groups="base.group_user",
    )
    consent_id = fields.Many2one(
        "ht.consent", readonly=True, copy=False, ondelete="restrict", groups="base.group_user"
    )
    redacted = fields.Boolean(readonly=True, copy=False, tracking=True)
    # Providers (portal users) never read these directly (no RPC read): the portal
    # page shows them after re-deciding consent, and logs the view (_ht_portal_packets).
    packet_need = fields.Char("Need (as sent)", readonly=True, copy=False, groups="base.group_user")
    packet_urgency = fields.Char("Urgency", readonly=True, copy=False, groups="base.group_user")
    packet_language = fields.Char("Language", readonly=True, copy=False, groups="base.group_user")
    packet_interpreter = fields.Boolean(
        "Interpreter needed", readonly=True, copy=False, groups="base.group_user"
    )
    packet_contact = fields.Char(
        "Contact preference", readonly=True, copy=False, groups="base.group_user"
    )
    packet_person = fields.Char("Name", readonly=True, copy=False, groups="base.group_user")
    packet_phone = fields.Char("Safe phone", readonly=True, copy=False, groups="base.group_user")
    packet_details = fields.Text(
        "Further details", readonly=True, copy=False, groups="base.group_user"
    )
    details_to_share = fields.Text(
        groups="base.group_user",
        help="Details for the provider beyond the default packet; sent only when the "
        "information categories they belong to are chosen and covered by consent.",
    )
    # --- follow-up bookkeeping (idempotent cron)
    followup_done = fields.Boolean(
        readonly=True, copy=False, help="Followed up since the last update (reset by any update)."
    )
    followthrough_planned = fields.Boolean(readonly=True, copy=False)

    @api.model
    def _default_packet_categories(self):
        return self.env.ref("ht_consent.ht_consent_category_case_summary", raise_if_not_found=False)

    @api.depends("state", "sent_on", "first_answer_on")
    def _compute_kpis(self):
        for rec in self:
            answered = bool(rec.first_answer_on and rec.sent_on)
            rec.is_answered = int(answered)
            rec.hours_to_answer = (
                (rec.first_answer_on - rec.sent_on).total_seconds() / 3600 if answered else 0.0
            )
            rec.is_accepted = int(
                rec.state in ("accepted", "in_progress", "completed", "not_completed")
            )
            rec.is_completed = int(rec.state == "completed")

    @api.model_create_multi
    def create(self, vals_list):
        self._ht_check_protected_create(vals_list)
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                # sudo: the sequence is configuration.
                vals["name"] = self.env["ir.sequence"].sudo().next_by_code("ht.referral")
            case = self.env["ht.case"].browse(vals["case_id"])
            vals["case_code"] = case.code
            vals.setdefault("company_id", case.company_id.id)
        with self._ht_protected_open():
            referrals = super().create(vals_list)
        for referral in referrals:
            referral._ht_check_service()
        return referrals

    def _ht_check_service(self):
        for rec in self:
            if not rec.provider_id._ht_is_member():
                raise UserError(
                    _(
                        "%(provider)s is not a certified member of the network: referrals go "
                        "to certified members only.",
                        provider=rec.provider_id.display_name,
                    )
                )
            if rec.service_id.state != "active":
                raise UserError(
                    _("The service %(service)s is not active.", service=rec.service_id.display_name)
                )

    def write(self, vals):
        if not self._ht_protected_allowed() and REFERRAL_TERMS & set(vals):
            sent = self.filtered(lambda r: r.state not in ("draft", "awaiting_consent"))
            if sent:
                raise UserError(
                    _(
                        "Referral %(ref)s went out on these terms (%(fields)s): they cannot "
                        "change. Recall it and make a new referral.",
                        ref=", ".join(sent.mapped("name")),
                        fields=", ".join(sorted(REFERRAL_TERMS & set(vals))),
                    )
                )
        if "last_update_on" in vals and "followup_done" not in vals:
            vals = dict(vals, followup_done=False)
        return super().write(vals)

    @api.model
    def _ht_deadline_hours(self, mode):
        # ht_settings_case.py: TIMINGS (default, range)
        return self.env["ht.settings"]._ht_timing(f"referral_deadline_{mode}")

    # ------------------------------------------------------------------ sending

    def action_send(self):
        for rec in self:
            rec._ht_send()
        return True

    def _ht_send(self):
        self.ensure_one()
        if self.state not in ("draft", "awaiting_consent"):
            raise UserError(_("Referral %(ref)s was already sent.", ref=self.name))
        self._ht_check_service()
        self._ht_check_mou_rule()
        if self.mode == "warm_handoff" and not self.client_permission:
            raise UserError(
                _("A warm hand-off is made with the client's permission: record it first.")
            )
        now = fields.Datetime.now()
        if self.response_deadline and self.response_deadline <= now:
            raise UserError(
                _(
                    "The answer deadline of %(ref)s is in the past: set a later one, or clear it "
                    "to use the default for this mode.",
                    ref=self.name,
                )
            )
        case = self.case_id
        categories = self.packet_category_ids
        try:
            consent = self._ht_packet_consent()
        except UserError as error:
            raise UserError(
                _(
                    "%(why)s\nStart the consent from the case (Consents), then send again.",
                    why=error.args[0],
                )
            ) from error
        # Serialise with a concurrent revocation of the same consent (see _ht_claim).
        consent.sudo()._ht_claim()
        codes = set(categories.mapped("code"))
        packet = {
            "packet_need": self.category_id.display_name,
            "packet_urgency": self.need_id
            and dict(self.need_id._fields["urgency"]._description_selection(self.env))[
                self.need_id.urgency
            ],
            "packet_language": case.lang_id.name or False,
            "packet_interpreter": case.interpreter_needed,
            "packet_contact": _(
                "Through the case manager. Safe to leave a message: %(yes_no)s.",
                yes_no=_("yes") if case.safe_to_leave_message else _("no"),
            ),
            "packet_person": (case.preferred_name or case.legal_name)
            if "identity" in codes
            else False,
            "packet_phone": case.safe_phone if "identity" in codes else False,
            "packet_details": self.details_to_share
            if codes - {"case_summary", "identity"}
            else False,
        }
        self._ht_write_protected(
            dict(
                packet,
                state="sent",
                consent_id=consent.id,
                sent_on=now,
                last_update_on=now,
                redacted=False,
                response_deadline=self.response_deadline
                or now + timedelta(hours=self._ht_deadline_hours(self.mode)),
            )
        )
        case._ht_log_disclosure(
            self.provider_id,
            categories,
            consent=consent,
            channel="referral_packet",
            reference=self.name,
        )
        # Told after the commit (ht_referral_notice.py): message_post was two thirds
        # of a send; the notice owed is written here, in the send's transaction.
        self._ht_queue_provider_notice()
        return True

    # ------------------------------------------------------------------ consent at each disclosure

    def _ht_packet_consent(self, at=None):
        """The consent that lets this referral's packet go to, or be seen by, its
        provider at ``at`` (naive UTC, default now), re-decided at that moment from
        the consent's state, dates, verbal window, recipients, categories and
        purpose. Before sending: any consent of the case that covers it; once sent:
        the consent it went out (or was re-attached) under. Raises a UserError that
        says what is missing. Every place that sends or shows a packet asks it."""
        self.ensure_one()
        if self.state in ("draft", "awaiting_consent"):
            return self.case_id._ht_consent_check(
                self.provider_id, self.packet_category_ids, REFERRAL_USE, at=at
            )
        if self.redacted:
            raise UserError(_("Referral %(ref)s was withdrawn.", ref=self.name))
        # sudo: the consent is read to decide, never returned to a provider.
        consent = self.sudo().consent_id
        why = (
            consent._ht_refusal(self.provider_id, self.packet_category_ids, REFERRAL_USE, at)
            if consent
            else _("it was never sent under a consent")
        )
        if why:
            raise UserError(
                _(
                    "The packet of referral %(ref)s cannot be shared: %(why)s.",
                    ref=self.name,
                    why=why,
                )
            )
        return consent.sudo(False)

    def _ht_portal_packets(self):
        """Called as superuser each time a provider is shown these referrals (after
        the portal user's own read access was checked): the packets whose consent
        still holds now. The others are withdrawn at once (redacted, case manager
        told), whether or not the expiry cron has run."""
        shown = self.browse()
        for referral in self.filtered(lambda r: not r.redacted):
            try:
                referral._ht_packet_consent()
            except UserError:
                continue
            shown |= referral
        (self.filtered(lambda r: not r.redacted) - shown)._ht_withdraw_packet()
        return shown

    def _ht_withdraw_packet(self):
        """The consent no longer covers these referrals: redact them and tell the
        case manager."""
        self._ht_redact()
        self._ht_plan_for_case_manager(
            "ht_case_management.mail_template_referral_withdrawn",
            "ht_case_management.mail_act_referral_withdrawn",
        )

    def _ht_reattach(self):
        """The consent these referrals rely on was superseded (renewed or amended):
        those the superseding consent covers now (provider, categories, purpose)
        move to it; the others are returned, to be withdrawn."""
        stranded = self.browse()
        for referral in self:
            new = referral.sudo().consent_id.superseded_by_id
            if new and not new._ht_refusal(
                referral.provider_id, referral.packet_category_ids, REFERRAL_USE
            ):
                referral._ht_write_protected({"consent_id": new.id})
            else:
                stranded |= referral
        return stranded

    def action_prepare_consent(self):
        """The consent this referral needs, as a draft to complete with the client;
        the referral waits for it."""
        self.ensure_one()
        if self.state == "draft":
            self._ht_write_protected({"state": "awaiting_consent"})
        return {
            "type": "ir.actions.act_window",
            "name": _("Consent for %(ref)s", ref=self.name),
            "res_model": "ht.consent",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_res_model": "ht.case",
                "default_res_id": self.case_id.id,
                "default_recipient_ids": [(6, 0, self.provider_id.ids)],
                "default_category_ids": [(6, 0, self.packet_category_ids.ids)],
                "default_purpose_id": self.env["ht.consent.purpose"]
                .search([("use_ids.code", "=", REFERRAL_USE)], limit=1)
                .id,
                "default_purpose": _(
                    "Referral %(ref)s to %(provider)s",
                    ref=self.name,
                    provider=self.provider_id.name,
                ),
            },
        }

    def _ht_provider_contacts(self):
        """The provider's portal users who receive referrals."""
        # sudo: contacts of a provider organisation are directory data.
        contacts = self.provider_id.sudo().child_ids.filtered(
            lambda c: (
                c.user_ids.filtered("share") and c.ht_contact_role in (False, "intake", "emergency")
            )
        )
        return contacts

    def _ht_notify_provider(self):
        """Tell the provider's intake contacts that the referral was sent, in their
        language, with the "referral sent" template (no survivor identity: the
        template cannot reach it, mail_template.py). Run by the scheduled action the
        send triggers (ht_referral_notice.py: ``_ht_deliver``), as the sender."""
        partners = self._ht_provider_contacts()
        if partners:
            lang = partners[:1].lang or self.env.lang
            env = self.with_context(lang=lang).env
            text = self.env.ref("ht_case_management.mail_template_referral_sent")._ht_render(
                self,
                lang=lang,
                add_context={
                    "mode": dict(self._fields["mode"]._description_selection(env))[self.mode],
                    "deadline": fields.Datetime.to_string(self.response_deadline)[:16],
                },
            )
            # The sender's own address, else the agency's (its e-mail or catch-all):
            # a user without an e-mail address can still refer.
            company = self.company_id or self.env.company
            # (checked at send: ht_referral_notice.py, _ht_queue_provider_notice)
            email_from = self.env.user.email_formatted or company.email_formatted
            self.message_subscribe(partner_ids=partners.ids)
            self.message_post(
                body=text["body"],
                subject=text["subject"],
                partner_ids=partners.ids,
                author_id=self.env.user.partner_id.id,
                email_from=email_from or None,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    def action_recall(self):
        for rec in self:
            if "recalled" not in SENDER_TRANSITIONS.get(rec.state, set()):
                raise UserError(_("Referral %(ref)s cannot be recalled now.", ref=rec.name))
            rec._ht_write_protected({"state": "recalled", "last_update_on": fields.Datetime.now()})
            rec._ht_redact()
        return True

    # ------------------------------------------------------------------ provider side

    def _ht_portal_respond(self, action, reason=None, note=None):
        """A provider contact answers (portal). Checked here, then applied as
        superuser because portal users have no write right on referrals."""
        self.ensure_one()
        self.check_access("read")  # the record rule limits portal users to their organisation
        user = self.env.user
        if not self.env.su and (not user.share or self.provider_id != user.commercial_partner_id):
            raise AccessError(_("Only the provider's own contacts answer a referral."))
        target = {
            "accept": "accepted",
            "decline": "declined",
            "waitlist": "waitlisted",
            "start": "in_progress",
            "complete": "completed",
            "not_complete": "not_completed",
        }.get(action)
        if not target or target not in PROVIDER_TRANSITIONS.get(self.state, set()):
            raise UserError(
                _("That answer is not possible for referral %(ref)s now.", ref=self.name)
            )
        if self.redacted:
            raise UserError(_("This referral was withdrawn."))
        now = fields.Datetime.now()
        vals = {"state": target, "last_update_on": now, "response_note": note or False}
        if not self.first_answer_on:
            vals["first_answer_on"] = now
        if target == "declined":
            if not reason:
                raise UserError(_("Say why you decline (no capacity, not eligible, ...)."))
            vals["decline_reason_id"] = self._ht_answer_reason(
                "ht.referral.decline_reason", reason
            ).id
        if target == "not_completed":
            Reason = self.env["ht.referral.not_completed_reason"]
            found = self._ht_answer_reason(Reason._name, reason) if reason else Reason
            # sudo: the default answer of the agency's list, by its code
            vals["not_completed_reason_id"] = (found or Reason.sudo()._ht_by_code("provider")).id
        # sudo: validated above (own organisation, allowed transition); portal users
        # have no write access on referrals.
        referral = self.sudo()
        if target == "accepted":
            referral.service_id._ht_take_capacity()
        referral.write(vals)
        if note:
            referral.message_post(
                body=note,
                author_id=user.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        referral._ht_plan_for_case_manager(
            "ht_case_management.mail_template_referral_answered",
            "ht_case_management.mail_act_referral_update",
            lambda r: {"state": r._ht_state_label()},
        )
        return referral.sudo(False)

    def _ht_answer_reason(self, model_name, reason):
        """The active value of the list ``model_name`` a provider chose (a record, an
        id or the id sent by the portal form); anything else is refused."""
        if isinstance(reason, models.BaseModel):
            reason = reason.id if len(reason) == 1 else None
        try:
            reason_id = int(reason)
        except (TypeError, ValueError):
            reason_id = 0
        # sudo: the lists are the agency's configuration, offered to every provider;
        # only an active value is accepted (the search skips archived ones).
        found = self.env[model_name].sudo().search([("id", "=", reason_id)], limit=1)
        if not found:
            raise UserError(
                _("That reason is not in the list any more: choose one of the reasons offered.")
            )
        return found.sudo(False)

    def _ht_state_label(self):
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _ht_plan_for_case_manager(self, template, activity_type, add_context=None):
        """One activity per referral on its case, for the case manager, created in
        one batch, of type ``activity_type`` (XML id), its summary and note the
        mail ``template`` (XML id) rendered in the case manager's language, with
        ``add_context`` (a dict, or a function of the referral in that language
        giving one). Activities carry the referral and case codes only. No e-mail
        per activity (the systray shows them): a cron run may plan hundreds."""
        if not self:
            return self.env["mail.activity"]
        model_id = self.env["ir.model"]._get_id("ht.case")
        act_type = self.env.ref(activity_type)
        template = self.env.ref(template)
        today = fields.Date.context_today(self)
        # sudo: activities on the case are planned by the system for its case manager
        # (portal answers and the cron run without access to the case).
        referrals = self.sudo()
        texts = {}
        # written in the case manager's language (crons have none of their own)
        for lang, group in referrals.grouped(lambda r: r.case_id.case_manager_id.lang).items():
            if callable(add_context):
                for ref in group:
                    extra = add_context(ref.with_context(lang=lang or self.env.lang))
                    texts.update(template._ht_render_batch(ref, lang, extra))
            else:
                texts.update(template._ht_render_batch(group, lang, add_context))
        vals = [
            {
                "res_model_id": model_id,
                "res_id": ref.case_id.id,
                "activity_type_id": act_type.id,
                "summary": texts[ref.id]["subject"],
                "note": texts[ref.id]["body"],
                "user_id": ref.case_id.case_manager_id.id,
                "date_deadline": today,
            }
            for ref in referrals
        ]
        return (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(vals)
        )

    def _ht_remind_providers(self):
        """One reminder per provider organisation listing its referrals (codes and
        state only), to its intake contacts, as a notification attached to no record:
        only its recipients (and its author) read it (mail.message access). Never on
        the provider's contact record, whose chatter every internal user reads: a
        referral there would tell them a survivor is at that shelter. One message
        per provider, not per referral: a follow-up batch stays a few queries."""
        template = self.env.ref("ht_case_management.mail_template_referral_reminder")
        # sudo: provider organisations and their contacts are directory data.
        for referrals in self.sudo().grouped("provider_id").values():
            contacts = referrals[:1]._ht_provider_contacts()
            if not contacts:
                continue
            lang = contacts[:1].lang or self.env.lang
            in_lang = referrals.with_context(lang=lang)
            text = template._ht_render(
                referrals[:1],
                lang=lang,
                # one line per referral: its reference, case code and state
                add_context={
                    "lines": Markup("").join(
                        Markup("<li>%s (%s): %s</li>")
                        % (ref.name, ref.case_code, ref._ht_state_label())
                        for ref in in_lang
                    )
                },
            )
            self.env["mail.thread"].message_notify(
                partner_ids=contacts.ids, subject=text["subject"], body=text["body"]
            )

    # ------------------------------------------------------------------ consent withdrawn

    def _ht_redact(self):
        """Withdraw what the provider can see: the case code and the state remain.
        Queued mails about these referrals are cancelled."""
        wipe = {
            "packet_need": False,
            "packet_urgency": False,
            "packet_language": False,
            "packet_interpreter": False,
            "packet_contact": False,
            "packet_person": False,
            "packet_phone": False,
            "packet_details": False,
            "redacted": True,
        }
        self.sudo().write(wipe)
        queued = (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("model", "=", "ht.referral"),
                    ("res_id", "in", self.ids),
                    ("state", "in", ("outgoing", "exception")),
                ]
            )
        )
        queued.write({"state": "cancel"})

    # ------------------------------------------------------------------ cron

    @api.model
    def _cron_followup(self, batch_size=500):
        """Expire unanswered referrals and waitlisted ones that found no place,
        follow up accepted and waitlisted ones without news,
        confirm the follow-through of completed ones. Idempotent (flags, not dates,
        mark what was done); each call handles at most ``batch_size`` of each kind in
        a constant number of queries, and the cron runner commits between calls
        (``_notify_progress``)."""
        now = fields.Datetime.now()
        days = self.env["ht.settings"]._ht_timing("referral_followup_days")
        waitlist_days = self.env["ht.settings"]._ht_timing("referral_waitlist_days")
        # a waitlisted referral expires when no place came up for waitlist_days
        due_expired = [
            "|",
            "&",
            ("state", "=", "sent"),
            ("response_deadline", "<", now),
            "&",
            ("state", "=", "waitlisted"),
            ("last_update_on", "<", now - timedelta(days=waitlist_days)),
        ]
        due_stale = [
            ("state", "in", ("accepted", "in_progress", "waitlisted")),
            ("followup_done", "=", False),
            ("last_update_on", "<", now - timedelta(days=days)),
        ]
        due_done = [("state", "=", "completed"), ("followthrough_planned", "=", False)]
        expired = self.search(due_expired, limit=batch_size)
        if expired:
            waitlisted = expired.filtered(lambda r: r.state == "waitlisted")
            expired.write({"state": "expired", "last_update_on": now})
            (expired - waitlisted)._ht_plan_for_case_manager(
                "ht_case_management.mail_template_referral_expired",
                "ht_case_management.mail_act_referral_overdue",
            )
            waitlisted._ht_plan_for_case_manager(
                "ht_case_management.mail_template_referral_waitlist_expired",
                "ht_case_management.mail_act_referral_overdue",
                {"days": waitlist_days},
            )
        stale = self.search(due_stale, limit=batch_size)
        if stale:
            stale._ht_plan_for_case_manager(
                "ht_case_management.mail_template_referral_followup",
                "ht_case_management.mail_act_referral_followup",
                {"days": days},
            )
            stale._ht_remind_providers()
            stale.write({"followup_done": True})
        done = self.search(due_done, limit=batch_size)
        if done:
            done._ht_plan_for_case_manager(
                "ht_case_management.mail_template_referral_completed",
                "ht_case_management.mail_act_referral_update",
            )
            done.write({"followthrough_planned": True})
        remaining = sum(self.search_count(domain) for domain in (due_expired, due_stale, due_done))
        self.env["ir.cron"]._notify_progress(
            done=len(expired) + len(stale) + len(done), remaining=remaining
        )
        return expired, stale, done
