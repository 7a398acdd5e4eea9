# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.ht_referral_network.tests.common import certified_member


@tagged("post_install", "-at_install", "ht_case_management")
class TestReferralTour(HttpCase):
    def test_case_worker_refers_and_sends(self):
        env = self.env
        worker = new_test_user(
            env,
            "ht_tour_cw",
            groups="base.group_user,ht_consent.group_ht_case_worker",
            password="ht_tour_cw",
        )
        provider = certified_member(env, "Tour Shelter")
        # the case's default search is case management: only ours has capacity
        env["ht.service"].search([]).write({"state": "inactive"})
        env["ht.service"].create(
            {
                "provider_id": provider.id,
                "category_id": env.ref(
                    "ht_referral_network.ht_service_category_case_management"
                ).id,
                "capacity_available": 2,
                "capacity_max": 5,
            }
        )
        case = env["ht.case"].with_user(worker).create({"legal_name": "Tour Person"})
        consent = (
            env["ht.consent"]
            .with_user(worker)
            .create(
                {
                    "res_model": "ht.case",
                    "res_id": case.id,
                    "recipient_ids": [(6, 0, provider.ids)],
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
            f"/odoo/action-ht_case_management.ht_case_action/{case.id}",
            "ht_referral_tour",
            login="ht_tour_cw",
        )
        referral = env["ht.referral"].search([("case_id", "=", case.id)])
        self.assertEqual(referral.state, "sent")
        self.assertEqual(referral.provider_id, provider)
