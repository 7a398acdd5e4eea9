# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

MEMBERSHIP_STATES = [
    ("none", "Not a member"),
    ("applicant", "Applicant"),
    ("member", "Certified member"),
    ("suspended", "Suspended"),
    ("lapsed", "Lapsed"),
    ("withdrawn", "Withdrawn"),
]
# Which membership changes make sense (anything may be withdrawn).
MEMBERSHIP_TRANSITIONS = {
    "none": {"applicant"},
    "applicant": {"member", "withdrawn"},
    "member": {"suspended", "lapsed", "withdrawn"},
    "suspended": {"member", "withdrawn", "lapsed"},
    "lapsed": {"member", "applicant", "withdrawn"},
    "withdrawn": {"applicant"},
}
NETWORK = "ht_referral_network.group_ht_network_user"
COORDINATOR = "ht_referral_network.group_ht_network_coordinator"


class ResPartner(models.Model):
    """A provider organisation of the Coordinated Service Referral Network, or a
    pro bono professional. Network fields are readable by network users only."""

    _name = "res.partner"
    _inherit = ["res.partner", "ht.network.protected.fields.mixin"]
    _ht_protected_fields = {
        "ht_membership_state": _lt("the Change membership button (coordinators)"),
        "ht_membership_date": _lt("the Change membership button (coordinators)"),
        "ht_membership_reason": _lt("the Change membership button (coordinators)"),
        "ht_membership_event_ids": _lt("the Change membership button (coordinators)"),
        "ht_certification_expiry": _lt("the training certifications (computed)"),
        "ht_vetted": _lt("the vetting steps (computed)"),
    }

    ht_membership_state = fields.Selection(
        MEMBERSHIP_STATES,
        "Network membership",
        default="none",
        required=True,
        tracking=True,
        index=True,
        readonly=True,
        copy=False,
        groups=NETWORK,
    )
    ht_membership_date = fields.Date("Membership since", readonly=True, copy=False, groups=NETWORK)
    ht_membership_reason = fields.Char(
        "Reason of last membership change",
        readonly=True,
        tracking=True,
        copy=False,
        groups=NETWORK,
    )
    ht_membership_event_ids = fields.One2many(
        "ht.membership.event", "partner_id", "Membership history", groups=NETWORK
    )
    ht_certification_ids = fields.One2many(
        "ht.certification", "partner_id", "Training certifications", groups=NETWORK
    )
    ht_certification_expiry = fields.Date(
        "Certified until",
        compute="_compute_ht_certification_expiry",
        store=True,
        groups=NETWORK,
    )
    ht_service_ids = fields.One2many(
        "ht.service", "provider_id", "Services offered", groups=NETWORK
    )
    ht_contact_role = fields.Selection(
        [
            ("intake", "Referral intake"),
            ("emergency", "Emergency / after hours"),
            ("leadership", "Leadership"),
            ("point_person", "Network point person"),
        ],
        "Network contact role",
        groups=NETWORK,
    )
    ht_confidential_location = fields.Boolean(
        "Confidential location",
        groups=NETWORK,
        help="A shelter whose street address is kept confidential: the address fields "
        "of this contact show its public front door; the real location is kept apart "
        "and only Network Coordinators can read it.",
    )
    ht_confidential_address_ids = fields.One2many(
        "ht.confidential.address", "partner_id", groups=COORDINATOR
    )
    ht_pro_bono = fields.Boolean("Pro bono professional", groups=NETWORK)
    ht_profession = fields.Selection(
        [
            ("attorney", "Attorney"),
            ("doctor", "Doctor"),
            ("dentist", "Dentist"),
            ("psychologist", "Psychologist"),
            ("interpreter", "Interpreter"),
            ("other", "Other"),
        ],
        groups=NETWORK,
    )
    ht_vetting_step_ids = fields.One2many(
        "ht.vetting.step", "partner_id", "Vetting", groups=NETWORK
    )
    ht_vetted = fields.Boolean(
        "Vetted",
        compute="_compute_ht_vetted",
        search="_search_ht_vetted",
        groups=NETWORK,
        help="Every required vetting step of the profession verified and none expired "
        "today. Decided when read or searched (not stored), so it turns off the day a "
        "step expires.",
    )

    @api.depends("ht_certification_ids.date_expiry", "ht_certification_ids.date_obtained")
    def _compute_ht_certification_expiry(self):
        for rec in self:
            rec.ht_certification_expiry = max(
                # a line being added in the form has no expiry yet
                (d for d in rec.ht_certification_ids.mapped("date_expiry") if d),
                default=False,
            )

    @api.depends(
        "ht_profession",
        "ht_vetting_step_ids.step_type_id",
        "ht_vetting_step_ids.date",
        "ht_vetting_step_ids.valid_until",
    )
    def _compute_ht_vetted(self):
        """Every active required step type that applies to the profession has a
        step verified and not expired today (each type's validity); a profession
        no required type applies to is never vetted."""
        # today in UTC, never the caller's context (a decision, see README)
        today = fields.Date.today()
        Type = self.env["ht.vetting.step.type"]
        required_for = {}
        for rec in self:
            if rec.ht_profession not in required_for:
                required_for[rec.ht_profession] = Type._ht_required_for(rec.ht_profession)
            required = required_for[rec.ht_profession]
            done = {
                s.step_type_id.id
                for s in rec.ht_vetting_step_ids
                if s.date <= today and (not s.valid_until or s.valid_until >= today)
            }
            rec.ht_vetted = bool(required) and set(required.ids) <= done

    def _search_ht_vetted(self, operator, value):
        """Partners with every required vetting step current today (the same rule
        as the compute), as one domain: per profession, a current step of each
        type that applies to it."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on 'Vetted'."))
        today = fields.Date.today()
        current = [
            ("date", "<=", today),
            "|",
            ("valid_until", "=", False),
            ("valid_until", ">=", today),
        ]
        Type = self.env["ht.vetting.step.type"]
        professions = [code for code, _label in self._fields["ht_profession"].selection]
        per_profession = []
        for profession in [*professions, False]:
            required = Type._ht_required_for(profession)
            if not required:
                continue
            per_profession.append(
                expression.AND(
                    [[("ht_profession", "=", profession)]]
                    + [
                        [("ht_vetting_step_ids", "any", [("step_type_id", "=", t.id), *current])]
                        for t in required
                    ]
                )
            )
        vetted = expression.OR(per_profession) if per_profession else expression.FALSE_DOMAIN
        return vetted if (operator == "=") == value else ["!", *vetted]

    def _ht_certified(self, on=None):
        self.ensure_one()
        on = on or fields.Date.context_today(self)
        return any(c.date_obtained <= on <= c.date_expiry for c in self.sudo().ht_certification_ids)

    def _ht_is_member(self):
        self.ensure_one()
        # sudo: membership is not confidential; callers in other addons (referral
        # checks, portal) may run as users without network rights.
        return self.sudo().commercial_partner_id.ht_membership_state == "member"

    def _ht_set_membership(self, state, reason):
        """Change network membership, recording date and reason (coordinators)."""
        if not self.env.su and not self.env.user.has_group(COORDINATOR):
            raise AccessError(_("Only a Network Coordinator changes a network membership."))
        self.check_access("write")
        if not reason:
            raise UserError(_("Say why the membership changes."))
        labels = dict(MEMBERSHIP_STATES)
        for rec in self:
            current = rec.ht_membership_state
            if state not in MEMBERSHIP_TRANSITIONS.get(current, set()):
                raise UserError(
                    _(
                        "%(name)s cannot go from %(old)s to %(new)s.",
                        name=rec.display_name,
                        old=labels[current],
                        new=labels[state],
                    )
                )
            if state == "member" and not rec._ht_certified():
                raise UserError(
                    _(
                        "%(name)s has no current trafficking training certification: record "
                        "one before certifying it as a member.",
                        name=rec.display_name,
                    )
                )
            rec._ht_write_protected(
                {
                    "ht_membership_state": state,
                    "ht_membership_date": fields.Date.context_today(rec),
                    "ht_membership_reason": reason,
                }
            )
            # sudo: the history line is written by the system only, after the
            # checks above (nobody creates membership events directly).
            self.env["ht.membership.event"].sudo().create(
                {
                    "partner_id": rec.id,
                    "from_state": current,
                    "to_state": state,
                    "reason": reason,
                    "user_id": self.env.uid,
                }
            )
        return True

    def action_ht_change_membership(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Change network membership"),
            "res_model": "ht.membership.change",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.id},
        }

    @api.model
    def _cron_ht_lapse_memberships(self):
        """Members whose training certification is no longer current lapse."""
        today = fields.Date.context_today(self)
        members = self.search([("ht_membership_state", "=", "member")])
        lapsed = members.filtered(lambda p: not p._ht_certified(today))
        if lapsed:
            lapsed._ht_set_membership("lapsed", _("Training certification expired"))
        return lapsed
