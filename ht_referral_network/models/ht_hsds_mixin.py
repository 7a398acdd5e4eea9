# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import uuid

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

COORDINATOR = "ht_referral_network.group_ht_network_coordinator"


class HtHsdsMixin(models.AbstractModel):
    """A record of the network directory as Open Referral HSDS 3.0 sees it: a
    stable UUID (never the database id), set at creation and for existing rows
    at install/upgrade, and whether the record is published (default: no).

    Only a Network Coordinator (or the system) publishes; nobody changes an HSDS
    id after creation, and only a coordinator chooses one at creation (the
    dataset import upserts by it)."""

    _name = "ht.hsds.mixin"
    _description = "Open Referral HSDS record"

    ht_hsds_id = fields.Char(
        "HSDS id",
        readonly=True,
        copy=False,
        index=True,
        help="Stable Open Referral HSDS identifier (a UUID) of this record in exported "
        "datasets and the HSDS API.",
    )
    ht_hsds_published = fields.Boolean(
        "Published in the HSDS directory",
        copy=False,
        help="Shown in the Open Referral HSDS export and API. Only Network Coordinators "
        "publish or withdraw a record.",
    )

    _sql_constraints = [
        ("ht_hsds_id_unique", "unique(ht_hsds_id)", "An HSDS id is used by one record only."),
    ]

    def _auto_init(self):
        res = super()._auto_init()
        if self._abstract or not self._auto:
            return res
        # Existing rows (install of this field, or rows created by SQL) get their
        # own UUID: a column default would give them all the same one.
        self.env.cr.execute(
            SQL(
                "UPDATE %(table)s SET ht_hsds_id = gen_random_uuid()::text "
                "WHERE ht_hsds_id IS NULL",
                table=SQL.identifier(self._table),
            )
        )
        return res

    def _ht_hsds_may_publish(self):
        return self.env.su or self.env.user.has_group(COORDINATOR)

    @api.model
    def _ht_hsds_valid_id(self, value):
        try:
            return str(uuid.UUID(str(value))) == str(value).lower()
        except ValueError:
            return False

    @api.model_create_multi
    def create(self, vals_list):
        coordinator = self._ht_hsds_may_publish()
        for vals in vals_list:
            if not coordinator and (vals.get("ht_hsds_id") or vals.get("ht_hsds_published")):
                raise AccessError(
                    _("Only a Network Coordinator publishes a record in the HSDS directory.")
                )
            if vals.get("ht_hsds_id") and not self._ht_hsds_valid_id(vals["ht_hsds_id"]):
                raise ValidationError(
                    _("An HSDS id is a UUID: %(id)s is not.", id=vals["ht_hsds_id"])
                )
            if not vals.get("ht_hsds_id"):
                vals["ht_hsds_id"] = str(uuid.uuid4())
        return super().create(vals_list)

    def write(self, vals):
        changes_id = "ht_hsds_id" in vals and any(
            rec.ht_hsds_id != vals["ht_hsds_id"] for rec in self
        )
        if changes_id and not self.env.su:
            raise AccessError(_("The HSDS id of a record never changes."))
        publishes = "ht_hsds_published" in vals and any(
            rec.ht_hsds_published != bool(vals["ht_hsds_published"]) for rec in self
        )
        if publishes and not self._ht_hsds_may_publish():
            raise AccessError(
                _("Only a Network Coordinator publishes a record in the HSDS directory.")
            )
        return super().write(vals)
