# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HtCaseClosureReason(models.Model):
    """Why a case was closed: a configurable list (it was a fixed selection until
    18.0.1.1.0; the migration keeps each case's reason by its code)."""

    _name = "ht.case.closure.reason"
    _inherit = ["ht.case.funder.list.mixin"]
    _description = "Case closure reason"
