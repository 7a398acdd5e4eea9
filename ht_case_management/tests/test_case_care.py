# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The second half of a survivor's journey (issue 15): assessments by type and the
decline of a service, outcome progress, a plan started from a pathway, waitlisted
referrals, grievances, anonymous feedback and letters."""

import base64
from datetime import timedelta

from freezegun import freeze_time

from odoo import SUPERUSER_ID, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.ht_referral_network.tests.common import acl_error, rule_error

from .common_referral import HtReferralCase

SUP = "base.group_user,ht_consent.group_ht_supervisor"


@tagged("post_install", "-at_install", "ht_case_management")
class TestCaseCare(HtReferralCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case.supervisor_id = cls.supervisor
        cls.supervisor_2 = new_test_user(cls.env, "ht_c_sup2", groups=SUP)

    # ------------------------------------------------------------------ assessments

    def test_decline_recorded_with_who_and_when_by_the_system_only(self):
        need = self.need.with_user(self.teammate)
        need.action_decline()
        self.assertEqual(need.status, "declined")
        self.assertEqual(need.declined_by_id, self.teammate)
        self.assertTrue(need.declined_on)
        # who and when cannot be chosen, with or without the status
        for vals in (
            {"declined_by_id": self.manager.id},
            {"declined_on": "2001-01-01 00:00:00"},
            {"status": "declined", "declined_by_id": self.manager.id},
        ):
            with self.assertRaisesRegex(UserError, "changes only through the Declined button"):
                self.need.with_user(self.manager).write(vals)
        # nor on several needs at once, some declined already
        other = self.need.copy({"status": "identified"})
        with self.assertRaisesRegex(UserError, "changes only through the Declined button"):
            (self.need | other).with_user(self.manager).write(
                {"status": "declined", "declined_by_id": self.manager.id}
            )
        self.assertEqual((self.need.declined_by_id, other.status), (self.teammate, "identified"))
        with self.assertRaisesRegex(UserError, "changes only through the Declined button"):
            self.env["ht.case.need"].with_user(self.manager).create(
                {
                    "case_id": self.case.id,
                    "category_id": self.need.category_id.id,
                    "status": "declined",
                    "declined_by_id": self.teammate.id,
                }
            )
        # the client wants it after all: the last decline stays recorded
        need.action_reconsider()
        self.assertEqual((need.status, need.declined_by_id), ("identified", self.teammate))
        # the status list of the form records the decline too, by the one who sets it
        self.need.with_user(self.manager).write({"status": "declined"})
        self.assertEqual(self.need.declined_by_id, self.manager)
        # an outsider declines nothing
        with self.assertRaisesRegex(AccessError, rule_error("write", "ht.case.need")):
            self.need.with_user(self.outsider).action_decline()

    def test_outcome_progress_baseline_to_latest(self):
        Assessment = self.env["ht.case.assessment"].with_user(self.manager)
        today = fields.Date.today()
        Assessment.create(
            {
                "case_id": self.case.id,
                "assessment_type": "comprehensive",
                "date": today - timedelta(days=60),
                "score_ids": [
                    (
                        0,
                        0,
                        {
                            "domain_id": self.env.ref(
                                "ht_case_management.ht_case_outcome_domain_housing"
                            ).id,
                            "score": 2,
                        },
                    )
                ],
            }
        )
        Assessment.create(
            {
                "case_id": self.case.id,
                "assessment_type": "reassessment",
                "date": today,
                "score_ids": [
                    (
                        0,
                        0,
                        {
                            "domain_id": self.env.ref(
                                "ht_case_management.ht_case_outcome_domain_housing"
                            ).id,
                            "score": 4,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "domain_id": self.env.ref(
                                "ht_case_management.ht_case_outcome_domain_safety"
                            ).id,
                            "score": 3,
                        },
                    ),
                ],
            }
        )
        case = self.case.with_user(self.teammate)
        self.assertEqual(case._ht_outcome_progress(), {"housing": (2, 4), "safety": (3, 3)})
        html = str(case.outcome_progress_html)
        self.assertIn("Housing", html)
        self.assertIn("width:80%", html)  # latest housing 4 of 5
        self.assertIn("bg-success", html)

    def test_assessment_form_has_a_page_per_type(self):
        arch = self.env["ht.case.assessment"].get_view(view_type="form")["arch"]
        for page in ("rapid", "comprehensive", "reassessment", "exit"):
            self.assertIn(f'name="{page}"', arch)

    # ------------------------------------------------------------------ service plan

    def test_plan_from_a_pathway(self):
        pathway = self.env["ht.pathway"].create(
            {
                "name": "Test pathway",
                "line_ids": [
                    (0, 0, {"category_id": self.need.category_id.id, "urgency": "immediate"}),
                    (0, 0, {"category_id": self.service_b.category_id.id, "urgency": "later"}),
                ],
            }
        )
        Wizard = self.env["ht.case.pathway.plan"]
        goals_before = len(self.case.goal_ids)
        wizard = Wizard.with_user(self.manager).create(
            {"case_id": self.case.id, "pathway_id": pathway.id}
        )
        # only its creator reads the row
        with self.assertRaisesRegex(AccessError, rule_error("read", "ht.case.pathway.plan")):
            wizard.with_user(self.teammate).read(["case_id"])
        wizard.action_start()
        self.assertFalse(wizard.exists())
        self.assertEqual(len(self.case.goal_ids) - goals_before, 2)
        # a case the user does not work on cannot be linked
        with self.assertRaisesRegex(AccessError, rule_error("read", "ht.case")):
            Wizard.with_user(self.outsider).create(
                {"case_id": self.case.id, "pathway_id": pathway.id}
            )

    # ------------------------------------------------------------------ referrals

    def test_waitlisted_referral_followed_up_then_expires(self):
        self._consent()
        referral = self._referral()
        referral.action_send()
        referral.with_user(self.portal_a)._ht_portal_respond(
            "waitlist", note="Full this week", contact_name="  Maria at intake "
        )
        self.assertEqual(referral.state, "waitlisted")
        self.assertEqual(referral.provider_contact_name, "Maria at intake")
        Referral = self.env["ht.referral"]
        acts = self.case.activity_ids
        with freeze_time(fields.Datetime.now() + timedelta(days=8)):
            Referral._cron_followup()
        self.assertEqual(referral.state, "waitlisted")
        self.assertTrue(referral.followup_done)
        followup = self.case.activity_ids - acts
        self.assertIn("follow up", followup.summary)
        reminder = self.env["mail.message"].search(
            [("model", "=", False), ("body", "ilike", referral.name)]
        )
        self.assertEqual(reminder.partner_ids, self.portal_a.partner_id)
        with freeze_time(fields.Datetime.now() + timedelta(days=31)):
            Referral._cron_followup()
        self.assertEqual(referral.state, "expired")
        expiry = self.case.activity_ids - acts - followup
        self.assertIn("waiting list", expiry.summary)
        # the case team records or corrects the name too
        referral.with_user(self.teammate).provider_contact_name = "Maria Lopez"
        self.assertEqual(referral.provider_contact_name, "Maria Lopez")

    # ------------------------------------------------------------------ grievances

    def _grievance(self, user=None, **vals):
        return (
            self.env["ht.case.grievance"]
            .with_user(user or self.teammate)
            .create(
                dict(
                    {
                        "case_id": self.case.id,
                        "kind": "staff",
                        "subject_user_id": self.manager.id,
                        "filed_via": "advocate",
                        "advocate_name": "Legal aid advocate",
                        "description": "My case manager did not return my calls.",
                    },
                    **vals,
                )
            )
        )

    def test_grievance_routed_answered_and_kept(self):
        grievance = self._grievance()
        self.assertEqual(grievance.handler_id, self.supervisor)
        activity = grievance.sudo().activity_ids
        self.assertEqual(
            activity.activity_type_id, self.env.ref("ht_case_management.mail_act_grievance")
        )
        self.assertEqual(activity.user_id, self.supervisor)
        self.assertNotIn("Lucia", activity.summary)
        # the filer neither answers nor resolves it
        with self.assertRaisesRegex(UserError, "Only the supervisor handling"):
            grievance.write({"answer": "Sorted"})
        with self.assertRaisesRegex(UserError, "Only the supervisor handling"):
            grievance.action_resolve()
        handled = grievance.with_user(self.supervisor)
        with self.assertRaisesRegex(UserError, "Write the answer"):
            handled.action_resolve()
        # what was filed, the state and the routing change only through their methods
        for vals in (
            {"description": "Nothing"},
            {"state": "resolved"},
            {"handler_id": self.supervisor_2.id},
            {"subject_user_id": self.teammate.id},
        ):
            with self.assertRaisesRegex(UserError, "changes only through"):
                handled.write(vals)
        handled.answer = "Your new case manager will call you every Monday."
        handled.action_resolve()
        self.assertEqual((grievance.state, grievance.resolved_by_id), ("resolved", self.supervisor))
        self.assertFalse(grievance.sudo().activity_ids)
        with self.assertRaisesRegex(UserError, "kept as it was answered"):
            handled.write({"answer": "Changed"})
        with self.assertRaisesRegex(AccessError, acl_error("unlink", "ht.case.grievance")):
            handled.unlink()
        # counted by kind for the annual review
        groups = (
            self.env["ht.case.grievance"]
            .with_user(self.supervisor)
            .read_group([("case_id", "=", self.case.id)], ["kind"], ["kind"])
        )
        self.assertEqual([(g["kind"], g["kind_count"]) for g in groups], [("staff", 1)])

    def test_grievance_never_read_by_the_staff_member_it_is_about(self):
        grievance = self._grievance()
        # the case manager it is about: not listed, not read, even once a supervisor
        for user in (self.manager, self.outsider):
            Grievance = self.env["ht.case.grievance"].with_user(user)
            self.assertFalse(Grievance.search([("case_id", "=", self.case.id)]))
            with self.assertRaisesRegex(AccessError, rule_error("read", "ht.case.grievance")):
                grievance.with_user(user).read(["description"])
        self.manager.groups_id |= self.env.ref("ht_consent.group_ht_supervisor")
        self.env.invalidate_all()
        with self.assertRaisesRegex(AccessError, rule_error("read", "ht.case.grievance")):
            grievance.with_user(self.manager).read(["description"])

    def test_grievance_about_the_supervisor_goes_to_another(self):
        grievance = self._grievance(subject_user_id=self.supervisor.id)
        self.assertEqual(grievance.handler_id.has_group("ht_consent.group_ht_supervisor"), True)
        self.assertNotIn(grievance.handler_id, self.supervisor | self.manager)
        with self.assertRaisesRegex(AccessError, rule_error("read", "ht.case.grievance")):
            grievance.with_user(self.supervisor).read(["description"])
        # nobody records a grievance about themselves (it must reach someone else)
        with self.assertRaisesRegex(UserError, "This grievance is about you"):
            self._grievance(user=self.manager)

    # ------------------------------------------------------------------ feedback

    def test_feedback_answer_has_no_link_to_the_case(self):
        self.case.write(
            {
                "exit_plan": "<p>Independent</p>",
                "closure_reason_id": self.env.ref(
                    "ht_case_management.ht_case_closure_reason_goals_met"
                ).id,
            }
        )
        self._tick_checklist()
        self.case.with_user(self.manager).stage_id = self.stage_closed
        survey = self.env.ref("ht_case_management.ht_feedback_survey")
        answers_before = survey.user_input_ids
        action = self.case.with_user(self.manager).action_invite_feedback()
        # "today" of the case manager who invited (their time zone, not the test's)
        self.assertEqual(
            self.case.feedback_invited_on,
            fields.Date.context_today(self.case.with_user(self.manager)),
        )
        answer = survey.user_input_ids - answers_before
        self.assertEqual(len(answer), 1)
        self.assertIn(answer.access_token, action["params"]["message"])
        # the client answers (as the public user would)
        questions = survey.question_ids
        public_answer = answer.with_user(self.env.ref("base.public_user")).sudo()
        public_answer._save_lines(questions[0], "4")
        public_answer._save_lines(
            questions.filtered(lambda q: q.question_type == "text_box"), "More evening hours"
        )
        public_answer._mark_done()
        # nothing on the answer leads back to the case, its client or its team
        self.assertFalse(answer.partner_id)
        self.assertFalse(answer.email)
        self.assertFalse(answer.nickname)
        self.assertEqual(answer.create_uid.id, SUPERUSER_ID)
        team_partners = (self.manager | self.teammate | self.supervisor).partner_id
        UserInput = self.env["survey.user_input"].with_context(active_test=False)
        for domain in (
            [("partner_id", "in", team_partners.ids)],
            [("create_uid", "in", (self.manager | self.teammate).ids)],
            [("email", "ilike", self.case.code)],
            [("nickname", "ilike", self.case.code)],
            [("user_input_line_ids.value_text_box", "ilike", self.case.code)],
        ):
            self.assertFalse(UserInput.search(domain + [("survey_id", "=", survey.id)]))
        # and nothing on the case holds the token
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT row_to_json(c)::text FROM ht_case c WHERE id = %s", [self.case.id]
        )
        self.assertNotIn(answer.access_token, self.env.cr.fetchone()[0])
        # the date is set by the button only; an outsider invites nothing
        with self.assertRaisesRegex(UserError, "Invite to feedback button"):
            self.case.with_user(self.manager).write({"feedback_invited_on": "2001-01-01"})
        with self.assertRaisesRegex(AccessError, rule_error("write", "ht.case")):
            self.case.with_user(self.outsider).action_invite_feedback()

    # ------------------------------------------------------------------ letters

    def _letter(self, user=None, **vals):
        return (
            self.env["ht.case.letter"]
            .with_user(user or self.manager)
            .create(
                dict(
                    {
                        "case_id": self.case.id,
                        "letter_type": "verification",
                        "recipient_id": self.provider_a.id,
                        "purpose_type": "benefits",
                        "lang": "es",
                        "statement": "Needs housing assistance.",
                    },
                    **vals,
                )
            )
        )

    def _disclosures(self):
        return self.env["ht.disclosure"].search(
            [("res_model", "=", "ht.case"), ("res_id", "=", self.case.id)]
        )

    def test_letter_refused_without_consent_and_logged_with_it(self):
        letter = self._letter()
        # a consent for the recipient, but another purpose: refused, nothing written
        self._consent(categories=self.cat_summary | self.cat_identity)
        with self.assertRaisesRegex(UserError, "covers Referral / warm hand-off, not Benefits"):
            letter.action_issue()
        self.assertFalse(self._disclosures())
        self.assertEqual(letter.state, "draft")
        self.assertFalse(letter.document)
        # the teammate does not sign for the case manager
        self._consent(categories=self.cat_summary | self.cat_identity, purpose_type="benefits")
        with self.assertRaisesRegex(UserError, "The case manager signs"):
            letter.with_user(self.teammate).action_issue()
        self.assertFalse(self._disclosures())
        letter.action_issue()
        disclosure = self._disclosures()
        self.assertEqual(len(disclosure), 1)
        self.assertEqual(disclosure, letter.disclosure_id)
        self.assertEqual(disclosure.recipient_id, self.provider_a)
        self.assertEqual(disclosure.category_ids, self.cat_summary | self.cat_identity)
        self.assertEqual((disclosure.channel, disclosure.reference), ("print", letter.name))
        self.assertEqual((letter.state, letter.signed_by_id), ("issued", self.manager))
        printed = base64.b64decode(letter.document).decode()
        self.assertIn("Verificación de servicios", printed)
        self.assertIn("Lucia Secretname", printed)
        self.assertIn(self.manager.name, printed)
        # the issue printed the name: audited
        self.flush_tracking()
        self.assertTrue(
            self.env["ht.case.access.log"].search(
                [("case_id", "=", self.case.id), ("user_id", "=", self.manager.id)]
            )
        )
        # issued letters never change, nor print again without a disclosure
        with self.assertRaisesRegex(UserError, "kept as it was sent"):
            letter.write({"statement": "Other"})
        with self.assertRaisesRegex(UserError, "already issued"):
            letter.action_issue()
        Report = self.env["ir.actions.report"].with_user(self.manager)
        for target in (letter, self._letter()):
            with self.assertRaisesRegex(UserError, "printed once"):
                Report._render_qweb_pdf(
                    "ht_case_management.action_report_ht_case_letter", target.ids
                )
        self.assertEqual(len(self._disclosures()), 1)

    def test_letter_without_any_consent_refused(self):
        letter = self._letter(recipient_id=self.provider_b.id)
        with self.assertRaisesRegex(UserError, "No consent lets information"):
            letter.action_issue()
        self.assertFalse(self._disclosures())
        self.assertEqual(letter.state, "draft")

    def test_letter_read_by_the_case_team_only(self):
        letter = self._letter()
        letter.with_user(self.teammate).read(["statement"])
        letter.with_user(self.supervisor).read(["statement"])
        with self.assertRaisesRegex(AccessError, rule_error("read", "ht.case.letter")):
            letter.with_user(self.outsider).read(["statement"])
        with self.assertRaisesRegex(UserError, "changes only through the Issue button"):
            self._letter(state="issued")
