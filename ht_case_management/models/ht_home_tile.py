# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import safe_eval

VIEW_TYPES = [("list", "List"), ("kanban", "Kanban"), ("graph", "Graph"), ("pivot", "Pivot")]


class HtHomeTile(models.Model):
    """A line of a role's home page: a count of the records waiting for the user
    and one click into them. The count is a `search_count` run as the user, so a
    tile shows nothing the user could not open anyway; administrators shape the
    home (which tiles, their filter, order, the view they open) as records."""

    _name = "ht.home.tile"
    _description = "Home page tile"
    _order = "role, sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Char(translate=True, help="One line under the count.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    role = fields.Selection(
        [
            ("case_worker", "My day"),
            ("supervisor", "My agency"),
            ("coordinator", "My network"),
            ("volunteer", "My placements"),
        ],
        required=True,
        help="The section of the home page the tile belongs to.",
    )
    group_id = fields.Many2one(
        "res.groups", "Shown to", required=True, ondelete="cascade", help="Who sees the tile."
    )
    model_id = fields.Many2one(
        "ir.model",
        "Records",
        required=True,
        ondelete="cascade",
        domain=[("model", "=like", "ht.%")],
    )
    res_model = fields.Char(related="model_id.model", string="Model name")
    domain = fields.Char(
        "Filter",
        required=True,
        default="[]",
        help="A domain on the records. Names available: uid, today, now, relativedelta, "
        "datetime. Example: [('date_end', '<=', today + relativedelta(days=14))]",
    )
    action_id = fields.Many2one(
        "ir.actions.act_window",
        "Opens",
        ondelete="set null",
        help="The window action whose views the tile opens (empty: list and form).",
    )
    view_type = fields.Selection(VIEW_TYPES, "First view", default="list", required=True)
    group_by = fields.Char(help="Field name(s) to group the opened view by, comma separated.")
    alert = fields.Selection(
        [("none", "Neutral"), ("warning", "Warning"), ("danger", "Urgent")],
        "Colour when not empty",
        default="none",
        required=True,
    )
    is_mine = fields.Boolean(compute="_compute_is_mine", search="_search_is_mine")
    count = fields.Integer(compute="_compute_count")
    color = fields.Integer(compute="_compute_count")

    @api.depends_context("uid")
    def _compute_is_mine(self):
        groups = self.env.user.groups_id
        for tile in self:
            tile.is_mine = tile.group_id in groups

    def _search_is_mine(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("Search “is mine” with = or != and True or False."))
        mine = (operator == "=") == value
        return [("group_id", "in" if mine else "not in", self.env.user.groups_id.ids)]

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_count(self):
        colours = {"none": 0, "warning": 2, "danger": 1}
        for tile in self:
            tile.count = tile._ht_count()
            tile.color = colours[tile.alert] if tile.count else 0

    def _ht_eval_context(self):
        today = fields.Date.context_today(self)
        return {
            "uid": self.env.uid,
            "today": today,
            "now": fields.Datetime.now(),
            "relativedelta": relativedelta,
            "datetime": safe_datetime,
        }

    def _ht_domain(self):
        """The tile's filter evaluated now, with dates as the strings the web client
        and the ORM both read."""
        self.ensure_one()
        domain = safe_eval(self.domain or "[]", self._ht_eval_context())
        if not isinstance(domain, list | tuple):
            raise TypeError(self.domain)

        def plain(value):
            if isinstance(value, datetime.datetime):
                return fields.Datetime.to_string(value)
            if isinstance(value, datetime.date):
                return fields.Date.to_string(value)
            if isinstance(value, list | tuple):
                return [plain(v) for v in value]
            return value

        return [plain(term) if isinstance(term, list | tuple) else term for term in domain]

    def _ht_count(self):
        """Run as the user: the ACL and record rules decide what is counted."""
        self.ensure_one()
        if not self.res_model or self.res_model not in self.env:
            return 0
        try:
            return self.env[self.res_model].search_count(self._ht_domain())
        except AccessError:
            return 0

    @api.constrains("domain", "model_id")
    def _check_domain(self):
        for tile in self:
            if tile.res_model not in self.env:
                continue
            try:
                # as superuser: an administrator checks the filter, not their own access
                self.env[tile.res_model].sudo()._search(tile._ht_domain())
            except Exception as error:
                raise ValidationError(
                    _(
                        "The filter of the tile “%(tile)s” is not valid for %(model)s: %(error)s",
                        tile=tile.name,
                        model=tile.model_id.name,
                        error=error,
                    )
                ) from error

    def action_open(self):
        self.ensure_one()
        if self.action_id:
            action = self.action_id._get_action_dict()
            views = [(view_id, kind) for view_id, kind in action.get("views") or []]
        else:
            action = {"type": "ir.actions.act_window", "res_model": self.res_model}
            views = [(False, "list"), (False, "form")]
        views.sort(key=lambda view: view[1] != self.view_type)
        if self.view_type not in [kind for _view_id, kind in views]:
            views.insert(0, (False, self.view_type))
        context = {}
        if self.group_by:
            context["group_by"] = [name.strip() for name in self.group_by.split(",")]
        action.update(
            {
                "name": self.name,
                "domain": self._ht_domain(),
                "views": views,
                "view_mode": ",".join(kind for _view_id, kind in views),
                "context": context,
                "target": "current",
            }
        )
        action.pop("id", None)
        return action
