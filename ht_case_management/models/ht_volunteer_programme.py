# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


def _default_requirements(self):
    """The usual screening steps and trainings, to adjust per programme."""
    steps = [
        ("screening", "background", 0, 24),
        ("screening", "references", 0, 0),
        ("screening", "interview", 0, 0),
        ("screening", "confidentiality", 0, 12),
    ]
    lines = [
        (0, 0, {"kind": kind, "step": step, "sequence": seq, "validity_months": months})
        for seq, (kind, step, _none, months) in enumerate(steps)
    ]
    for seq, name in enumerate(
        (self.env._("Trafficking 101"), self.env._("Trauma-informed care")), start=10
    ):
        lines.append(
            (0, 0, {"kind": "training", "name": name, "sequence": seq, "validity_months": 12})
        )
    return lines


class HtVolunteerProgramme(models.Model):
    """A volunteer programme the agency runs (mentoring, interpreting, community
    garden...): recruitment through a public application form, screening and
    training steps every volunteer must have current before a placement, and the
    programme's opportunities, placements and hours."""

    _name = "ht.volunteer.programme"
    _description = "Volunteer programme"
    _order = "name"

    name = fields.Char(required=True)
    code = fields.Char(
        "Form address",
        required=True,
        copy=False,
        help="The public application form is /volunteer/apply/<this code>.",
    )
    description = fields.Html(help="Shown on the public application form.")
    open_for_applications = fields.Boolean(default=True)
    manager_id = fields.Many2one("res.users", "Programme manager", default=lambda s: s.env.user)
    company_id = fields.Many2one("res.company", required=True, default=lambda s: s.env.company)
    requirement_ids = fields.One2many(
        "ht.volunteer.requirement",
        "programme_id",
        "Screening and training",
        copy=True,
        default=_default_requirements,
    )
    opportunity_ids = fields.One2many("ht.volunteer.opportunity", "programme_id", "Opportunities")
    application_ids = fields.One2many("ht.volunteer.application", "programme_id", "Volunteers")
    application_count = fields.Integer(compute="_compute_stats")
    active_count = fields.Integer("Active volunteers", compute="_compute_stats")
    retention_rate = fields.Float(
        "Retention (%)",
        compute="_compute_stats",
        help="Of the volunteers who ever became active, the share still active.",
    )
    hours_total = fields.Float("Hours logged", compute="_compute_stats")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Another programme already uses this form address."),
    ]

    def _compute_stats(self):
        # Counted with the user's own access: the screen is the coordinators'.
        Application = self.env["ht.volunteer.application"]
        apps = dict(
            Application._read_group(
                [("programme_id", "in", self.ids)], ["programme_id"], ["__count"]
            )
        )
        active = dict(
            Application._read_group(
                [("programme_id", "in", self.ids), ("state", "=", "active")],
                ["programme_id"],
                ["__count"],
            )
        )
        ever = dict(
            Application._read_group(
                [("programme_id", "in", self.ids), ("date_active", "!=", False)],
                ["programme_id"],
                ["__count"],
            )
        )
        hours = dict(
            self.env["ht.volunteer.hours"]._read_group(
                [("programme_id", "in", self.ids)], ["programme_id"], ["hours:sum"]
            )
        )
        for rec in self:
            rec.application_count = apps.get(rec, 0)
            rec.active_count = active.get(rec, 0)
            rec.retention_rate = 100.0 * rec.active_count / ever[rec] if ever.get(rec) else 0.0
            rec.hours_total = hours.get(rec, 0.0)

    def action_view_applications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ht_case_management.ht_volunteer_application_action"
        )
        action["domain"] = [("programme_id", "=", self.id)]
        action["context"] = {"default_programme_id": self.id}
        return action
