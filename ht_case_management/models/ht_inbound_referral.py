# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# What the member told about the person: held here only until intake moves it onto
# the case (or the referral is closed without one), then emptied.
INBOUND_PERSON_FIELDS = (
    "person_name",
    "approx_age",
    "lang_id",
    "contact_method",
    "contact_details",
)
URGENCY_PRIORITY = {"emergency": "3", "urgent": "2", "standard": "1"}
# What the member sees of each state (and nothing else of the intake).
MEMBER_STATES = {
    "received": _lt("Received"),
    "intake": _lt("Intake started"),
    "closed": _lt("Closed"),
}
MAX_TEXT = 200
# A member's portal user sends at most this many referrals an hour (a flood from a
# stolen account would bury real referrals in the intake queue).
MAX_PER_HOUR = 10


class HtInboundReferral(models.Model):
    """No wrong door: a network member refers a person who may be a victim to the
    agency from the portal. The minimum to reach them safely is held here, read by
    the intake queue only (unassigned referrals and one's own; supervisors all),
    until intake opens the case with it (the details then live on the case only)
    or closes the referral without one (the details are emptied). The member sees
    the state only: received, intake started, closed."""

    _name = "ht.inbound.referral"
    _description = "Inbound referral from a network member"
    _inherit = ["mail.thread", "mail.activity.mixin", "ht.protected.fields.mixin"]
    _order = "id desc"
    _ht_case_data = True
    _check_company_auto = True
    _ht_protected_fields = {
        "name": _lt("its creation (a sequence)"),
        "state": _lt("the Start intake and Close buttons"),
        "company_id": _lt("the member's portal form"),
        "referring_partner_id": _lt("the member's portal form"),
        "submitted_by_id": _lt("the member's portal form"),
        "consent_confirmed": _lt("the member's portal form"),
        "intake_user_id": _lt("the Start intake button"),
        "case_id": _lt("opening the case from the intake form"),
        "closed_on": _lt("the Start intake and Close buttons"),
    }

    name = fields.Char("Reference", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one("res.company", "Agency", required=True, readonly=True, index=True)
    state = fields.Selection(
        [("received", "Received"), ("intake", "Intake started"), ("closed", "Closed")],
        default="received",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    referring_partner_id = fields.Many2one(
        "res.partner", "Referred by", required=True, readonly=True, index=True
    )
    submitted_by_id = fields.Many2one("res.users", "Sent by", required=True, readonly=True)
    consent_confirmed = fields.Boolean(
        "The person agreed to be referred",
        readonly=True,
        help="Confirmed by the member when sending: the person agreed to be referred.",
    )
    # --- the person (never tracked, emptied once intake is done)
    person_name = fields.Char("First name or alias")
    approx_age = fields.Integer("Approximate age", help="0: unknown.")
    lang_id = fields.Many2one("res.lang", "Language", context={"active_test": False})
    contact_method = fields.Selection(
        [
            ("phone", "Phone call"),
            ("text", "Text message"),
            ("email", "E-mail"),
            ("via_member", "Through the referring member"),
        ],
        "Safe way to reach them",
    )
    contact_details = fields.Char(
        "How to reach them safely", help="Number or address, safe times, what not to do."
    )
    # --- the need (kept: no identity)
    need_category_ids = fields.Many2many(
        "ht.service.category", string="Needs", domain=[("parent_id", "=", False)]
    )
    urgency = fields.Selection(
        [
            ("emergency", "Emergency: in danger now"),
            ("urgent", "Urgent: within 72 hours"),
            ("standard", "Standard"),
        ],
        required=True,
        default="standard",
        tracking=True,
    )
    # --- intake
    intake_user_id = fields.Many2one("res.users", "Intake worker", readonly=True, index=True)
    case_id = fields.Many2one("ht.case", readonly=True, index=True, copy=False)
    close_reason = fields.Selection(
        [
            ("case_opened", "Case opened"),
            ("unreachable", "Could not reach the person safely"),
            ("declined", "The person declined"),
            ("not_eligible", "Not eligible: referred elsewhere"),
            ("duplicate", "Already known to the agency"),
        ],
        tracking=True,
    )
    closed_on = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [("name_unique", "unique(name)", "Inbound referral references are unique.")]

    # ------------------------------------------------------------------ ORM

    @api.model_create_multi
    def create(self, vals_list):
        self._ht_check_protected_create(vals_list)
        for vals in vals_list:
            # sudo: the sequence is configuration, not survivor data.
            vals["name"] = self.env["ir.sequence"].sudo().next_by_code("ht.inbound.referral")
        with self._ht_protected_open():
            return super(HtInboundReferral, self.with_context(mail_create_nosubscribe=True)).create(
                vals_list
            )

    def write(self, vals):
        if not self._ht_protected_allowed():
            closed = self.filtered(lambda r: r.state == "closed")
            if closed:
                raise UserError(
                    _(
                        "%(ref)s is closed: it no longer changes.",
                        ref=", ".join(closed.mapped("name")),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("An inbound referral is never deleted: close it with a reason instead."))

    def _track_get_fields(self):
        # The person's details never reach a tracking message.
        return super()._track_get_fields() - set(INBOUND_PERSON_FIELDS)

    # ------------------------------------------------------------------ portal

    @api.model
    def _ht_portal_submit(self, post):
        """A member's portal user refers a person (``post``: the form's strings).
        The caller must be a portal user whose organisation is a certified network
        member; every value is checked, then the referral is created as superuser
        (portal users have no right on this model) and the intake queue is told.
        Raises ValidationError naming each problem, nothing created."""
        user = self.env.user
        partner = user.commercial_partner_id
        if not user._is_portal() or not partner._ht_is_member():
            raise AccessError(_("Only the network's member organisations refer a person here."))
        # sudo: counting the caller's own recent referrals (no right on the model).
        recent = self.sudo().search_count(
            [
                ("submitted_by_id", "=", user.id),
                ("create_date", ">", fields.Datetime.now() - timedelta(hours=1)),
            ]
        )
        if recent >= MAX_PER_HOUR:
            raise ValidationError(
                _(
                    "You sent %(count)s referrals in the last hour: please call the "
                    "agency's intake line for more.",
                    count=recent,
                )
            )
        vals, errors = self._ht_portal_values(post)
        if errors:
            raise ValidationError("\n".join(errors))
        vals.update(
            {
                "company_id": user.company_id.id,
                "referring_partner_id": partner.id,
                "submitted_by_id": user.id,
                "consent_confirmed": True,
            }
        )
        # sudo: portal users have no right on inbound referrals; the caller was
        # checked to be a member's portal user and the values were validated.
        referral = self.sudo().with_context(tracking_disable=True).create(vals)
        referral._ht_notify_intake()
        return referral

    @api.model
    def _ht_portal_values(self, post):
        """The record values from the portal form, and the list of what is wrong."""
        errors = []

        def text(key):
            return (post.get(key) or "").strip()

        name = text("person_name")
        if not name:
            errors.append(_("Give a first name or an alias (not the full name if unsure)."))
        elif len(name) > MAX_TEXT:
            errors.append(_("The name or alias is too long."))
        age = self._ht_portal_age(text("approx_age"), errors)
        lang = self._ht_portal_lang(text("lang_id"), errors)
        method = text("contact_method")
        if method not in dict(self._fields["contact_method"].selection):
            errors.append(_("Choose a safe way to reach the person."))
        details = text("contact_details")
        if method and method != "via_member" and not details:
            errors.append(_("Say how to reach the person safely (number or address, safe times)."))
        if len(details) > MAX_TEXT:
            errors.append(_("How to reach them: keep it short (%(max)s characters).", max=MAX_TEXT))
        urgency = text("urgency")
        if urgency not in dict(self._fields["urgency"].selection):
            errors.append(_("Choose how urgent it is."))
        needs = self._ht_portal_needs(post, errors)
        if text("consent_confirmed") not in ("1", "on", "true", "True"):
            errors.append(_("Confirm that the person agreed to be referred to the agency."))
        vals = {
            "person_name": name,
            "approx_age": age,
            "lang_id": lang.id,
            "contact_method": method,
            "contact_details": details or False,
            "urgency": urgency,
            "need_category_ids": [(6, 0, needs.ids)],
        }
        return vals, errors

    @api.model
    def _ht_portal_age(self, value, errors):
        if not value:
            return 0
        try:
            age = int(value)
        except ValueError:
            age = -1
        if not 1 <= age <= 120:
            errors.append(_("The approximate age must be a number between 1 and 120."))
            return 0
        return age

    @api.model
    def _ht_portal_lang(self, value, errors):
        Lang = self.env["res.lang"].with_context(active_test=False)
        if not value:
            return Lang
        lang = Lang.browse(int(value)).exists() if value.isdigit() else Lang
        if not lang:
            errors.append(_("Choose the language from the list."))
        return lang

    @api.model
    def _ht_portal_needs(self, post, errors):
        """Top-level service categories ticked (every id must be one)."""
        raw = post.getlist("need_ids") if hasattr(post, "getlist") else post.get("need_ids")
        if isinstance(raw, str):
            raw = [raw]
        ids = {int(i) for i in raw or [] if str(i).isdigit()}
        # sudo: the taxonomy is not confidential; portal users cannot read it.
        needs = self.env["ht.service.category"].sudo().browse(ids).exists()
        needs = needs.filtered(lambda c: not c.parent_id)
        if not needs or len(needs) != len(ids) or len(ids) != len(raw or []):
            errors.append(_("Tick at least one need."))
        return needs

    @api.model
    def _ht_portal_list(self):
        """What the current portal user's organisation may see of the inbound
        referrals it sent: reference, date and state, nothing else."""
        partner = self.env.user.commercial_partner_id
        if not self.env.user._is_portal():
            return []
        # sudo: portal users have no right on this model; only the referrals their
        # own organisation sent are read, and only these three values returned.
        referrals = self.sudo().search([("referring_partner_id", "=", partner.id)], limit=200)
        return [
            {
                "name": referral.name,
                "date": referral.create_date,
                "state": str(MEMBER_STATES[referral.state]),
            }
            for referral in referrals
        ]

    # ------------------------------------------------------------------ intake

    @api.model
    def _ht_intake_user(self, company):
        """Who is told of a new inbound referral: the configured intake worker, else
        the agency's first supervisor, else its first case worker."""
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("ht_case_management.inbound_referral_user_id")
        )
        user = self.env["res.users"].sudo().browse(int(param)).exists() if param else None
        if user and company in user.company_ids:
            return user
        for xmlid in ("ht_consent.group_ht_supervisor", "ht_consent.group_ht_case_worker"):
            users = (
                self.env.ref(xmlid)
                .sudo()
                .users.filtered(
                    lambda u, c=company: c in u.company_ids and not u._is_superuser() and u.active
                )
            )
            if users:
                return users.sorted("id")[:1]
        return self.env["res.users"]

    def _ht_notify_intake(self):
        """An activity for the intake worker: the reference and the member's name
        only, nothing about the person."""
        act_type = self.env.ref("ht_case_management.mail_act_inbound_referral")
        for referral in self:
            user = self._ht_intake_user(referral.company_id)
            if not user:
                continue
            referral.activity_schedule(
                activity_type_id=act_type.id,
                summary=_(
                    "Inbound referral %(ref)s from %(member)s",
                    ref=referral.name,
                    member=referral.referring_partner_id.name,
                ),
                date_deadline=fields.Date.context_today(referral),
                user_id=user.id,
            )

    def _ht_check_intake_worker(self):
        if not self.env.su and not self.env.user.has_group("ht_consent.group_ht_case_worker"):
            raise AccessError(_("Only the intake team handles inbound referrals."))
        self.check_access("write")

    def action_start_intake(self):
        """Take the referral (it leaves the shared queue) and open the intake form
        prefilled with what the member sent."""
        self.ensure_one()
        self._ht_check_intake_worker()
        if self.state == "closed":
            raise UserError(_("%(ref)s is closed.", ref=self.name))
        if self.intake_user_id and self.intake_user_id != self.env.user:
            raise UserError(
                _(
                    "%(user)s already started the intake of %(ref)s.",
                    user=self.intake_user_id.name,
                    ref=self.name,
                )
            )
        self._ht_write_protected({"state": "intake", "intake_user_id": self.env.uid})
        self._ht_done_activities(_("Intake started."))
        intake = self.env["ht.case.intake"].create(self._ht_intake_values())
        return {
            "type": "ir.actions.act_window",
            "name": _("Intake"),
            "res_model": "ht.case.intake",
            "res_id": intake.id,
            "view_mode": "form",
            "target": "new",
        }

    def _ht_intake_values(self):
        self.ensure_one()
        safe = self.contact_method in ("phone", "text")
        method = dict(self._fields["contact_method"]._description_selection(self.env)).get(
            self.contact_method, ""
        )
        how = ", ".join(filter(None, [method, self.contact_details]))
        return {
            "intake_channel": "inbound_referral",
            "inbound_referral_id": self.id,
            "referring_partner_id": self.referring_partner_id.id,
            "identified_by": "ngo",
            "preferred_name": self.person_name,
            "safe_phone": self.contact_details if safe else False,
            "safe_email": self.contact_details if self.contact_method == "email" else False,
            "safe_times": how or False,
            "approx_age": self.approx_age,
            "lang_id": self.lang_id.id,
            "priority": URGENCY_PRIORITY[self.urgency],
            "need_category_ids": [(6, 0, self.need_category_ids.ids)],
        }

    def _ht_done_activities(self, feedback):
        act_type = self.env.ref("ht_case_management.mail_act_inbound_referral")
        activities = self.activity_ids.filtered(lambda a: a.activity_type_id == act_type)
        # sudo: the activity is the intake worker's on duty; whoever takes the
        # referral (checked above) marks it done.
        activities.sudo().action_feedback(feedback=feedback)

    def _ht_case_opened(self, case):
        """Intake opened ``case`` from this referral: the person's details now live
        on the case only; the referral is closed."""
        self.ensure_one()
        self._ht_check_intake_worker()
        if self.state == "closed":
            raise UserError(_("%(ref)s is closed.", ref=self.name))
        self._ht_close("case_opened", case)

    def action_close(self):
        """Close without a case (the reason chosen on the form): the person's
        details are emptied."""
        for referral in self:
            referral._ht_check_intake_worker()
            if referral.state == "closed":
                raise UserError(_("%(ref)s is already closed.", ref=referral.name))
            if not referral.close_reason or referral.close_reason == "case_opened":
                raise UserError(
                    _(
                        "Choose why %(ref)s is closed without a case (could not reach, "
                        "declined, not eligible, already known).",
                        ref=referral.name,
                    )
                )
            referral._ht_close(referral.close_reason)
        return True

    def _ht_close(self, reason, case=None):
        vals = {fname: False for fname in INBOUND_PERSON_FIELDS}
        vals["approx_age"] = 0
        vals["close_reason"] = reason
        with self._ht_protected_open():
            self.with_context(tracking_disable=True).write(vals)
            self.write(
                {
                    "state": "closed",
                    "case_id": case.id if case else False,
                    "intake_user_id": self.intake_user_id.id or self.env.uid,
                    "closed_on": fields.Datetime.now(),
                }
            )
        self._ht_done_activities(_("Inbound referral closed."))
