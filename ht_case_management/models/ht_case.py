# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import clean_context
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)
# Set while web_search_read reads its rows: a list is not the opening of a file.
# Python state, not the request context: no client can set it.

# The survivor's identity: on the case only, never tracked into messages, never
# copied to another model.
IDENTITY_FIELDS = (
    "legal_name",
    "preferred_name",
    "date_of_birth",
    "gender_identity",
    "pronouns",
    "citizenship",
    "safe_phone",
    "safe_email",
    "safe_to_leave_message",
    "safe_times",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
)
SUPERVISOR = "ht_consent.group_ht_supervisor"
# Who may read a case, and so who follows it, depends on these.
MEMBER_FIELDS = {"case_manager_id", "team_user_ids", "supervisor_id", "company_id"}


def _read_write(method):
    """Mark an RPC method as needing a read/write cursor (see the read audit)."""
    method._readonly = False
    return method


class HtCase(models.Model):
    """A survivor's case file. Its display name is the pseudonymous case code used
    everywhere outside the case team; the identity lives only here."""

    _name = "ht.case"
    _description = "Survivor case"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "ht.consent.subject.mixin",
        "ht.protected.fields.mixin",
    ]
    _order = "priority desc, id desc"
    _rec_name = "code"
    _rec_names_search = ["code", "legal_name", "preferred_name"]
    _check_company_auto = True
    _mail_post_access = "read"
    _ht_protected_fields = {
        "code": _lt("its creation (a sequence)"),
        "case_manager_id": _lt("the Change case manager button (supervisors)"),
        "intake_channel": _lt("the intake that opened the case"),
        "is_closed": _lt("the stage"),
        "closed_on": _lt("closing the case (its stage)"),
        "reengagement_count": _lt("the Re-engage button"),
        "stage_history_ids": _lt("changing the stage"),
        "manager_change_ids": _lt("the Change case manager button (supervisors)"),
        "last_review_date": _lt("recording a review"),
        "next_review_date": _lt("recording a review and the stage's review cadence"),
        "review_activity_for": _lt("the case review scheduled action"),
    }
    # chosen by the intake that creates the case, then never changed
    _ht_protected_create_ok = ("case_manager_id", "intake_channel")

    code = fields.Char(
        "Case code",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
        index=True,
    )
    company_id = fields.Many2one(
        "res.company",
        "Agency",
        required=True,
        default=lambda s: s.env.company,
        index=True,
        tracking=True,
    )
    active = fields.Boolean(default=True)
    # --- identity (never tracked)
    legal_name = fields.Char()
    preferred_name = fields.Char("Preferred name / alias")
    date_of_birth = fields.Date()
    age = fields.Integer(compute="_compute_age")
    is_minor = fields.Boolean("Minor", compute="_compute_age", search="_search_is_minor")
    gender_identity = fields.Char()
    pronouns = fields.Char()
    lang_id = fields.Many2one(
        "res.lang", "Preferred language", context={"active_test": False}, ondelete="restrict"
    )
    interpreter_needed = fields.Boolean()
    citizenship = fields.Selection(
        [
            ("us_citizen", "U.S. citizen"),
            ("lpr", "Lawful permanent resident"),
            ("foreign_national", "Foreign national"),
            ("unknown", "Unknown / not disclosed"),
        ],
        "Citizenship / immigration",
        default="unknown",
    )
    safe_phone = fields.Char("Safe contact phone")
    safe_email = fields.Char("Safe contact e-mail")
    safe_to_leave_message = fields.Boolean("Safe to leave a message")
    safe_times = fields.Char("Safe times to call")
    street = fields.Char()
    street2 = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    state_id = fields.Many2one("res.country.state", ondelete="restrict")
    country_id = fields.Many2one("res.country", ondelete="restrict")
    # --- identification
    trafficking_type = fields.Selection(
        [("sex", "Sex trafficking"), ("labor", "Labor trafficking"), ("both", "Both")],
        tracking=True,
    )
    identified_by = fields.Selection(
        [
            ("law_enforcement", "Law enforcement"),
            ("self", "Self-referral"),
            ("hotline", "Hotline"),
            ("ngo", "NGO / network member"),
            ("health", "Health care"),
            ("school", "School"),
            ("other", "Other"),
        ],
        "How identified",
        tracking=True,
    )
    intake_channel = fields.Selection(
        [
            ("crm", "CRM (hotline call, web inquiry, e-mail)"),
            ("inbound_referral", "Inbound referral"),
            ("walk_in", "Walk-in"),
        ],
        default="walk_in",
        readonly=True,
    )
    referring_partner_id = fields.Many2one(
        "res.partner",
        "Referring organisation",
        domain=[("is_company", "=", True)],
        ondelete="restrict",
    )
    identification_date = fields.Date(default=fields.Date.context_today, tracking=True)
    priority = fields.Selection(
        [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Imminent danger")],
        "Risk level",
        default="1",
        tracking=True,
    )
    tag_ids = fields.Many2many("ht.case.tag", string="Tags")
    # --- team
    case_manager_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda s: s.env.user,
        tracking=True,
        index=True,
        readonly=True,
        domain=lambda s: [("groups_id", "in", s.env.ref("ht_consent.group_ht_case_worker").id)],
        help="One consistent case manager from identification to closure; change it with "
        "'Change case manager' (supervisors), which records the reason.",
    )
    team_user_ids = fields.Many2many(
        "res.users",
        "ht_case_team_rel",
        "case_id",
        "user_id",
        "Case team",
        domain=lambda s: [("groups_id", "in", s.env.ref("ht_consent.group_ht_case_worker").id)],
    )
    supervisor_id = fields.Many2one(
        "res.users",
        domain=lambda s: [("groups_id", "in", s.env.ref(SUPERVISOR).id)],
        tracking=True,
    )
    manager_change_ids = fields.One2many(
        "ht.case.manager.change", "case_id", "Case manager history", readonly=True
    )
    # --- stage
    stage_id = fields.Many2one(
        "ht.case.stage",
        tracking=True,
        index=True,
        group_expand="_read_group_stage_ids",
        default=lambda s: s.env["ht.case.stage"].search([("is_closed", "=", False)], limit=1),
        ondelete="restrict",
        copy=False,
    )
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True)
    stage_history_ids = fields.One2many("ht.case.stage.history", "case_id", readonly=True)
    checklist_ids = fields.One2many("ht.case.checklist", "case_id")
    exit_plan = fields.Html()
    closure_reason_id = fields.Many2one(
        "ht.case.closure.reason", "Closure reason", tracking=True, ondelete="restrict"
    )
    closed_on = fields.Date(readonly=True, copy=False)
    reengagement_count = fields.Integer(readonly=True, copy=False)
    # --- assessments, plan, safety
    assessment_ids = fields.One2many("ht.case.assessment", "case_id")
    need_ids = fields.One2many("ht.case.need", "case_id")
    goal_ids = fields.One2many("ht.case.goal", "case_id")
    safety_plan = fields.Html()
    safety_plan_review_date = fields.Date()
    # --- supervision and notes
    review_ids = fields.One2many("ht.case.review", "case_id")
    last_review_date = fields.Date(compute="_compute_review", store=True)
    next_review_date = fields.Date(compute="_compute_review", store=True, index=True)
    review_activity_for = fields.Date(readonly=True, copy=False)
    review_overdue = fields.Boolean(
        compute="_compute_review_overdue", search="_search_review_overdue"
    )
    note_ids = fields.One2many("ht.case.note", "case_id")
    milestone_ids = fields.One2many("ht.case.legal.milestone", "case_id")
    placement_ids = fields.One2many("ht.volunteer.placement", "case_id")
    referral_ids = fields.One2many("ht.referral", "case_id")

    _sql_constraints = [("code_unique", "unique(code)", "Case codes are unique.")]

    # ------------------------------------------------------------------ computes

    @api.depends("date_of_birth")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for rec in self:
            rec.age = relativedelta(today, rec.date_of_birth).years if rec.date_of_birth else 0
            rec.is_minor = bool(rec.date_of_birth) and rec.age < 18

    def _search_is_minor(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on 'minor'."))
        limit = fields.Date.context_today(self) - relativedelta(years=18)
        domain = [("date_of_birth", ">", limit)]
        return (
            domain
            if (operator == "=") == value
            else ["|", ("date_of_birth", "=", False), ("date_of_birth", "<=", limit)]
        )

    @api.depends(
        "review_ids.date", "stage_id.review_interval_days", "identification_date", "is_closed"
    )
    def _compute_review(self):
        for rec in self:
            last = max(rec.review_ids.mapped("date"), default=False)
            rec.last_review_date = last
            days = rec.stage_id.review_interval_days
            start = last or rec.identification_date
            rec.next_review_date = (
                start + timedelta(days=days) if days and start and not rec.is_closed else False
            )

    def _compute_review_overdue(self):
        today = fields.Date.context_today(self)
        for rec in self:
            rec.review_overdue = bool(rec.next_review_date) and rec.next_review_date < today

    def _search_review_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on 'review overdue'."))
        domain = [("next_review_date", "<", fields.Date.context_today(self))]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([], order=stages._order)

    # ------------------------------------------------------------------ constraints

    @api.constrains("date_of_birth", "identification_date")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for rec in self:
            if rec.date_of_birth and rec.date_of_birth > today:
                raise ValidationError(
                    _("The date of birth of %(case)s is in the future.", case=rec.code)
                )
            if rec.identification_date and rec.identification_date > today:
                raise ValidationError(
                    _("The identification date of %(case)s is in the future.", case=rec.code)
                )
            if (
                rec.date_of_birth
                and rec.identification_date
                and rec.identification_date < rec.date_of_birth
            ):
                raise ValidationError(
                    _(
                        "%(case)s was identified before they were born: check the dates.",
                        case=rec.code,
                    )
                )

    # ------------------------------------------------------------------ ORM

    @api.model_create_multi
    def create(self, vals_list):
        self._ht_check_protected_create(vals_list)
        for vals in vals_list:
            if vals.get("code", _("New")) == _("New"):
                # sudo: the sequence is configuration, not survivor data.
                vals["code"] = self.env["ir.sequence"].sudo().next_by_code("ht.case")
        # Whom mail.thread would subscribe as the creator is subscribed below with
        # the case's members, in one subscription that checks each one's read access
        # (mail.thread inserts the creator without asking, then the members' turn
        # read the followers back: two more queries per case).
        creator = self.env["res.partner"]
        if not (
            self.env.context.get("tracking_disable")
            or self.env.context.get("mail_create_nosubscribe")
            or not self.env.user.active
        ):
            creator = self.env.user.partner_id
        with self._ht_protected_open():
            cases = (
                super(HtCase, self.with_context(mail_create_nosubscribe=True))
                .create(vals_list)
                .with_env(self.env)
            )
        if any(vals.get("team_user_ids") for vals in vals_list):
            self.env.registry.clear_cache()  # ir.rule domains use the team lists
        for case in cases:
            case._ht_enter_stage(case.stage_id)
        # The case manager and team (and its creator, as Odoo does) follow the case,
        # each only if they may read it; nobody else is subscribed.
        for case in cases:
            members = (case.case_manager_id | case.team_user_ids | case.supervisor_id).partner_id
            case.message_subscribe(partner_ids=(creator | members).ids)
        return cases

    def write(self, vals):
        # case_manager_id and the other protected fields: ht.protected.fields.mixin
        if "stage_id" in vals:
            self._ht_check_stage_change(self.env["ht.case.stage"].browse(vals["stage_id"]))
        old_stages = {case.id: case.stage_id for case in self}
        old_members = {case.id: case._ht_members() for case in self if MEMBER_FIELDS & set(vals)}
        res = super().write(vals)
        if "stage_id" in vals:
            for case in self:
                if old_stages[case.id] != case.stage_id:
                    case._ht_leave_stage(old_stages[case.id])
                    case._ht_enter_stage(case.stage_id)
        if "team_user_ids" in vals:
            self.env.registry.clear_cache()  # ir.rule domains use the team lists
        if {"team_user_ids", "supervisor_id"} & set(vals):
            for case in self:
                case.message_subscribe(
                    partner_ids=(case.team_user_ids | case.supervisor_id).partner_id.ids
                )
        if not self.env.su and {"company_id", "case_manager_id", "team_user_ids"} & set(vals):
            # write() checked the record rules on the old values only: the user must
            # still be allowed to write the case as it is now (no moving a case to
            # another agency or out of one's own scope).
            self.env.invalidate_all()
            if self._filtered_access("write") != self:
                raise AccessError(
                    _(
                        "You cannot move a case outside your own scope (another agency, or "
                        "a team you are not on). Ask a supervisor."
                    )
                )
        if MEMBER_FIELDS & set(vals):
            self._ht_sync_followers(
                {case.id: old_members[case.id] - case._ht_members() for case in self}
            )
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            _("A case file is never deleted: close it, or archive it if it was opened by mistake.")
        )

    # Only people who may read the case follow it or are notified of its
    # messages (a follower gets every message by e-mail): see mail.thread in
    # ht_consent, which filters every subscription and notification of case data.

    def _ht_members(self):
        """The users the case names: its manager, team and supervisor."""
        self.ensure_one()
        return self.case_manager_id | self.team_user_ids | self.supervisor_id

    def _ht_case_threads(self):
        """The records with chatter of these cases: the cases themselves, and every
        record of case data with chatter that belongs to one of them (by its
        ``case_id``, or as the subject of a consent)."""
        threads = [self]
        for name in self.env["mail.thread"]._ht_case_data_threads():
            model = self.env[name]
            if name == self._name or model._transient:
                continue
            case_field = model._fields.get("case_id")
            if case_field and case_field.store and case_field.comodel_name == self._name:
                domain = [("case_id", "in", self.ids)]
            elif "res_model" in model._fields and "res_id" in model._fields:
                domain = [("res_model", "=", self._name), ("res_id", "in", self.ids)]
            else:
                continue
            # sudo: every such record is looked at, whoever can see it.
            threads.append(self.env[name].sudo().with_context(active_test=False).search(domain))
        return threads

    def _ht_sync_followers(self, left=None):
        """Who follows a case and its records with chatter (referrals, consents):
        whoever lost read access stops following all of them, in this
        transaction; ``left`` ({case id: users}) names those who just left a role
        on a case (manager, team, supervisor): they stop following that case even
        where they may still read it (a supervisor)."""
        self.flush_recordset()  # the case rules read the team table in SQL
        for case in self:
            gone = (left or {}).get(case.id)
            if gone:
                gone = gone - case._ht_members()
                # sudo: followers are system data; the caller changed the roles.
                case.sudo().message_unsubscribe(partner_ids=gone.partner_id.ids)
        for records in self._ht_case_threads():
            records._ht_drop_followers_without_access()

    def _track_get_fields(self):
        # Defence in depth: even if someone sets tracking on an identity field (a
        # customisation, another addon), it never reaches a tracking message.
        return super()._track_get_fields() - set(IDENTITY_FIELDS)

    # ------------------------------------------------------------------ stages

    def _ht_check_stage_change(self, new_stage):
        for case in self:
            old = case.stage_id
            if not new_stage.exists():
                raise UserError(_("That stage does not exist."))
            if old == new_stage:
                continue
            # Leaving the closed stage is Re-engage's transition (its private path).
            if old.is_closed and not self._ht_protected_allowed():
                raise UserError(
                    _(
                        "%(case)s is closed: use 'Re-engage' (respite or a new crisis) to "
                        "reopen it, so its history is kept.",
                        case=case.code,
                    )
                )
            pending = case.checklist_ids.filtered(
                lambda c: c.stage_id == c.case_id.stage_id and not c.done
            )
            if pending and not new_stage.is_closed:
                raise UserError(
                    _(
                        "%(case)s cannot leave %(stage)s yet: %(items)s.",
                        case=case.code,
                        stage=old.name,
                        items=", ".join(pending.mapped("name")),
                    )
                )
            if new_stage.is_closed and (not case.exit_plan or not case.closure_reason_id):
                raise UserError(
                    _(
                        "Closing %(case)s needs an exit plan and a closure reason.",
                        case=case.code,
                    )
                )

    def _ht_enter_stage(self, stage):
        self.ensure_one()
        if not stage:
            return
        # What the system makes on entering a stage takes none of the caller's
        # ``default_*`` keys (a ``default_state`` or ``default_done`` sent over RPC).
        env = self.env(context=clean_context(self.env.context))
        # sudo: history and checklist lines are written by the system.
        env["ht.case.stage.history"].sudo().create(
            {"case_id": self.id, "stage_id": stage.id, "user_id": self.env.uid}
        )
        existing = self.checklist_ids.filtered(lambda c: c.stage_id == stage).mapped("name")
        # The stage's items and goals with their values in one query each (the
        # stage's one2many, then a read, took two).
        items = self.env["ht.case.stage.checklist"].search_fetch(
            [("stage_id", "=", stage.id)], ["name", "sequence"]
        )
        env["ht.case.checklist"].sudo().create(
            [
                {
                    "case_id": self.id,
                    "stage_id": stage.id,
                    "name": item.name,
                    "sequence": item.sequence,
                }
                for item in items
                if item.name not in existing
            ]
        )
        today = fields.Date.context_today(self)
        env["ht.case.goal"].create(
            [
                {
                    "case_id": self.id,
                    "stage_id": stage.id,
                    "name": tmpl.name,
                    "category_id": tmpl.category_id.id,
                    "target_date": today + timedelta(days=tmpl.days),
                    "responsible_user_id": self.case_manager_id.id,
                }
                for tmpl in self.env["ht.case.plan.template"].search_fetch(
                    [("stage_id", "=", stage.id)], ["name", "category_id", "days"]
                )
            ]
        )
        if stage.is_closed:
            self.sudo().closed_on = today

    def _ht_leave_stage(self, stage):
        history = self.stage_history_ids.filtered(lambda h: h.stage_id == stage and not h.date_out)
        history.sudo().write({"date_out": fields.Datetime.now()})

    def action_reengage(self, stage=None):
        """Reopen a closed case (respite or a new crisis): history is kept."""
        for case in self:
            if not case.is_closed:
                raise UserError(_("%(case)s is not closed.", case=case.code))
        stage = stage or self.env["ht.settings"]._ht_reengage_stage()
        for case in self:
            with case._ht_protected_open():
                case.write({"stage_id": stage.id, "closure_reason_id": False})
                case.reengagement_count += 1
            case.message_post(body=_("Case re-engaged in %(stage)s.", stage=stage.name))
        return True

    def action_refer(self, need=None):
        """Find a provider for a need: the network's ranked matches."""
        self.ensure_one()
        # the wizard takes the rest (most urgent open need, age, language) from the case
        wizard = self.env["ht.referral.wizard"].create(
            dict(
                {"case_id": self.id, "mode": "emergency" if self.priority == "3" else "standard"},
                **({"need_id": need.id} if need else {}),
            )
        )
        return wizard._ht_reopen()

    def _ht_rapid_assessment(self, need_categories, **vals):
        """The rapid needs assessment of an intake: each category an immediate need."""
        self.ensure_one()
        return self.env["ht.case.assessment"].create(
            dict(
                vals,
                case_id=self.id,
                assessment_type="rapid",
                need_ids=[
                    (0, 0, {"case_id": self.id, "category_id": category.id, "urgency": "immediate"})
                    for category in need_categories
                ],
            )
        )

    def _ht_open_form(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ht.case",
            "res_id": self.id,
            "view_mode": "form",
        }

    def action_view_referrals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ht_case_management.ht_referral_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action

    def action_change_manager(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Change case manager"),
            "res_model": "ht.case.manager.change.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def _ht_change_manager(self, user, reason):
        self.ensure_one()
        if not self.env.su and not self.env.user.has_group(SUPERVISOR):
            raise AccessError(_("Only a supervisor changes a case manager."))
        if not reason:
            raise UserError(_("Say why the case manager changes."))
        if user == self.case_manager_id:
            raise UserError(_("%(user)s is already the case manager.", user=user.name))
        if not user.has_group("ht_consent.group_ht_case_worker"):
            raise UserError(_("%(user)s is not a case worker.", user=user.name))
        old = self.case_manager_id
        self._ht_write_protected({"case_manager_id": user.id})
        # sudo: the history line is written by the system only.
        self.env["ht.case.manager.change"].sudo().create(
            {"case_id": self.id, "from_user_id": old.id, "to_user_id": user.id, "reason": reason}
        )
        self.message_subscribe(partner_ids=user.partner_id.ids)
        return True

    def action_start_plan_from_pathway(self, pathway):
        """Create plan goals (and needs) from a network pathway."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        goals = self.env["ht.case.goal"]
        for line in pathway.line_ids:
            days = {"immediate": 2, "soon": 21, "later": 90}.get(line.urgency, 21)
            goals |= goals.create(
                {
                    "case_id": self.id,
                    "stage_id": self.stage_id.id,
                    "name": line.category_id.name,
                    "category_id": line.category_id.id,
                    "target_date": today + timedelta(days=days),
                    "responsible_user_id": self.case_manager_id.id,
                }
            )
        return goals

    # ------------------------------------------------------------------ audit

    # Every read that returns a survivor's identity fields to a user writes the
    # read audit: ``_read_format`` is where read, search_read, web_read and
    # web_search_read (forms, lists, kanban, onchange) format what they return,
    # ``_export_rows`` where exports do, ``_read_group`` where groups are made.
    # Nothing the caller sends is consulted; the superuser (system code) is not
    # audited, and records not yet saved (NewId: onchange) are not audited.

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        if not self.env.su and not set(fnames).isdisjoint(IDENTITY_FIELDS):
            self.env["ht.case.access.log"]._ht_log_reads(vals["id"] for vals in result)
        return result

    def copy_data(self, default=None):
        # copy_data is public over RPC and returns every copied field, identity
        # included: a read like any other.
        vals_list = super().copy_data(default)
        if not self.env.su:
            self.env["ht.case.access.log"]._ht_log_reads(self._ids)
        return vals_list

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        rows = super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        if not self.env.su and any(path and path[0] in IDENTITY_FIELDS for path in fields):
            self.env["ht.case.access.log"]._ht_log_reads(self._ids)
        return rows

    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        specs = (spec.split(":")[0].split(".")[0] for spec in (*groupby, *aggregates))
        if self.env.su or set(IDENTITY_FIELDS).isdisjoint(specs):
            return super()._read_group(domain, groupby, aggregates, having, offset, limit, order)
        # Grouping by (or aggregating) an identity field shows it: the cases of
        # every group are audited, their ids read in the same query.
        rows = super()._read_group(
            domain, groupby, (*aggregates, "id:array_agg"), having, offset, limit, order
        )
        self.env["ht.case.access.log"]._ht_log_reads(i for row in rows for i in row[-1])
        return [row[:-1] for row in rows]

    # The read audit writes (at commit): these RPC entry points need a read/write
    # cursor, where Odoo opens a read-only one for methods marked @api.readonly
    # (and would retry every call after the audit's INSERT fails).

    @_read_write
    def read(self, fields=None, load="_classic_read"):
        return super().read(fields, load=load)

    @api.model
    @_read_write
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **kwargs):
        return super().search_read(domain, fields, offset, limit, order, **kwargs)

    @_read_write
    def web_read(self, specification):
        return super().web_read(specification)

    @api.model
    @_read_write
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        return super().web_search_read(
            domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
        )

    @api.model
    @_read_write
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        return super().read_group(domain, fields, groupby, offset, limit, orderby, lazy)

    @api.model
    @_read_write
    def web_read_group(
        self, domain, fields, groupby, limit=None, offset=0, orderby=False, lazy=True
    ):
        return super().web_read_group(domain, fields, groupby, limit, offset, orderby, lazy)

    # ------------------------------------------------------------------ cron

    @api.model
    def _cron_plan_reviews(self, batch_size=500):
        """Plan the supervisor's review activity when a review is due, once per due
        date; idempotent."""
        today = fields.Date.context_today(self)
        act_type = self.env.ref("ht_case_management.mail_act_case_review")
        cases = self.search(
            [
                ("is_closed", "=", False),
                ("next_review_date", "!=", False),
                (
                    "next_review_date",
                    "<=",
                    today + timedelta(days=self.env["ht.settings"]._ht_timing("review_lead_days")),
                ),
            ],
            limit=batch_size,
        ).filtered(lambda c: c.review_activity_for != c.next_review_date)
        for case in cases:
            user = case.supervisor_id or case._ht_default_supervisor() or case.case_manager_id
            overdue = case.next_review_date < today
            template = self.env.ref(
                "ht_case_management.mail_template_case_review_overdue"
                if overdue
                else "ht_case_management.mail_template_case_review_due"
            )
            text = template._ht_render(case, lang=user.lang)  # the reader's language
            case.activity_schedule(
                activity_type_id=act_type.id,
                date_deadline=case.next_review_date,
                summary=text["subject"],
                note=text["body"],
                user_id=user.id,
            )
            case._ht_write_protected({"review_activity_for": case.next_review_date})
        return cases

    def _ht_default_supervisor(self):
        group = self.env.ref(SUPERVISOR)
        return group.users.filtered(
            lambda u: self.company_id in u.company_ids and not u._is_superuser()
        )[:1]

    # ------------------------------------------------------------------ consent hooks

    def _ht_consent_reference(self):
        return self.code

    def _ht_consent_person_name(self):
        # printed on the release form: shown to the user, so audited
        if not self.env.su:
            self.env["ht.case.access.log"]._ht_log_reads(self._ids)
        return self.legal_name or self.preferred_name or self.code

    def _ht_consent_responsible_user(self):
        return self.case_manager_id

    def _ht_consent_withdrawn(self, consents, reason):
        """Consent revoked, expired or superseded: every referral that relied on it is
        redacted at once, whatever its state (the provider keeps the case code and
        the state; what was sent stays in the disclosure log as categories, never
        as content), unless it was superseded by a consent (a renewal or an
        amendment) that covers the referral, which then relies on that one. The case
        manager is told about the open ones: they need a conversation."""
        referrals = self.env["ht.referral"].search(
            [("consent_id", "in", consents.ids), ("redacted", "=", False)]
        )
        if reason == "superseded":
            referrals = referrals._ht_reattach()
        open_referrals = referrals.filtered(
            lambda r: r.state in ("sent", "accepted", "waitlisted", "in_progress")
        )
        (referrals - open_referrals)._ht_redact()
        open_referrals._ht_withdraw_packet()
        return super()._ht_consent_withdrawn(consents, reason)
