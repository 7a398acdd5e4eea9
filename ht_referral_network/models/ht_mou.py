# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)


class HtMou(models.Model):
    """A multi-party memorandum of understanding between member agencies: each
    party's roles, the services covered, the referral process, meetings and
    confidentiality. A renewal is a new MOU linked to the old one."""

    _name = "ht.mou"
    _description = "Memorandum of understanding"
    _inherit = ["ht.network.protected.fields.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_end desc, id desc"
    _ht_protected_fields = {
        "state": _lt("the Start negotiation, Activate, Terminate and Renew buttons"),
        "previous_id": _lt("the Renew button of the MOU it renews"),
        "renewal_ids": _lt("the Renew button"),
        "termination_reason": _lt("the Terminate button"),
        "renewal_reminder_done": _lt("the renewal reminder (scheduled action)"),
        "version": _lt("the Amend button"),
        "amends_id": _lt("the Amend button of the version it replaces"),
        "amendment_ids": _lt("the Amend button"),
    }

    name = fields.Char(required=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("negotiation", "Negotiation"),
            ("active", "Active"),
            ("expired", "Expired"),
            ("terminated", "Terminated"),
        ],
        default="draft",
        required=True,
        tracking=True,
        readonly=True,
        copy=False,
        index=True,
    )
    user_id = fields.Many2one(
        "res.users",
        "Owner",
        default=lambda s: s.env.user,
        tracking=True,
        help="Gets the renewal activity.",
    )
    party_ids = fields.One2many("ht.mou.party", "mou_id", "Parties", copy=True)
    service_category_ids = fields.Many2many("ht.service.category", string="Services covered")
    referral_process = fields.Html()
    meeting_schedule = fields.Char(help="e.g. monthly, first Tuesday")
    confidentiality = fields.Html("Confidentiality provisions")
    date_start = fields.Date("Effective", required=True, tracking=True)
    date_end = fields.Date("Expires", required=True, tracking=True)
    document = fields.Binary("Signed MOU", attachment=True, copy=False)
    document_name = fields.Char(copy=False)
    previous_id = fields.Many2one("ht.mou", "Renews", readonly=True, copy=False, index=True)
    renewal_ids = fields.One2many("ht.mou", "previous_id", "Renewed by", readonly=True)
    termination_reason = fields.Char(readonly=True, copy=False, tracking=True)
    renewal_reminder_done = fields.Boolean(readonly=True, copy=False)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for rec in self:
            if rec.date_end < rec.date_start:
                raise ValidationError(
                    _("MOU %(name)s expires before it takes effect.", name=rec.name)
                )

    @api.constrains("party_ids")
    def _check_parties(self):
        for rec in self:
            partners = rec.party_ids.partner_id
            if len(partners) != len(rec.party_ids):
                raise ValidationError(_("An organisation is a party to an MOU only once."))

    def action_negotiate(self):
        self._ht_require_state("draft")
        self._ht_write_protected({"state": "negotiation"})

    def action_activate(self):
        self._ht_require_state("draft", "negotiation")
        for rec in self:
            if len(rec.party_ids) < 2:
                raise UserError(_("An MOU needs at least two parties."))
            rec._ht_check_signed()
            if rec.date_end < fields.Date.context_today(rec):
                raise UserError(_("MOU %(name)s has already expired.", name=rec.name))
        self._ht_write_protected({"state": "active"})

    def action_terminate(self, reason=None):
        self._ht_require_state("active", "negotiation", "draft")
        self._ht_write_protected(
            {"state": "terminated", "termination_reason": reason or _("Terminated")}
        )

    def action_renew(self):
        self.ensure_one()
        self._ht_require_state("active", "expired")
        length = self.date_end - self.date_start
        start = max(self.date_end + timedelta(days=1), fields.Date.context_today(self))
        with self._ht_protected_open():
            new = self.copy(
                {
                    "previous_id": self.id,
                    "name": self.name,
                    "date_start": start,
                    "date_end": start + length,
                }
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "ht.mou",
            "res_id": new.id,
            "view_mode": "form",
        }

    def _ht_require_state(self, *states):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for rec in self:
            if rec.state not in states:
                raise UserError(
                    _(
                        "MOU %(name)s is %(state)s: that action is not possible now.",
                        name=rec.name,
                        state=labels[rec.state],
                    )
                )

    @api.model
    def _cron_mou(self):
        """Expire MOUs past their end; plan one renewal activity N days before."""
        today = fields.Date.context_today(self)
        expired = self.search([("state", "=", "active"), ("date_end", "<", today)])
        expired.write({"state": "expired"})
        settings = self.env["ht.network.timing"]
        days = settings._ht_timing("mou_renewal_days")
        lead = settings._ht_timing("mou_activity_lead_days")
        due = self.search(
            [
                ("state", "=", "active"),
                ("renewal_reminder_done", "=", False),
                ("date_end", "<=", today + timedelta(days=days)),
            ]
        )
        act_type = self.env.ref("ht_referral_network.mail_act_mou_renewal")
        template = self.env.ref("ht_referral_network.mail_template_mou_renewal")
        for mou in due:
            user = mou.user_id or self.env.user
            # in the language of the person it is for (a cron has none of its own)
            text = template._ht_network_render(mou, user.lang)
            mou.activity_schedule(
                activity_type_id=act_type.id,
                date_deadline=max(mou.date_end - timedelta(days=lead), today),
                summary=text["subject"],
                note=text["body"],
                user_id=user.id,
            )
        due.write({"renewal_reminder_done": True})
        return expired, due


class HtMouParty(models.Model):
    _name = "ht.mou.party"
    _description = "MOU party"
    _order = "mou_id, sequence, id"

    mou_id = fields.Many2one("ht.mou", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one(
        "res.partner",
        "Organisation",
        required=True,
        ondelete="restrict",
        domain=[("is_company", "=", True)],
        index=True,
    )
    role = fields.Char(help="e.g. lead agency, shelter provider, legal services")
    responsibilities = fields.Text()
    representative = fields.Char("Key representative")
    signatory = fields.Char()
    signed_on = fields.Date()
