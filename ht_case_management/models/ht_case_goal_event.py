# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

EVENT_KINDS = [
    ("referral_sent", "Referral sent"),
    ("referral_answered", "Referral answered"),
    ("referral_closed", "Referral closed"),
    ("service", "Service delivered"),
    ("appointment", "Appointment"),
    ("note", "Case note"),
]


class HtCaseGoalEvent(models.Model):
    """The service timeline of a plan goal: what was done for it, in date order.
    One row per referral step (sent, first answer, completed or not), service
    delivered, appointment and case note linked to the goal, read from those
    records by one SQL query (no copy to keep in step).

    Case data: the rows follow the case (record rules like the goal's), and a
    sensitive note's row follows the note's own rule (case manager and
    supervisors). Only rows whose record is on the goal's own case are listed,
    whatever a goal link says. Nothing of a note's text is on a row."""

    _name = "ht.case.goal.event"
    _description = "Service timeline of a plan goal"
    _ht_case_data = True
    _auto = False
    _order = "date, id"
    _rec_name = "kind"
    # flushed before each query of the timeline
    _depends = {
        "ht.case": ["company_id"],
        "ht.case.goal": ["case_id"],
        "ht.referral": [
            "goal_id",
            "case_id",
            "name",
            "category_id",
            "provider_id",
            "state",
            "sent_on",
            "first_answer_on",
            "last_update_on",
            "create_uid",
        ],
        "ht.case.service.line": ["goal_id", "case_id", "date", "category_id", "user_id"],
        "ht.case.appointment": ["goal_id", "case_id", "start", "name", "state", "create_uid"],
        "ht.case.note": ["goal_id", "case_id", "date", "author_id", "sensitive"],
    }

    goal_id = fields.Many2one("ht.case.goal", readonly=True)
    case_id = fields.Many2one("ht.case", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Datetime(readonly=True)
    kind = fields.Selection(EVENT_KINDS, "What", readonly=True)
    reference = fields.Char(readonly=True)
    category_id = fields.Many2one("ht.service.category", "Service", readonly=True)
    provider_id = fields.Many2one("res.partner", readonly=True)
    user_id = fields.Many2one("res.users", "By", readonly=True)
    res_model = fields.Char("Record model", readonly=True)
    res_id = fields.Many2oneReference("Record", model_field="res_model", readonly=True)
    source_state = fields.Char(readonly=True)
    sensitive = fields.Boolean(readonly=True)
    state_label = fields.Char("State", compute="_compute_state_label")

    # ids are stable across queries (Odoo reads a row again by its id): the
    # record's id times 8 plus the kind of row
    @property
    def _table_query(self):
        return """
            SELECT r.id * 8 + 1 AS id, r.goal_id, r.case_id, c.company_id,
                   r.sent_on AS date, 'referral_sent' AS kind, r.name AS reference,
                   r.category_id, r.provider_id, r.create_uid AS user_id,
                   'ht.referral' AS res_model, r.id AS res_id, r.state AS source_state,
                   FALSE AS sensitive
              FROM ht_referral r
              JOIN ht_case_goal g ON g.id = r.goal_id AND g.case_id = r.case_id
              JOIN ht_case c ON c.id = r.case_id
             WHERE r.sent_on IS NOT NULL
            UNION ALL
            SELECT r.id * 8 + 2, r.goal_id, r.case_id, c.company_id,
                   r.first_answer_on, 'referral_answered', r.name,
                   r.category_id, r.provider_id, NULL,
                   'ht.referral', r.id, r.state, FALSE
              FROM ht_referral r
              JOIN ht_case_goal g ON g.id = r.goal_id AND g.case_id = r.case_id
              JOIN ht_case c ON c.id = r.case_id
             WHERE r.first_answer_on IS NOT NULL
            UNION ALL
            SELECT r.id * 8 + 3, r.goal_id, r.case_id, c.company_id,
                   r.last_update_on, 'referral_closed', r.name,
                   r.category_id, r.provider_id, NULL,
                   'ht.referral', r.id, r.state, FALSE
              FROM ht_referral r
              JOIN ht_case_goal g ON g.id = r.goal_id AND g.case_id = r.case_id
              JOIN ht_case c ON c.id = r.case_id
             WHERE r.state IN ('completed', 'not_completed')
               AND r.last_update_on IS NOT NULL
            UNION ALL
            SELECT s.id * 8 + 4, s.goal_id, s.case_id, c.company_id,
                   s.date::timestamp, 'service', NULL,
                   s.category_id, NULL, s.user_id,
                   'ht.case.service.line', s.id, NULL, FALSE
              FROM ht_case_service_line s
              JOIN ht_case_goal g ON g.id = s.goal_id AND g.case_id = s.case_id
              JOIN ht_case c ON c.id = s.case_id
            UNION ALL
            SELECT a.id * 8 + 5, a.goal_id, a.case_id, c.company_id,
                   a.start, 'appointment', a.name,
                   NULL, NULL, a.create_uid,
                   'ht.case.appointment', a.id, a.state, FALSE
              FROM ht_case_appointment a
              JOIN ht_case_goal g ON g.id = a.goal_id AND g.case_id = a.case_id
              JOIN ht_case c ON c.id = a.case_id
            UNION ALL
            SELECT n.id * 8 + 6, n.goal_id, n.case_id, c.company_id,
                   n.date, 'note', NULL,
                   NULL, NULL, n.author_id,
                   'ht.case.note', n.id, NULL, COALESCE(n.sensitive, FALSE)
              FROM ht_case_note n
              JOIN ht_case_goal g ON g.id = n.goal_id AND g.case_id = n.case_id
              JOIN ht_case c ON c.id = n.case_id
        """

    def _compute_state_label(self):
        labels = {}
        for row in self:
            if not row.source_state or row.res_model not in self.env:
                row.state_label = False
                continue
            if row.res_model not in labels:
                field = self.env[row.res_model]._fields["state"]
                labels[row.res_model] = dict(field._description_selection(self.env))
            row.state_label = labels[row.res_model].get(row.source_state, row.source_state)

    def action_open_record(self):
        """Open the record the row comes from (its own access rules apply)."""
        self.ensure_one()
        record = self.env[self.res_model].browse(self.res_id)
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
