# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The case file's journey: justice process, family and linked cases, minors,
interpreters, appointments on the calendar, safety plan history, documents
held. Each part's records follow the case (who reads, who writes), and what the
calendar, res.partner and the chatter show carries no identity."""

import base64
import io
from datetime import date, datetime, timedelta

from PIL import Image

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.ht_referral_network.tests.common import acl_error, rule_error

from .common import HtCaseCase

SECRET = "Lucia Secretname"
HOME = "12 Hidden Lane"


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 20, 30)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


@tagged("post_install", "-at_install", "ht_case_management")
class TestCaseJourney(HtCaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.police = cls.env["res.partner"].create({"name": "City Police", "is_company": True})
        cls.detective = cls.env["res.partner"].create(
            {"name": "Det. Rivera", "parent_id": cls.police.id}
        )
        cls.cps = cls.env["res.partner"].create({"name": "County CPS", "is_company": True})
        cls.other_case = (
            cls.env["ht.case"]
            .with_user(cls.manager)
            .create({"legal_name": "Other Person", "stage_id": cls.stage_crisis.id})
        )
        cls.env.flush_all()
        cls.env.cr.precommit.run()

    def _records(self, user):
        """One record of each journey model on the case, created by ``user``."""
        env = self.env(user=user)
        case_id = self.case.id
        return {
            "ht.case.justice.contact": env["ht.case.justice.contact"].create(
                {"case_id": case_id, "agency_id": self.police.id, "contact_id": self.detective.id}
            ),
            "ht.case.family.member": env["ht.case.family.member"].create(
                {"case_id": case_id, "relationship": "child", "age_band": "6_12", "served": True}
            ),
            "ht.case.guardian": env["ht.case.guardian"].create(
                {"case_id": case_id, "name": "Guardian Person", "relationship": "mother"}
            ),
            "ht.case.mandatory.report": env["ht.case.mandatory.report"].create(
                {"case_id": case_id, "agency_id": self.cps.id, "reference": "CPS-1"}
            ),
            "ht.case.appointment": env["ht.case.appointment"].create(
                {
                    "case_id": case_id,
                    "appointment_type": "home_visit",
                    "start": fields.Datetime.now() + timedelta(days=2),
                    "location": HOME,
                }
            ),
            "ht.case.document.held": env["ht.case.document.held"].create(
                {"case_id": case_id, "document_type": "passport", "location": "Safe, office 2"}
            ),
        }

    # ------------------------------------------------------------------ access

    def test_journey_records_follow_the_case(self):
        records = self._records(self.manager)
        self.case.with_user(self.manager).safety_plan = "<p>Call the hotline.</p>"
        records["ht.case.safety.plan.version"] = self.case.safety_plan_version_ids
        self.assertEqual(len(records["ht.case.safety.plan.version"]), 1)
        writable = {
            "ht.case.justice.contact": {"agency_reference": "PD-7"},
            "ht.case.family.member": {"served": False},
            "ht.case.guardian": {"phone": "+1 555 0199"},
            "ht.case.mandatory.report": {"reference": "CPS-2"},
            "ht.case.appointment": {"outcome": "Went well."},
            "ht.case.document.held": {"location": "Safe, office 3"},
        }
        for model, record in records.items():
            with self.subTest(model=model):
                # the team and the supervisor read; the team writes
                for user in (self.manager, self.teammate, self.supervisor):
                    self.assertEqual(self.env[model].with_user(user).search([]) & record, record)
                    record.with_user(user).read(["case_id"])
                if model in writable:
                    record.with_user(self.teammate).write(writable[model])
                # a case worker not on the team: nothing
                Outsider = self.env[model].with_user(self.outsider)
                self.assertFalse(Outsider.search([("id", "=", record.id)]))
                with self.assertRaisesRegex(AccessError, rule_error("read", model)):
                    record.with_user(self.outsider).read(["case_id"])
                if model in writable:
                    with self.assertRaisesRegex(AccessError, rule_error("write", model)):
                        record.with_user(self.outsider).write(writable[model])
                # other roles: not even the model
                for user in (self.coordinator, self.volunteer, self.employee):
                    with self.assertRaisesRegex(AccessError, acl_error("read", model)):
                        self.env[model].with_user(user).search([])
        # nothing of the case on the calendar, a contact or the chatter
        self.env.flush_all()
        self.env.cr.precommit.run()
        for term in (SECRET, HOME, "Guardian Person"):
            self.assertFalse(self.env["res.partner"].search([("name", "ilike", term)]))
            self.assertFalse(self.env["calendar.event"].search([("name", "ilike", term)]))
            self.assertFalse(self.env["mail.message"].search([("body", "ilike", term)]))

    # ------------------------------------------------------------------ justice

    def _consent(self, purpose):
        consent = (
            self.env["ht.consent"]
            .with_user(self.manager)
            .create(
                {
                    "res_model": "ht.case",
                    "res_id": self.case.id,
                    "recipient_ids": [(6, 0, self.police.ids)],
                    "category_ids": [
                        (6, 0, self.env.ref("ht_consent.ht_consent_category_case_summary").ids)
                    ],
                    "purpose_id": self.env["ht.consent.purpose"]._ht_get(purpose).id,
                    "method": "signed",
                    "signature": _png(),
                    "limits_explained": True,
                }
            )
        )
        consent.action_activate()
        return consent

    def test_justice_sharing_needs_a_law_enforcement_consent(self):
        summary = self.env.ref("ht_consent.ht_consent_category_case_summary")
        contact = (
            self.env["ht.case.justice.contact"]
            .with_user(self.manager)
            .create(
                {
                    "case_id": self.case.id,
                    "role": "law_enforcement",
                    "agency_id": self.police.id,
                    "contact_id": self.detective.id,
                    "category_ids": [(6, 0, summary.ids)],
                }
            )
        )
        Disclosure = self.env["ht.disclosure"]
        with self.assertRaisesRegex(UserError, "No consent lets information"):
            contact.action_share()
        self._consent("referral")
        with self.assertRaisesRegex(UserError, "covers Referral / warm hand-off, not Law-enf"):
            contact.action_share()
        self.assertFalse(Disclosure.search([("res_id", "=", self.case.id)]))
        self.assertFalse(contact.last_shared_on)
        consent = self._consent("law_enforcement")
        contact.action_share()
        line = Disclosure.search([("res_model", "=", "ht.case"), ("res_id", "=", self.case.id)])
        self.assertEqual(line.consent_id, consent)
        self.assertEqual(line.recipient_id, self.detective)
        self.assertTrue(contact.last_shared_on)
        # the date of sharing is the system's, and the person is the agency's
        with self.assertRaisesRegex(UserError, "recorded by the Share button only"):
            contact.with_user(self.manager).write({"last_shared_on": "2020-01-01 00:00:00"})
        stranger = self.env["res.partner"].create({"name": "Someone Else"})
        with self.assertRaisesRegex(ValidationError, "is not a contact of City Police"):
            contact.with_user(self.manager).write({"contact_id": stranger.id})
        # court dates are appointments of the case, on the justice page too
        court = (
            self.env["ht.case.appointment"]
            .with_user(self.manager)
            .create({"case_id": self.case.id, "appointment_type": "court_date"})
        )
        self.assertEqual(self.case.justice_court_date_ids, court)

    # ------------------------------------------------------------------ family

    def test_family_link_shows_only_the_code_to_whoever_cannot_read_it(self):
        member = (
            self.env["ht.case.family.member"]
            .with_user(self.manager)
            .create(
                {
                    "case_id": self.case.id,
                    "relationship": "sibling",
                    "served": True,
                    "linked_case_id": self.other_case.id,
                }
            )
        )
        as_team = member.with_user(self.teammate)
        self.assertFalse(as_team.linked_case_readable)
        shown = as_team.web_read({"linked_case_id": {"fields": {"display_name": {}}}})
        self.assertEqual(shown[0]["linked_case_id"]["display_name"], self.other_case.code)
        self.assertNotIn("Other Person", str(shown))
        with self.assertRaisesRegex(AccessError, rule_error("read", "ht.case")):
            as_team.action_open_linked_case()
        self.env.invalidate_all()
        self.assertTrue(member.with_user(self.manager).linked_case_readable)
        # only a readable case is linked (an id over RPC included)
        with self.assertRaisesRegex(UserError, "only link a case you have access to"):
            self.env["ht.case.family.member"].with_user(self.teammate).create(
                {
                    "case_id": self.case.id,
                    "relationship": "parent",
                    "linked_case_id": self.other_case.id,
                }
            )
        self.env["ht.case.family.member"].with_user(self.manager).create(
            [
                {
                    "case_id": self.case.id,
                    "relationship": "child",
                    "age_band": "18_24",
                    "served": 1,
                },
                {"case_id": self.case.id, "relationship": "child", "age_band": "0_5", "served": 1},
                {"case_id": self.case.id, "relationship": "spouse", "served": False},
            ]
        )
        counts = (
            self.env["ht.case"]
            .with_user(self.manager)
            ._ht_family_served_counts([("id", "=", self.case.id)])
        )
        self.assertEqual(
            counts,
            {
                "parent": 0,
                "sibling": 1,
                "spouse": 0,
                "child_minor": 1,
                "child_adult": 1,
                "other": 0,
            },
        )
        self.assertEqual(self.case.family_served_count, 3)

    def test_linked_cases_show_each_user_only_the_cases_they_may_read(self):
        group = (
            self.env["ht.case.group"]
            .with_user(self.supervisor)
            .create(
                {
                    "name": "Operation Lantern",
                    "case_ids": [(6, 0, (self.case | self.other_case).ids)],
                }
            )
        )
        both = self.case | self.other_case
        self.assertEqual(group.with_user(self.supervisor).case_ids, both)
        # a new request: the teammate reads the group, as the form does
        self.env.invalidate_all()
        as_team = group.with_user(self.teammate)
        self.assertEqual(as_team.case_ids, self.case)
        self.assertEqual(as_team.case_count, 1)
        self.env.invalidate_all()
        shown = as_team.web_read({"case_ids": {"fields": {"display_name": {}}}, "case_count": {}})
        self.assertEqual([c["id"] for c in shown[0]["case_ids"]], self.case.ids)
        self.assertNotIn(self.other_case.code, str(shown))
        self.assertFalse(self.env["ht.case.group"].with_user(self.outsider).search([]))
        # what the teammate cannot see stays in the group, whatever they send
        for commands in ([(6, 0, self.case.ids)], [(3, self.other_case.id)], [(5, 0, 0)]):
            as_team.write({"case_ids": commands})
            self.env.invalidate_all()
            self.assertEqual(
                group.sudo().all_case_ids, both - self.case if commands[0][0] == 5 else both
            )
            group.sudo().all_case_ids = both
        own = self.env["ht.case"].with_user(self.outsider).create({"legal_name": "Own"})
        with self.assertRaisesRegex(AccessError, acl_error("create", "ht.case.group")):
            self.env["ht.case.group"].with_user(self.outsider).create({"name": "Mine"})
        mine = (
            self.env["ht.case.group"]
            .with_user(self.supervisor)
            .create({"name": "Mine", "case_ids": [(4, own.id)]})
        )
        with self.assertRaisesRegex(AccessError, rule_error("read", "ht.case")):
            mine.with_user(self.outsider).write({"case_ids": [(4, self.case.id)]})
        self.assertEqual(mine.sudo().all_case_ids, own)
        with self.assertRaisesRegex(UserError, "only add a case to a group you have access to"):
            self.case.with_user(self.manager).write({"group_ids": [(4, mine.id)]})
        with self.assertRaisesRegex(AccessError, "enough rights to access the fields"):
            as_team.read(["all_case_ids"])
        action = group.with_user(self.supervisor).action_view_cases()
        self.assertEqual(
            self.env["ht.case"].with_user(self.supervisor).search(action["domain"]), both
        )

    # ------------------------------------------------------------------ minors

    def test_a_suspected_trafficker_is_never_involved(self):
        Guardian = self.env["ht.case.guardian"].with_user(self.manager)
        with self.assertRaisesRegex(ValidationError, "suspected of involvement"):
            Guardian.create(
                {
                    "case_id": self.case.id,
                    "name": "Suspect Parent",
                    "suspected_trafficker": True,
                    "may_be_involved": True,
                }
            )
        guardian = Guardian.create(
            {"case_id": self.case.id, "name": "Aunt", "may_be_involved": True}
        )
        with (
            self.assertRaisesRegex(ValidationError, "suspected of involvement"),
            self.env.cr.savepoint(),
        ):
            guardian.write({"suspected_trafficker": True})
        guardian.invalidate_recordset()
        self.assertFalse(guardian.suspected_trafficker)
        # the form clears the flag and warns
        draft = Guardian.new({"case_id": self.case.id, "may_be_involved": True})
        draft.suspected_trafficker = True
        result = draft._onchange_suspected_trafficker()
        self.assertFalse(draft.may_be_involved)
        self.assertIn("never involved", result["warning"]["message"])
        draft.may_be_involved = True
        self.assertIn(
            "may not be involved", draft._onchange_may_be_involved()["warning"]["message"]
        )
        self.assertFalse(draft.may_be_involved)

    def test_mandatory_report_is_kept(self):
        report = (
            self.env["ht.case.mandatory.report"]
            .with_user(self.manager)
            .create({"case_id": self.case.id, "agency_id": self.cps.id, "reference": "CPS-9"})
        )
        self.assertEqual(report.reported_by_id, self.manager)
        with self.assertRaisesRegex(ValidationError, "cannot be filed in the future"):
            report.with_user(self.manager).write({"date": date.today() + timedelta(days=2)})
        with self.assertRaisesRegex(UserError, "stays on its case"):
            report.with_user(self.manager).write({"case_id": self.other_case.id})
        with self.assertRaisesRegex(UserError, "Mandatory reports are kept"):
            report.sudo().unlink()

    # ------------------------------------------------------------------ interpreters

    def test_family_interpreter_is_recorded_and_warned(self):
        Note = self.env["ht.case.note"].with_user(self.manager)
        draft = Note.new({"case_id": self.case.id, "body": "<p>x</p>"})
        draft.interpreter_kind = "family"
        warning = draft._onchange_interpreter_kind()
        self.assertIn("should not interpret", warning["warning"]["message"])
        draft.interpreter_kind = "professional"
        self.assertFalse(draft._onchange_interpreter_kind())
        note = Note.create(
            {"case_id": self.case.id, "body": "<p>Met.</p>", "interpreter_kind": "family"}
        )
        self.assertTrue(note.interpreter_concern)
        # the roster: vetted interpreters only
        interpreter = self.env["res.partner"].create(
            {"name": "Interpreter One", "ht_pro_bono": True, "ht_profession": "interpreter"}
        )
        with self.assertRaisesRegex(ValidationError, "is not a vetted interpreter today"):
            Note.create(
                {
                    "case_id": self.case.id,
                    "body": "<p>Met.</p>",
                    "interpreter_kind": "roster",
                    "interpreter_id": interpreter.id,
                }
            )
        for step in ("background", "references", "training", "confidentiality"):
            self.env["ht.vetting.step"].create(
                {
                    "partner_id": interpreter.id,
                    "step_type_id": self.env.ref(
                        f"ht_referral_network.ht_vetting_step_type_{step}"
                    ).id,
                }
            )
        vetted = Note.create(
            {
                "case_id": self.case.id,
                "body": "<p>Met.</p>",
                "interpreter_kind": "roster",
                "interpreter_id": interpreter.id,
            }
        )
        self.assertFalse(vetted.interpreter_concern)

    # ------------------------------------------------------------------ calendar

    def test_calendar_event_carries_the_code_and_type_only(self):
        appointment = (
            self.env["ht.case.appointment"]
            .with_user(self.manager)
            .create(
                {
                    "case_id": self.case.id,
                    "appointment_type": "home_visit",
                    "start": fields.Datetime.now() + timedelta(days=1),
                    "location": HOME,
                    "user_ids": [(6, 0, (self.manager | self.teammate).ids)],
                }
            )
        )
        event = appointment.event_id
        self.assertEqual(event.name, f"{self.case.code} · Home visit")
        self.assertFalse(event.location)
        self.assertFalse(event.description)
        self.assertEqual(event.privacy, "private")
        self.assertEqual(event.partner_ids, (self.manager | self.teammate).partner_id)
        self.assertEqual(self.case.appointment_upcoming_count, 1)
        # nobody renames, describes, locates or invites on the event itself
        as_team = event.with_user(self.teammate)
        for vals in (
            {"name": SECRET},
            {"description": f"<p>{SECRET}</p>"},
            {"location": HOME},
            {"partner_ids": [(4, self.outsider.partner_id.id)]},
            {"res_id": self.other_case.id},
        ):
            with self.assertRaisesRegex(UserError, "This event belongs to a case"):
                as_team.write(vals)
        self.assertEqual(event.name, f"{self.case.code} · Home visit")
        # its time may move
        as_team.write(
            {"start": event.start + timedelta(hours=1), "stop": event.stop + timedelta(hours=1)}
        )
        # nor does anyone create or link an event of a case by hand
        model_id = self.env["ir.model"]._get_id("ht.case")
        with self.assertRaisesRegex(UserError, "This event belongs to a case"):
            self.env["calendar.event"].with_user(self.manager).create(
                {
                    "name": SECRET,
                    "start": datetime.now(),
                    "stop": datetime.now() + timedelta(hours=1),
                    "res_model_id": model_id,
                    "res_id": self.case.id,
                }
            )
        with self.assertRaisesRegex(UserError, "This event belongs to a case"):
            # no attendee: only the event's own check stands in the way
            self.env["calendar.event"].with_user(self.manager).create(
                {
                    "name": SECRET,
                    "start": datetime.now(),
                    "stop": datetime.now() + timedelta(hours=1),
                    "res_model_id": model_id,
                    "res_id": self.case.id,
                    "partner_ids": [],
                }
            )
        own = (
            self.env["calendar.event"]
            .with_user(self.manager)
            .create(
                {
                    "name": SECRET,
                    "start": datetime.now(),
                    "stop": datetime.now() + timedelta(hours=1),
                }
            )
        )
        with self.assertRaisesRegex(UserError, "This event belongs to a case"):
            own.write({"res_model_id": model_id, "res_id": self.case.id})
        with self.assertRaisesRegex(UserError, "This event belongs to a case"):
            self.env["calendar.attendee"].with_user(self.teammate).create(
                {"event_id": event.id, "partner_id": self.outsider.partner_id.id}
            )
        # the attendees come from the case team
        with self.assertRaisesRegex(ValidationError, "is not on it"):
            appointment.with_user(self.manager).write({"user_ids": [(4, self.outsider.id)]})
        with self.assertRaisesRegex(UserError, "created with it"):
            appointment.with_user(self.manager).write({"event_id": own.id})
        # whoever leaves the team leaves its planned appointments and their events
        self.case.with_user(self.manager).write({"team_user_ids": [(3, self.teammate.id)]})
        self.assertEqual(appointment.user_ids, self.manager)
        self.assertEqual(event.partner_ids, self.manager.partner_id)
        # the appointment moves the event; a change of type renames it
        appointment.with_user(self.manager).write({"appointment_type": "hearing"})
        self.assertEqual(event.name, f"{self.case.code} · Hearing")
        appointment.with_user(self.manager).write({"state": "cancelled"})
        self.assertFalse(event.active)
        self.assertEqual(self.case.appointment_upcoming_count, 0)
        with self.assertRaisesRegex(UserError, "Appointments are kept"):
            appointment.sudo().unlink()

    # ------------------------------------------------------------------ safety

    def test_safety_plan_history_is_kept(self):
        case = self.case.with_user(self.teammate)
        case.write({"safety_plan": "<p>Plan one</p>"})
        case.write({"safety_plan": "<p>Plan two</p>", "safety_plan_review_date": date.today()})
        case.write({"priority": "2"})  # no change of the plan: no version
        versions = self.case.safety_plan_version_ids.sorted("version")
        self.assertEqual(versions.mapped("version"), [1, 2])
        self.assertIn("Plan one", versions[0].content)
        self.assertIn("Plan two", versions[1].content)
        self.assertEqual(versions.user_id, self.teammate)
        with self.assertRaisesRegex(UserError, "is history"):
            versions[0].with_user(self.manager).write({"content": "<p>rewritten</p>"})
        with self.assertRaisesRegex(
            AccessError, acl_error("create", "ht.case.safety.plan.version")
        ):
            self.env["ht.case.safety.plan.version"].with_user(self.manager).create(
                {
                    "case_id": self.case.id,
                    "version": 9,
                    "user_id": self.manager.id,
                    "date": "2020-01-01",
                }
            )
        with self.assertRaisesRegex(UserError, "history is kept"):
            versions.sudo().unlink()
        self.assertIn("Plan one", versions[0].content)

    def test_safety_plan_review_reminder(self):
        act_type = self.env.ref("ht_case_management.mail_act_safety_plan_review")
        self.case.safety_plan_review_date = date.today() + timedelta(days=2)
        self.other_case.safety_plan_review_date = date.today() + timedelta(days=30)
        due = self.env["ht.case"]._cron_remind_safety_plan_review()
        self.assertEqual(due, self.case)
        activity = self.case.activity_ids.filtered(lambda a: a.activity_type_id == act_type)
        self.assertEqual(activity.user_id, self.manager)
        self.assertEqual(activity.date_deadline, self.case.safety_plan_review_date)
        self.assertNotIn("Secretname", activity.summary)
        # idempotent; a new review date plans a new reminder
        self.assertFalse(self.env["ht.case"]._cron_remind_safety_plan_review())
        self.case.safety_plan_review_date = date.today()
        self.assertEqual(self.env["ht.case"]._cron_remind_safety_plan_review(), self.case)

    # ------------------------------------------------------------------ documents

    def test_document_is_returned_with_the_button(self):
        document = self._records(self.manager)["ht.case.document.held"]
        as_team = document.with_user(self.teammate)
        with self.assertRaisesRegex(UserError, "returned with the Return button"):
            as_team.write({"returned_on": date.today()})
        with self.assertRaisesRegex(UserError, "Say to whom"):
            as_team.action_return()
        as_team.write({"returned_to": "The client, in person"})
        as_team.action_return()
        self.assertEqual(document.state, "returned")
        self.assertEqual(document.returned_by_id, self.teammate)
        self.assertEqual(document.returned_on, date.today())
        with self.assertRaisesRegex(UserError, "already returned"):
            as_team.action_return()
        with self.assertRaisesRegex(AccessError, rule_error("write", "ht.case.document.held")):
            document.with_user(self.outsider).action_return()
        with self.assertRaisesRegex(UserError, "stays recorded"):
            document.sudo().unlink()
