# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools.sql import create_index


class HtService(models.Model):
    """Services in the Open Referral HSDS directory (stable id, published or not)."""

    _name = "ht.service"
    _inherit = ["ht.service", "ht.hsds.mixin"]

    ht_hsds_listed = fields.Boolean(
        "Listed in the HSDS directory",
        compute="_compute_ht_hsds_listed",
        store=True,
        compute_sudo=True,
        help="Published, and so is its provider organisation (active): what the HSDS "
        "export and API show. Kept by the system, so a page of the API counts one table.",
    )

    @api.depends(
        "ht_hsds_published",
        "provider_id.ht_hsds_published",
        "provider_id.is_company",
        "provider_id.active",
    )
    def _compute_ht_hsds_listed(self):
        for rec in self:
            provider = rec.provider_id
            rec.ht_hsds_listed = bool(
                rec.ht_hsds_published
                and provider.ht_hsds_published
                and provider.is_company
                and provider.active
            )

    def init(self):
        res = super().init()
        # The API counts and pages listed services by id: an index-only scan.
        create_index(
            self.env.cr,
            "ht_service_ht_hsds_listed_id_index",
            self._table,
            ["id"],
            where="ht_hsds_listed",
        )
        return res

    def write(self, vals):
        if "ht_hsds_listed" in vals and not self.env.su:
            raise AccessError(
                _("Whether a service is listed follows its and its provider's publication.")
            )
        return super().write(vals)
