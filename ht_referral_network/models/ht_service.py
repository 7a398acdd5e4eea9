# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

# What a directory reader (a case worker) may change on their own organisation's services.
CAPACITY_FIELDS = {"capacity_available", "capacity_max", "capacity_unit", "capacity_updated_on"}


class HtService(models.Model):
    """One service a provider offers: who is eligible, where, when, and how much
    capacity is left."""

    _name = "ht.service"
    _description = "Provider service"
    _inherit = ["mail.thread"]
    _order = "provider_id, category_id"

    name = fields.Char(compute="_compute_name", store=True)
    provider_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_company", "=", True)],
        tracking=True,
    )
    category_id = fields.Many2one(
        "ht.service.category", required=True, index=True, ondelete="restrict", tracking=True
    )
    description = fields.Text()
    eligibility = fields.Text("Eligibility notes")
    min_age = fields.Integer("Minimum age", help="0: no minimum.")
    max_age = fields.Integer("Maximum age", help="0: no maximum.")
    population_ids = fields.Many2many(
        "ht.population", string="Populations served", help="Empty: everyone."
    )
    lang_ids = fields.Many2many(
        "res.lang",
        string="Languages",
        context={"active_test": False},
        help="Languages the service is delivered in (without an interpreter).",
    )
    region_ids = fields.Many2many("ht.region", string="Regions served", help="Empty: everywhere.")
    schedule = fields.Char(help="e.g. Mon-Fri 9:00-17:00")
    is_24_7 = fields.Boolean("24/7", tracking=True)
    cost = fields.Selection(
        [
            ("free", "Free"),
            ("sliding", "Sliding scale"),
            ("pro_bono", "Pro bono"),
            ("paid", "Paid"),
        ],
        default="free",
        required=True,
    )
    intake_method = fields.Selection(
        [
            ("phone", "Phone call"),
            ("email", "E-mail"),
            ("form", "Referral form"),
            ("walk_in", "Walk-in"),
            ("warm_handoff", "Warm hand-off only"),
        ],
        default="phone",
    )
    state = fields.Selection(
        [("active", "Active"), ("closed", "Temporarily closed"), ("inactive", "Inactive")],
        default="active",
        required=True,
        tracking=True,
        index=True,
    )
    capacity_unit = fields.Selection(
        [("beds", "Beds"), ("slots", "Slots"), ("clients", "Clients")], default="slots"
    )
    capacity_available = fields.Integer("Available", tracking=True)
    capacity_max = fields.Integer("Maximum")
    capacity_updated_on = fields.Datetime("Capacity updated", readonly=True)
    capacity_stale = fields.Boolean(
        "Capacity stale", compute="_compute_capacity_stale", search="_search_capacity_stale"
    )

    _sql_constraints = [
        (
            "capacity_non_negative",
            "CHECK(capacity_available >= 0 AND capacity_max >= 0)",
            "Capacity cannot be negative.",
        ),
    ]

    @api.depends("category_id.name", "provider_id.name")
    def _compute_name(self):
        for rec in self:
            rec.name = f"{rec.category_id.name} – {rec.provider_id.name}"

    @api.model
    def _ht_stale_limit(self):
        days = self.env["ht.network.timing"]._ht_timing("capacity_stale_days")
        return fields.Datetime.now() - timedelta(days=days)

    @api.depends("capacity_updated_on")
    def _compute_capacity_stale(self):
        limit = self._ht_stale_limit()
        for rec in self:
            rec.capacity_stale = not rec.capacity_updated_on or rec.capacity_updated_on < limit

    def _search_capacity_stale(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on stale capacity."))
        limit = self._ht_stale_limit()
        stale = ["|", ("capacity_updated_on", "=", False), ("capacity_updated_on", "<", limit)]
        return stale if (operator == "=") == value else ["!", *stale]

    @api.constrains("capacity_available", "capacity_max")
    def _check_capacity(self):
        for rec in self:
            if rec.capacity_available < 0 or rec.capacity_max < 0:
                raise ValidationError(_("Capacity cannot be negative."))
            if rec.capacity_max and rec.capacity_available > rec.capacity_max:
                raise ValidationError(
                    _(
                        "%(service)s: %(available)s available is more than the maximum of "
                        "%(max)s. Raise the maximum or lower what is available.",
                        service=rec.name,
                        available=rec.capacity_available,
                        max=rec.capacity_max,
                    )
                )

    @api.constrains("min_age", "max_age")
    def _check_ages(self):
        for rec in self:
            if rec.min_age < 0 or rec.max_age < 0:
                raise ValidationError(_("Ages cannot be negative."))
            if rec.max_age and rec.min_age > rec.max_age:
                raise ValidationError(
                    _("%(service)s: the minimum age is above the maximum age.", service=rec.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        for vals in vals_list:
            if "capacity_available" in vals or "capacity_max" in vals:
                vals.setdefault("capacity_updated_on", now)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and not self.env.user.has_group(
            "ht_referral_network.group_ht_network_coordinator"
        ):
            other = set(vals) - CAPACITY_FIELDS
            if other:
                raise AccessError(
                    _(
                        "You may only update the capacity of your organisation's services; "
                        "ask the Network Coordinator to change %(fields)s.",
                        fields=", ".join(sorted(other)),
                    )
                )
        if {"capacity_available", "capacity_max"} & set(vals):
            vals = dict(vals, capacity_updated_on=fields.Datetime.now())
        return super().write(vals)

    def action_confirm_capacity(self):
        """Capacity unchanged but checked today: it is no longer stale."""
        self.write({"capacity_available": self.capacity_available})
        return True

    # ------------------------------------------------------------------ matching

    @api.model
    def _ht_match(
        self,
        category,
        populations=None,
        lang=None,
        region=None,
        age=None,
        need_24_7=False,
        at=None,
        referring_partner=None,
        limit=20,
        only_lang=False,
        only_available=False,
    ):
        """Providers' services for a need, best first, in one SQL query whatever
        the size of the directory. Hard filters: active service of a certified
        member, in ``category`` or below it, age within limits, region and
        populations served (empty lists mean all), 24/7 or on call at ``at`` when
        ``need_24_7``. Ranking: capacity available, language, region, populations,
        active MOU with ``referring_partner``, then most capacity. The members'
        directory also filters on the language (``only_lang``) and on capacity
        available now (``only_available``); without ``category``, every category."""
        self.check_access("read")
        at = at or fields.Datetime.now()
        populations = populations or self.env["ht.population"]
        region_id = region.id if region else 0
        lang_id = lang.id if lang else 0
        referrer = referring_partner.commercial_partner_id.id if referring_partner else 0
        query = SQL(
            """
            SELECT s.id
              FROM ht_service s
              JOIN res_partner p ON p.id = s.provider_id
              JOIN ht_service_category c ON c.id = s.category_id
             WHERE s.state = 'active'
               AND p.ht_membership_state = 'member'
               AND p.active
               AND (c.parent_path LIKE %(path)s)
               AND (%(age)s IS NULL OR ((COALESCE(s.min_age, 0) <= %(age)s)
                                    AND (COALESCE(s.max_age, 0) = 0 OR s.max_age >= %(age)s)))
               -- regions, populations and languages as stored on the service
               -- (ht_service_match.py): NULL is an empty list, "everywhere/everyone"
               AND (%(region)s = 0 OR s.ht_match_region_key IS NULL
                    OR s.ht_match_region_key @> %(region_key)s::jsonb)
               AND (s.ht_match_population_key IS NULL
                    OR s.ht_match_population_key @> %(pops_key)s::jsonb)
               AND (NOT %(only_available)s OR COALESCE(s.capacity_available, 0) > 0)
               AND (NOT %(only_lang)s OR s.ht_match_lang_key @> %(lang_key)s::jsonb)
               AND (NOT %(need_24_7)s OR s.is_24_7 OR EXISTS (
                        SELECT 1 FROM ht_oncall_shift o
                         WHERE o.provider_id = s.provider_id
                           AND o.date_start <= %(at)s AND o.date_end > %(at)s))
          ORDER BY (COALESCE(s.capacity_available, 0) > 0) DESC,
                   (%(lang)s <> 0
                    AND COALESCE(s.ht_match_lang_key @> %(lang_key)s::jsonb, FALSE)) DESC,
                   (%(region)s <> 0
                    AND COALESCE(s.ht_match_region_key @> %(region_key)s::jsonb, FALSE)) DESC,
                   -- the providers in an active MOU with the referrer, found once
                   (%(referrer)s <> 0 AND s.provider_id IN (
                        SELECT b.partner_id FROM ht_mou m
                          JOIN ht_mou_party a ON a.mou_id = m.id AND a.partner_id = %(referrer)s
                          JOIN ht_mou_party b ON b.mou_id = m.id
                         WHERE m.state = 'active'
                           AND m.date_start <= %(at)s::date AND m.date_end >= %(at)s::date)) DESC,
                   COALESCE(s.capacity_available, 0) DESC,
                   s.id
             LIMIT %(limit)s
            """,
            path=f"{category.parent_path}%" if category else "%",
            only_available=bool(only_available),
            only_lang=bool(only_lang and lang),
            age=age,
            region=region_id,
            region_key=self._ht_match_key(region or self.env["ht.region"]),
            pops_key=self._ht_match_key(populations),
            need_24_7=bool(need_24_7),
            at=at,
            lang=lang_id,
            lang_key=self._ht_match_key(lang or self.env["res.lang"]),
            referrer=referrer,
            limit=limit,
        )
        self.env.flush_all()
        rows = self.env.execute_query(query)
        return self.browse([row[0] for row in rows])

    def _ht_take_capacity(self, units=1):
        """Take ``units`` of capacity at once, in one UPDATE that cannot go below
        zero: two providers' users accepting the last slot at the same moment
        leave it at zero (the second one is refused or retried, never negative).
        Services without a maximum do not track capacity."""
        self.ensure_one()
        if not self.capacity_max:
            return True
        self.flush_recordset(["capacity_available"])
        rows = self.env.execute_query(
            SQL(
                """UPDATE ht_service
                      SET capacity_available = capacity_available - %(units)s,
                          capacity_updated_on = (now() AT TIME ZONE 'UTC')
                    WHERE id = %(id)s AND capacity_available >= %(units)s
                RETURNING capacity_available""",
                units=units,
                id=self.id,
            )
        )
        self.invalidate_recordset(["capacity_available", "capacity_updated_on"])
        if not rows:
            raise UserError(
                _(
                    "%(service)s has no capacity left. Decline with the reason 'no capacity' "
                    "or waitlist, and update the service's capacity.",
                    service=self.display_name,
                )
            )
        return True
