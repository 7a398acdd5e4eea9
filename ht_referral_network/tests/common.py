# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import date, timedelta

from odoo.tests import TransactionCase, new_test_user

# What Odoo 18 says for each kind of refusal, for assertRaisesRegex: an AccessError
# from the access rights must not pass for a refusal by a record rule, a field's
# groups or our own checks (and a UserError test must not pass on any of them).
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


def field_error(fname, model):
    """The field's ``groups`` refuse it to the user."""
    return rf'enough rights to access the fields "{fname}" on [^\n]*\({re.escape(model)}\)'


def certified_member(env, name, **vals):
    """A provider organisation with a current training certification, moved to
    certified member the way a coordinator does (applicant, then member)."""
    partner = env["res.partner"].create({"name": name, "is_company": True, **vals})
    env["ht.certification"].create(
        {
            "partner_id": partner.id,
            "training": "HT 101",
            "date_obtained": date.today() - timedelta(days=30),
            "date_expiry": date.today() + timedelta(days=300),
        }
    )
    partner._ht_set_membership("applicant", "applied")
    partner._ht_set_membership("member", "trained and vetted")
    return partner


class HtNetworkCase(TransactionCase):
    """A coordinator, a directory reader working at a member agency, an ordinary
    employee, and a small directory."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, no_reset_password=True)
        )
        cls.today = date.today()
        cls.coordinator = new_test_user(
            cls.env,
            "ht_net_coord",
            groups="base.group_user,ht_referral_network.group_ht_network_coordinator",
            tz="UTC",
        )
        cls.reader = new_test_user(
            cls.env,
            "ht_net_reader",
            groups="base.group_user,base.group_allow_export,ht_referral_network.group_ht_network_user",
        )
        cls.employee = new_test_user(cls.env, "ht_net_emp", groups="base.group_user")
        ref = cls.env.ref
        cls.cat_housing = ref("ht_referral_network.ht_service_category_housing")
        cls.cat_emergency_housing = ref("ht_referral_network.ht_service_category_housing_emergency")
        cls.cat_legal = ref("ht_referral_network.ht_service_category_legal_immigration")
        cls.pop_minors = ref("ht_referral_network.ht_population_minors")
        cls.pop_adults = ref("ht_referral_network.ht_population_adults")
        cls.region_a = cls.env["ht.region"].create({"name": "North", "code": "t_north"})
        cls.region_b = cls.env["ht.region"].create({"name": "South", "code": "t_south"})
        cls.spanish = (
            cls.env["res.lang"].with_context(active_test=False).search([("code", "=", "es_ES")])
        )

    @classmethod
    def _provider(cls, name, member=True, **kw):
        if member:
            return certified_member(cls.env, name, **kw)
        partner = cls.env["res.partner"].create({"name": name, "is_company": True, **kw})
        cls.env["ht.certification"].create(
            {
                "partner_id": partner.id,
                "training": "HT 101",
                "date_obtained": cls.today - timedelta(days=30),
                "date_expiry": cls.today + timedelta(days=300),
            }
        )
        return partner

    @classmethod
    def _service(cls, provider, category=None, **kw):
        vals = {
            "provider_id": provider.id,
            "category_id": (category or cls.cat_emergency_housing).id,
            "capacity_available": 1,
            "capacity_max": 10,
        }
        vals.update(kw)
        return cls.env["ht.service"].create(vals)
