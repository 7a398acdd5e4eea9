# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HtNetworkEvent(models.Model):
    """A training or presentation the network holds or attends (toolkit step 8:
    keep a log of presentations and trainings)."""

    _name = "ht.network.event"
    _description = "Network training or presentation"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char("Title", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    event_type = fields.Selection(
        [
            ("training_held", "Training held"),
            ("training_attended", "Training attended"),
            ("presentation", "Presentation / awareness"),
            ("cross_training", "Cross-training between members"),
            ("meeting", "Network meeting"),
        ],
        "Type",
        required=True,
        default="training_held",
    )
    location = fields.Char()
    audience = fields.Char(help="e.g. law enforcement, health care providers, schools")
    attendance = fields.Integer()
    partner_ids = fields.Many2many(
        "res.partner", string="Participating organisations", domain=[("is_company", "=", True)]
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Materials")
    takeaways = fields.Html()

    @api.constrains("attendance")
    def _check_attendance(self):
        if any(rec.attendance < 0 for rec in self):
            raise ValidationError(_("Attendance cannot be negative."))
