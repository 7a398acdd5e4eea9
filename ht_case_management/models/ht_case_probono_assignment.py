# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

# A pro bono professional is referred to: the same use of consent as a referral.
PROBONO_USE = "referral"
EDITABLE = {"assignment_type", "details_to_share", "note", "date_end", "state"}


class HtCaseProbonoAssignment(models.Model):
    """A vetted pro bono professional (legal representation, medical care,
    interpreting) assigned to a case. Like a referral, it goes through the consent
    check (professional, categories, purpose) when it is made and is logged as a
    disclosure; the professional sees, on the portal, the case code and the
    categories the consent covers, re-decided at each view."""

    _name = "ht.case.probono.assignment"
    _description = "Pro bono assignment"
    _ht_case_data = True
    _order = "date_start desc, id desc"
    _rec_name = "case_code"

    case_id = fields.Many2one(
        "ht.case",
        required=True,
        ondelete="restrict",
        index=True,
        groups="ht_consent.group_ht_case_worker",
    )
    case_code = fields.Char("Case code", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    professional_id = fields.Many2one(
        "res.partner",
        required=True,
        ondelete="restrict",
        index=True,
        domain="[('ht_pro_bono', '=', True), ('ht_vetted', '=', True)]",
    )
    assignment_type = fields.Selection(
        [
            ("legal", "Legal representation"),
            ("medical", "Medical"),
            ("interpreting", "Interpreting"),
            ("other", "Other"),
        ],
        "Type",
        required=True,
        default="legal",
    )
    category_ids = fields.Many2many(
        "ht.consent.category",
        string="Information shared",
        required=True,
        help="What the professional may see; the client's consent must cover it.",
    )
    consent_id = fields.Many2one(
        "ht.consent", readonly=True, copy=False, groups="ht_consent.group_ht_case_worker"
    )
    state = fields.Selection(
        [("assigned", "Assigned"), ("ended", "Ended"), ("withdrawn", "Consent withdrawn")],
        required=True,
        default="assigned",
        readonly=True,
    )
    date_start = fields.Date(required=True, default=fields.Date.today, readonly=True)
    date_end = fields.Date()
    details_to_share = fields.Text(
        groups="ht_consent.group_ht_case_worker",
        help="Shown to the professional on the portal while the consent holds: only "
        "what belongs to the information categories above.",
    )
    note = fields.Text("Internal note", groups="ht_consent.group_ht_case_worker")

    # ------------------------------------------------------------------ rules

    def _ht_check_professional(self, professional):
        # sudo: the vetting steps are the network's; a yes/no is decided, now.
        professional = professional.sudo()
        professional.invalidate_recordset(["ht_vetted"])
        if not professional.ht_pro_bono or not professional.ht_vetted:
            raise UserError(
                _(
                    "%(name)s is not a vetted pro bono professional today: every vetting "
                    "step must be current before they are assigned to a case.",
                    name=professional.display_name,
                )
            )
        if not professional.commercial_partner_id.is_company:
            raise UserError(
                _(
                    "Set the practice or firm of %(name)s as their company: a client's "
                    "consent names organisations.",
                    name=professional.display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            case = self.env["ht.case"].browse(vals.get("case_id"))
            vals.update(
                case_code=case.code,
                company_id=case.company_id.id,
                consent_id=False,
                state="assigned",
                date_start=fields.Date.today(),
            )
        assignments = super().create(vals_list)
        for rec in assignments:
            case = rec.case_id
            rec._ht_check_professional(rec.professional_id)
            # the same check as a referral's (recipient, categories, purpose, now),
            # as the user, on what was actually stored; a refusal undoes the create
            consent = case._ht_consent_check(rec.professional_id, rec.category_ids, PROBONO_USE)
            super(HtCaseProbonoAssignment, rec).write({"consent_id": consent.id})
            case._ht_log_disclosure(
                rec.professional_id,
                rec.category_ids,
                consent=consent,
                channel="other",
                reference=_("Pro bono assignment %(code)s", code=rec.case_code),
            )
        return assignments

    def write(self, vals):
        if not self.env.su:
            if set(vals) - EDITABLE:
                raise UserError(
                    _(
                        "The case, the professional and what is shared do not change: end "
                        "this assignment and make a new one."
                    )
                )
            if "state" in vals and (
                vals["state"] != "ended" or self.filtered(lambda r: r.state == "withdrawn")
            ):
                raise UserError(_("An assignment can only be ended (use End)."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("Pro bono assignments are kept: end one instead."))

    def action_end(self):
        self.write({"state": "ended", "date_end": fields.Date.today()})

    # ------------------------------------------------------------------ portal

    def _ht_portal_visible(self):
        """Called as superuser each time a professional is shown these assignments
        (their own, found by the controller): those whose consent still lets the
        categories go to the professional now; the others are withdrawn at once
        (state, case manager told), whether or not a cron has run."""
        shown = self.browse()
        for rec in self.filtered(lambda r: r.state == "assigned"):
            rec._ht_reattach()
            consent = rec.consent_id
            if consent and not consent._ht_refusal(
                rec.professional_id, rec.category_ids, PROBONO_USE
            ):
                shown |= rec
        (self.filtered(lambda r: r.state == "assigned") - shown)._ht_withdraw()
        return shown

    def _ht_reattach(self):
        """Assignments whose consent was superseded (renewed or amended) by one
        that still covers them move to it. Returns those that did not."""
        stranded = self.browse()
        for rec in self:
            # sudo: the consent is read to decide, never shown to the professional.
            consent = rec.sudo().consent_id
            new = consent.superseded_by_id
            if (
                consent._ht_refusal(rec.professional_id, rec.category_ids, PROBONO_USE)
                and new
                and not new._ht_refusal(rec.professional_id, rec.category_ids, PROBONO_USE)
            ):
                super(HtCaseProbonoAssignment, rec.sudo()).write({"consent_id": new.id})
            elif consent._ht_refusal(rec.professional_id, rec.category_ids, PROBONO_USE):
                stranded |= rec
        return stranded

    def _ht_withdraw(self):
        """The consent no longer covers these assignments: the professional sees
        nothing more, and the case manager is told."""
        if not self:
            return
        # sudo: the system ends what consent no longer covers, for whoever triggered it.
        records = self.sudo()
        records.write({"state": "withdrawn", "date_end": fields.Date.today()})
        model_id = self.env["ir.model"]._get_id("ht.case")
        act_type = self.env.ref("ht_case_management.mail_act_probono_withdrawn")
        template = self.env.ref("ht_case_management.mail_template_probono_withdrawn")
        # in the case manager's language (whoever triggered it)
        texts = {
            rec.id: template._ht_render(rec, lang=rec.case_id.case_manager_id.lang)
            for rec in records
        }
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": rec.case_id.id,
                    "activity_type_id": act_type.id,
                    "summary": texts[rec.id]["subject"],
                    "note": texts[rec.id]["body"],
                    "user_id": rec.case_id.case_manager_id.id,
                    "date_deadline": fields.Date.today(),
                }
                for rec in records
            ]
        )
