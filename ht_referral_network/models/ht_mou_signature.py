# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from .ht_mou_version import LOCKED_STATES, PARTY_TERMS

_lt = LazyTranslate(__name__)

COORDINATOR = "ht_referral_network.group_ht_network_coordinator"
SIGNING_STATES = ("draft", "negotiation")


class HtMouSigning(models.Model):
    """Every party signs (its signatory on the portal, or staff record a wet
    signature with the scanned page); the MOU takes effect with the last one."""

    # one capability per file (signatures, versions, meetings), as the project lays out
    _inherit = "ht.mou"

    signed_count = fields.Integer("Signed", compute="_compute_signed")
    all_signed = fields.Boolean(compute="_compute_signed")
    network_warning = fields.Char(compute="_compute_network_warning")

    @api.depends("party_ids.signed_on")
    def _compute_signed(self):
        for rec in self:
            signed = rec.party_ids.filtered("signed_on")
            rec.signed_count = len(signed)
            rec.all_signed = bool(rec.party_ids) and len(signed) == len(rec.party_ids)

    @api.depends("party_ids.partner_id")
    def _compute_network_warning(self):
        for rec in self:
            outsiders = rec.party_ids.partner_id.filtered(lambda p: not p._ht_is_member())
            rec.network_warning = (
                _(
                    "Not a certified member of the network: %(parties)s.",
                    parties=", ".join(outsiders.mapped("display_name")),
                )
                if outsiders
                else False
            )

    def _ht_check_signed(self):
        """Refuse unless every party has signed (amendments add their checks)."""
        for rec in self:
            unsigned = rec.party_ids.filtered(lambda p: not p.signed_on)
            if unsigned:
                raise UserError(
                    _(
                        "MOU %(name)s takes effect when every party has signed. Not signed "
                        "yet: %(parties)s.",
                        name=rec.name,
                        parties=", ".join(unsigned.partner_id.mapped("display_name")),
                    )
                )

    @api.model
    def _ht_in_force_between(self, partner_a, partner_b, on=None):
        """Whether an MOU in force on ``on`` (default today) binds both organisations."""
        on = on or fields.Date.context_today(self)
        # sudo: whether two agencies have an MOU is not confidential; the referral
        # rule asks it for users without network rights.
        return bool(
            self.sudo().search_count(
                [
                    ("state", "=", "active"),
                    ("date_start", "<=", on),
                    ("date_end", ">=", on),
                    ("party_ids.partner_id", "=", partner_a.commercial_partner_id.id),
                    ("party_ids.partner_id", "=", partner_b.commercial_partner_id.id),
                ],
                limit=1,
            )
        )

    def _ht_activate_if_signed(self):
        for rec in self:
            if rec.state in SIGNING_STATES and rec.all_signed and len(rec.party_ids) >= 2:
                rec.action_activate()

    # ------------------------------------------------------------------ reminders

    def action_request_signatures(self):
        """Send the MOU for signature: each party that has not signed gets a
        request (its signatory by e-mail, with the portal link) and the owner an
        activity per party that has no signatory yet."""
        self.check_access("write")
        self._ht_require_state(*SIGNING_STATES)
        for rec in self:
            if len(rec.party_ids) < 2:
                raise UserError(_("An MOU needs at least two parties."))
        self.filtered(lambda m: m.state == "draft")._ht_write_protected({"state": "negotiation"})
        self._ht_remind_signatories(force=True)
        return True

    def _ht_remind_signatories(self, force=False):
        template = self.env.ref("ht_referral_network.mail_template_mou_signature_request")
        act_type = self.env.ref("ht_referral_network.mail_act_mou_signature")
        reminder = self.env.ref("ht_referral_network.mail_template_mou_signature_reminder")
        every = self.env["ht.network.timing"]._ht_timing("mou_signature_reminder_days")
        today = fields.Date.context_today(self)
        for rec in self:
            for party in rec.party_ids.filtered(lambda p: not p.signed_on):
                last = party.signature_reminder_date
                if not force and last and last > today - timedelta(days=every):
                    continue
                if party.signatory_id.email:
                    # sudo: the template and the mail queue are the system's; the
                    # mail goes to the party's own signatory only.
                    template.sudo().send_mail(
                        party.id, email_layout_xmlid="mail.mail_notification_light"
                    )
                user = rec.user_id or self.env.user
                text = reminder._ht_network_render(party, user.lang)  # the reader's language
                if not rec.activity_ids.filtered(
                    lambda a, s=text["subject"]: a.activity_type_id == act_type and a.summary == s
                ):
                    rec.activity_schedule(
                        activity_type_id=act_type.id,
                        summary=text["subject"],
                        note=text["body"],
                        user_id=user.id,
                        date_deadline=today + timedelta(days=every),
                    )
                party._ht_write_protected({"signature_reminder_date": today})

    @api.model
    def _cron_mou_signatures(self):
        """Remind the parties that have not signed an MOU out for signature."""
        self.search([("state", "=", "negotiation")])._ht_remind_signatories()

    def action_record_wet_signature(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Record a wet signature"),
            "res_model": "ht.mou.wet.signature",
            "view_mode": "form",
            "target": "new",
            "context": {"default_mou_id": self.id},
        }


class HtMouPartySignature(models.Model):
    """A party's signature: by its signatory on the portal (signature widget) or
    recorded by staff from the signed paper (wet signature with the scan)."""

    _name = "ht.mou.party"
    _inherit = ["ht.mou.party", "ht.network.protected.fields.mixin"]
    _ht_protected_fields = {
        "signed_on": _lt("signing (portal) or Record a wet signature"),
        "signature": _lt("signing on the portal"),
        "signed_by_name": _lt("signing (portal) or Record a wet signature"),
        "sign_method": _lt("signing (portal) or Record a wet signature"),
        "signed_scan": _lt("Record a wet signature"),
        "signed_scan_name": _lt("Record a wet signature"),
        "signed_by_user_id": _lt("signing (portal) or Record a wet signature"),
        "signature_reminder_date": _lt("the signature reminders"),
    }

    signatory_id = fields.Many2one(
        "res.partner",
        "Signatory contact",
        domain="[('commercial_partner_id', '=', partner_id), ('id', '!=', partner_id)]",
        help="A contact of this organisation with portal access: signs on the portal.",
        index=True,
    )
    signed_on = fields.Date(readonly=True, copy=False)
    signature = fields.Image(max_width=1024, max_height=1024, readonly=True, copy=False)
    signed_by_name = fields.Char("Signed by", readonly=True, copy=False)
    sign_method = fields.Selection(
        [("portal", "On the portal"), ("wet", "Wet signature (scan)")],
        "Signed",
        readonly=True,
        copy=False,
    )
    signed_scan = fields.Binary("Signed page", attachment=True, readonly=True, copy=False)
    signed_scan_name = fields.Char(readonly=True, copy=False)
    signed_by_user_id = fields.Many2one("res.users", "Recorded by", readonly=True, copy=False)
    signature_reminder_date = fields.Date("Last reminder", readonly=True, copy=False)

    @api.constrains("signatory_id", "partner_id")
    def _check_signatory(self):
        for party in self:
            if party.signatory_id and party.signatory_id.commercial_partner_id != party.partner_id:
                raise ValidationError(
                    _(
                        "%(person)s is not a contact of %(party)s: a party's signatory "
                        "belongs to that organisation.",
                        person=party.signatory_id.display_name,
                        party=party.partner_id.display_name,
                    )
                )

    # ------------------------------------------------------------------ signing

    def _ht_check_can_sign(self):
        self.ensure_one()
        mou = self.mou_id
        if mou.state not in SIGNING_STATES:
            raise UserError(_("MOU %(name)s is not waiting for signatures.", name=mou.name))
        if self.signed_on:
            raise UserError(_("%(party)s has already signed.", party=self.partner_id.display_name))
        if mou.amends_id and not (mou.change_summary or "").strip():
            raise UserError(_("This amendment has no summary of what changed yet."))

    def _ht_sign_portal(self, name, signature):
        """The party's signatory signs with the signature widget. Only the
        signatory contact itself: nobody signs for another organisation."""
        self.ensure_one()
        if not self.signatory_id or self.env.user.partner_id != self.signatory_id:
            raise AccessError(
                _(
                    "Only the signatory of %(party)s signs for it.",
                    party=self.partner_id.display_name,
                )
            )
        self._ht_check_can_sign()
        if not signature or not (name or "").strip():
            raise UserError(_("Write your name and sign."))
        self._ht_write_protected(
            {
                "signed_on": fields.Date.context_today(self),
                "signature": signature,
                "signed_by_name": name.strip(),
                "sign_method": "portal",
                "signed_by_user_id": self.env.uid,
            }
        )
        self.mou_id.message_post(
            body=_(
                "Signed on the portal for %(party)s by %(name)s.",
                party=self.partner_id.display_name,
                name=name.strip(),
            )
        )
        self.mou_id._ht_activate_if_signed()

    def _ht_sign_wet(self, name, date, scan, scan_name):
        """Staff record a signature on paper, with the scanned signed page."""
        self.ensure_one()
        if not self.env.su and not self.env.user.has_group(COORDINATOR):
            raise AccessError(_("Only a Network Coordinator records a wet signature."))
        self.mou_id.check_access("write")
        self._ht_check_can_sign()
        if not scan or not (name or "").strip():
            raise UserError(_("Give the signatory's name and the scanned signed page."))
        if date and date > fields.Date.context_today(self):
            raise UserError(_("A signature cannot be dated in the future."))
        self._ht_write_protected(
            {
                "signed_on": date or fields.Date.context_today(self),
                "signed_by_name": name.strip(),
                "sign_method": "wet",
                "signed_scan": scan,
                "signed_scan_name": scan_name,
                "signed_by_user_id": self.env.uid,
            }
        )
        self.mou_id.message_post(
            body=_(
                "Wet signature of %(party)s (%(name)s) recorded.",
                party=self.partner_id.display_name,
                name=name.strip(),
            )
        )
        self.mou_id._ht_activate_if_signed()

    # ------------------------------------------------------------------ ORM

    def _ht_refuse_locked(self, mous):
        raise UserError(
            _(
                "MOU %(name)s has been signed or is in force: its parties cannot change. "
                "Amend it: an amendment is a new version that every party signs again.",
                name=mous[0].display_name,
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self._ht_protected_allowed():
            mous = self.env["ht.mou"].browse(
                {vals["mou_id"] for vals in vals_list if vals.get("mou_id")}
            )
            locked = mous.filtered(lambda m: m._ht_terms_locked())
            if locked:
                self._ht_refuse_locked(locked)
        return super().create(vals_list)

    def write(self, vals):
        if not self._ht_protected_allowed():
            locked = self.browse()
            if PARTY_TERMS & vals.keys():
                locked = self.filtered(lambda p: p.mou_id._ht_terms_locked())
            if "signatory_id" in vals:
                locked |= self.filtered(lambda p: p.signed_on or p.mou_id.state in LOCKED_STATES)
            if vals.get("mou_id"):
                locked |= self.filtered(lambda p: p.signed_on)
            if locked:
                self._ht_refuse_locked(locked.mou_id)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_not_locked(self):
        locked = self.mou_id.filtered(lambda m: m._ht_terms_locked())
        if locked:
            self._ht_refuse_locked(locked)
