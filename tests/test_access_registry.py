# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every model of our addons has access rights, and the roles are as designed."""

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.base.models.res_users import name_selection_groups
from odoo.addons.ht_referral_network.tests.common import acl_error

from .common import ADDONS

# Models of ours that hold no case data (configuration, the network directory).
# Every other model must declare ``_ht_case_data = True`` (read by ht_consent:
# attachments never public nor shared by link, chatter only for those who may read
# the record): a new model is either listed here or marked.
NOT_CASE_DATA = {
    "ht.home.tile",  # configuration: a count and a filter, computed as the reader
    "ht.case.stage",
    "ht.case.stage.checklist",
    "ht.case.plan.template",
    "ht.case.tag",
    "ht.consent.category",
    "ht.service.category",
    "ht.population",
    "ht.region",
    "ht.service",
    "ht.certification",
    "ht.membership.event",
    "ht.membership.change",
    "ht.confidential.address",
    "ht.vetting.step",
    "ht.pathway",
    "ht.pathway.line",
    "ht.mou",
    "ht.mou.party",
    "ht.oncall.shift",
    "ht.network.event",
    "ht.volunteer.opportunity",
    "ht.gap.report",
    "ht.mou.wet.signature",
    "ht.meeting.action",
    # the HSDS import wizard and its report (directory data only)
    "ht.hsds.import",
    "ht.hsds.import.line",
    "ht.case.closure.reason",
    "ht.case.race.ethnicity",
    "ht.case.disability",
    "ht.case.trafficking.venue",
    "ht.case.eligibility",
    "ht.case.aid.kind",
    "ht.funder.report.template",
    "ht.funder.report.table",
    "ht.funder.report.run",
    "ht.funder.report.wizard",
    "ht.volunteer.programme",
    "ht.volunteer.requirement",
    # workflow lists administrators edit (issue 13): configuration, no case data
    "ht.referral.decline_reason",
    "ht.referral.not_completed_reason",
    "ht.case.note.type",
    "ht.case.legal.milestone.type",
    "ht.case.outcome.domain",
    # consent purposes, their uses, vetting step types, professions (configuration)
    "ht.consent.purpose",
    "ht.consent.use",
    "ht.vetting.step.type",
    "ht.profession",
    # workflow configuration (issue 13): programmes, stage requirements, risk
    "ht.case.programme",
    "ht.case.programme.stage",
    "ht.case.stage.requirement",
    "ht.case.risk.factor",
    "ht.case.risk.threshold",
    "ht.settings",  # the settings form: timings and schedules, no case
    "ht.settings.cron",  # a scheduled action's schedule on that form
}


@tagged("post_install", "-at_install")
class TestAccessRegistry(TransactionCase):
    def test_every_model_has_access_rules(self):
        IrModel = self.env["ir.model"]
        models = IrModel.search([]).filtered(
            lambda m: (
                set(m.modules.split(", ")) & set(ADDONS)
                and not self.env[m.model]._abstract
                and m.model.startswith("ht.")
            )
        )
        self.assertTrue(models, "no model of ours found in the registry")
        missing = [
            m.model
            for m in models
            if not self.env["ir.model.access"].search_count([("model_id", "=", m.id)])
        ]
        self.assertEqual(missing, [], f"models without ir.model.access: {missing}")

    def test_every_model_holding_case_data_is_marked(self):
        registry = self.env.registry

        def marked(name):
            return bool(getattr(registry[name], "_ht_case_data", False))

        ours = sorted(n for n, m in registry.items() if n.startswith("ht.") and not m._abstract)
        unmarked = [n for n in ours if not marked(n) and n not in NOT_CASE_DATA]
        self.assertEqual(unmarked, [], "declare _ht_case_data = True, or list in NOT_CASE_DATA")
        self.assertFalse(NOT_CASE_DATA - set(ours), "NOT_CASE_DATA names unknown models")
        self.assertFalse([n for n in NOT_CASE_DATA if marked(n)])
        # a model that points at case data holds case data
        pointing = [
            f"{name}.{fname}"
            for name in NOT_CASE_DATA
            for fname, field in self.env[name]._fields.items()
            if (field.type == "many2one" and marked(field.comodel_name))
            or field.type == "many2one_reference"
        ]
        self.assertEqual(pointing, [])
        for name in ("ht.case", "ht.consent", "ht.disclosure", "ht.referral", "ht.case.note"):
            self.assertTrue(marked(name), name)

    def test_every_wizard_row_is_its_creators_only(self):
        """Odoo lets every internal user read any transient row unless a rule says
        otherwise: each wizard of ours (intake, referral, funder report, HSDS
        import, revocation...) has a global rule giving its rows to their creator
        alone, for reading and writing."""
        ours = sorted(
            name
            for name, model in self.env.registry.items()
            if name.startswith("ht.") and model._transient
        )
        self.assertIn("ht.case.intake", ours)
        open_rows = []
        for name in ours:
            rules = self.env["ir.rule"].search(
                [
                    ("model_id.model", "=", name),
                    ("global", "=", True),
                    ("perm_read", "=", True),
                    ("perm_write", "=", True),
                ]
            )
            if "[('create_uid', '=', user.id)]" not in rules.mapped("domain_force"):
                open_rows.append(name)
        self.assertEqual(open_rows, [], "wizards whose rows other users may read")

    def test_no_model_is_open_to_everyone(self):
        """No access line of ours without a group (it would open the model to every user)."""
        lines = (
            self.env["ir.model.access"]
            .search([("group_id", "=", False)])
            .filtered(lambda a: a.model_id.model.startswith("ht."))
        )
        self.assertFalse(lines.mapped("name"))


@tagged("post_install", "-at_install")
class TestRoles(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.case_worker = ref("ht_consent.group_ht_case_worker")
        cls.supervisor = ref("ht_consent.group_ht_supervisor")
        cls.admin = ref("ht_consent.group_ht_admin")
        cls.coordinator = ref("ht_referral_network.group_ht_network_coordinator")
        cls.directory = ref("ht_referral_network.group_ht_network_user")
        cls.volunteer = ref("ht_case_management.group_ht_volunteer")

    def test_roles_are_selections_on_the_user_form(self):
        """Roles are assigned without debug mode: the case-work ladder (case worker
        < supervisor < administrator) is one selection, the network coordinator
        and the volunteer each another, all in "Victim Services" categories."""
        by_app = {
            app: (kind, list(groups))
            for app, kind, groups, _section in self.env["res.groups"].get_groups_by_application()
        }
        ladder = self.env.ref("base.module_category_victim_services")
        self.assertEqual(
            by_app[ladder], ("selection", [self.case_worker, self.supervisor, self.admin])
        )
        for group in (self.coordinator, self.volunteer):
            self.assertEqual(by_app[group.category_id], ("selection", [group]), group.name)
            self.assertTrue(group.category_id.name.startswith("Victim Services"))
        settings_admin = new_test_user(
            self.env, "ht_settings_admin", groups="base.group_user,base.group_system"
        )
        arch = (
            self.env["res.users"]
            .with_user(settings_admin)
            .get_views([[self.env.ref("base.view_users_form").id, "form"]])["views"]["form"]["arch"]
        )
        for groups in (
            self.case_worker | self.supervisor | self.admin,
            self.coordinator,
            self.volunteer,
        ):
            self.assertIn(f'name="{name_selection_groups(groups.ids)}"', arch)

    def test_implications(self):
        self.assertIn(self.case_worker, self.supervisor.trans_implied_ids)
        self.assertIn(self.supervisor, self.admin.trans_implied_ids)
        self.assertIn(self.coordinator, self.admin.trans_implied_ids)
        self.assertIn(self.directory, self.case_worker.trans_implied_ids)
        # A Network Coordinator never gains case access through any implication,
        # nor does a Volunteer.
        for group in (self.coordinator, self.volunteer, self.directory):
            implied = group.trans_implied_ids | group
            for forbidden in (self.case_worker, self.supervisor, self.admin):
                self.assertNotIn(forbidden, implied, f"{group.name} implies {forbidden.name}")

    def test_no_existing_user_gets_a_role(self):
        """Installing the addons gives no role to anyone: not the administrator,
        not the superuser, not every internal user through an implication (demo
        users get theirs from demo data)."""
        roles = self.case_worker | self.supervisor | self.admin | self.coordinator
        roles |= self.volunteer | self.directory
        for xmlid in ("base.user_admin", "base.user_root", "base.default_user"):
            user = self.env.ref(xmlid, raise_if_not_found=False)
            if user:
                self.assertFalse(user.with_context(active_test=False).groups_id & roles, xmlid)
        for xmlid in ("base.group_user", "base.group_system", "base.group_portal"):
            self.assertFalse(self.env.ref(xmlid).trans_implied_ids & roles, xmlid)

    def test_coordinator_cannot_read_a_case(self):
        coordinator = new_test_user(
            self.env,
            "ht_nc",
            groups="base.group_user,ht_referral_network.group_ht_network_coordinator",
        )
        volunteer = new_test_user(
            self.env,
            "ht_vol",
            groups="base.group_user,ht_case_management.group_ht_volunteer",
        )
        case = self.env["ht.case"].create({"legal_name": "Hidden Person"})
        for user in (coordinator, volunteer):
            with self.assertRaisesRegex(AccessError, acl_error("read", "ht.case")):
                case.with_user(user).read(["legal_name"])
            with self.assertRaisesRegex(AccessError, acl_error("read", "ht.case")):
                self.env["ht.case"].with_user(user).search([])
            with self.assertRaisesRegex(AccessError, acl_error("read", "ht.consent")):
                self.env["ht.consent"].with_user(user).search([])

    def test_menus_follow_roles(self):
        Menu = self.env["ir.ui.menu"]
        coordinator = new_test_user(
            self.env,
            "ht_nc2",
            groups="base.group_user,ht_referral_network.group_ht_network_coordinator",
        )
        employee = new_test_user(self.env, "ht_emp2", groups="base.group_user")
        cases_menu = self.env.ref("ht_case_management.ht_case_menu")
        network_menu = self.env.ref("ht_referral_network.ht_network_root_menu")
        self.assertNotIn(cases_menu.id, Menu.with_user(coordinator)._visible_menu_ids())
        self.assertIn(network_menu.id, Menu.with_user(coordinator)._visible_menu_ids())
        self.assertNotIn(network_menu.id, Menu.with_user(employee)._visible_menu_ids())
        self.assertNotIn(cases_menu.id, Menu.with_user(employee)._visible_menu_ids())
