# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError


class HtReferralWizard(models.TransientModel):
    """Refer a need: the network's matching ranks the providers; the case worker
    picks one and gets a draft referral."""

    _name = "ht.referral.wizard"
    _inherit = ["ht.wizard.link.mixin"]
    _description = "Find a provider"
    _ht_case_data = True
    # a referral is drafted on a case the user works (may write)
    _ht_link_checks = {"case_id": ("read", "write"), "need_id": ("read",)}

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
    no_result_reason = fields.Text(readonly=True)

    @api.onchange("need_id")
    def _onchange_need(self):
        if self.need_id:
            self.category_id = self.need_id.category_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # the links first (ht.wizard.link.mixin): the defaults below read the case
            self._ht_check_links(vals)
            if vals.get("case_id"):
                case = self.env["ht.case"].browse(vals["case_id"])
                for key, value in self._ht_defaults_from_case(case, vals.get("need_id")).items():
                    vals.setdefault(key, value)
        wizards = super().create(vals_list)
        wizards.action_search()
        return wizards

    @api.model
    def _ht_defaults_from_case(self, case, need_id=None):
        """What the case already says: its most urgent open need (when none was
        chosen) and that need's service, the client's age, language and age group."""
        need = self.env["ht.case.need"].browse(need_id) if need_id else False
        if not need:
            need = case.need_ids.filtered(lambda n: n.status in ("identified", "in_plan", "unmet"))[
                :1
            ]
        populations = self.env["ht.population"]
        if case.date_of_birth:
            code = "minors" if case.is_minor else "adults"
            populations = populations.search([("code", "=", code)], limit=1)
        return {
            "need_id": need.id if need else False,
            "category_id": (
                need.category_id
                if need
                else self.env.ref("ht_referral_network.ht_service_category_case_management")
            ).id,
            "age": case.age,
            "lang_id": case.lang_id.id,
            "population_ids": [Command.set(populations.ids)],
        }

    def _ht_match(self, **overrides):
        self.ensure_one()
        case = self.case_id
        criteria = {
            "populations": self.population_ids,
            "lang": self.lang_id or case.lang_id,
            "region": self.region_id,
            "age": self.age or case.age or None,
            "need_24_7": self.mode == "emergency",
            "referring_partner": case.company_id.partner_id,
        }
        criteria.update(overrides)
        return self.env["ht.service"]._ht_match(self.category_id, **criteria)

    def action_search(self):
        lines = self.env["ht.referral.wizard.line"]
        for wizard in self:
            found = wizard._ht_match()
            # Only this wizard's own result rows: the caller may write this wizard
            # (checked first), and rows are rebuilt below from the matching alone.
            wizard.check_access("write")
            # sudo: a case worker may not delete wizard rows in general (ACL).
            wizard.line_ids.sudo().unlink()
            lines.create(
                [
                    {"wizard_id": wizard.id, "rank": rank, "service_id": service.id}
                    for rank, service in enumerate(found, 1)
                ]
            )
            wizard.no_result_reason = False if found else wizard._ht_no_result_reason()
        return self._ht_reopen()

    def _ht_no_result_reason(self):
        """Why nothing matched: which of the hard filters, dropped alone, would
        find a provider."""
        self.ensure_one()
        service = self.category_id.display_name
        if not self._ht_match(populations=None, region=None, age=None, need_24_7=False):
            return _(
                "No certified member of the network offers an active %(service)s service. "
                "Choose a broader service, or ask the network coordinator about this gap.",
                service=service,
            )
        blocking = []
        if self.population_ids and self._ht_match(populations=None):
            blocking.append(
                _("populations (%(names)s)", names=", ".join(self.population_ids.mapped("name")))
            )
        if self.region_id and self._ht_match(region=None):
            blocking.append(_("region (%(name)s)", name=self.region_id.name))
        if (self.age or self.case_id.age) and self._ht_match(age=None):
            blocking.append(_("age (%(age)s)", age=self.age or self.case_id.age))
        if self.mode == "emergency" and self._ht_match(need_24_7=False):
            blocking.append(_("24/7 or on call now (emergency mode)"))
        if blocking:
            return _(
                "No %(service)s service matches every criterion. Providers would be found "
                "without: %(criteria)s. Change that criterion and search again.",
                service=service,
                criteria="; ".join(blocking),
            )
        return _(
            "No %(service)s service matches these criteria together (populations, region, "
            "age, emergency). Relax some of them and search again.",
            service=service,
        )

    def _ht_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Find a provider"),
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
