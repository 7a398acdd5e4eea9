# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models


class HtVettingStep(models.Model):
    """The daily warning to the Network Coordinator before a pro bono
    professional's vetting step expires (the vetted flag itself needs no job: it
    is decided when read or searched). A step expires on its own expiry date, else
    after its type's validity (``valid_until``)."""

    _inherit = "ht.vetting.step"

    @api.model
    def _cron_warn_expiring(self):
        """One activity per professional with a step expiring within the notice
        period (Settings, default 30 days), unless one is already open:
        idempotent, whatever how often it runs."""
        days = self.env["ht.network.timing"]._ht_timing("vetting_notice_days")
        today = fields.Date.today()
        steps = self.search(
            [
                ("valid_until", ">=", today),
                ("valid_until", "<=", today + timedelta(days=days)),
                ("partner_id.ht_pro_bono", "=", True),
            ]
        )
        if not steps:
            return
        act_type = self.env.ref("ht_referral_network.mail_act_vetting_expiry")
        partners = steps.partner_id
        planned = set(
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", partners.ids),
                    ("activity_type_id", "=", act_type.id),
                ]
            )
            .mapped("res_id")
        )
        coordinator = self.env["ht.oncall.shift"]._ht_coordinator()
        model_id = self.env["ir.model"]._get_id("res.partner")
        vals = []
        for partner in partners.filtered(lambda p: p.id not in planned):
            mine = steps.filtered(lambda s, p=partner: s.partner_id == p)
            first = min(mine.mapped("valid_until"))
            vals.append(
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": act_type.id,
                    "summary": _(
                        "Vetting expires on %(date)s: %(steps)s",
                        date=first,
                        steps=", ".join(sorted(set(mine.step_type_id.mapped("name")))),
                    ),
                    "user_id": coordinator.id,
                    "date_deadline": first,
                }
            )
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(vals)
