# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

from .ht_case_stage_requirement import APPROVAL_KINDS

_lt = LazyTranslate(__name__)
SUPERVISOR = "ht_consent.group_ht_supervisor"


class HtCaseApproval(models.Model):
    """A supervisor's approval of a step of a case (closing it, its service
    plan), as Primero has them: the case worker asks (ht.case:
    action_request_approval), a supervisor other than the asker approves or sends
    it back with a comment. Append-only: who asked and decided, when, and the
    comment are set by these methods only, and nothing is deleted; asking again
    after a send-back is a new record."""

    _name = "ht.case.approval"
    _description = "Case approval"
    _inherit = ["ht.protected.fields.mixin"]
    _ht_case_data = True
    _order = "requested_on desc, id desc"
    _rec_name = "kind"
    _ht_protected_fields = {
        "case_id": _lt("asking for an approval on the case"),
        "kind": _lt("asking for an approval on the case"),
        "stage_id": _lt("asking for an approval on the case"),
        "stage_history_id": _lt("asking for an approval on the case"),
        "requested_by_id": _lt("asking for an approval on the case"),
        "requested_on": _lt("asking for an approval on the case"),
        "state": _lt("the Approve and Send back buttons (supervisors)"),
        "decided_by_id": _lt("the Approve and Send back buttons (supervisors)"),
        "decided_on": _lt("the Approve and Send back buttons (supervisors)"),
        "activity_id": _lt("asking for an approval on the case"),
    }

    case_id = fields.Many2one("ht.case", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    kind = fields.Selection(APPROVAL_KINDS, "Approval of", required=True)
    stage_id = fields.Many2one("ht.case.stage", "Asked in stage", ondelete="restrict")
    stage_history_id = fields.Many2one("ht.case.stage.history", ondelete="restrict")
    state = fields.Selection(
        [("requested", "Waiting"), ("approved", "Approved"), ("sent_back", "Sent back")],
        required=True,
        default="requested",
    )
    requested_by_id = fields.Many2one("res.users", "Asked by", readonly=True)
    requested_on = fields.Datetime("Asked on", readonly=True)
    decided_by_id = fields.Many2one("res.users", "Decided by", readonly=True)
    decided_on = fields.Datetime("Decided on", readonly=True)
    decision_note = fields.Text(
        "Comment", help="The supervisor's comment; required to send it back."
    )
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")

    def write(self, vals):
        if "decision_note" in vals and not self._ht_protected_allowed():
            # sudo: the state is read to decide, on rows the user may write (ACL).
            for rec in self.sudo():
                if rec.state != "requested":
                    raise UserError(
                        _("A decided approval is kept as it was decided: ask again instead.")
                    )
            self._ht_check_decider()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("Approvals are the case's history: they are never deleted."))

    # ------------------------------------------------------------------ asking

    @api.model
    def _ht_request(self, case, kind):
        """Ask for an approval of ``kind`` on ``case``: the caller must be able to
        change the case; one waiting request per kind at a time."""
        case.ensure_one()
        case.check_access("write")
        if kind not in dict(APPROVAL_KINDS):
            raise UserError(_("Unknown kind of approval."))
        if case.is_closed:
            raise UserError(_("%(case)s is closed: re-engage it first.", case=case.code))
        # sudo: approvals are written by this method only (no create right); the
        # caller may change the case (checked above).
        approvals = self.sudo().search([("case_id", "=", case.id), ("kind", "=", kind)])
        if approvals.filtered(lambda a: a.state == "requested"):
            raise UserError(
                _("An approval of this step of %(case)s is already waiting.", case=case.code)
            )
        approver = self._ht_pick_approver(case)
        label = dict(self._fields["kind"]._description_selection(self.env))[kind]
        activity = case.activity_schedule(
            "ht_case_management.mail_act_ht_approval_request",
            summary=_("Approve: %(what)s", what=label),
            user_id=approver.id,
        )
        with self._ht_protected_open():
            approval = self.sudo().create(
                {
                    "case_id": case.id,
                    "kind": kind,
                    "stage_id": case.stage_id.id,
                    "stage_history_id": case._ht_current_stage_visit().id,
                    "requested_by_id": self.env.uid,
                    "requested_on": fields.Datetime.now(),
                    "activity_id": activity.id,
                }
            )
        # the case code and the step only: nothing of the person
        case.message_post(
            body=_("%(case)s: approval asked (%(what)s).", case=case.code, what=label),
            subtype_xmlid="mail.mt_note",
        )
        return approval.with_env(self.env)

    def _ht_pick_approver(self, case):
        """The case's supervisor, else a supervisor of the agency; never the asker."""
        # sudo: the case's supervisor and the agency's supervisors are read to route
        # the request, on a case the user may change (checked by the caller).
        candidates = case.sudo().supervisor_id | self.env.ref(SUPERVISOR).sudo().users.filtered(
            lambda u: case.sudo().company_id in u.company_ids and not u._is_superuser()
        )
        approver = (candidates.filtered(lambda u: u.has_group(SUPERVISOR)) - self.env.user)[:1]
        if not approver:
            raise UserError(
                _("No supervisor of the agency other than you can approve this: ask one.")
            )
        return approver

    # ------------------------------------------------------------------ deciding

    def _ht_check_decider(self):
        """Only a supervisor who may change the case, and never the asker."""
        if not self.env.user.has_group(SUPERVISOR):
            raise UserError(_("Only a supervisor approves or sends back a request."))
        for rec in self:
            # sudo: who asked is compared with the caller, nothing is returned.
            if rec.sudo().requested_by_id == self.env.user:
                raise UserError(
                    _("You cannot decide on your own request: another supervisor does.")
                )
            rec.case_id.check_access("write")

    def action_approve(self):
        return self._ht_decide("approved")

    def action_send_back(self):
        return self._ht_decide("sent_back")

    def _ht_decide(self, state):
        self._ht_check_decider()
        for rec in self:
            # sudo: the row is decided by this method only, after the checks above.
            row = rec.sudo()
            if row.state != "requested":
                raise UserError(_("This request was already decided."))
            if state == "sent_back" and not (row.decision_note or "").strip():
                raise UserError(_("Say why it is sent back (comment) before sending it back."))
            with self._ht_protected_open():
                row.write(
                    {
                        "state": state,
                        "decided_by_id": self.env.uid,
                        "decided_on": fields.Datetime.now(),
                    }
                )
            rec.activity_id.action_feedback()
            case = rec.case_id
            label = dict(self._fields["kind"]._description_selection(self.env))[row.kind]
            if state == "approved":
                body = _("%(case)s: approved (%(what)s).", case=case.code, what=label)
            else:
                body = _(
                    "%(case)s: sent back (%(what)s); see the approval's comment.",
                    case=case.code,
                    what=label,
                )
                case.activity_schedule(
                    "ht_case_management.mail_act_ht_approval_sent_back",
                    summary=_("Sent back: %(what)s", what=label),
                    user_id=row.requested_by_id.id,
                )
            case.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True
