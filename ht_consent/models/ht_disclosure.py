# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

CHANNELS = [
    ("referral_packet", "Referral packet"),
    ("portal_view", "Portal view"),
    ("print", "Print"),
    ("export", "Export"),
    ("other", "Other"),
    ("case_conference", "Case conference"),
]


class HtDisclosure(models.Model):
    """One line of the append-only disclosure log: something about a subject left
    the agency. Written only through ``_ht_log_disclosure`` (consent) or the
    compelled-disclosure wizard; never edited or deleted, by anyone."""

    _name = "ht.disclosure"
    _description = "Disclosure log line"
    _inherit = ["ht.subject.access.mixin"]
    _order = "disclosed_on desc, id desc"
    _rec_name = "subject_ref"

    subject_ref = fields.Char("Subject", readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    recipient_id = fields.Many2one(
        "res.partner",
        required=True,
        readonly=True,
        ondelete="restrict",
        index=True,
    )
    category_ids = fields.Many2many(
        "ht.consent.category",
        "ht_disclosure_category_rel",
        "disclosure_id",
        "category_id",
        string="Information",
        readonly=True,
    )
    basis = fields.Selection(
        [("consent", "Consent"), ("compelled", "Compelled by law")],
        required=True,
        readonly=True,
    )
    consent_id = fields.Many2one(
        "ht.consent", readonly=True, ondelete="restrict", index="btree_not_null"
    )
    channel = fields.Selection(CHANNELS, required=True, readonly=True)
    user_id = fields.Many2one("res.users", "By", required=True, readonly=True, ondelete="restrict")
    disclosed_on = fields.Datetime(required=True, readonly=True, index=True)
    reference = fields.Char(
        readonly=True,
        help="What was disclosed: the referral, report or export it belongs to.",
    )
    # Compelled disclosure
    legal_basis = fields.Selection(
        [
            ("court_order", "Court order"),
            ("subpoena", "Subpoena"),
            ("statute", "Statutory duty"),
        ],
        readonly=True,
    )
    legal_document = fields.Binary(attachment=True, readonly=True)
    legal_document_name = fields.Char(readonly=True)
    authorised_by_id = fields.Many2one("res.users", readonly=True, ondelete="restrict")

    def write(self, vals):  # pylint: disable=method-required-super
        # Deliberately never calls super: no one, superuser included, edits the log.
        raise UserError(_("The disclosure log is append-only: a line is never changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        # Runs for every unlink, sudo() included (only uninstalling the addon skips it).
        raise UserError(_("The disclosure log is append-only: a line is never deleted."))

    def init(self):
        res = super().init()
        # A consent's disclosures and a file's, newest first, at any size of the log
        # (benchmarks/: 10 million lines).
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS ht_disclosure_consent_date_index
                   ON ht_disclosure (consent_id, disclosed_on DESC, id DESC)
                   WHERE consent_id IS NOT NULL;
               CREATE INDEX IF NOT EXISTS ht_disclosure_subject_date_index
                   ON ht_disclosure (res_model, res_id, disclosed_on DESC, id DESC)"""
        )
        return res

    @api.model_create_multi
    def create(self, vals_list):  # pylint: disable=method-required-super
        # Deliberately never calls super, whatever the caller's context: lines are
        # appended only through _ht_append (private, so no client can call it).
        raise UserError(_("Disclosure lines are written by the system when information is shared."))

    @api.model
    def _ht_append(self, vals_list):
        """The only way into the log: ``_ht_log_disclosure`` of the subject, after
        its checks."""
        return super().create(vals_list)

    def action_open_subject(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
