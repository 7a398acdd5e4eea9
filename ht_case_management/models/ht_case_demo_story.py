# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.tools import SQL


class HtCase(models.Model):
    _inherit = "ht.case"

    @api.model
    def _ht_demo_story(self):
        """The demo database's story, played through the product's own methods as
        the demo users (demo data only: called from demo/ht_case_story_demo.xml),
        then dated over four months so homes, dashboards and reports show a history:

        - Ana, labor trafficking, from a referral by law enforcement to closure
          through every stage: shelter and legal referrals answered on the portal by
          the partners, reviews, notes, stage by stage;
        - Bo and Carmen, open: a referral waiting for an answer, one past its
          deadline, a consent ending soon, a review and a legal deadline coming.
        """
        ref = self.env.ref
        worker = ref("ht_case_management.demo_user_case_worker")
        supervisor = ref("ht_case_management.demo_user_supervisor")
        shelter = ref("ht_referral_network.demo_provider_shelter")
        legal = ref("ht_referral_network.demo_provider_legal")
        partners = {
            shelter: self._ht_demo_portal_user(
                "partner", "Rosa Intake", ref("ht_referral_network.demo_shelter_intake")
            ),
            legal: self._ht_demo_portal_user("legalpartner", "Lee Intake (Open Door)", None, legal),
        }
        for provider in partners:
            provider.email = (
                provider.email or f"intake@{provider.name.split()[0].lower()}.example.com"
            )
        ana = ref("ht_case_management.demo_case_ana")
        # the clinic had room in the spring; it is full today (the demo shows a
        # provider without capacity)
        clinic = ref("ht_referral_network.demo_service_legal_immigration")
        clinic.capacity_available = 2
        self._ht_demo_ana(ana, worker, supervisor, shelter, legal, partners)
        self._ht_demo_open_cases(worker, shelter, legal, partners)
        clinic.capacity_available = 0

    @api.model
    def _ht_demo_portal_user(self, login, name, contact=None, organisation=None):
        """A partner agency's intake worker with a portal login (password = login):
        the organisation's existing portal user if the network demo made one."""
        organisation = organisation or contact.commercial_partner_id
        user = self.env["res.users"].search(
            [("share", "=", True), ("partner_id.commercial_partner_id", "=", organisation.id)],
            limit=1,
        ) or self.env["res.users"].search([("login", "=", login)])
        if user:
            return user
        if not contact:
            contact = self.env["res.partner"].create(
                {"name": name, "parent_id": organisation.id, "ht_contact_role": "intake"}
            )
        contact.email = contact.email or f"{login}@example.com"
        return (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "login": login,
                    "password": login,
                    "partner_id": contact.id,
                    "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
                }
            )
        )

    def _ht_demo_refer(self, worker, service, answers, partners, goal=None):
        """A referral sent by the case worker and answered on the portal."""
        referral = (
            self.env["ht.referral"]
            .with_user(worker)
            .create({"case_id": self.id, "service_id": service.id, "goal_id": goal and goal.id})
        )
        referral.action_send()
        portal = partners[service.provider_id]
        for answer in answers:
            referral.with_user(portal)._ht_portal_respond(answer, note="Demo answer")
        return referral

    def _ht_demo_ana(self, ana, worker, supervisor, shelter, legal, partners):
        ref = self.env.ref
        beds = ref("ht_referral_network.demo_service_shelter_beds")
        immigration = ref("ht_referral_network.demo_service_legal_immigration")
        # the legal clinic is covered too: Ana agreed to a second release
        consent = (
            self.env["ht.consent"]
            .with_user(worker)
            .create(
                {
                    "res_model": "ht.case",
                    "res_id": ana.id,
                    "recipient_ids": [Command.set(legal.ids)],
                    "category_ids": [
                        Command.set(ref("ht_consent.ht_consent_category_case_summary").ids)
                    ],
                    "purpose_id": ref("ht_consent.ht_consent_purpose_referral").id,
                    "purpose": "Referral for immigration legal services",
                    "method": "document",
                    "signed_document": "U2lnbmVkIHJlbGVhc2U=",
                    "signed_document_name": "release-legal.pdf",
                    "limits_explained": True,
                }
            )
        )
        consent.action_activate()
        ana = ana.with_user(worker)
        # a plan goal whose service timeline shows the shelter referral's steps
        housing = (
            self.env["ht.case.goal"]
            .with_user(worker)
            .create(
                {
                    "case_id": ana.id,
                    "name": "Safe accommodation",
                    "category_id": beds.category_id.id,
                    "provider_id": beds.provider_id.id,
                    "responsible_user_id": worker.id,
                }
            )
        )
        ana._ht_demo_refer(worker, beds, ["accept", "start", "complete"], partners, goal=housing)
        ana._ht_demo_refer(worker, immigration, ["accept", "start"], partners)
        stages = {
            "intensive": ref("ht_case_management.ht_case_stage_intensive"),
            "transitional": ref("ht_case_management.ht_case_stage_transitional"),
            "outreach": ref("ht_case_management.ht_case_stage_outreach"),
            "closed": ref("ht_case_management.ht_case_stage_closed"),
        }
        for name, stage in stages.items():
            ana.checklist_ids.filtered(lambda c: not c.done).write({"done": True})
            if name == "intensive":
                self.env["ht.case.review"].with_user(supervisor).create(
                    {
                        "case_id": ana.id,
                        "summary": "Stable at the shelter; legal case started.",
                        "decisions": "Move to intensive case management.",
                    }
                )
            if name == "closed":
                ana.write(
                    {
                        "exit_plan": "Lives with a friend, works at a restaurant, knows "
                        "whom to call.",
                        "closure_reason_id": self.env.ref(
                            "ht_case_management.ht_case_closure_reason_goals_met"
                        ).id,
                    }
                )
            ana.write({"stage_id": stage.id})
            self.env["ht.case.note"].with_user(worker).create(
                {
                    "case_id": ana.id,
                    "note_type_id": self.env.ref("ht_case_management.ht_case_note_type_contact").id,
                    "body": f"<p>Check-in before moving to {stage.name}.</p>",
                }
            )
        self._ht_demo_backdate(ana, days=120)

    def _ht_demo_open_cases(self, worker, shelter, legal, partners):
        ref = self.env.ref
        today = fields.Date.context_today(self)
        Case = self.env["ht.case"].with_user(worker)
        bo = Case.create(
            {
                "legal_name": "Bo (demo) Chen",
                "preferred_name": "Bo",
                "trafficking_type": "sex",
                "intake_channel": "crm",
                "identified_by": "ngo",
                "supervisor_id": ref("ht_case_management.demo_user_supervisor").id,
            }
        )
        carmen = Case.create(
            {
                "legal_name": "Carmen (demo) Ruiz",
                "preferred_name": "Carmen",
                "trafficking_type": "labor",
                "intake_channel": "walk_in",
                "identified_by": "self",
                "priority": "3",
            }
        )
        summary = ref("ht_consent.ht_consent_category_case_summary")
        referral_purpose = ref("ht_consent.ht_consent_purpose_referral")
        for case, provider, days in ((bo, legal, 10), (carmen, shelter, 90)):
            consent = (
                self.env["ht.consent"]
                .with_user(worker)
                .create(
                    {
                        "res_model": "ht.case",
                        "res_id": case.id,
                        "recipient_ids": [Command.set(provider.ids)],
                        "category_ids": [Command.set(summary.ids)],
                        "purpose_id": referral_purpose.id,
                        "date_end": today + timedelta(days=days),
                        "method": "document",
                        "signed_document": "U2lnbmVkIHJlbGVhc2U=",
                        "signed_document_name": "release.pdf",
                        "limits_explained": True,
                    }
                )
            )
            consent.action_activate()
        bo._ht_demo_refer(
            worker, ref("ht_referral_network.demo_service_legal_immigration"), [], partners
        )
        late = carmen._ht_demo_refer(
            worker, ref("ht_referral_network.demo_service_shelter_beds"), [], partners
        )
        # sent yesterday with an emergency deadline: now past it (the send's
        # values are flushed first, or the flush would write them over this)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE ht_referral SET sent_on = now() - interval '1 day', "
            "response_deadline = now() - interval '20 hours' WHERE id = %s",
            [late.id],
        )
        late.invalidate_recordset(["sent_on", "response_deadline"])
        self.env["ht.case.legal.milestone"].create(
            {
                "case_id": carmen.id,
                "milestone_type_id": ref(
                    "ht_case_management.ht_case_legal_milestone_type_hhs_certification"
                ).id,
                "status": "planned",
                "deadline": today + timedelta(days=7),
            }
        )
        bo.checklist_ids.write({"done": True})
        bo.write({"stage_id": ref("ht_case_management.ht_case_stage_intensive").id})
        self._ht_demo_backdate(bo, days=45)
        self._ht_demo_backdate(carmen, days=3)
        self.env.invalidate_all()

    def _ht_demo_backdate(self, case, days):
        """Spread what was just played over the last ``days`` days, in order: the
        case's identification, stage moves, notes, reviews and referrals."""
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(
            "UPDATE ht_case SET identification_date = current_date - %s WHERE id = %s",
            [days, case.id],
        )
        for table, column in (
            ("ht_case_stage_history", "date_in"),
            ("ht_case_note", "date"),
            ("ht_referral", "sent_on"),
        ):
            # the k-th of n rows moves to `days` × (n - k + 1) / n days earlier
            cr.execute(
                SQL(
                    """
                WITH ranked AS (
                    SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS k,
                           COUNT(*) OVER () AS n
                      FROM %(table)s WHERE case_id = %(case)s
                )
                UPDATE %(table)s t SET %(column)s = t.%(column)s
                       - (%(days)s * (r.n - r.k + 1) / r.n) * interval '1 day'
                  FROM ranked r WHERE r.id = t.id
                """,
                    table=SQL.identifier(table),
                    column=SQL.identifier(column),
                    case=case.id,
                    days=days,
                )
            )
        cr.execute(
            "UPDATE ht_case_stage_history h SET date_out = ("
            "  SELECT MIN(n.date_in) FROM ht_case_stage_history n"
            "   WHERE n.case_id = h.case_id AND n.id > h.id)"
            " WHERE h.case_id = %s AND h.date_out IS NOT NULL",
            [case.id],
        )
        cr.execute(
            "UPDATE ht_case_review SET date = current_date - %s * 2 / 3 WHERE case_id = %s",
            [days, case.id],
        )
        self.env.invalidate_all()
