# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class HtFunderReportRun(models.Model):
    """One line of the append-only log of funder reports: who ran which report,
    for which agency and period, how many cases it counted and the SHA-256 of the
    file it produced. Written only by the report wizard (``_ht_append``); never
    changed or deleted, by anyone. Supervisors of the agency read it; the file
    itself (an attachment of the line) is downloaded by the user who ran it only
    (``ir.attachment``: ``_ht_funder_report_file_check``)."""

    _name = "ht.funder.report.run"
    _description = "Funder report run"
    _order = "run_on desc, id desc"
    _rec_name = "period_label"

    user_id = fields.Many2one("res.users", "Run by", required=True, readonly=True, index=True)
    run_on = fields.Datetime(required=True, readonly=True)
    template_id = fields.Many2one(
        "ht.funder.report.template", "Report", required=True, readonly=True, ondelete="restrict"
    )
    company_id = fields.Many2one("res.company", "Agency", required=True, readonly=True, index=True)
    period_label = fields.Char("Period", required=True, readonly=True)
    date_from = fields.Date(readonly=True)
    date_to = fields.Date(readonly=True)
    output = fields.Selection(
        [("preview", "Preview on screen"), ("xlsx", "XLSX"), ("csv", "CSV")],
        required=True,
        readonly=True,
    )
    case_count = fields.Integer("Clients counted", readonly=True)
    excluded_shown = fields.Char("Left out (rounded)", readonly=True)
    file_name = fields.Char(readonly=True)
    file_sha256 = fields.Char("SHA-256 of the file", readonly=True)
    attachment_id = fields.Many2one("ir.attachment", "File", readonly=True, ondelete="restrict")

    def write(self, vals):  # pylint: disable=method-required-super
        # Deliberately never calls super: no one, superuser included, edits the log.
        raise UserError(_("The funder report log is append-only: a line is never changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        # Runs for every unlink, sudo() included (only uninstalling the addon skips it).
        raise UserError(_("The funder report log is append-only: a line is never deleted."))

    @api.model_create_multi
    def create(self, vals_list):  # pylint: disable=method-required-super
        # Deliberately never calls super, whatever the caller's context: lines are
        # appended only through _ht_append (private, so no client can call it).
        raise UserError(_("Funder report runs are logged by the report wizard."))

    @api.model
    def _ht_append(self, vals):
        """The only way into the log: the report wizard, after its checks. The
        line (and its file) belong to the user who ran the report."""
        vals = dict(vals, user_id=self.env.uid, run_on=fields.Datetime.now())
        # sudo: supervisors only read the log; the wizard checked the user's role
        # and agency, and the values are computed by the wizard, not the client.
        return super(HtFunderReportRun, self.sudo()).create([vals]).sudo(False)

    def _ht_attach(self, name, raw, mimetype):
        """Attach the report's file to this line, owned by its runner (sudo keeps
        the user as creator); private: no client calls it."""
        self.ensure_one()
        if self.user_id != self.env.user:
            raise AccessError(_("Only the user who ran a report receives its file."))
        # sudo: the log line is read-only for everyone; the attachment is created
        # by the runner (create_uid), who alone may read it afterwards.
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": name,
                    "raw": raw,
                    "mimetype": mimetype,
                    "res_model": self._name,
                    "res_id": self.id,
                    "public": False,
                }
            )
        )
        # the log's own private path: write() refuses every change
        super(HtFunderReportRun, self.sudo()).write({"attachment_id": attachment.id})
        return attachment.sudo(False)

    def action_download(self):
        self.ensure_one()
        if not self.attachment_id or self.user_id != self.env.user:
            raise UserError(_("Only the user who ran this report can download its file."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.attachment_id.id}?download=true",
            "target": "self",
        }
