# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import new_test_user

from odoo.addons.ht_referral_network.tests.common import certified_member

from .common import HtCaseCase


class HtReferralCase(HtCaseCase):
    """Two certified providers with a portal contact each, a service with one
    place left, and a consent of the case for provider A."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, mail_create_nosubscribe=True))
        cls.provider_a = cls._ht_provider("Harbor Test Shelter")
        cls.provider_b = cls._ht_provider("Other Test Shelter")
        cls.portal_a = cls._ht_portal_user(cls.provider_a, "ht_portal_a")
        cls.portal_b = cls._ht_portal_user(cls.provider_b, "ht_portal_b")
        housing = cls.env.ref("ht_referral_network.ht_service_category_housing_emergency")
        cls.service_a = cls.env["ht.service"].create(
            {
                "provider_id": cls.provider_a.id,
                "category_id": housing.id,
                "capacity_available": 1,
                "capacity_max": 5,
            }
        )
        cls.service_b = cls.env["ht.service"].create(
            {
                "provider_id": cls.provider_b.id,
                "category_id": housing.id,
                "capacity_available": 3,
                "capacity_max": 5,
            }
        )
        cls.need = cls.env["ht.case.need"].create(
            {"case_id": cls.case.id, "category_id": housing.id, "urgency": "immediate"}
        )
        cls.cat_summary = cls.env.ref("ht_consent.ht_consent_category_case_summary")
        cls.cat_identity = cls.env.ref("ht_consent.ht_consent_category_identity")

    @classmethod
    def _ht_provider(cls, name):
        return certified_member(cls.env, name)

    @classmethod
    def _ht_portal_user(cls, provider, login):
        contact = cls.env["res.partner"].create(
            {
                "name": f"Intake {login}",
                "parent_id": provider.id,
                "email": f"{login}@example.com",
                "ht_contact_role": "intake",
            }
        )
        return new_test_user(
            cls.env, login, groups="base.group_portal", partner_id=contact.id, password=login
        )

    def _consent(self, provider=None, categories=None, activate=True, **kw):
        if "purpose_type" in kw:  # the seeded purpose of that code
            kw["purpose_id"] = self.env["ht.consent.purpose"]._ht_get(kw.pop("purpose_type")).id
        consent = (
            self.env["ht.consent"]
            .with_user(self.manager)
            .create(
                dict(
                    {
                        "res_model": "ht.case",
                        "res_id": self.case.id,
                        "recipient_ids": [(6, 0, (provider or self.provider_a).ids)],
                        "category_ids": [(6, 0, (categories or self.cat_summary).ids)],
                        "method": "document",
                        "signed_document": "eA==",
                        "limits_explained": True,
                    },
                    **kw,
                )
            )
        )
        if activate:
            consent.action_activate()
        return consent

    def _referral(self, service=None, **kw):
        return (
            self.env["ht.referral"]
            .with_user(self.manager)
            .create(
                dict(
                    {
                        "case_id": self.case.id,
                        "need_id": self.need.id,
                        "service_id": (service or self.service_a).id,
                    },
                    **kw,
                )
            )
        )

    def _deliver_notices(self):
        """What the scheduled action triggered by each send does after the commit:
        the provider notifications owed (ht_referral_notice.py)."""
        self.env.flush_all()
        self.env.ref("ht_case_management.ir_cron_ht_referral_notice").method_direct_trigger()
