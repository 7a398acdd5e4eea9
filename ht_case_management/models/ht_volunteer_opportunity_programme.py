# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HtVolunteerOpportunity(models.Model):
    """An opportunity may belong to a volunteer programme; its seats are taken by
    ongoing placements (enforced in ht.volunteer.placement)."""

    _inherit = "ht.volunteer.opportunity"

    programme_id = fields.Many2one("ht.volunteer.programme", index=True)
    seats_taken = fields.Integer(
        compute="_compute_seats_taken", help="Ongoing placements in this opportunity."
    )

    def _compute_seats_taken(self):
        # sudo: a count per opportunity, no placement is returned; placements are
        # case data the directory's readers cannot list.
        counts = dict(
            self.env["ht.volunteer.placement"]
            .sudo()
            ._read_group(
                [("opportunity_id", "in", self.ids), ("outcome", "=", "ongoing")],
                ["opportunity_id"],
                ["__count"],
            )
        )
        for rec in self:
            rec.seats_taken = counts.get(rec.sudo(), 0)
