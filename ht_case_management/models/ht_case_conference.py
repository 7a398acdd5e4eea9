# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# The use a case conference shares information for (see ht_consent_use.USES).
CONFERENCE_PURPOSE = "coordination"


class HtCaseConference(models.Model):
    """A multi-agency case conference about one case, on Odoo's calendar. The
    calendar meeting names the case by its code only; agenda, minutes, decisions
    and action items (activities with owners and deadlines) are case data, here.
    Before anyone of another organisation is invited, the consent check runs for
    that organisation, the categories to be discussed and coordination, and the
    conference is logged as a disclosure to it (``_ht_admit``, called from the
    calendar's attendee and meeting writes, whoever calls them)."""

    _name = "ht.case.conference"
    _description = "Case conference"
    _inherit = ["ht.protected.fields.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "start desc, id desc"
    _ht_case_data = True
    _check_company_auto = True
    _ht_protected_fields = {
        "event_id": _lt("the creation of the conference"),
        "disclosed_partner_ids": _lt("inviting someone of that organisation"),
    }

    name = fields.Char(compute="_compute_name", store=True)
    case_id = fields.Many2one(
        "ht.case", required=True, ondelete="restrict", index=True, check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    event_id = fields.Many2one(
        "calendar.event",
        "Calendar meeting",
        readonly=True,
        ondelete="restrict",
        copy=False,
        index=True,
    )
    start = fields.Datetime(related="event_id.start", readonly=False, store=True)
    duration = fields.Float(related="event_id.duration", readonly=False)
    location = fields.Char(related="event_id.location", readonly=False)
    partner_ids = fields.Many2many(
        related="event_id.partner_ids", readonly=False, string="Attendees"
    )
    organisation_ids = fields.Many2many(
        "res.partner", string="Organisations", compute="_compute_organisation_ids"
    )
    category_ids = fields.Many2many(
        "ht.consent.category",
        string="Information discussed",
        help="What will be discussed: the consent of each organisation invited must cover it.",
    )
    agenda = fields.Html()
    minutes = fields.Html()
    decisions = fields.Html()
    disclosed_partner_ids = fields.Many2many(
        "res.partner",
        "ht_case_conference_disclosed_rel",
        string="Disclosed to",
        readonly=True,
        copy=False,
        help="The organisations this conference was logged as a disclosure to.",
    )

    @api.depends("case_id.code")
    def _compute_name(self):
        for rec in self:
            rec.name = _("Case conference %(code)s", code=rec.case_id.code or "")

    @api.depends("partner_ids")
    def _compute_organisation_ids(self):
        for rec in self:
            rec.organisation_ids = rec.partner_ids.commercial_partner_id.filtered("is_company")

    @api.model_create_multi
    def create(self, vals_list):
        self._ht_check_protected_create(vals_list)
        events = []
        for vals in vals_list:
            case = self.env["ht.case"].browse(vals["case_id"])
            case.check_access("write")
            start = fields.Datetime.to_datetime(vals.pop("start", None)) or (
                fields.Datetime.now() + timedelta(days=1)
            ).replace(minute=0, second=0, microsecond=0)
            duration = vals.pop("duration", None) or 1.0
            # The calendar shows the case code, nothing else about the case.
            events.append(
                {
                    "name": _("Case conference %(code)s", code=case.code),
                    "ht_meeting_type": "case_conference",
                    "start": start,
                    "stop": start + timedelta(hours=duration),
                    "duration": duration,
                    "privacy": "private",
                    "partner_ids": [(6, 0, self.env.user.partner_id.ids)],
                }
            )
        # The conference's meeting is linked to the conference, never to the case
        # record itself: Odoo's calendar would take the case as the event's document
        # from the caller's active_model / active_id (a conference planned from the
        # case), and events of a case belong to its appointments.
        context = {
            key: value
            for key, value in self.env.context.items()
            if key not in ("active_model", "active_id", "active_ids")
            and not key.startswith("default_")
        }
        event_records = self.env(context=context)["calendar.event"].create(events)
        for vals, event in zip(vals_list, event_records, strict=True):
            vals["event_id"] = event.id
        with self._ht_protected_open():
            return super().create(vals_list)

    def write(self, vals):
        if "case_id" in vals and any(rec.case_id.id != vals["case_id"] for rec in self):
            raise UserError(_("A case conference stays with its case: plan a new one."))
        return super().write(vals)

    # ------------------------------------------------------------------ invitations

    def _ht_outside_organisation(self, partner):
        """The organisation ``partner`` belongs to if it is not this case's own
        agency (its company or one of its internal users), else False."""
        self.ensure_one()
        company = self.case_id.company_id
        # sudo: who a contact works for is not confidential; only decides the check.
        partner = partner.sudo()
        if partner.commercial_partner_id == company.partner_id:
            return False
        if partner.user_ids.filtered(lambda u: not u.share and company in u.company_ids):
            return False
        return partner.commercial_partner_id

    def _ht_admit(self, partners):
        """Run the consent check for each partner's organisation (outside the
        agency) for the categories discussed and coordination, and log the
        conference as a disclosure to each organisation once. Raises a UserError
        naming the organisation and what is missing; nothing is written then."""
        self.ensure_one()
        disclosed = self.env["res.partner"]
        for partner in partners:
            organisation = self._ht_outside_organisation(partner)
            if not organisation:
                continue
            if not self.category_ids:
                raise UserError(
                    _(
                        "Say which information the case conference %(name)s will discuss "
                        "before inviting %(who)s.",
                        name=self.name,
                        who=partner.display_name,
                    )
                )
            try:
                consent = self.case_id._ht_consent_check(
                    organisation, self.category_ids, CONFERENCE_PURPOSE
                )
            except UserError as error:
                raise UserError(
                    _(
                        "%(who)s (%(organisation)s) cannot be invited to %(name)s: %(why)s",
                        who=partner.display_name,
                        organisation=organisation.display_name,
                        name=self.name,
                        why=error.args[0],
                    )
                ) from error
            if organisation in self.disclosed_partner_ids | disclosed:
                continue
            self.case_id._ht_log_disclosure(
                organisation,
                self.category_ids,
                consent=consent,
                channel="case_conference",
                reference=self.name,
            )
            disclosed |= organisation
        if disclosed:
            self._ht_write_protected({"disclosed_partner_ids": [(4, p.id) for p in disclosed]})

    @api.model
    def _ht_admit_to_events(self, events, partners_by_event, user):
        """Admit ``partners_by_event`` ({event id: partners}) to the case
        conferences of ``events``, as ``user`` (the real caller, never sudo)."""
        # sudo: finding which meetings are case conferences; the admission itself
        # runs as the caller below and needs read access to the conference's case.
        conferences = self.sudo().search([("event_id", "in", events.ids)])
        for conference in conferences:
            partners = partners_by_event.get(conference.event_id.id)
            if partners:
                conference.with_user(user)._ht_admit(partners)

    def action_open_event(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.event_id.id,
            "view_mode": "form",
        }
