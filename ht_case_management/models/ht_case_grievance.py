# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)
SUPERVISOR = "ht_consent.group_ht_supervisor"


class HtCaseGrievance(models.Model):
    """A client's complaint (about a service, a staff member, a partner agency),
    filed by the client or through their advocate, routed to a supervisor who is
    neither the case manager nor the person it is about, and resolved with an
    answer.

    Who reads it (record rules): whoever filed it, the supervisor it is routed to,
    and supervisors of the agency; never the staff member it is about (a global
    rule, whatever their role). The case team does not read grievances of their
    case: the client must be able to complain about the way their case is handled
    without the case manager knowing. What was filed never changes; the answer is
    written by the supervisor handling it and, once resolved, is kept as it was."""

    _name = "ht.case.grievance"
    _description = "Client grievance"
    _ht_case_data = True
    _inherit = ["mail.thread", "mail.activity.mixin", "ht.protected.fields.mixin"]
    _order = "received_on desc, id desc"
    _mail_post_access = "read"
    _ht_protected_fields = {
        "name": _lt("its creation (a sequence)"),
        "case_id": _lt("its filing"),
        "kind": _lt("its filing"),
        "subject_user_id": _lt("its filing"),
        "subject_partner_id": _lt("its filing"),
        "filed_via": _lt("its filing"),
        "advocate_name": _lt("its filing"),
        "description": _lt("its filing"),
        "received_on": _lt("its filing"),
        "handler_id": _lt("its routing to a supervisor (Route to another supervisor)"),
        "state": _lt("the Resolve button"),
        "resolved_on": _lt("the Resolve button"),
        "resolved_by_id": _lt("the Resolve button"),
    }
    _ht_protected_create_ok = (
        "case_id",
        "kind",
        "subject_user_id",
        "subject_partner_id",
        "filed_via",
        "advocate_name",
        "description",
        "received_on",
    )

    name = fields.Char("Reference", readonly=True, copy=False, default=lambda s: s.env._("New"))
    case_id = fields.Many2one("ht.case", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    kind = fields.Selection(
        [
            ("service", "A service of the agency"),
            ("staff", "A staff member"),
            ("partner", "A partner agency"),
            ("other", "Other"),
        ],
        "About",
        required=True,
        default="service",
    )
    subject_user_id = fields.Many2one(
        "res.users",
        "Staff member concerned",
        ondelete="restrict",
        index=True,
        help="Never reads this grievance, whatever their role.",
    )
    subject_partner_id = fields.Many2one(
        "res.partner",
        "Partner agency concerned",
        domain=[("is_company", "=", True)],
        ondelete="restrict",
    )
    filed_via = fields.Selection(
        [
            ("client", "The client"),
            ("advocate", "The client's advocate"),
            ("writing", "In writing (letter, complaint box)"),
        ],
        "Filed by",
        required=True,
        default="client",
    )
    advocate_name = fields.Char("Advocate")
    description = fields.Text("Complaint", required=True)
    received_on = fields.Date(required=True, default=fields.Date.context_today)
    handler_id = fields.Many2one(
        "res.users", "Handled by", readonly=True, index=True, ondelete="restrict"
    )
    state = fields.Selection(
        [("open", "Open"), ("resolved", "Resolved")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
    )
    answer = fields.Text("Answer to the client")
    resolved_on = fields.Date(readonly=True, copy=False)
    resolved_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    @api.constrains("kind", "subject_user_id", "subject_partner_id", "received_on")
    def _check_subject(self):
        for rec in self:
            if rec.kind == "staff" and not rec.subject_user_id:
                raise ValidationError(_("Say which staff member the grievance is about."))
            if rec.kind == "partner" and not rec.subject_partner_id:
                raise ValidationError(_("Say which partner agency the grievance is about."))
            if rec.received_on > fields.Date.context_today(rec):
                raise ValidationError(_("A grievance cannot be received in the future."))

    # ------------------------------------------------------------------ ORM

    @api.model_create_multi
    def create(self, vals_list):
        self._ht_check_protected_create(vals_list)
        for vals in vals_list:
            case = self.env["ht.case"].browse(vals.get("case_id"))
            # the case must be one the user works on: filed from the case
            case.check_access("read")
            if vals.get("subject_user_id") == self.env.uid and not self.env.su:
                raise UserError(
                    _(
                        "This grievance is about you: a supervisor or the client's advocate "
                        "records it, so that it reaches someone else."
                    )
                )
            # sudo: the sequence is configuration.
            vals["name"] = self.env["ir.sequence"].sudo().next_by_code("ht.case.grievance")
            subject = self.env["res.users"].browse(vals.get("subject_user_id"))
            vals["handler_id"] = self._ht_pick_handler(case, subject).id
        with self._ht_protected_open():
            grievances = super().create(vals_list)
        grievances._ht_plan_handler_activity()
        return grievances

    def write(self, vals):
        if not self._ht_protected_allowed():
            self.check_access("write")
            # sudo: state and handler are read to decide, on rows the user may write.
            for rec in self.sudo():
                if rec.state == "resolved":
                    raise UserError(
                        _(
                            "Grievance %(ref)s was resolved and is kept as it was answered.",
                            ref=rec.name,
                        )
                    )
                if "answer" in vals and not self.browse(rec.id)._ht_may_answer():
                    raise UserError(
                        _(
                            "Only the supervisor handling grievance %(ref)s answers it.",
                            ref=rec.name,
                        )
                    )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("Grievances are kept."))

    # ------------------------------------------------------------------ routing

    @api.model
    def _ht_pick_handler(self, case, subject):
        """The case's supervisor, else a supervisor of the agency; never the case
        manager nor the staff member the grievance is about."""
        excluded = case.sudo().case_manager_id | subject
        # sudo: the case's supervisor and the agency's supervisors are read to route
        # the grievance, on a case the user reads (checked by the caller).
        candidates = case.sudo().supervisor_id | self.env.ref(SUPERVISOR).sudo().users.filtered(
            lambda u: case.sudo().company_id in u.company_ids and not u._is_superuser()
        )
        handler = (candidates - excluded)[:1]
        if not handler:
            raise UserError(
                _(
                    "No supervisor other than the case manager and the person concerned can "
                    "handle this grievance: ask your administrator to name one."
                )
            )
        return handler

    def _ht_plan_handler_activity(self):
        act_type = self.env.ref("ht_case_management.mail_act_grievance")
        for rec in self:
            # sudo: the activity goes to the handler, who reads the grievance (rules);
            # the summary carries the reference only.
            rec.sudo().activity_schedule(
                activity_type_id=act_type.id,
                summary=_("Grievance %(ref)s: answer the client", ref=rec.name),
                user_id=rec.handler_id.id,
            )

    def _ht_may_answer(self):
        self.ensure_one()
        user = self.env.user
        return self.env.su or (
            user != self.subject_user_id and (user == self.handler_id or user.has_group(SUPERVISOR))
        )

    def _ht_route_to(self, user):
        """A supervisor hands the grievance to another supervisor."""
        self.ensure_one()
        if not self.env.user.has_group(SUPERVISOR):
            raise AccessError(_("Only a supervisor routes a grievance."))
        self.check_access("write")
        if self.state == "resolved":
            raise UserError(_("Grievance %(ref)s is resolved.", ref=self.name))
        # sudo: the case manager is read to exclude them, on a grievance the user may write.
        if (
            user == self.sudo().case_id.case_manager_id
            or user == self.subject_user_id
            or not user.has_group(SUPERVISOR)
        ):
            raise UserError(
                _(
                    "A grievance goes to a supervisor other than the case manager and the "
                    "person concerned."
                )
            )
        # sudo: the previous handler's activity goes; the user may write the grievance.
        self.sudo().activity_unlink(["ht_case_management.mail_act_grievance"])
        self._ht_write_protected({"handler_id": user.id})
        self._ht_plan_handler_activity()
        return True

    def action_resolve(self):
        for rec in self:
            rec.check_access("write")
            if rec.state == "resolved":
                raise UserError(_("Grievance %(ref)s is already resolved.", ref=rec.name))
            if not rec._ht_may_answer():
                raise UserError(
                    _("Only the supervisor handling grievance %(ref)s resolves it.", ref=rec.name)
                )
            if not (rec.answer or "").strip():
                raise UserError(_("Write the answer given to the client first."))
            rec._ht_write_protected(
                {
                    "state": "resolved",
                    "resolved_on": fields.Date.context_today(rec),
                    "resolved_by_id": self.env.uid,
                }
            )
            # sudo: the answer is given (checked above); whoever resolves it closes the
            # handler's activity, which carries the reference only.
            rec.sudo().activity_feedback(["ht_case_management.mail_act_grievance"])
        return True
