# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError

FEEDBACK_FIELDS = ("feedback_invited_on",)


class HtCase(models.Model):
    """Client feedback, anonymous by design: the agency hands the client a link to
    a short survey (Odoo's survey). The answer is created by the superuser for the
    public user: no partner, no e-mail, no case, no case worker on it, and its
    random token is shown once to the case worker, stored nowhere on the case. The
    case records only the date it was last invited (a date, not a time)."""

    _inherit = "ht.case"

    feedback_invited_on = fields.Date(
        "Feedback invited on",
        readonly=True,
        copy=False,
        help="When the client was last handed a feedback survey link. Nothing links "
        "the case to the answers.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get(f) for vals in vals_list for f in FEEDBACK_FIELDS):
            self._ht_refuse_feedback_fields()
        return super().create(vals_list)

    def write(self, vals):
        if not self._ht_protected_allowed() and set(FEEDBACK_FIELDS) & set(vals):
            self._ht_refuse_feedback_fields()
        return super().write(vals)

    def _ht_refuse_feedback_fields(self):
        raise UserError(_("The feedback date is set only by the Invite to feedback button."))

    def action_invite_feedback(self):
        """Create one anonymous survey answer and show its link, to hand to the
        client (printed, read out or sent by the client's own means)."""
        self.ensure_one()
        self.check_access("write")
        survey = self.env.ref("ht_case_management.ht_feedback_survey", raise_if_not_found=False)
        if not survey or not survey.sudo().active:
            raise UserError(_("The client feedback survey is archived: ask an administrator."))
        # The superuser creates the answer for the public user: it holds no partner,
        # e-mail or creator that could lead back to this case or its case worker.
        root = self.env["res.users"].browse(SUPERUSER_ID)
        answer = (
            survey.with_user(root)
            .sudo()
            ._create_answer(user=self.env.ref("base.public_user"), check_attempts=False)
        )
        url = answer.get_base_url() + answer.get_start_url()
        with self._ht_protected_open():
            self.write({"feedback_invited_on": fields.Date.context_today(self)})
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Feedback survey link"),
                "message": _(
                    "Hand this link to the client (printed or read out). It is shown only "
                    "now and is not kept with the case: %(url)s",
                    url=url,
                ),
                "sticky": True,
                "type": "info",
            },
        }
