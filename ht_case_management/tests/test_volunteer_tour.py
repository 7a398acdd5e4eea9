# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "ht_case_management")
class TestVolunteerTour(HttpCase):
    def test_volunteer_application_to_placement(self):
        env = self.env
        new_test_user(
            env,
            "ht_tour_vnc",
            groups="base.group_user,ht_referral_network.group_ht_network_coordinator",
            password="ht_tour_vnc",
        )
        programme = env["ht.volunteer.programme"].create({"name": "Tour desk", "code": "tour-desk"})
        opportunity = env["ht.volunteer.opportunity"].create(
            {
                "name": "Tour desk greeter",
                "host_id": env["res.partner"].create({"name": "Tour host", "is_company": True}).id,
                "programme_id": programme.id,
                "seats": 1,
            }
        )
        self.start_tour("/volunteer/apply/tour-desk", "ht_volunteer_apply_tour")
        application = env["ht.volunteer.application"].search([("programme_id", "=", programme.id)])
        self.assertEqual(application.name, "Tess Tour")
        self.assertEqual(application.state, "applied")
        self.start_tour(
            f"/odoo/action-ht_case_management.ht_volunteer_application_action/{application.id}",
            "ht_volunteer_place_tour",
            login="ht_tour_vnc",
        )
        placement = env["ht.volunteer.placement"].search([("application_id", "=", application.id)])
        self.assertEqual(placement.opportunity_id, opportunity)
        self.assertEqual(application.state, "active")
        self.assertTrue(application.ready)

    def test_probono_assignment(self):
        env = self.env
        worker = new_test_user(
            env,
            "ht_tour_pb",
            groups="base.group_user,ht_consent.group_ht_case_worker",
            password="ht_tour_pb",
        )
        practice = env["res.partner"].create({"name": "Tour Counsel LLP", "is_company": True})
        lawyer = env["res.partner"].create(
            {"name": "Tour Counsel", "parent_id": practice.id, "ht_pro_bono": True}
        )
        env["ht.vetting.step"].create(
            [
                {
                    "partner_id": lawyer.id,
                    "step_type_id": env.ref(f"ht_referral_network.ht_vetting_step_type_{step}").id,
                    "date": fields.Date.today() - timedelta(days=5),
                }
                for step in ("background", "references", "training", "confidentiality")
            ]
        )
        case = env["ht.case"].with_user(worker).create({"legal_name": "Tour Client"})
        consent = (
            env["ht.consent"]
            .with_user(worker)
            .create(
                {
                    "res_model": "ht.case",
                    "res_id": case.id,
                    "recipient_ids": [(6, 0, practice.ids)],
                    "category_ids": [
                        (6, 0, env.ref("ht_consent.ht_consent_category_case_summary").ids)
                    ],
                    "method": "document",
                    "signed_document": "eA==",
                    "limits_explained": True,
                }
            )
        )
        consent.action_activate()
        self.start_tour(
            "/odoo/action-ht_case_management.ht_case_probono_assignment_action",
            "ht_probono_tour",
            login="ht_tour_pb",
        )
        assignment = env["ht.case.probono.assignment"].search([("case_id", "=", case.id)])
        self.assertEqual(assignment.professional_id, lawyer)
        self.assertEqual(assignment.consent_id, consent)
        disclosure = env["ht.disclosure"].search(
            [("res_model", "=", "ht.case"), ("res_id", "=", case.id)]
        )
        self.assertEqual(disclosure.recipient_id, lawyer)
