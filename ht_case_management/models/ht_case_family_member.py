# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# What funders count as "family members served".
REPORT_CATEGORIES = [
    ("parent", "Parent"),
    ("sibling", "Sibling"),
    ("spouse", "Spouse / partner"),
    ("child_minor", "Child under 18"),
    ("child_adult", "Child 18 or older"),
    ("other", "Other relative"),
]


class HtCaseFamilyMember(models.Model):
    """A family member of the survivor the agency knows of or also serves
    (dependents, co-victims): relationship, age band, served or not. No identity
    and no res.partner: a member with their own case file is linked to it, and
    the link shows only the case code to whoever may not read that case."""

    _name = "ht.case.family.member"
    _description = "Family member"
    _ht_case_data = True
    _order = "case_id, id"
    _rec_name = "relationship"

    case_id = fields.Many2one("ht.case", required=True, ondelete="restrict", index=True)
    relationship = fields.Selection(
        [
            ("parent", "Parent"),
            ("sibling", "Sibling"),
            ("spouse", "Spouse / partner"),
            ("child", "Child"),
            ("other", "Other relative"),
        ],
        required=True,
    )
    age_band = fields.Selection(
        [
            ("0_5", "0-5"),
            ("6_12", "6-12"),
            ("13_17", "13-17"),
            ("18_24", "18-24"),
            ("25_59", "25-59"),
            ("60", "60 or older"),
            ("unknown", "Unknown"),
        ],
        default="unknown",
        required=True,
    )
    served = fields.Boolean("Served by the agency")
    co_victim = fields.Boolean("Co-victim")
    dependent = fields.Boolean()
    linked_case_id = fields.Many2one(
        "ht.case",
        "Their own case",
        ondelete="restrict",
        index=True,
        help="Shown by its code only; opened only by those who may read it.",
    )
    linked_case_readable = fields.Boolean(compute="_compute_linked_case_readable")
    report_category = fields.Selection(
        REPORT_CATEGORIES, compute="_compute_report_category", store=True
    )
    note = fields.Char()

    @api.depends("relationship", "age_band")
    def _compute_report_category(self):
        minor = {"0_5", "6_12", "13_17"}
        for rec in self:
            if rec.relationship == "child":
                # an unknown age counts as a minor: the safer assumption
                rec.report_category = (
                    "child_minor" if rec.age_band in minor | {"unknown"} else "child_adult"
                )
            else:
                rec.report_category = rec.relationship or "other"

    @api.depends("linked_case_id")
    @api.depends_context("uid")
    def _compute_linked_case_readable(self):
        for rec in self:
            rec.linked_case_readable = bool(rec.linked_case_id) and bool(
                rec.linked_case_id._filtered_access("read")
            )

    @api.constrains("case_id", "linked_case_id")
    def _check_linked_case(self):
        for rec in self:
            if rec.linked_case_id == rec.case_id:
                raise ValidationError(_("A case is not its own family member."))

    def _ht_check_link_readable(self, vals_list):
        """Only a case the user may read is linked (by id over RPC, or any)."""
        if self.env.su:
            return
        ids = {vals["linked_case_id"] for vals in vals_list if vals.get("linked_case_id")}
        cases = self.env["ht.case"].browse(ids)
        if cases - cases._filtered_access("read"):
            raise UserError(_("You can only link a case you have access to."))

    @api.model_create_multi
    def create(self, vals_list):
        self._ht_check_link_readable(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._ht_check_link_readable([vals])
        if "case_id" in vals and any(rec.case_id.id != vals["case_id"] for rec in self):
            raise UserError(_("A family member stays on its case."))
        return super().write(vals)

    def action_open_linked_case(self):
        self.ensure_one()
        # reading the case checks its rules: nothing opens for whoever may not read it
        self.linked_case_id.check_access("read")
        return self.linked_case_id._ht_open_form()
