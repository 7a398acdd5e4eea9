# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

COORDINATOR = "ht_referral_network.group_ht_network_coordinator"
CASE_WORKER = "ht_consent.group_ht_case_worker"


class HtVolunteerPlacement(models.Model):
    """A placement is either a client's (a case: the client volunteer programme)
    or a programme volunteer's (an application). A volunteer is placed only while
    every screening step and training of their programme is current, and no
    opportunity takes more ongoing placements than it has seats."""

    _inherit = "ht.volunteer.placement"

    application_id = fields.Many2one(
        "ht.volunteer.application",
        "Volunteer",
        ondelete="restrict",
        index=True,
        domain="[('state', 'in', ('training', 'active'))]",
        groups=COORDINATOR,
    )
    for_volunteer = fields.Boolean(
        "Volunteer's placement", compute="_compute_for_volunteer", store=True
    )
    volunteer_user_id = fields.Many2one(
        "res.users",
        "Volunteer's user",
        compute="_compute_volunteer_user",
        store=True,
        index=True,
    )
    programme_id = fields.Many2one(
        related="opportunity_id.programme_id", store=True, string="Programme"
    )
    hours_ids = fields.One2many(
        "ht.volunteer.hours",
        "placement_id",
        "Hours log",
        groups=f"{COORDINATOR},ht_case_management.group_ht_volunteer",
    )
    hours_logged = fields.Float(compute="_compute_hours_logged")

    @api.depends("application_id")
    def _compute_for_volunteer(self):
        for rec in self:
            rec.for_volunteer = bool(rec.sudo().application_id)

    @api.depends("application_id.user_id")
    def _compute_volunteer_user(self):
        for rec in self:
            # sudo: who the volunteer's login is decides their own access only.
            rec.volunteer_user_id = rec.sudo().application_id.user_id

    def _compute_hours_logged(self):
        # sudo: a total per placement the user reads; no line is returned.
        totals = dict(
            self.env["ht.volunteer.hours"]
            .sudo()
            ._read_group([("placement_id", "in", self.ids)], ["placement_id"], ["hours:sum"])
        )
        for rec in self:
            rec.hours_logged = totals.get(rec.sudo(), 0.0)

    @api.depends("case_code", "application_id")
    def _compute_display_name(self):
        for rec in self:
            # sudo: the volunteer's name, to those who read the placement.
            rec.display_name = rec.case_code or rec.sudo().application_id.name or _("New")

    # ------------------------------------------------------------------ rules

    def _ht_programme_staff(self):
        """Programme staff (Network Coordinators) manage volunteers' placements,
        which hold no case."""
        return self.env.user.has_group(COORDINATOR) and not self.sudo().filtered("case_id")

    @api.constrains("application_id", "case_id")
    def _check_one_person(self):
        for rec in self.sudo():
            if bool(rec.case_id) == bool(rec.application_id):
                raise ValidationError(
                    _("A placement is of one client (a case) or of one volunteer, not both.")
                )

    def _ht_check_screening(self):
        """Nobody is placed until every step is current, decided now (UTC)."""
        for rec in self.sudo().filtered(lambda r: r.application_id and r.outcome == "ongoing"):
            application = rec.application_id
            if application.state == "inactive":
                raise UserError(
                    _("%(name)s is inactive: reactivate them first.", name=application.name)
                )
            application._ht_check_ready()
            if rec.programme_id and application.programme_id != rec.programme_id:
                raise UserError(
                    _(
                        "%(name)s volunteers in %(programme)s, not in the programme of "
                        "this opportunity.",
                        name=application.name,
                        programme=application.programme_id.name,
                    )
                )

    def _ht_check_seats(self, opportunities):
        """Ongoing placements never exceed an opportunity's seats. The opportunity
        row is updated first: a concurrent placement in the same opportunity
        waits for this transaction and then fails to serialize (and is retried,
        seeing this one), so the count below cannot miss it."""
        if not opportunities:
            return
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """UPDATE ht_volunteer_opportunity o
                      SET write_date = o.write_date
                    WHERE o.id IN %(ids)s
                RETURNING o.id, o.seats,
                          (SELECT count(*) FROM ht_volunteer_placement p
                            WHERE p.opportunity_id = o.id AND p.outcome = 'ongoing')""",
                ids=tuple(opportunities.ids),
            )
        )
        for opportunity_id, seats, taken in rows:
            if taken > seats:
                opportunity = opportunities.browse(opportunity_id).sudo()
                raise UserError(
                    _(
                        "%(opportunity)s is full: its %(seats)s seat(s) are taken. End a "
                        "placement or add a seat first.",
                        opportunity=opportunity.name,
                        seats=seats,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if bool(vals.get("case_id")) == bool(vals.get("application_id")):
                raise ValidationError(
                    _("A placement is of one client (a case) or of one volunteer, not both.")
                )
            if vals.get("application_id") and not vals.get("company_id"):
                # sudo: the programme's company, for the new placement.
                application = self.env["ht.volunteer.application"].sudo()
                vals["company_id"] = application.browse(vals["application_id"]).company_id.id
        placements = super().create(vals_list)
        placements._ht_check_screening()
        placements._ht_check_seats(
            placements.filtered(lambda p: p.outcome == "ongoing").opportunity_id
        )
        placements.application_id.filtered(lambda a: a.state != "active").sudo().write(
            {"state": "active"}
        )
        return placements

    def write(self, vals):
        if not self.env.su and set(vals) & {
            "volunteer_user_id",
            "programme_id",
            "case_code",
            "for_volunteer",
        }:
            raise UserError(
                _("Who the volunteer is and the programme follow the application and opportunity.")
            )
        if (
            not self.env.su
            and not self.env.user.has_group(CASE_WORKER)
            and not self._ht_programme_staff()
            and self.filtered(lambda r: r.supervisor_id != self.env.user)
        ):
            raise UserError(_("Only the placement's supervisor records its hours and outcome."))
        result = super().write(vals)
        if set(vals) & {"application_id", "outcome", "opportunity_id", "case_id"}:
            self._ht_check_screening()
        if set(vals) & {"outcome", "opportunity_id"}:
            self._ht_check_seats(self.filtered(lambda p: p.outcome == "ongoing").opportunity_id)
        return result
