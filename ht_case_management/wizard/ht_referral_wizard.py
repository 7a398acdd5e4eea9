# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HtReferralWizard(models.TransientModel):
    """Refer a need: the network's matching ranks the providers; the case worker
    picks one and gets a draft referral."""

    _name = "ht.referral.wizard"
    _description = "Find a provider"
    _ht_case_data = True

    case_id = fields.Many2one("ht.case", required=True, ondelete="cascade")
    need_id = fields.Many2one("ht.case.need", domain="[('case_id', '=', case_id)]")
    category_id = fields.Many2one("ht.service.category", "Service", required=True)
    mode = fields.Selection(
        [
            ("standard", "Standard"),
            ("warm_handoff", "Warm hand-off"),
            ("emergency", "Emergency (24/7)"),
        ],
        required=True,
        default="standard",
    )
    population_ids = fields.Many2many("ht.population", string="Populations")
    region_id = fields.Many2one("ht.region")
    lang_id = fields.Many2one("res.lang", "Language", context={"active_test": False})
    age = fields.Integer()
    line_ids = fields.One2many("ht.referral.wizard.line", "wizard_id", "Ranked providers")

    @api.onchange("need_id")
    def _onchange_need(self):
        if self.need_id:
            self.category_id = self.need_id.category_id

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards.action_search()
        return wizards

    def action_search(self):
        for wizard in self:
            case = wizard.case_id
            found = self.env["ht.service"]._ht_match(
                wizard.category_id,
                populations=wizard.population_ids,
                lang=wizard.lang_id or case.lang_id,
                region=wizard.region_id,
                age=wizard.age or case.age or None,
                need_24_7=wizard.mode == "emergency",
                referring_partner=case.company_id.partner_id,
            )
            wizard.line_ids = [(5,)] + [
                (0, 0, {"rank": rank, "service_id": service.id})
                for rank, service in enumerate(found, 1)
            ]
        return self._ht_reopen()

    def _ht_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self[:1].id,
            "view_mode": "form",
            "target": "new",
        }


class HtReferralWizardLine(models.TransientModel):
    _name = "ht.referral.wizard.line"
    _description = "Ranked provider"
    _ht_case_data = True
    _order = "rank"

    wizard_id = fields.Many2one("ht.referral.wizard", required=True, ondelete="cascade")
    rank = fields.Integer()
    service_id = fields.Many2one("ht.service", required=True)
    provider_id = fields.Many2one(related="service_id.provider_id")
    capacity_available = fields.Integer(related="service_id.capacity_available")
    capacity_stale = fields.Boolean(related="service_id.capacity_stale")
    is_24_7 = fields.Boolean(related="service_id.is_24_7")

    def action_choose(self):
        self.ensure_one()
        wizard = self.wizard_id
        if not wizard.case_id:
            raise UserError(_("The case is missing."))
        referral = self.env["ht.referral"].create(
            {
                "case_id": wizard.case_id.id,
                "need_id": wizard.need_id.id,
                "service_id": self.service_id.id,
                "mode": wizard.mode,
            }
        )
        if wizard.need_id and wizard.need_id.status == "identified":
            wizard.need_id.status = "in_plan"
        wizard.unlink()  # the search is done (its lines go with it)
        return {
            "type": "ir.actions.act_window",
            "res_model": "ht.referral",
            "res_id": referral.id,
            "view_mode": "form",
            "target": "current",
        }
