# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

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
DEFAULT_DEADLINE_HOURS = {"standard": 72, "warm_handoff": 48, "emergency": 4}


class HtReferral(models.Model):
    """A closed-loop referral from a case's need to a provider's service. What the
    provider sees is the packet: the case code, the need, urgency, language and
    contact preference by default; more only if chosen and covered by consent."""

    _name = "ht.referral"
    _description = "Referral"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char("Reference", readonly=True, copy=False, default=lambda s: s.env._("New"))
    case_id = fields.Many2one(
        "ht.case", required=True, ondelete="restrict", index=True, groups="base.group_user"
    )
    case_code = fields.Char("Case code", readonly=True)
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
    decline_reason = fields.Selection(
        [
            ("no_capacity", "No capacity"),
            ("not_eligible", "Not eligible"),
            ("out_of_area", "Out of area"),
            ("language", "Language"),
            ("missing_documents", "Missing documents"),
            ("other", "Other"),
        ],
        readonly=True,
        tracking=True,
    )
    not_completed_reason = fields.Selection(
        [
            ("client", "Client did not follow through"),
            ("provider", "Provider could not serve"),
        ],
        readonly=True,
    )
    response_note = fields.Text("Provider's answer", readonly=True)
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
    packet_need = fields.Char("Need (as sent)", readonly=True, copy=False)
    packet_urgency = fields.Char("Urgency", readonly=True, copy=False)
    packet_language = fields.Char("Language", readonly=True, copy=False)
    packet_interpreter = fields.Boolean("Interpreter needed", readonly=True, copy=False)
    packet_contact = fields.Char("Contact preference", readonly=True, copy=False)
    packet_person = fields.Char("Name", readonly=True, copy=False)
    packet_phone = fields.Char("Safe phone", readonly=True, copy=False)
    packet_details = fields.Text("Further details", readonly=True, copy=False)
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
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                # sudo: the sequence is configuration.
                vals["name"] = self.env["ir.sequence"].sudo().next_by_code("ht.referral")
            case = self.env["ht.case"].browse(vals["case_id"])
            vals["case_code"] = case.code
            vals.setdefault("company_id", case.company_id.id)
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
        if "last_update_on" in vals and "followup_done" not in vals:
            vals = dict(vals, followup_done=False)
        return super().write(vals)

    @api.model
    def _ht_deadline_hours(self, mode):
        param = (
            self.env["ir.config_parameter"].sudo().get_param(f"ht_case_management.deadline_{mode}")
        )
        return float(param) if param else DEFAULT_DEADLINE_HOURS[mode]

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
            consent = case._ht_consent_check(self.provider_id, categories, purpose=None)
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
        self.write(
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
        self._ht_notify_provider(
            _(
                "New %(mode)s referral %(ref)s (case %(case)s) for %(service)s. "
                "Please answer by %(deadline)s.",
                mode=dict(self._fields["mode"]._description_selection(self.env))[self.mode],
                ref=self.name,
                case=self.case_code,
                service=self.category_id.display_name,
                deadline=fields.Datetime.to_string(self.response_deadline)[:16],
            )
        )
        return True

    def action_prepare_consent(self):
        """The consent this referral needs, as a draft to complete with the client;
        the referral waits for it."""
        self.ensure_one()
        if self.state == "draft":
            self.state = "awaiting_consent"
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
                "default_purpose_type": "referral",
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

    def _ht_notify_provider(self, body):
        """Tell the provider's intake contacts; no survivor identity in the text."""
        partners = self._ht_provider_contacts()
        if partners:
            # The sender's own address, else the agency's (its e-mail or catch-all):
            # a user without an e-mail address can still refer.
            company = self.company_id or self.env.company
            email_from = self.env.user.email_formatted or company.email_formatted
            if not email_from and not self.env.su:
                raise UserError(
                    _(
                        "Referral %(ref)s cannot be e-mailed to %(provider)s: neither you nor "
                        "%(company)s has an e-mail address. Add one in your preferences or on "
                        "the company (Settings > Companies), then send again.",
                        ref=self.name,
                        provider=self.provider_id.name,
                        company=company.name,
                    )
                )
            self.message_subscribe(partner_ids=partners.ids)
            self.message_post(
                body=body,
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
            rec.write({"state": "recalled", "last_update_on": fields.Datetime.now()})
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
            vals["decline_reason"] = reason
        if target == "not_completed":
            vals["not_completed_reason"] = reason or "provider"
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
            _("Referral %(ref)s: %(state)s", ref=self.name, state=referral._ht_state_label())
        )
        return referral.sudo(False)

    def _ht_state_label(self):
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _ht_plan_for_case_manager(self, summary):
        """One activity per referral on its case, for the case manager, created in
        one batch; ``summary`` is a text or a function of the referral. Activities
        carry the referral and case codes only. No e-mail per activity (the systray
        shows them): a cron run may plan hundreds."""
        if not self:
            return self.env["mail.activity"]
        model_id = self.env["ir.model"]._get_id("ht.case")
        act_type = self.env.ref("mail.mail_activity_data_todo")
        today = fields.Date.context_today(self)
        # sudo: activities on the case are planned by the system for its case manager
        # (portal answers and the cron run without access to the case).
        referrals = self.sudo()
        vals = [
            {
                "res_model_id": model_id,
                "res_id": ref.case_id.id,
                "activity_type_id": act_type.id,
                "summary": summary(ref) if callable(summary) else summary,
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
        """One reminder per provider organisation listing its referrals (codes only)."""
        # sudo: provider organisations and their contacts are directory data.
        for provider, referrals in self.sudo().grouped("provider_id").items():
            contacts = referrals[:1]._ht_provider_contacts()
            if not contacts:
                continue
            lines = Markup("").join(
                Markup("<li>%s (%s): %s</li>") % (ref.name, ref.case_code, ref._ht_state_label())
                for ref in referrals
            )
            provider.message_post(
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (_("Please update these referrals on your portal:"), lines),
                partner_ids=contacts.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
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
        """Expire unanswered referrals, follow up accepted ones without news,
        confirm the follow-through of completed ones. Idempotent (flags, not dates,
        mark what was done); each call handles at most ``batch_size`` of each kind in
        a constant number of queries, and the cron runner commits between calls
        (``_notify_progress``)."""
        now = fields.Datetime.now()
        days = int(
            self.env["ir.config_parameter"].sudo().get_param("ht_case_management.followup_days", 7)
        )
        due_expired = [("state", "=", "sent"), ("response_deadline", "<", now)]
        due_stale = [
            ("state", "in", ("accepted", "in_progress")),
            ("followup_done", "=", False),
            ("last_update_on", "<", now - timedelta(days=days)),
        ]
        due_done = [("state", "=", "completed"), ("followthrough_planned", "=", False)]
        expired = self.search(due_expired, limit=batch_size)
        if expired:
            expired.write({"state": "expired", "last_update_on": now})
            expired._ht_plan_for_case_manager(
                lambda r: _("Referral %(ref)s expired without an answer: re-route it", ref=r.name)
            )
        stale = self.search(due_stale, limit=batch_size)
        if stale:
            stale._ht_plan_for_case_manager(
                lambda r: _(
                    "Referral %(ref)s: no update for %(days)s days, follow up",
                    ref=r.name,
                    days=days,
                )
            )
            stale._ht_remind_providers()
            stale.write({"followup_done": True})
        done = self.search(due_done, limit=batch_size)
        if done:
            done._ht_plan_for_case_manager(
                lambda r: _(
                    "Referral %(ref)s completed: confirm the client's follow-through", ref=r.name
                )
            )
            done.write({"followthrough_planned": True})
        remaining = sum(self.search_count(domain) for domain in (due_expired, due_stale, due_done))
        self.env["ir.cron"]._notify_progress(
            done=len(expired) + len(stale) + len(done), remaining=remaining
        )
        return expired, stale, done
