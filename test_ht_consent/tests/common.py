# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import date, timedelta

from odoo.tests import TransactionCase, new_test_user

# What Odoo 18 says for each kind of refusal, for assertRaisesRegex: an AccessError
# from the access rights must not pass for a refusal by a record rule or by our own
# checks (and a UserError test must not pass on any of them). Same helpers as
# ht_referral_network/tests/common.py (this addon depends on ht_consent only).
_VERBS = {"read": "access", "write": "modify", "create": "create", "unlink": "delete"}


def acl_error(operation, model):
    """The access rights (ir.model.access) refuse ``operation`` on ``model``."""
    return rf"You are not allowed to {_VERBS[operation]} '[^']+' \({re.escape(model)}\) records"


def rule_error(operation, model):
    """A record rule refuses ``operation`` on records of ``model``."""
    return (
        rf"(?s:top-secret records.*doesn't have '{operation}' access to:"
        rf"\n- [^\n]*\({re.escape(model)}[:)])"
    )


def subject_error(operation, model=None):
    """ht.subject.access.mixin refuses: the user cannot open the subject (the case).
    With ``model``: or a record rule of ``model`` does (which of the two speaks
    depends on the path: a fetch that filters by rules, or the access check)."""
    mine = rf"You may not {operation} these .* records: they belong to a file you cannot open"
    return rf"{mine}|{rule_error(operation, model)}" if model else mine


class HtConsentCase(TransactionCase):
    """Users per role, an organisation to share with, and a consent subject.

    ht_consent has no subject model of its own: its tests live in this addon, which
    adds ``ht.test.subject`` (Odoo's own pattern: ``mail`` is tested by ``test_mail``).
    Any runner that installs this addon runs them; none can skip them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ctx = {"no_reset_password": True, "mail_create_nosubscribe": True}
        cls.env = cls.env(context=dict(cls.env.context, **ctx, tracking_disable=True))
        cls.case_worker = new_test_user(
            cls.env,
            "ht_cw",
            groups="base.group_user,ht_consent.group_ht_case_worker",
            tz="UTC",
        )
        cls.other_worker = new_test_user(
            cls.env,
            "ht_cw2",
            groups="base.group_user,ht_consent.group_ht_case_worker",
            tz="UTC",
        )
        cls.supervisor = new_test_user(
            cls.env,
            "ht_sup",
            groups="base.group_user,ht_consent.group_ht_supervisor",
            tz="UTC",
        )
        cls.ht_admin = new_test_user(
            cls.env,
            "ht_adm",
            groups="base.group_user,ht_consent.group_ht_admin",
            tz="UTC",
        )
        cls.internal = new_test_user(cls.env, "ht_emp", groups="base.group_user", tz="UTC")
        cls.shelter = cls.env["res.partner"].create({"name": "Harbor Shelter", "is_company": True})
        cls.clinic = cls.env["res.partner"].create({"name": "Eastside Clinic", "is_company": True})
        cls.subject = cls.env["ht.test.subject"].create(
            {
                "code": "HT-T-0001",
                "person_name": "Maria Example",
                "user_ids": [(6, 0, cls.case_worker.ids)],
                "manager_id": cls.case_worker.id,
            }
        )
        Cat = cls.env["ht.consent.category"]
        cls.cat_summary = Cat.search([("code", "=", "case_summary")])
        cls.cat_medical = Cat.search([("code", "=", "medical")])
        cls.cat_identity = Cat.search([("code", "=", "identity")])
        cls.today = date.today()

    @classmethod
    def _consent_vals(cls, **kw):
        vals = {
            "res_model": "ht.test.subject",
            "res_id": cls.subject.id,
            "recipient_ids": [(6, 0, cls.shelter.ids)],
            "category_ids": [(6, 0, cls.cat_summary.ids)],
            "purpose_id": cls.env.ref("ht_consent.ht_consent_purpose_referral").id,
            "date_start": cls.today,
            "date_end": cls.today + timedelta(days=30),
            "method": "document",
            "signed_document": "U2lnbmVk",
            "signed_document_name": "release.pdf",
            "limits_explained": True,
            "tz": "UTC",
        }
        if "purpose_type" in kw:  # the seeded purpose of that code
            kw["purpose_id"] = cls.env["ht.consent.purpose"]._ht_get(kw.pop("purpose_type")).id
        vals.update(kw)
        return vals

    @classmethod
    def _consent(cls, activate=True, user=None, **kw):
        Consent = cls.env["ht.consent"].with_user(user or cls.case_worker)
        consent = Consent.create(cls._consent_vals(**kw))
        if activate:
            consent.action_activate()
        return consent
