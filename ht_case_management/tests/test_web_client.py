# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the web client does with every screen of the three addons, as each demo
role: load the views, list, open a demo record, change each editable field of
its form (onchange) and add a line to each one-to-many the role may add to.
Any exception fails the test, with the list of (user, action, step, error)."""

import functools
import logging
from datetime import date, datetime

from lxml import etree

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

_logger = logging.getLogger(__name__)

ADDONS = ("ht_consent", "ht_referral_network", "ht_case_management")
MENU_ROOTS = ("ht_consent.ht_root_menu", "ht_referral_network.ht_network_root_menu")
DEMO_USERS = {
    "caseworker": "ht_case_management.demo_user_case_worker",
    "supervisor": "ht_case_management.demo_user_supervisor",
    "coordinator": "ht_case_management.demo_user_coordinator",
    "volunteer": "ht_case_management.demo_user_volunteer",
}
# (login, model, step) where the README says the role may not: an AccessError
# there is the expected answer, not a crash.
ALLOWED_ACCESS_ERRORS = set()
# Fields the web client never sends in an onchange of an existing record.
SKIP_CHANGE_TYPES = {"one2many", "binary", "image", "properties", "properties_definition"}


def _is_true(value):
    return value in ("1", "True", "true")


@tagged("post_install", "-at_install", "ht_case_management")
class TestWebClient(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {}
        for login, xmlid in DEMO_USERS.items():
            user = cls.env.ref(xmlid, raise_if_not_found=False)
            cls.users[login] = user
        cls.users["vs_admin"] = new_test_user(
            cls.env,
            "ht_web_vs_admin",
            groups="base.group_user,ht_consent.group_ht_admin",
            name="Victim Services Administrator",
            email="vs.admin@example.com",
        )

    # ------------------------------------------------------------------ helpers

    def _actions_for(self, user):
        """Window actions of the three addons the user reaches: from the menus
        the user sees under the two roots, and the addons' other window actions
        (buttons, stat buttons) whose groups the user has."""
        Menu = self.env["ir.ui.menu"].with_user(user)
        roots = [self.env.ref(xmlid) for xmlid in MENU_ROOTS]
        visible_ids = Menu._visible_menu_ids()
        visible = Menu.browse(visible_ids)
        actions = self.env["ir.actions.act_window"]
        for menu in visible:
            # shown only if every ancestor is shown too (as load_menus builds the tree)
            ancestors = [int(i) for i in menu.parent_path.split("/") if i]
            if (
                any(ancestors[0] == root.id for root in roots)
                and set(ancestors) <= visible_ids
                and menu.action
                and menu.action._name == "ir.actions.act_window"
            ):
                actions |= menu.action
        data = self.env["ir.model.data"].search(
            [("module", "in", ADDONS), ("model", "=", "ir.actions.act_window")]
        )
        for action in self.env["ir.actions.act_window"].browse(data.mapped("res_id")):
            if action.groups_id and not (action.groups_id & user.groups_id):
                continue
            if not self.env[action.res_model].with_user(user).has_access("read"):
                continue
            actions |= action
        return actions

    def _eval_context(self, user):
        return {
            "uid": user.id,
            "user": user,
            "active_id": False,
            "active_ids": [],
            "active_model": False,
            "allowed_company_ids": user.company_ids.ids,
            "current_company_id": user.company_id.id,
            "context_today": lambda: date.today(),
            "datetime": datetime,
        }

    def _spec(self, node, model, models):
        """The web client's fields specification of a view node."""
        fields_info = models[model]["fields"]
        spec = {}
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "field":
                name = child.get("name")
                info = fields_info.get(name)
                if info is None:
                    continue
                sub = {}
                if info["type"] == "many2one":
                    sub = {"fields": {"display_name": {}}}
                elif info["type"] in ("one2many", "many2many"):
                    views = [v for v in child if v.tag in ("list", "kanban")]
                    comodel = info["relation"]
                    if views and comodel in models:
                        sub = {"fields": self._spec(views[0], comodel, models)}
                    else:
                        sub = {"fields": {"display_name": {}}}
                spec[name] = sub
            else:
                spec.update(self._spec(child, model, models))
        return spec

    def _form_fields(self, form_arch):
        """Top-level field nodes of a form (not those of embedded sub-views)."""
        result = []

        def walk(node):
            for child in node:
                if not isinstance(child.tag, str):
                    continue
                if child.tag == "field":
                    result.append(child)
                else:
                    walk(child)

        walk(form_arch)
        return result

    def _plausible(self, env, model, name, info, current):
        """A value the user could type or pick, in the onchange format."""
        ftype = info["type"]
        if ftype in ("char", "text"):
            return (current or "") + " (edited)"
        if ftype == "html":
            return (current or "") + "<p>edited</p>"
        if ftype == "integer":
            return (current or 0) + 1
        if ftype in ("float", "monetary"):
            return (current or 0.0) + 1.0
        if ftype == "boolean":
            return not current
        if ftype == "date":
            return fields.Date.to_string(date.today())
        if ftype == "datetime":
            return fields.Datetime.to_string(datetime.now().replace(microsecond=0))
        if ftype == "selection":
            options = [key for key, _label in info.get("selection", [])]
            others = [key for key in options if key != current]
            return others[0] if others else current
        if ftype == "many2one":
            if current:
                return current["id"] if isinstance(current, dict) else current
            found = env[info["relation"]].name_search("", limit=1)
            return found[0][0] if found else False
        if ftype == "many2many":
            ids = [r["id"] for r in current] if current and isinstance(current[0], dict) else []
            if not ids:
                found = env[info["relation"]].name_search("", limit=1)
                ids = [found[0][0]] if found else []
            return [Command.set(ids)]
        if ftype == "reference":
            return current
        return current

    def _line_values(self, env, comodel, defaults, subview, models, siblings):
        """Values of a new line: the onchange defaults, then each required field
        shown in the line (required by the model or by the view, even
        conditionally) filled in as a user would, with a many-to-one value no
        other line of the list uses yet."""
        fields_info = models[comodel]["fields"]
        vals = {}
        for name, value in defaults.items():
            info = fields_info.get(name)
            if info is None or info["type"] in ("one2many", "many2many"):
                continue
            if isinstance(value, dict):
                value = value.get("id")
            vals[name] = value
        for node in self._form_fields(subview):
            name = node.get("name")
            info = fields_info.get(name)
            if info is None or vals.get(name) not in (None, False, ""):
                continue
            required = node.get("required", "")
            if not (info.get("required") or (required and required not in ("0", "False"))):
                continue
            if _is_true(node.get("readonly", "")):
                continue
            if info["type"] == "many2one":
                used = siblings.mapped(name).ids if name in siblings._fields else []
                Comodel = env[info["relation"]]
                found = Comodel.search([("id", "not in", used)], limit=1) or Comodel.search(
                    [], limit=1
                )
                vals[name] = found.id
            elif info["type"] in ("char", "text"):
                vals[name] = "Web client test"
            elif info["type"] == "html":
                vals[name] = "<p>Web client test</p>"
            else:
                vals[name] = self._plausible(env, comodel, name, info, None)
        return vals

    def _can_create_line(self, node, values):
        """The x2many's create option (a domain on the record's values, as the
        web client evaluates it)."""
        options = safe_eval(node.get("options") or "{}", {})
        create = options.get("create", True)
        if isinstance(create, list):
            for fname, operator, value in create:
                current = values.get(fname)
                if isinstance(current, list):
                    current = [v["id"] if isinstance(v, dict) else v for v in current]
                if (operator == "=") != (current == value):
                    return False
            return True
        return bool(create)

    # ------------------------------------------------------------------ steps

    def _run(self, failures, login, action, step, func):
        self.steps.append((login, action.name, step))
        try:
            with self.env.cr.savepoint():
                return func()
        except AccessError as error:
            if (login, action.res_model, step) not in ALLOWED_ACCESS_ERRORS:
                failures.append((login, action.name, step, f"AccessError: {error}"))
        except Exception as error:  # noqa: BLE001 - every crash is what we look for
            failures.append((login, action.name, step, f"{type(error).__name__}: {error}"))
        finally:
            self.env.invalidate_all()
        return None

    def _check_action(self, failures, login, user, action):
        eval_ctx = self._eval_context(user)
        ctx = safe_eval(action.context or "{}", eval_ctx)
        domain = safe_eval(action.domain or "[]", eval_ctx)
        env = self.env(user=user.id, context=dict(ctx, lang="en_US", tz=user.tz or "UTC"))
        Model = env[action.res_model]
        modes = [m for m in (action.view_mode or "list,form").split(",") if m]
        by_mode = {view.view_mode: view.view_id.id for view in action.view_ids}
        if action.view_id:
            by_mode.setdefault(action.view_id.type, action.view_id.id)
        views = [[by_mode.get(mode, False), mode] for mode in modes]
        views.append([action.search_view_id.id or False, "search"])
        options = {"toolbar": True, "load_filters": True, "action_id": action.id}
        run = functools.partial(self._run, failures, login, action)
        result = run("get_views", lambda: Model.get_views(views, options))
        if not result:
            return
        models = result["models"]
        run("fields_get", lambda: Model.fields_get())
        for mode in ("list", "kanban"):
            if mode not in result["views"] or Model._transient:
                continue
            arch = etree.fromstring(result["views"][mode]["arch"])
            spec = self._spec(arch, action.res_model, models)
            run(
                f"web_search_read ({mode})",
                lambda spec=spec: Model.web_search_read(domain, spec, limit=80, count_limit=10001),
            )
        if "form" not in result["views"]:
            return
        form = etree.fromstring(result["views"]["form"]["arch"])
        spec = self._spec(form, action.res_model, models)
        if Model.has_access("create") and form.get("create") not in ("0", "false"):
            run("onchange (new)", lambda: Model.onchange({}, [], spec))
        if Model._transient:
            return
        record = run("search", lambda: Model.search(domain, limit=1))
        data = record and run("web_read", lambda: record.web_read(spec))
        if not data:
            return
        try:
            record.check_access("write")
        except AccessError:
            return  # the form is read-only for this user
        if form.get("edit") in ("0", "false"):
            return
        self._check_edits(run, env, record, form, spec, models, data[0])
        self._check_add_lines(run, env, record, form, spec, models, data[0])

    def _check_edits(self, run, env, record, form, spec, models, values):
        """An onchange for a change of every editable field of the form."""
        fields_info = models[record._name]["fields"]
        for node in self._form_fields(form):
            name = node.get("name")
            info = fields_info.get(name)
            if info is None or info["type"] in SKIP_CHANGE_TYPES or info.get("readonly"):
                continue
            if _is_true(node.get("readonly", "")) or _is_true(node.get("invisible", "")):
                continue
            value = self._plausible(env, record._name, name, info, values.get(name))
            run(
                f"onchange ({name})",
                lambda name=name, value=value: record.onchange({name: value}, [name], spec),
            )

    def _check_add_lines(self, run, env, record, form, spec, models, values):
        """ "Add a line" to each one-to-many of the form the user may add to,
        then save the record, as the web client does."""
        fields_info = models[record._name]["fields"]
        for node in self._form_fields(form):
            name = node.get("name")
            info = fields_info.get(name)
            if not info or info["type"] != "one2many" or info.get("readonly"):
                continue
            if _is_true(node.get("readonly", "")) or _is_true(node.get("invisible", "")):
                continue
            subviews = [v for v in node if v.tag in ("list", "kanban")]
            if not subviews or subviews[0].get("create") in ("0", "false"):
                continue
            comodel = info["relation"]
            if not env[comodel].has_access("create") or not self._can_create_line(node, values):
                continue
            # the line is typed in the inline form when there is one, in the
            # editable list, or else in the comodel's form the client opens
            line_view = next((v for v in node if v.tag == "form"), None)
            line_models = models
            if line_view is None and not subviews[0].get("editable"):
                line_result = env[comodel].get_views([[False, "form"]])
                line_view = etree.fromstring(line_result["views"]["form"]["arch"])
                line_models = dict(models, **line_result["models"])
            if line_view is None:
                line_view = subviews[0]
            step = functools.partial(
                self._add_line,
                env,
                record,
                name,
                info.get("relation_field"),
                self._spec(subviews[0], comodel, models),
                line_view,
                line_models,
                spec,
            )
            run(f"add a line ({name})", step)

    def _add_line(self, env, record, name, inverse, subspec, line_view, line_models, spec):
        comodel = record._fields[name].comodel_name
        new = env[comodel].onchange({inverse: {"id": record.id}}, [], subspec)
        line = self._line_values(env, comodel, new["value"], line_view, line_models, record[name])
        line.pop(inverse, None)
        return record.web_save({name: [Command.create(line)]}, spec)

    # ------------------------------------------------------------------ test

    def test_every_screen_as_every_role(self):
        missing = [login for login, user in self.users.items() if not user]
        self.assertFalse(missing, f"demo users missing (this test needs demo data): {missing}")
        failures = []
        self.steps = []
        checked = 0
        for login, user in self.users.items():
            for action in self._actions_for(user):
                self._check_action(failures, login, user, action)
                checked += 1
        self.assertGreater(checked, 40)
        _logger.info("web client: %s actions, %s steps", checked, len(self.steps))
        self.assertFalse(
            failures,
            "The web client would fail:\n"
            + "\n".join(f"  {u} | {a} | {s} | {e}" for u, a, s, e in failures),
        )
