#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Break each guarantee of README "Rules that matter" once, on purpose, and check that
the test named for it fails (a mutation that no test catches is a missing test).

    python3 tools/mutate.py [-k WORD] [--list]

Each mutation replaces one exact piece of code (it must occur exactly once in its
file), runs only the tests named for it with pytest-odoo against the test database
of the last `tools/test.sh` run (.test-run/odoo.conf), and restores the file,
whatever happens. Python-only mutations: pytest-odoo loads the code anew, no upgrade
is needed. Exit status 1 when a mutation survives.
"""

import argparse
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONF = REPO / ".test-run" / "odoo.conf"

# Paths of the tests named in README (narrowed to the test that fails).
CONSENT_TESTS = "test_ht_consent/tests"
CASE_TESTS = "ht_case_management/tests"
NETWORK_TESTS = "ht_referral_network/tests"
ACCESS_CONSENT = f"{CONSENT_TESTS}/test_access_consent.py::TestConsentAccess"
STATE = f"{CONSENT_TESTS}/test_consent_state.py::TestConsentState"
CHECK = f"{CONSENT_TESTS}/test_consent_check.py::TestConsentCheck"
LOG = f"{CONSENT_TESTS}/test_disclosure_log.py::TestDisclosureLog"
ACCESS_CASE = f"{CASE_TESTS}/test_access_case.py::TestCaseAccess"
RPC_ACCESS = f"{CASE_TESTS}/test_hostile_rpc_access.py::TestHostileRpcAccess"
RPC_CONSENT = f"{CASE_TESTS}/test_hostile_rpc_consent.py::TestHostileRpcConsent"
RPC_IDENTITY = f"{CASE_TESTS}/test_hostile_rpc_identity.py::TestHostileRpcIdentity"
REFERRAL = f"{CASE_TESTS}/test_referral.py::TestReferral"
PORTAL = f"{CASE_TESTS}/test_referral_portal.py::TestReferralPortal"
RACES = f"{CASE_TESTS}/test_referral_concurrency.py::TestReferralRaces"
LEAD = f"{CASE_TESTS}/test_case_lead.py::TestLeadConversionIdentity"
PERF = f"{CASE_TESTS}/test_performance.py"
MEMBERSHIP = f"{NETWORK_TESTS}/test_membership.py::TestMembership"
NETWORK_ACCESS = f"{NETWORK_TESTS}/test_access_network.py::TestNetworkAccess"
MOU = f"{NETWORK_TESTS}/test_mou.py::TestMou"

SUBJECT_ACCESS = "ht_consent/models/ht_subject_access_mixin.py"
PROTECTED = "ht_consent/models/ht_protected_fields_mixin.py"
NETWORK_PROTECTED = "ht_referral_network/models/ht_network_protected_fields_mixin.py"
CONSENT = "ht_consent/models/ht_consent.py"
SUBJECT = "ht_consent/models/ht_consent_subject_mixin.py"
DISCLOSURE = "ht_consent/models/ht_disclosure.py"
ATTACHMENT = "ht_consent/models/ir_attachment.py"
THREAD = "ht_consent/models/mail_thread.py"
MESSAGE = "ht_consent/models/mail_message.py"
CASE = "ht_case_management/models/ht_case.py"
AUDIT = "ht_case_management/models/ht_case_access_log.py"
REFERRAL_PY = "ht_case_management/models/ht_referral.py"
CONTROLLER = "ht_case_management/controllers/portal.py"
CRM = "ht_case_management/models/crm_lead.py"
PARTNER = "ht_referral_network/models/res_partner.py"
SERVICE = "ht_referral_network/models/ht_service.py"
PLAN_APPROVAL_TEST = (
    f"{CASE_TESTS}/test_stage_requirements.py::TestStageRequirements::"
    "test_plan_approval_holds_for_the_plan_approved"
)
FAMILY_SERVED_TEST = "test_family_members_served_are_counted_from_the_family_records"

# (guarantee, file, original, mutant, tests)
MUTATIONS = [
    # -- A consent and a disclosure line follow the access of their subject
    (
        "subject access: _check_access skips the subject's own access",
        SUBJECT_ACCESS,
        "doc_result = documents._check_access(self._ht_subject_operation(operation))",
        "doc_result = None",
        [f"{ACCESS_CONSENT}::test_outsider_cannot_read_search_or_count"],
    ),
    (
        "subject access: _search returns rows whose subject is not readable",
        SUBJECT_ACCESS,
        '[("res_model", "=", model), ("res_id", "in", Subject._search([]))]',
        '[("res_model", "=", model)]',
        [
            f"{ACCESS_CONSENT}::test_outsider_cannot_read_search_or_count",
            f"{ACCESS_CONSENT}::test_pages_and_counts_hold_only_readable_lines",
        ],
    ),
    (
        "subject access: changing a consent needs only read access to the case",
        SUBJECT_ACCESS,
        'return "read" if operation == "read" else "write"',
        'return "read"',
        [f"{ACCESS_CONSENT}::test_reader_who_cannot_write_the_subject_cannot_change_a_consent"],
    ),
    # -- State-machine and audit fields change only through their buttons
    (
        "protected fields: write() lets a client change them",
        PROTECTED,
        "            if changed:\n                self._ht_refuse_protected(changed)",
        "            if changed:\n                pass",
        [
            f"{STATE}::test_state_and_audit_fields_only_through_methods",
            f"{RPC_CONSENT}::test_case_worker_cannot_rewrite_a_consent",
        ],
    ),
    (
        "protected fields: trusts a context key to open them",
        PROTECTED,
        "return self.env.su or self._name in _OPEN.get()",
        (
            "return self.env.su or self._name in _OPEN.get() "
            'or bool(self.env.context.get("ht_manager_change"))'
        ),
        [
            f"{CASE_TESTS}/test_case_manager.py::TestCaseManager::test_context_key_changes_no_manager",
            f"{RPC_CONSENT}::test_context_key_changes_no_case_manager",
        ],
    ),
    (
        "protected fields: the consent's create() forgets the check",
        CONSENT,
        "    def create(self, vals_list):\n        self._ht_check_protected_create(vals_list)\n",
        "    def create(self, vals_list):\n",
        [
            f"{STATE}::test_state_cannot_be_created_or_defaulted",
            f"{RPC_CONSENT}::test_case_worker_cannot_rewrite_a_consent",
        ],
    ),
    (
        "protected fields: default_* context keys set them",
        PROTECTED,
        "        defaults = super().default_get(fields_list)\n",
        "        defaults = super().default_get(fields_list)\n        return defaults\n",
        [f"{STATE}::test_state_cannot_be_created_or_defaulted"],
    ),
    (
        "protected fields: the consent's state is no longer declared protected",
        CONSENT,
        '        "state": _lt("the Activate, Revoke and Renew / Amend buttons"),\n',
        "",
        [f"{STATE}::test_state_and_audit_fields_only_through_methods"],
    ),
    (
        "protected fields (network): write() lets a client change an MOU's state",
        NETWORK_PROTECTED,
        "            if changed:\n                self._ht_refuse_protected(changed)",
        "            if changed:\n                pass",
        [f"{MOU}::test_state_and_renewal_fields_only_through_buttons"],
    ),
    (
        "protected fields (network): create() accepts an active MOU",
        NETWORK_PROTECTED,
        "    def create(self, vals_list):\n        self._ht_check_protected_create(vals_list)\n",
        "    def create(self, vals_list):\n",
        [f"{MOU}::test_state_and_renewal_fields_only_through_buttons"],
    ),
    (
        "protected fields: a referral's state is no longer declared protected",
        REFERRAL_PY,
        (
            '        "state": _lt("the Send and Recall '
            "buttons and the provider's answers on the portal\"),\n"
        ),
        "",
        [f"{REFERRAL}::test_state_packet_and_terms_only_through_methods"],
    ),
    (
        "protected fields: a sent referral's terms can be rewritten",
        REFERRAL_PY,
        'sent = self.filtered(lambda r: r.state not in ("draft", "awaiting_consent"))',
        'sent = self.filtered(lambda r: r.state == "completed")',
        [f"{REFERRAL}::test_state_packet_and_terms_only_through_methods"],
    ),
    # -- Active consent terms locked; never deleted
    (
        "consent terms: an active consent's end date can be edited",
        CONSENT,
        '    "date_start",\n    "date_end",\n',
        '    "date_start",\n',
        [f"{STATE}::test_active_terms_locked"],
    ),
    (
        "consent terms: only revoked consents are locked",
        CONSENT,
        'locked = self.filtered(lambda c: c.state != "draft")',
        'locked = self.filtered(lambda c: c.state == "revoked")',
        [f"{STATE}::test_active_terms_locked"],
    ),
    (
        "consent deletion: an active consent can be deleted",
        CONSENT,
        'if self.filtered(lambda c: c.state != "draft"):',
        'if self.filtered(lambda c: c.state == "revoked"):',
        [f"{STATE}::test_active_cannot_be_deleted"],
    ),
    # -- Validity decided at each use
    (
        "consent validity: a consent past its end date is valid until the cron runs",
        CONSENT,
        "        if day > self.date_end:\n",
        "        if False:\n",
        [
            f"{CHECK}::test_past_end_refused_even_without_cron",
            f"{STATE}::test_validity_needs_state_and_dates",
        ],
    ),
    (
        "consent validity: an expired state is trusted from the dates alone",
        CONSENT,
        (
            '        if self.state != "active":\n'
            "            return _(\n"
            '                "consent %(ref)s expired'
        ),
        (
            '        if self.state == "draft":\n'
            "            return _(\n"
            '                "consent %(ref)s expired'
        ),
        [f"{STATE}::test_validity_needs_state_and_dates"],
    ),
    (
        "consent validity: a revoked state counts only with a revocation date",
        CONSENT,
        'if self.state == "revoked" or (self.revoked_on and self.revoked_on <= at):',
        "if self.revoked_on and self.revoked_on <= at:",
        [f"{STATE}::test_validity_needs_state_and_dates"],
    ),
    (
        "consent validity: the verbal window is not checked",
        CONSENT,
        'if self.method == "verbal" and self.verbal_valid_until and at > self.verbal_valid_until:',
        "if False:",
        [f"{STATE}::test_verbal_lapses_after_window"],
    ),
    (
        "consent validity: a lapsed verbal consent is revived by its written release",
        CONSENT,
        "            why = rec._ht_invalid_reason()\n            if why:",
        "            why = rec._ht_invalid_reason()\n            if False:",
        [f"{STATE}::test_lapsed_verbal_consent_not_revived_by_method"],
    ),
    # -- Purpose
    (
        "purpose: _ht_allows_use compares the purpose, not the mapping",
        CONSENT,
        "return use in self.purpose_id._ht_uses()",
        'return use == self.purpose_id.code or self.purpose_id.code == "other"',
        [f"{CHECK}::test_each_purpose_allows_only_its_own_uses"],
    ),
    (
        "purpose: a consent check without a purpose passes",
        SUBJECT,
        "        if not purpose:\n            raise UserError",
        "        if not purpose and False:\n            raise UserError",
        [f"{CHECK}::test_purpose_is_decided_by_the_mapping"],
    ),
    (
        "purpose: the consent check ignores the purpose",
        SUBJECT,
        "purposeful = valid.filtered(lambda c: c._ht_allows_use(purpose))",
        "purposeful = valid",
        [
            f"{CHECK}::test_purpose_mismatch",
            f"{REFERRAL}::test_research_consent_carries_no_referral",
        ],
    ),
    # -- Disclosure log append-only
    (
        "disclosure log: write() calls super",
        DISCLOSURE,
        '        raise UserError(_("The disclosure log is append-only: a line is never changed."))',
        "        return super().write(vals)",
        [f"{LOG}::test_log_cannot_be_changed_even_with_sudo"],
    ),
    (
        "disclosure log: sudo() may delete a line",
        DISCLOSURE,
        '        raise UserError(_("The disclosure log is append-only: a line is never deleted."))',
        '        if not self.env.su:\n            raise UserError(_("never deleted"))',
        [f"{LOG}::test_log_cannot_be_changed_even_with_sudo"],
    ),
    (
        "disclosure log: create() trusts a context key",
        DISCLOSURE,
        "    def create(self, vals_list):  # pylint: disable=method-required-super\n",
        (
            "    def create(self, vals_list):  # pylint: disable=method-required-super\n"
            '        if self.env.context.get("ht_disclosure_api"):\n'
            "            return super().create(vals_list)\n"
        ),
        [f"{LOG}::test_context_key_does_not_open_the_log"],
    ),
    (
        "disclosure log: _ht_log_disclosure accepts another subject's consent",
        SUBJECT,
        "if consent.res_model != self._name or consent.res_id != self.id:",
        "if consent.res_model != self._name:",
        [f"{LOG}::test_consent_of_another_subject_refused"],
    ),
    # -- A referral goes out only under a covering consent, re-decided at each use
    (
        "referral consent: the consent check ignores the recipient",
        SUBJECT,
        '                    ("recipient_ids", "in", organisation.ids),\n',
        "",
        [f"{CHECK}::test_other_recipient_refused"],
    ),
    (
        "referral consent: a consent covering some categories of the packet is enough",
        SUBJECT,
        "            if not (categories - consent.category_ids):",
        "            if categories & consent.category_ids:",
        [f"{REFERRAL}::test_identity_only_if_chosen_and_covered"],
    ),
    (
        "referral consent: a send writes no disclosure line",
        REFERRAL_PY,
        "        case._ht_log_disclosure(\n            self.provider_id,",
        "        (lambda *a, **k: None)(\n            self.provider_id,",
        [f"{REFERRAL}::test_send_builds_packet_logs_and_notifies_without_identity"],
    ),
    (
        "referral consent: a sent packet is not re-decided (shown after the consent ends)",
        REFERRAL_PY,
        (
            "            consent._ht_refusal("
            "self.provider_id, self.packet_category_ids, REFERRAL_USE, at)\n"
            "            if consent"
        ),
        "            False\n            if consent",
        [
            f"{PORTAL}::test_packet_not_shown_after_consent_end_without_cron",
            f"{RPC_CONSENT}::test_portal_after_end_date_without_cron",
        ],
    ),
    (
        "referral consent: a packet no longer covered is hidden but not withdrawn",
        REFERRAL_PY,
        "        (self.filtered(lambda r: not r.redacted) - shown)._ht_withdraw_packet()\n",
        "",
        [f"{PORTAL}::test_packet_not_shown_after_consent_end_without_cron"],
    ),
    (
        "referral consent: the portal page shows the packet without re-deciding",
        CONTROLLER,
        "        packet = sudo_referral._ht_portal_packets()",
        "        packet = sudo_referral.filtered(lambda r: not r.redacted)",
        [f"{RPC_CONSENT}::test_portal_after_end_date_without_cron"],
    ),
    # -- Withdrawal redacts every referral at once
    (
        "withdrawal: closed referrals keep their packet",
        CASE,
        "        (referrals - open_referrals)._ht_redact()\n",
        "",
        [f"{REFERRAL}::test_revocation_redacts_closed_referrals_too"],
    ),
    (
        "withdrawal: open referrals keep their packet",
        CASE,
        "        open_referrals._ht_withdraw_packet()\n",
        "",
        [f"{REFERRAL}::test_revocation_redacts_open_referrals_at_once"],
    ),
    (
        "withdrawal: queued mails of a redacted referral still go out",
        REFERRAL_PY,
        '        queued.write({"state": "cancel"})',
        "        queued.exists()",
        [f"{REFERRAL}::test_revocation_redacts_open_referrals_at_once"],
    ),
    (
        "withdrawal: a renewal strands the referrals it still covers",
        REFERRAL_PY,
        "            if new and not new._ht_refusal(",
        "            if False and not new._ht_refusal(",
        [f"{REFERRAL}::test_renewal_keeps_open_referrals"],
    ),
    (
        "withdrawal: an amendment moves referrals it no longer covers",
        REFERRAL_PY,
        "            if new and not new._ht_refusal(",
        "            if new or not new._ht_refusal(",
        [f"{REFERRAL}::test_amendment_that_drops_the_provider_redacts"],
    ),
    # -- A send and a revocation are serialised
    (
        "serialise: _ht_claim only reads the consent row",
        CONSENT,
        "\"UPDATE ht_consent SET last_used_on = (now() AT TIME ZONE 'UTC') WHERE id = %s\",",
        '"SELECT id FROM ht_consent WHERE id = %s",',
        [f"{RACES}::test_revocation_then_send", f"{RACES}::test_send_then_revocation"],
    ),
    (
        "serialise: a send does not claim its consent",
        REFERRAL_PY,
        "        consent.sudo()._ht_claim()\n",
        "",
        [f"{RACES}::test_revocation_then_send", f"{RACES}::test_send_then_revocation"],
    ),
    # -- Identity on the case only
    (
        "identity: consents name the case by the person's name",
        CASE,
        "    def _ht_consent_reference(self):\n        return self.code",
        "    def _ht_consent_reference(self):\n        return self.preferred_name or self.code",
        [f"{CASE_TESTS}/test_sentinel.py::TestSentinel::test_identity_stays_on_the_case"],
    ),
    (
        "identity: identity fields are tracked when a field declares tracking",
        CASE,
        "return super()._track_get_fields() - set(IDENTITY_FIELDS)",
        'return super()._track_get_fields() | {"legal_name"}',
        [f"{ACCESS_CASE}::test_no_name_through_chatter_activity_or_mail"],
    ),
    # -- Convert to case
    (
        "convert to case: needs only read access to the lead",
        CRM,
        '        self.check_access("write")\n',
        "",
        [f"{LEAD}::test_convert_needs_read_and_write_on_the_lead"],
    ),
    (
        "convert to case: opens the case in the caller's agency",
        CRM,
        "company = self.company_id or self.env.company",
        "company = self.env.company",
        [f"{LEAD}::test_case_opens_in_the_leads_agency"],
    ),
    (
        "convert to case: the caller's contact is not anonymised",
        CRM,
        "        lead._ht_anonymise_partners(new - lead._ht_partners_used_elsewhere(new))\n",
        "",
        [f"{LEAD}::test_callers_contact_is_anonymised_and_unlinked"],
    ),
    (
        "convert to case: a real contact used elsewhere is anonymised too",
        CRM,
        (
            "        if not partners:\n"
            "            return partners\n"
            "        messages = self.message_ids"
        ),
        "        return partners.browse()\n        messages = self.message_ids",
        [f"{LEAD}::test_real_contact_is_kept_but_unlinked"],
    ),
    (
        "convert to case: the lead's composer rows are kept",
        CRM,
        (
            '        lead.env["mail.compose.message"]'
            '.search([("model", "=", "crm.lead")]).filtered(\n'
            "            lambda c: lead.id in parse_res_ids(c.res_ids, c.env)\n"
            "        ).unlink()\n"
        ),
        "",
        [f"{CASE_TESTS}/test_sentinel.py::TestSentinel::test_identity_stays_on_the_case"],
    ),
    (
        "convert to case: the lead's messages keep their record name",
        CRM,
        '{"subject": False, "email_from": False, "reply_to": False, "record_name": record_name}',
        '{"subject": False, "email_from": False, "reply_to": False}',
        [f"{RPC_IDENTITY}::test_nothing_left_for_colleagues_after_conversion"],
    ),
    # -- Wizard rows deleted by their final action (the creator-only rules are XML)
    (
        "wizard rows: the intake form outlives its action",
        "ht_case_management/wizard/ht_case_intake.py",
        "        self.unlink()  # the identity now lives on the case only\n",
        "",
        [f"{RPC_IDENTITY}::test_wizard_rows_are_deleted_once_done"],
    ),
    (
        "wizard rows: the conversion form outlives its action",
        "ht_case_management/wizard/ht_lead_convert.py",
        "        self.unlink()  # the form is done: nothing of it outlives the case\n",
        "",
        [f"{RPC_IDENTITY}::test_wizard_rows_are_deleted_once_done"],
    ),
    (
        "wizard rows: the revocation form outlives its action",
        "ht_consent/wizard/ht_consent_revoke.py",
        "        self.unlink()  # the reason is kept on the consent\n",
        "",
        [f"{RPC_IDENTITY}::test_wizard_rows_are_deleted_once_done"],
    ),
    (
        "wizard rows: the find-a-provider search outlives its choice",
        "ht_case_management/wizard/ht_referral_wizard.py",
        "        wizard.unlink()  # the search is done (its lines go with it)\n",
        "",
        [f"{RPC_IDENTITY}::test_wizard_rows_are_deleted_once_done"],
    ),
    (
        "wizard rows: the compelled-disclosure form outlives its action",
        "ht_consent/wizard/ht_compelled_disclosure.py",
        "        self.unlink()  # the legal document is kept on the disclosure line only\n",
        "",
        [f"{RPC_IDENTITY}::test_wizard_rows_are_deleted_once_done"],
    ),
    (
        "wizard rows: the manager-change form outlives its action",
        "ht_case_management/models/ht_case_manager_change.py",
        "        self.unlink()  # the reason is kept on the history line\n",
        "",
        [f"{RPC_IDENTITY}::test_wizard_rows_are_deleted_once_done"],
    ),
    (
        "wizard rows: the membership-change form outlives its action",
        "ht_referral_network/wizard/ht_membership_change.py",
        "        self.unlink()  # the reason is kept in the membership history\n",
        "",
        [f"{RPC_IDENTITY}::test_wizard_rows_are_deleted_once_done"],
    ),
    # -- Followers and notifications of case data
    (
        "followers: anyone may be subscribed to case data",
        THREAD,
        (
            '        if not partner_ids or not getattr(self, "_ht_case_data", False):\n'
            "            return super()._message_subscribe("
        ),
        "        if True:\n            return super()._message_subscribe(",
        [f"{ACCESS_CONSENT}::test_whoever_loses_access_stops_following_and_reading"],
    ),
    (
        "followers: a mention tells an outsider what a case message says",
        THREAD,
        '        return [r for r in recipients if r["id"] in readers]',
        "        return recipients",
        [f"{ACCESS_CASE}::test_a_mention_of_an_outsider_tells_them_nothing"],
    ),
    (
        "followers: losing access does not end the subscription",
        THREAD,
        "        followers.filtered(lambda f: f.partner_id.id not in readers[f.res_id]).unlink()",
        "        followers.browse()",
        [
            f"{ACCESS_CASE}::test_taken_off_the_team_stops_following",
            f"{RPC_ACCESS}::test_removed_team_member_reads_and_posts_nothing",
        ],
    ),
    (
        "followers: a team change does not resync the case's followers",
        CASE,
        (
            "        for records in self._ht_case_threads():\n"
            "            records._ht_drop_followers_without_access()"
        ),
        (
            "        for records in self._ht_case_threads()[:0]:\n"
            "            records._ht_drop_followers_without_access()"
        ),
        [f"{ACCESS_CASE}::test_taken_off_the_team_stops_following"],
    ),
    (
        "followers: a user's groups or companies change without a resync",
        "ht_consent/models/res_users.py",
        "            self._ht_drop_follows_without_access()\n",
        "            pass\n",
        [f"{ACCESS_CASE}::test_out_of_the_agency_or_the_role_stops_following"],
    ),
    (
        "followers: a user taken out of a group (group side) keeps following",
        "ht_consent/models/res_groups.py",
        "            before._ht_drop_follows_without_access()\n",
        "            pass\n",
        [f"{ACCESS_CASE}::test_out_of_the_agency_or_the_role_stops_following"],
    ),
    (
        "messages: the author of a case message reads it without the case",
        MESSAGE,
        "        return forbidden + self.browse(self._ht_forbidden_ids(rows, operation))",
        "        return forbidden",
        [
            f"{ACCESS_CASE}::test_own_messages_are_not_readable_without_the_case",
            f"{RPC_ACCESS}::test_removed_team_member_reads_and_posts_nothing",
        ],
    ),
    (
        "messages: searching messages lists those of cases one cannot read",
        MESSAGE,
        '        forbidden = self._ht_forbidden_ids(rows, "read")\n        if not forbidden:',
        "        forbidden = set()\n        if not forbidden:",
        [
            f"{ACCESS_CASE}::test_own_messages_are_not_readable_without_the_case",
            f"{RPC_ACCESS}::test_removed_team_member_reads_and_posts_nothing",
        ],
    ),
    # -- Nothing posted on a contact
    (
        "provider reminders: posted on the provider's contact",
        REFERRAL_PY,
        (
            '            self.env["mail.thread"].message_notify(\n'
            "                partner_ids=contacts.ids,"
        ),
        (
            "            referrals[:1].provider_id.message_post(\n"
            "                partner_ids=contacts.ids,"
        ),
        [f"{RPC_IDENTITY}::test_followup_cron_posts_nothing_on_the_providers_contact"],
    ),
    # -- Attachments of case data
    (
        "attachments: created public on a case",
        ATTACHMENT,
        "            for vals in vals_list:\n                self._ht_check_sharing(vals)\n",
        "            pass\n",
        [f"{ACCESS_CASE}::test_no_path_shares_an_attachment_of_case_data"],
    ),
    (
        "attachments: written public or moved off a case",
        ATTACHMENT,
        (
            "            for att in self.sudo():\n"
            "                self._ht_check_sharing(vals, old=att)\n"
        ),
        "            pass\n",
        [
            f"{ACCESS_CASE}::test_no_path_shares_an_attachment_of_case_data",
            f"{RPC_ACCESS}::test_no_anonymous_link_to_a_case_attachment",
        ],
    ),
    (
        "attachments: copied off a case",
        ATTACHMENT,
        "                    self._ht_refuse()\n        return vals_list",
        "                    pass\n        return vals_list",
        [f"{ACCESS_CASE}::test_no_path_shares_an_attachment_of_case_data"],
    ),
    (
        "attachments: any internal user may share",
        ATTACHMENT,
        'return self.env.su or self.env.user.has_group("base.group_system")',
        'return self.env.su or self.env.user.has_group("base.group_user")',
        [
            f"{ACCESS_CASE}::test_no_path_shares_an_attachment_of_case_data",
            f"{RPC_ACCESS}::test_no_anonymous_link_to_a_case_attachment",
        ],
    ),
    (
        "attachments: a model holding case data is not marked",
        REFERRAL_PY,
        '    _description = "Referral"\n    _ht_case_data = True\n',
        '    _description = "Referral"\n',
        [
            "tests/test_access_registry.py::TestAccessRegistry::test_every_model_holding_case_data_is_marked"
        ],
    ),
    # -- Read audit
    (
        "read audit: read/search_read/web_read write no audit line",
        CASE,
        '            self.env["ht.case.access.log"]._ht_log_reads(vals["id"] for vals in result)',
        "            pass",
        [
            f"{ACCESS_CASE}::test_every_identity_read_is_audited_once_per_request",
            f"{RPC_ACCESS}::test_every_rpc_read_of_identity_is_audited",
        ],
    ),
    (
        "read audit: exports write no audit line",
        CASE,
        '            self.env["ht.case.access.log"]._ht_log_reads(self._ids)\n        return rows',
        "            pass\n        return rows",
        [f"{ACCESS_CASE}::test_every_identity_read_is_audited_once_per_request"],
    ),
    (
        "read audit: grouping by an identity field writes no audit line",
        CASE,
        'self.env["ht.case.access.log"]._ht_log_reads(i for row in rows for i in row[-1])',
        "None",
        [
            f"{ACCESS_CASE}::test_every_identity_read_is_audited_once_per_request",
            f"{RPC_ACCESS}::test_every_rpc_read_of_identity_is_audited",
        ],
    ),
    (
        "read audit: the printed release form writes no audit line",
        CASE,
        (
            "        if not self.env.su:\n"
            '            self.env["ht.case.access.log"]._ht_log_reads(self._ids)\n'
            "        return self.legal_name"
        ),
        "        return self.legal_name",
        [f"{ACCESS_CASE}::test_every_identity_read_is_audited_once_per_request"],
    ),
    (
        "read audit: a line per read (written at once), not per user, request and case",
        AUDIT,
        "                pending.setdefault((self.env.uid, case_id), now)",
        '                self.sudo().create({"case_id": case_id, "user_id": self.env.uid})',
        [f"{ACCESS_CASE}::test_every_identity_read_is_audited_once_per_request"],
    ),
    (
        "read audit: an onchange (NewId) writes an empty audit line",
        AUDIT,
        "            if isinstance(case_id, int):\n",
        "            if True:\n",
        [f"{RPC_ACCESS}::test_onchange_of_a_case_writes_no_empty_audit_line"],
    ),
    # -- write() re-checks on the new values
    (
        "case scope: a case can be moved out of one's own scope",
        CASE,
        '            if self._filtered_access("write") != self:',
        "            if False:",
        [f"{ACCESS_CASE}::test_cannot_move_case_out_of_own_scope"],
    ),
    # -- Membership
    (
        "membership: any contact editor may change it",
        PARTNER,
        "        if not self.env.su and not self.env.user.has_group(COORDINATOR):",
        "        if False:",
        [f"{NETWORK_ACCESS}::test_contact_editor_cannot_change_membership"],
    ),
    (
        "membership: the state is no longer declared protected",
        PARTNER,
        '        "ht_membership_state": _lt("the Change membership button (coordinators)"),\n',
        "",
        [f"{MEMBERSHIP}::test_membership_only_through_its_button"],
    ),
    (
        "membership: no reason needed",
        PARTNER,
        "        if not reason:\n            raise UserError",
        "        if False:\n            raise UserError",
        [f"{MEMBERSHIP}::test_reason_required_and_transitions_checked"],
    ),
    (
        "membership: no history line",
        PARTNER,
        '            self.env["ht.membership.event"].sudo().create(',
        '            self.env["ht.membership.event"].sudo().browse(',
        [f"{MEMBERSHIP}::test_membership_needs_certification_and_records_history"],
    ),
    # -- Vetting
    (
        "vetting: an expired step still counts (compute)",
        PARTNER,
        "if s.date <= today and (not s.valid_until or s.valid_until >= today)",
        "if s.date <= today",
        [f"{MEMBERSHIP}::test_vetting_computed"],
    ),
    (
        "vetting: an expired step still counts (search)",
        PARTNER,
        '            ("valid_until", ">=", today),\n        ]',
        '            ("valid_until", "!=", False),\n        ]',
        [f"{MEMBERSHIP}::test_vetting_computed"],
    ),
    # -- Capacity
    (
        "capacity: the last place can be taken twice",
        SERVICE,
        "WHERE id = %(id)s AND capacity_available >= %(units)s",
        "WHERE id = %(id)s",
        [f"{RACES}::test_two_providers_accept_the_last_place"],
    ),
    # -- Performance
    (
        "performance: the follow-up cron plans one activity per create",
        REFERRAL_PY,
        "            .with_context(mail_activity_quick_update=True)\n            .create(vals)",
        (
            "            .with_context(mail_activity_quick_update=True)\n"
            '            .concat(*(self.env["mail.activity"].sudo().create(v) for v in vals))'
        ),
        [f"{PERF}::TestPerformance::test_followup_cron_batch_constant_queries"],
    ),
    # -- Found by the red-team pass: history, followers, copies
    (
        "history: a client edits or deletes a message of case data",
        "ht_consent/models/mail_message.py",
        (
            "        if not self.env.su and self._ht_case_messages():\n"
            "            self._ht_refuse_history_change()\n"
            "        return super().unlink()"
        ),
        "        return super().unlink()",
        [
            "ht_case_management/tests/test_hostile_rpc_access.py::TestHostileRpcAccess::test_case_messages_are_never_edited_or_deleted"
        ],
    ),
    (
        "history: the chatter's edit route rewrites a message of case data",
        "ht_consent/models/mail_thread.py",
        (
            'if getattr(self, "_ht_case_data", False) and not self.env.su:\n'
            '            self.env["mail.message"]._ht_refuse_history_change()'
        ),
        "pass",
        [
            "ht_case_management/tests/test_hostile_rpc_access.py::TestHostileRpcAccess::test_case_messages_are_never_edited_or_deleted"
        ],
    ),
    (
        "followers: every internal user lists who follows a case",
        "ht_consent/models/mail_followers.py",
        (
            "        forbidden = self._ht_forbidden_ids(rows)\n"
            "        if not forbidden:\n"
            "            return query"
        ),
        "        return query",
        [
            "ht_case_management/tests/test_hostile_rpc_access.py::TestHostileRpcAccess::test_who_follows_a_case_is_not_shown_outside_it"
        ],
    ),
    (
        "read audit: copy_data returns the identity unaudited",
        "ht_case_management/models/ht_case.py",
        (
            "        if not self.env.su:\n"
            '            self.env["ht.case.access.log"]._ht_log_reads(self._ids)\n'
            "        return vals_list"
        ),
        "        return vals_list",
        [
            "ht_case_management/tests/test_hostile_rpc_access.py::TestHostileRpcAccess::test_copy_data_of_a_case_is_audited"
        ],
    ),
    (
        "own file: the summary shows the safety plan",
        "ht_case_management/models/ht_case_access_request.py",
        '"stage": case.stage_id.name or "",',
        '"stage": html2plaintext(case.safety_plan or ""),',
        [
            "ht_case_management/tests/test_case_own_file.py::TestOwnFile::test_summary_shows_the_file_and_nothing_withheld",
        ],
    ),
    (
        "own file: delivery writes no disclosure line on the request",
        "ht_case_management/models/ht_case_access_request.py",
        '"disclosure_id": disclosure.id,',
        '"disclosure_id": False,',
        [
            "ht_case_management/tests/test_case_own_file.py::TestOwnFile::test_delivery_writes_a_disclosure_to_the_person_and_attaches_the_pdf",
        ],
    ),
    (
        "own file: a representative's delivery is logged as to the person",
        "ht_consent/models/ht_consent_subject_access_right.py",
        '"recipient_kind": "subject_representative" if representative else "subject",',
        '"recipient_kind": "subject",',
        [
            "ht_case_management/tests/test_case_own_file.py::TestOwnFile::test_a_representative_receives_it_named_by_kind",
        ],
    ),
    (
        "own file: a client may set the request's state",
        "ht_case_management/models/ht_case_access_request.py",
        '"state": _lt("the Verify identity, Record decision and Deliver buttons"),',
        "",
        [
            "ht_case_management/tests/test_case_own_file.py::TestOwnFile::test_state_changes_only_through_its_buttons",
            "ht_case_management/tests/test_case_own_file.py::TestOwnFileHttp::test_hostile_rpc_cannot_set_protected_fields",
        ],
    ),
    (
        "own file: the decision changes after it was recorded",
        "ht_case_management/models/ht_case_access_request.py",
        '"decided": {"scope", "scope_note", "decision", "decision_reason", "appeal_info", "lang_id"},',  # noqa: E501
        '"decided": set(),',
        [
            "ht_case_management/tests/test_case_own_file.py::TestOwnFile::test_state_changes_only_through_its_buttons",
        ],
    ),
    (
        "own file: a refused request is delivered",
        "ht_case_management/models/ht_case_access_request.py",
        'if rec.decision not in ("granted", "partly"):',
        "if False:",
        [
            "ht_case_management/tests/test_case_own_file.py::TestOwnFile::test_state_changes_only_through_its_buttons",
        ],
    ),
    (
        "own file: what was withheld is not recorded",
        "ht_case_management/models/ht_case_access_request.py",
        "            if count\n        ]",
        "            if False\n        ]",
        [
            "ht_case_management/tests/test_case_own_file.py::TestOwnFile::test_what_was_withheld_is_recorded",
        ],
    ),
    (
        "own file: the person's statement is hidden as a sensitive note",
        "ht_case_management/models/ht_case_access_request.py",
        '"sensitive": False,',
        '"sensitive": True,',
        [
            "ht_case_management/tests/test_case_own_file.py::TestOwnFile::test_statement_goes_into_the_file",
        ],
    ),
    (
        "own file: the answer deadline setting accepts any number",
        "ht_case_management/models/res_config_settings.py",
        "if not low <= rec.ht_access_request_days <= high:",
        "if False:",
        [
            "ht_case_management/tests/test_case_own_file.py::TestOwnFile::test_deadline_from_the_setting_with_a_reminder",
        ],
    ),
    (
        "own file: anyone who reads the case logs a delivery to the person",
        "ht_consent/models/ht_consent_subject_access_right.py",
        'self.check_access("write")',
        "pass",
        [
            "test_ht_consent/tests/test_consent_receipt.py::TestDisclosureToSubject::test_own_file_disclosure_names_no_contact",
        ],
    ),
    (
        "own file: a disclosure line names both or neither recipient",
        "ht_consent/models/ht_disclosure_subject.py",
        "                or bool(rec.recipient_id) == to_subject\n",
        "                or bool(rec.recipient_id) == to_subject and False\n",
        [
            "test_ht_consent/tests/test_consent_receipt.py::TestDisclosureToSubject::test_a_line_goes_to_an_organisation_or_to_the_person",
        ],
    ),
    (
        "receipt: the data subject is named",
        "ht_consent/models/ht_consent_receipt.py",
        '"dct:identifier": self.subject_ref or "",',
        '"dct:identifier": self._ht_subject()._ht_consent_person_name(),',
        [
            "test_ht_consent/tests/test_consent_receipt.py::TestConsentReceipt::test_activation_attaches_a_valid_receipt_without_the_name",
        ],
    ),
    (
        "receipt: the representative is named",
        "ht_consent/models/ht_consent_receipt.py",
        '"role": self.given_by,',
        '"role": self.given_by, "name": self.representative_name,',
        [
            "test_ht_consent/tests/test_consent_receipt.py::TestConsentReceipt::test_receipt_follows_the_consent",
        ],
    ),
    (
        "receipt: not attached on activation",
        "ht_consent/models/ht_consent_receipt.py",
        "        self._ht_attach_receipt()\n",
        "",
        [
            "test_ht_consent/tests/test_consent_receipt.py::TestConsentReceipt::test_activation_attaches_a_valid_receipt_without_the_name",
        ],
    ),
    (
        "receipt: the legal basis changes after activation",
        "ht_consent/models/ht_consent_receipt.py",
        'rec.state != "draft" and rec.legal_basis != vals["legal_basis"] for rec in self',
        "False for rec in self",
        [
            "test_ht_consent/tests/test_consent_receipt.py::TestConsentReceipt::test_legal_basis_is_a_granted_term",
        ],
    ),
    (
        "receipt: a withdrawn consent is still given",
        "ht_consent/models/ht_consent_receipt.py",
        '"revoked": "dpv:ConsentWithdrawn",',
        '"revoked": "dpv:ConsentGiven",',
        [
            "test_ht_consent/tests/test_consent_receipt.py::TestConsentReceipt::test_receipt_follows_the_consent",
        ],
    ),
    (
        "receipt: any text passes as a DPV category",
        "ht_consent/models/ht_consent_category_dpv.py",
        "            if bad:\n",
        "            if False:\n",
        [
            "test_ht_consent/tests/test_consent_receipt.py::TestConsentReceipt::test_category_mapping_is_seeded_and_checked",
        ],
    ),
    (
        "MOU/meetings: an MOU's terms change once signed or in force",
        "ht_referral_network/models/ht_mou_version.py",
        "locked = self.filtered(lambda m: m._ht_terms_locked()) if terms else self.browse()",
        "locked = self.browse()",
        [
            "ht_referral_network/tests/test_mou_signature.py::TestMouSignature::test_terms_and_parties_locked_over_jsonrpc"
        ],
    ),
    (
        "MOU/meetings: a party of a locked MOU changes",
        "ht_referral_network/models/ht_mou_signature.py",
        "                locked = self.filtered(lambda p: p.mou_id._ht_terms_locked())",
        "                locked = self.browse()",
        [
            "ht_referral_network/tests/test_mou_signature.py::TestMouSignature::test_terms_and_parties_locked_over_jsonrpc"
        ],
    ),
    (
        "MOU/meetings: someone other than the party's signatory signs for it",
        "ht_referral_network/models/ht_mou_signature.py",
        "if not self.signatory_id or self.env.user.partner_id != self.signatory_id:",
        "if not self.signatory_id:",
        [
            "ht_referral_network/tests/test_mou_signature.py::TestMouSignature::test_only_the_partys_signatory_signs_it"
        ],
    ),
    (
        "MOU/meetings: the portal route lets a user sign another party's part",
        "ht_referral_network/controllers/portal.py",
        "party = parties.filtered(lambda p: p.signatory_id == partner and not p.signed_on)[:1]",
        "party = parties.filtered(lambda p: not p.signed_on)[:1]",
        [
            "ht_referral_network/tests/test_mou_signature.py::TestMouSignature::test_each_party_signs_on_the_portal"
        ],
    ),
    (
        "MOU/meetings: an MOU takes effect before every party has signed",
        "ht_referral_network/models/ht_mou_signature.py",
        "if rec.state in SIGNING_STATES and rec.all_signed and len(rec.party_ids) >= 2:",
        "if rec.state in SIGNING_STATES and rec.signed_count:",
        [
            "ht_referral_network/tests/test_mou_signature.py::TestMouSignature::test_each_party_signs_on_the_portal"
        ],
    ),
    (
        "MOU/meetings: the version an amendment replaces stays in force",
        "ht_referral_network/models/ht_mou_version.py",
        'replaced._ht_write_protected({"state": "superseded"})',
        "pass",
        [
            "ht_referral_network/tests/test_mou_signature.py::TestMouSignature::test_amendment_is_a_new_version_and_keeps_the_old"
        ],
    ),
    (
        "MOU/meetings: the network rule (MOU in force) is not enforced on sending",
        "ht_case_management/models/ht_referral.py",
        "        self._ht_check_mou_rule()\n",
        "",
        [
            "ht_case_management/tests/test_case_conference.py::TestCaseConference::test_network_rule_referrals_only_under_an_active_mou"
        ],
    ),
    (
        "MOU/meetings: a case conference invites without the consent check",
        "ht_case_management/models/ht_case_conference.py",
        "                conference.with_user(user)._ht_admit(partners)",
        "                pass",
        [
            "ht_case_management/tests/test_case_conference.py::TestCaseConference::test_invitation_without_consent_is_refused_by_every_path"
        ],
    ),
    (
        "MOU/meetings: a calendar attendee created directly skips the consent check",
        "ht_case_management/models/calendar_event_case_conference.py",
        "        self._ht_admit_conference_attendees(vals_list)\n        return super().create",
        "        return super().create",
        [
            "ht_case_management/tests/test_case_conference.py::TestCaseConference::test_invitation_without_consent_is_refused_by_every_path"
        ],
    ),
    (
        "MOU/meetings: the consent check of an invitation runs as superuser",
        "ht_case_management/models/ht_case_conference.py",
        "                conference.with_user(user)._ht_admit(partners)",
        "                conference._ht_admit(partners)",
        [
            "ht_case_management/tests/test_case_conference.py::TestCaseConference::test_conference_is_the_case_teams"
        ],
    ),
    (
        "MOU/meetings: a case conference invitation is not logged as a disclosure",
        "ht_case_management/models/ht_case_conference.py",
        "            if organisation in self.disclosed_partner_ids | disclosed:",
        "            if True:",
        [
            "ht_case_management/tests/test_case_conference.py::TestCaseConference::test_invitation_with_consent_is_a_logged_disclosure"
        ],
    ),
    (
        "MOU/meetings: a case conference's calendar title can be changed",
        "ht_case_management/models/calendar_event_case_conference.py",
        "if not self.env.su and CONFERENCE_LOCKED & vals.keys():",
        "if False:",
        [
            "ht_case_management/tests/test_case_conference.py::TestCaseConference::test_calendar_shows_the_case_code_only"
        ],
    ),
    (
        "members' directory: a non-member's portal user searches the directory",
        "ht_referral_network/controllers/ht_network_portal.py",
        "        if not self._ht_network_member():\n            raise NotFound()",
        "        pass",
        [
            "ht_referral_network/tests/test_network_portal.py::TestNetworkPortal::test_only_members_portal_users"
        ],
    ),
    (
        "members' directory: a confidential location's street is shown",
        "ht_referral_network/controllers/ht_network_portal.py",
        (
            '            "address": ""\n'
            "            if provider.ht_confidential_location\n"
            "            else "
        ),
        '            "address": ',
        [
            "ht_referral_network/tests/test_network_portal.py::TestNetworkPortal::test_member_searches_the_directory"
        ],
    ),
    (
        "members' directory: a stale capacity figure is not flagged",
        "ht_referral_network/controllers/ht_network_portal.py",
        '"stale": service.capacity_stale,',
        '"stale": False,',
        [
            "ht_referral_network/tests/test_network_portal.py::TestNetworkPortal::test_member_searches_the_directory"
        ],
    ),
    (
        "members' directory: the places-available-now filter is ignored",
        "ht_referral_network/models/ht_service.py",
        "               AND (NOT %(only_available)s OR COALESCE(s.capacity_available, 0) > 0)\n",
        "",
        ["ht_referral_network/tests/test_network_portal.py::TestNetworkPortal::test_filters"],
    ),
    (
        "inbound referral: a non-member's portal user reaches the form",
        "ht_case_management/controllers/portal_inbound_referral.py",
        "        if not self._ht_member():\n            raise NotFound()",
        "        pass",
        [
            "ht_case_management/tests/test_inbound_referral.py::TestInboundReferral::test_non_members_get_nothing"
        ],
    ),
    (
        "inbound referral: the model takes a referral from a non-member",
        "ht_case_management/models/ht_inbound_referral.py",
        "if not user._is_portal() or not partner._ht_is_member():",
        "if False:",
        [
            "ht_case_management/tests/test_inbound_referral.py::TestInboundReferral::test_non_members_get_nothing"
        ],
    ),
    (
        "inbound referral: sent without the member confirming the person agreed",
        "ht_case_management/models/ht_inbound_referral.py",
        'if text("consent_confirmed") not in ("1", "on", "true", "True"):',
        "if False:",
        [
            "ht_case_management/tests/test_inbound_referral.py::TestInboundReferral::test_validation_says_what_is_wrong_and_creates_nothing"
        ],
    ),
    (
        "inbound referral: a member sees another organisation's referrals",
        "ht_case_management/models/ht_inbound_referral.py",
        'referrals = self.sudo().search([("referring_partner_id", "=", partner.id)], limit=200)',
        "referrals = self.sudo().search([], limit=200)",
        [
            "ht_case_management/tests/test_inbound_referral.py::TestInboundReferral::test_member_sees_only_its_own_organisations_referrals"
        ],
    ),
    (
        "inbound referral: a link makes the member's page say anything",
        "ht_case_management/controllers/portal_inbound_referral.py",
        'sent if sent in {row["name"] for row in inbound} else False',
        "sent",
        [
            "ht_case_management/tests/test_inbound_referral.py::TestInboundReferral::test_member_sees_only_its_own_organisations_referrals"
        ],
    ),
    (
        "inbound referral: no activity for the intake worker",
        "ht_case_management/models/ht_inbound_referral.py",
        "        referral._ht_notify_intake()\n",
        "",
        [
            "ht_case_management/tests/test_inbound_referral.py::TestInboundReferral::test_member_refers_and_follows_the_state"
        ],
    ),
    (
        "inbound referral: the person's details stay on the closed referral",
        "ht_case_management/models/ht_inbound_referral.py",
        (
            "        vals = {fname: False for fname in INBOUND_PERSON_FIELDS}\n"
            '        vals["approx_age"] = 0\n'
        ),
        "        vals = {}\n",
        [
            "ht_case_management/tests/test_inbound_referral.py::TestInboundReferral::test_intake_opens_the_case_prefilled",
            "ht_case_management/tests/test_inbound_referral.py::TestInboundReferral::test_details_never_reach_partners_or_mail",
            "ht_case_management/tests/test_sentinel.py::TestSentinel::test_identity_stays_on_the_case",
        ],
    ),
    (
        "inbound referral: a closed referral is changed",
        "ht_case_management/models/ht_inbound_referral.py",
        '            closed = self.filtered(lambda r: r.state == "closed")\n            if closed:',
        "            closed = self.browse()\n            if closed:",
        [
            "ht_case_management/tests/test_inbound_referral.py::TestInboundReferral::test_intake_opens_the_case_prefilled"
        ],
    ),
    (
        "inbound referral: a taken referral is handled by another case worker",
        "ht_case_management/models/ht_inbound_referral.py",
        '        self.check_access("write")\n',
        "",
        [
            "ht_case_management/tests/test_inbound_referral.py::TestInboundReferral::test_outside_the_intake_team_nothing_is_read"
        ],
    ),
    (
        "inbound referral: its state is written without its buttons",
        "ht_case_management/models/ht_inbound_referral.py",
        '        "state": _lt("the Start intake and Close buttons"),\n',
        "",
        [
            "ht_case_management/tests/test_inbound_referral.py::TestInboundReferral::test_state_and_links_only_through_buttons"
        ],
    ),
    (
        "inbound referral: the intake form links to a referral the user may not act on",
        "ht_case_management/wizard/ht_case_intake_inbound.py",
        '_ht_link_checks = {"inbound_referral_id": ("read", "write")}',
        "_ht_link_checks = {}",
        [
            "ht_case_management/tests/test_inbound_referral.py::TestInboundReferral::test_state_and_links_only_through_buttons"
        ],
    ),
    (
        "inbound referral: a member's portal user floods the intake queue",
        "ht_case_management/models/ht_inbound_referral.py",
        "        if recent >= MAX_PER_HOUR:\n",
        "        if False:\n",
        [
            "ht_case_management/tests/test_inbound_referral.py::TestInboundReferral::test_a_flood_is_refused"
        ],
    ),
    (
        "hsds: anyone who may edit a contact publishes it",
        "ht_referral_network/models/ht_hsds_mixin.py",
        "        if publishes and not self._ht_hsds_may_publish():",
        "        if False:",
        [
            (
                "ht_referral_network/tests/test_hsds_hostile_rpc.py::TestHsdsHostileRpc"
                "::test_a_directory_user_cannot_publish_over_rpc"
            ),
            (
                "ht_referral_network/tests/test_hsds_export.py::TestHsdsExport::test_a_"
                "contact_editor_cannot_publish_or_choose_an_hsds_id"
            ),
        ],
    ),
    (
        "hsds: a contact is created published, or with another's HSDS id",
        "ht_referral_network/models/ht_hsds_mixin.py",
        (
            '            if not coordinator and (vals.get("ht_hsds_id") or vals.get'
            '("ht_hsds_published")):'
        ),
        "            if False:",
        [
            (
                "ht_referral_network/tests/test_hsds_hostile_rpc.py::TestHsdsHostileRpc"
                "::test_a_directory_user_cannot_publish_over_rpc"
            ),
        ],
    ),
    (
        "hsds: an HSDS id changes after creation",
        "ht_referral_network/models/ht_hsds_mixin.py",
        "        if changes_id and not self.env.su:",
        "        if False:",
        [
            (
                "ht_referral_network/tests/test_hsds_export.py::TestHsdsExport::test_re"
                "cords_get_a_stable_uuid_never_their_database_id"
            ),
        ],
    ),
    (
        "hsds: unpublished organisations are exported and served",
        "ht_referral_network/models/ht_hsds_export.py",
        '        return [("is_company", "=", True), ("ht_hsds_published", "=", True)]',
        '        return [("is_company", "=", True)]',
        [
            (
                "ht_referral_network/tests/test_hsds_api.py::TestHsdsApi::test_unpublis"
                "hed_answers_exactly_like_nonexistent"
            ),
            (
                "ht_referral_network/tests/test_hsds_export.py::TestHsdsExport::test_ex"
                "port_is_valid_hsds_with_published_records_only"
            ),
        ],
    ),
    (
        "hsds: services of an unpublished organisation are served",
        "ht_referral_network/models/ht_service_hsds.py",
        "                and provider.ht_hsds_published\n",
        "",
        [
            (
                "ht_referral_network/tests/test_hsds_api.py::TestHsdsApi::test_unpublis"
                "hed_answers_exactly_like_nonexistent"
            ),
        ],
    ),
    (
        "hsds: a confidential location is exported with its address",
        "ht_referral_network/models/ht_hsds_export.py",
        (
            '        loc_id = derived_id(org.ht_hsds_id, "location")\n'
            "        if org.ht_confidential_location:"
        ),
        '        loc_id = derived_id(org.ht_hsds_id, "location")\n        if False:',
        [
            (
                "ht_referral_network/tests/test_hsds_export.py::TestHsdsExport::test_co"
                "nfidential_location_never_leaves"
            ),
        ],
    ),
    (
        "hsds: a role contact is published under the person's name",
        "ht_referral_network/models/ht_hsds_export.py",
        '                        "name": roles[contact.ht_contact_role],',
        '                        "name": contact.name,',
        [
            (
                "ht_referral_network/tests/test_hsds_export.py::TestHsdsExport::test_co"
                "nfidential_location_never_leaves"
            ),
        ],
    ),
    (
        "hsds: the API answers while it is off",
        "ht_referral_network/controllers/hsds.py",
        "        raise _Refused(404, NOT_FOUND)\n\n    def _hsds_call",
        "        return\n\n    def _hsds_call",
        [
            "ht_referral_network/tests/test_hsds_api.py::TestHsdsApi::test_api_is_off_by_default",
        ],
    ),
    (
        "hsds: any bearer token opens the API",
        "ht_referral_network/controllers/hsds.py",
        '._check_credentials(scope="hsds", key=key)',
        '._check_credentials(scope="hsds", key=key) or True',
        [
            (
                "ht_referral_network/tests/test_hsds_api.py::TestHsdsApi::test_api_key_"
                "mode_needs_a_valid_key"
            ),
        ],
    ),
    (
        "hsds: a non-coordinator downloads the dataset",
        "ht_referral_network/models/ht_hsds_export.py",
        (
            "        if not self.env.su and not self.env.user.has_group(COORDINATOR):\n"
            '            raise AccessError(_("Only a Network Coordinator exports'
        ),
        '        if False:\n            raise AccessError(_("Only a Network Coordinator exports',
        [
            (
                "ht_referral_network/tests/test_hsds_export.py::TestHsdsExport::test_on"
                "ly_a_coordinator_exports"
            ),
        ],
    ),
    (
        "hsds: a non-coordinator runs the import",
        "ht_referral_network/wizard/ht_hsds_import.py",
        (
            "        if not self.env.user.has_group(COORDINATOR):\n"
            '            raise AccessError(_("Only a Network Coordinator imports'
        ),
        '        if False:\n            raise AccessError(_("Only a Network Coordinator imports',
        [
            (
                "ht_referral_network/tests/test_hsds_import.py::TestHsdsImport::test_on"
                "ly_a_coordinator_imports"
            ),
        ],
    ),
    (
        "hsds: the import dry run writes",
        "ht_referral_network/wizard/ht_hsds_import.py",
        "                    if self.dry_run:\n                        raise _DryRun()",
        "                    pass",
        [
            (
                "ht_referral_network/tests/test_hsds_import.py::TestHsdsImport::test_dr"
                "y_run_writes_nothing"
            ),
        ],
    ),
    (
        "hsds: an organisation that fails is half-imported",
        "ht_referral_network/wizard/ht_hsds_import.py",
        "                with self.env.cr.savepoint():",
        "                if True:",
        [
            (
                "ht_referral_network/tests/test_hsds_import.py::TestHsdsImport::test_ba"
                "d_dataset_rolls_back_each_failed_organisation_and_reports"
            ),
        ],
    ),
    (
        "hsds: incoming organisations are not validated against the schema",
        "ht_referral_network/wizard/ht_hsds_import.py",
        '            problems = hsds_schema.errors(schema_dir, "organization", doc)',
        "            problems = []",
        [
            (
                "ht_referral_network/tests/test_hsds_import.py::TestHsdsImport::test_ba"
                "d_dataset_rolls_back_each_failed_organisation_and_reports"
            ),
        ],
    ),
    (
        "hsds: imported organisations are not applicants",
        "ht_referral_network/wizard/ht_hsds_import.py",
        (
            '                partner._ht_set_membership("applicant", _("Imported fr'
            'om an HSDS dataset"))'
        ),
        "                pass",
        [
            (
                "ht_referral_network/tests/test_hsds_import.py::TestHsdsImport::test_im"
                "port_creates_applicants_then_updates_by_hsds_id"
            ),
        ],
    ),
    (
        "hsds: a coordinator lists a service of an unpublished organisation by hand",
        "ht_referral_network/models/ht_service_hsds.py",
        '        if "ht_hsds_listed" in vals and not self.env.su:',
        "        if False:",
        [
            (
                "ht_referral_network/tests/test_hsds_hostile_rpc.py::TestHsdsHostileRpc"
                "::test_listing_follows_publication"
            )
        ],
    ),
    (
        "funder suppression: no complementary suppression",
        "ht_case_management/tools/funder_suppression.py",
        "if len(line) - len(shown) == 1 and shown:",
        "if False:",
        [
            "ht_case_management/tests/test_funder_suppression.py::TestFunderSuppression::test_single_small_cell_in_a_row",
            "ht_case_management/tests/test_funder_report.py::TestFunderReport::test_counts_suppressed_with_complements",
        ],
    ),
    (
        "funder suppression: a count of 1 is shown",
        "ht_case_management/tools/funder_suppression.py",
        "hidden = [[0 < v < k for v in line] for line in grid]",
        "hidden = [[1 < v < k for v in line] for line in grid]",
        [
            "ht_case_management/tests/test_funder_suppression.py::TestFunderSuppression::test_random_tables_are_safe"
        ],
    ),
    (
        "funder suppression: a count of k is suppressed",
        "ht_case_management/tools/funder_suppression.py",
        "hidden = [[0 < v < k for v in line] for line in grid]",
        "hidden = [[0 < v <= k for v in line] for line in grid]",
        [
            "ht_case_management/tests/test_funder_suppression.py::TestFunderSuppression::test_nothing_below_k"
        ],
    ),
    (
        "funder report: cases flagged do not include are counted",
        "ht_case_management/models/ht_funder_report_template.py",
        "COALESCE(c.exclude_from_reports, FALSE) AS ht_x",
        "FALSE AS ht_x",
        [
            "ht_case_management/tests/test_funder_report.py::TestFunderReport::test_excluded_cases_left_out_and_shown_rounded"
        ],
    ),
    (
        "funder report: the left-out count is shown exactly",
        "ht_case_management/models/ht_funder_report_template.py",
        '"excluded": rounded_count(excluded, self.k),',
        '"excluded": str(excluded),',
        [
            "ht_case_management/tests/test_funder_report.py::TestFunderReport::test_excluded_cases_left_out_and_shown_rounded"
        ],
    ),
    (
        "funder report: the run log can be changed",
        "ht_case_management/models/ht_funder_report_run.py",
        'raise UserError(_("The funder report log is append-only: a line is never changed."))',
        "return super().write(vals)",
        [
            "ht_case_management/tests/test_funder_report.py::TestFunderReport::test_run_log_is_append_only",
            "ht_case_management/tests/test_funder_hostile_rpc.py::TestFunderHostileRpc::test_run_log_cannot_be_changed_over_rpc",
        ],
    ),
    (
        "funder report: a run log line can be deleted",
        "ht_case_management/models/ht_funder_report_run.py",
        'raise UserError(_("The funder report log is append-only: a line is never deleted."))',
        "return None",
        [
            "ht_case_management/tests/test_funder_report.py::TestFunderReport::test_run_log_is_append_only"
        ],
    ),
    (
        "funder report: another user opens a report file",
        "ht_case_management/models/ir_attachment.py",
        "forbidden = self._ht_funder_files_of_others()",
        "forbidden = self.browse()",
        [
            "ht_case_management/tests/test_funder_report.py::TestFunderReport::test_file_is_the_runners_only",
            "ht_case_management/tests/test_funder_hostile_rpc.py::TestFunderHostileRpc::test_export_file_is_the_runners_only",
        ],
    ),
    (
        "funder report: another user finds a report file",
        "ht_case_management/models/ir_attachment.py",
        "        if not self.env.su:\n            domain = [",
        "        if False:\n            domain = [",
        [
            "ht_case_management/tests/test_funder_report.py::TestFunderReport::test_file_is_the_runners_only",
            "ht_case_management/tests/test_funder_hostile_rpc.py::TestFunderHostileRpc::test_export_file_is_the_runners_only",
        ],
    ),
    (
        "funder report: a supervisor reports on another agency",
        "ht_case_management/wizard/ht_funder_report_wizard.py",
        "if self.company_id not in self.env.user.company_ids:",
        "if False:",
        ["ht_case_management/tests/test_funder_report.py::TestFunderReport::test_who_may_run"],
    ),
    (
        "funder data: a service line moves to another case",
        "ht_case_management/models/ht_case_service_line.py",
        'if "case_id" in vals and any(line.case_id.id != vals["case_id"] for line in self):',
        "if False:",
        [
            "ht_case_management/tests/test_funder_data.py::TestFunderData::test_lines_follow_the_case"
        ],
    ),
    (
        "funder data: an aid line moves to another case",
        "ht_case_management/models/ht_case_aid_line.py",
        'if "case_id" in vals and any(line.case_id.id != vals["case_id"] for line in self):',
        "if False:",
        [
            "ht_case_management/tests/test_funder_data.py::TestFunderData::test_lines_follow_the_case"
        ],
    ),
    (
        "funder data: a client writes a computed fact (age at intake, letters, first service)",
        "ht_case_management/models/ht_case_funder_data.py",
        "        self._ht_refuse_computed_facts([vals])\n",
        "",
        [
            "ht_case_management/tests/test_funder_data.py::TestFunderData::test_age_at_intake_is_stored_and_computed"
        ],
    ),
    (
        "funder report: a query per case",
        "ht_case_management/models/ht_funder_report_template.py",
        "        counts = {i: {} for i in range(len(tables))}\n",
        (
            "        counts = {i: {} for i in range(len(tables))}\n"
            '        [c.exists() for c in self.env["ht.case"]'
            '.search([("company_id", "=", company.id)])]\n'
        ),
        [
            "ht_case_management/tests/test_funder_performance.py::TestFunderPerformance::test_report_queries_do_not_grow_with_cases"
        ],
    ),
    (
        "attachments of case data: read by id from the cache without the record's access",
        "ht_consent/models/ir_attachment.py",
        "            if res_id:\n                by_record[res_model][res_id].append(att_id)",
        "            if res_id:\n                pass",
        [
            f"{RPC_ACCESS}::test_a_case_attachment_is_read_by_id_only_by_the_case_team",
        ],
    ),
    (
        "journey calendar: the event's title carries the survivor's name",
        "ht_case_management/models/ht_case_appointment.py",
        '            "name": self.name,\n',
        '            "name": f"{self.name} {self.case_id.legal_name}",\n',
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_calendar_event_carries_the_code_and_type_only"
        ],
    ),
    (
        "journey calendar: the event's location is the appointment's",
        "ht_case_management/models/ht_case_appointment.py",
        '            "location": False,\n',
        '            "location": self.location,\n',
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_calendar_event_carries_the_code_and_type_only"
        ],
    ),
    (
        "journey calendar: an event of a case is renamed, described or re-attended by hand",
        "ht_case_management/models/calendar_event.py",
        "        if linked and GUARDED_FIELDS & set(vals):\n            self._ht_refuse()",
        "        if linked and GUARDED_FIELDS & set(vals):\n            pass",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_calendar_event_carries_the_code_and_type_only",
            "ht_case_management/tests/test_hostile_rpc_journey.py::TestHostileRpcJourney::test_calendar_event_of_a_case_over_rpc",
        ],
    ),
    (
        "journey calendar: an event is created or copied onto a case by hand",
        "ht_case_management/models/calendar_event.py",
        "        if not self.env.su and not _SYNC.get() and events.sudo()._ht_case_events():",
        "        if False:",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_calendar_event_carries_the_code_and_type_only",
            "ht_case_management/tests/test_hostile_rpc_journey.py::TestHostileRpcJourney::test_calendar_event_of_a_case_over_rpc",
        ],
    ),
    (
        "journey calendar: an attendee is added to an event of a case by hand",
        "ht_case_management/models/calendar_event.py",
        (
            "        if not self.env.su and not _SYNC.get()"
            " and attendees.sudo().event_id._ht_case_events():"
        ),
        "        if False:",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_calendar_event_carries_the_code_and_type_only"
        ],
    ),
    (
        "journey calendar: an appointment's attendees need not be on the team",
        "ht_case_management/models/ht_case_appointment.py",
        "            if outsiders:\n",
        "            if False:\n",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_calendar_event_carries_the_code_and_type_only"
        ],
    ),
    (
        "journey calendar: whoever leaves the team still attends",
        "ht_case_management/models/ht_case_calendar.py",
        "                appointment.user_ids -= gone",
        "                pass",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_calendar_event_carries_the_code_and_type_only"
        ],
    ),
    (
        "journey linked cases: a case worker's change drops the cases they cannot see",
        "ht_case_management/models/ht_case_group.py",
        "            group.sudo().all_case_ids = hidden | wanted",
        "            group.sudo().all_case_ids = wanted",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_linked_cases_show_each_user_only_the_cases_they_may_read",
            "ht_case_management/tests/test_hostile_rpc_journey.py::TestHostileRpcJourney::test_linked_cases_and_button_fields_over_rpc",
        ],
    ),
    (
        "journey linked cases: the list shows every case of the group",
        "ht_case_management/models/ht_case_group.py",
        (
            '            cases = Case.search([("group_ids", "in", group.ids)])'
            " if group.id else Case\n"
            "            group.case_ids = cases"
        ),
        (
            "            cases = group.sudo().all_case_ids.sudo(False)\n"
            "            group.case_ids = cases"
        ),
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_linked_cases_show_each_user_only_the_cases_they_may_read"
        ],
    ),
    (
        "journey family: a case the user cannot read is linked as a family member",
        "ht_case_management/models/ht_case_family_member.py",
        (
            '        if cases - cases._filtered_access("read"):\n'
            '            raise UserError(_("You can only link a case you have access to."))'
        ),
        (
            "        if False:\n"
            '            raise UserError(_("You can only link a case you have access to."))'
        ),
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_family_link_shows_only_the_code_to_whoever_cannot_read_it"
        ],
    ),
    (
        "journey family: the family members served are miscounted (adult children as minors)",
        "ht_case_management/models/ht_case_family_member.py",
        '"child_minor" if rec.age_band in minor | {"unknown"} else "child_adult"',
        '"child_minor"',
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_family_link_shows_only_the_code_to_whoever_cannot_read_it"
        ],
    ),
    (
        "journey minors: a suspected trafficker may be involved",
        "ht_case_management/models/ht_case_guardian.py",
        "            if rec.suspected_trafficker and rec.may_be_involved:",
        "            if False:",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_a_suspected_trafficker_is_never_involved"
        ],
    ),
    (
        "journey minors: flagging a suspected trafficker neither clears involvement nor warns",
        "ht_case_management/models/ht_case_guardian.py",
        "            was_involved = self.may_be_involved\n            self.may_be_involved = False",
        "            was_involved = False",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_a_suspected_trafficker_is_never_involved"
        ],
    ),
    (
        "journey interpreter: a family member interpreting is not flagged",
        "ht_case_management/models/ht_case_note_interpreter.py",
        "            note.interpreter_concern = note.interpreter_kind in UNSAFE_INTERPRETING",
        "            note.interpreter_concern = False",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_family_interpreter_is_recorded_and_warned"
        ],
    ),
    (
        "journey interpreter: no warning when a family member interprets",
        "ht_case_management/models/ht_case_note_interpreter.py",
        "        if self.interpreter_kind in UNSAFE_INTERPRETING:\n            return {",
        "        if False:\n            return {",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_family_interpreter_is_recorded_and_warned"
        ],
    ),
    (
        "journey interpreter: an interpreter who is not vetted is taken from the roster",
        "ht_case_management/models/ht_case_note_interpreter.py",
        '                if person.ht_profession != "interpreter" or not person.ht_vetted:',
        "                if False:",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_family_interpreter_is_recorded_and_warned"
        ],
    ),
    (
        "journey safety: the safety plan is overwritten without a version",
        "ht_case_management/models/ht_case_safety.py",
        "        changed._ht_version_safety_plan()",
        "        pass",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_safety_plan_history_is_kept"
        ],
    ),
    (
        "journey safety: a version of the safety plan is rewritten",
        "ht_case_management/models/ht_case_safety_plan_version.py",
        (
            "            raise UserError("
            '_("A safety plan version is history: change the plan on the case."))'
        ),
        "            pass",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_safety_plan_history_is_kept"
        ],
    ),
    (
        "journey safety: the review reminder is planned again every day",
        "ht_case_management/models/ht_case_safety.py",
        "        due = cases.filtered(lambda c: (c.id, c.safety_plan_review_date) not in done)",
        "        due = cases",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_safety_plan_review_reminder"
        ],
    ),
    (
        "journey justice: sharing with an agency under a referral consent",
        "ht_case_management/models/ht_case_justice_contact.py",
        'case._ht_consent_check(rec.agency_id, rec.category_ids, "law_enforcement")',
        'case._ht_consent_check(rec.agency_id, rec.category_ids, "referral")',
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_justice_sharing_needs_a_law_enforcement_consent"
        ],
    ),
    (
        "journey justice: the sharing date is set by a client",
        "ht_case_management/models/ht_case_justice_contact.py",
        '        if "last_shared_on" in vals and not self.env.su:',
        "        if False:",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_justice_sharing_needs_a_law_enforcement_consent"
        ],
    ),
    (
        "journey documents: a client sets the return of a document",
        "ht_case_management/models/ht_case_document_held.py",
        '            if {"returned_on", "returned_by_id"} & set(vals):',
        "            if False:",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_document_is_returned_with_the_button",
            "ht_case_management/tests/test_hostile_rpc_journey.py::TestHostileRpcJourney::test_linked_cases_and_button_fields_over_rpc",
        ],
    ),
    (
        "volunteers: a placement is created without the screening check",
        "ht_case_management/models/ht_volunteer_placement_programme.py",
        "        placements._ht_check_screening()\n",
        "",
        [
            "ht_case_management/tests/test_volunteer_programme.py::TestVolunteerProgramme::test_placement_refused_until_every_step_is_current"
        ],
    ),
    (
        "volunteers: an expired screening step counts as current",
        "ht_case_management/models/ht_volunteer_check.py",
        "and (not self.expiry or self.expiry >= on)",
        "and True",
        [
            "ht_case_management/tests/test_volunteer_programme.py::TestVolunteerProgramme::test_placement_refused_until_every_step_is_current"
        ],
    ),
    (
        "volunteers: a screening step dated in the future counts as current",
        "ht_case_management/models/ht_volunteer_check.py",
        "self.date and self.date <= on and",
        "self.date and",
        [
            "ht_case_management/tests/test_volunteer_programme.py::TestVolunteerProgramme::test_placement_refused_until_every_step_is_current"
        ],
    ),
    (
        "volunteers: a placement moved to an unscreened volunteer is not re-checked",
        "ht_case_management/models/ht_volunteer_placement_programme.py",
        (
            '        if set(vals) & {"application_id", "outcome", "opportunity_id", "case_id"}:\n'
            "            self._ht_check_screening()\n"
        ),
        "",
        [
            "ht_case_management/tests/test_volunteer_programme.py::TestVolunteerProgramme::test_placement_cannot_be_moved_to_an_unscreened_volunteer"
        ],
    ),
    (
        "volunteers: a full opportunity takes one more placement",
        "ht_case_management/models/ht_volunteer_placement_programme.py",
        "            if taken > seats:",
        "            if False:",
        [
            "ht_case_management/tests/test_volunteer_programme.py::TestVolunteerProgramme::test_full_opportunity_refuses_a_placement"
        ],
    ),
    (
        "volunteers: the seat count does not lock the opportunity row (race)",
        "ht_case_management/models/ht_volunteer_placement_programme.py",
        (
            "UPDATE ht_volunteer_opportunity o\n"
            "                      SET write_date = o.write_date\n"
            "                    WHERE o.id IN %(ids)s\n"
            "                RETURNING o.id,"
        ),
        "SELECT o.id,",
        [
            "ht_case_management/tests/test_volunteer_concurrency.py::TestVolunteerSeatRace::test_two_coordinators_take_the_last_seat"
        ],
    ),
    (
        "volunteers: a volunteer logs hours on someone else's placement",
        "ht_case_management/models/ht_volunteer_hours.py",
        "if not staff and placement.volunteer_user_id != self.env.user:",
        "if False:",
        [
            "ht_case_management/tests/test_volunteer_programme.py::TestVolunteerProgramme::test_volunteer_logs_own_hours_only"
        ],
    ),
    (
        "volunteers: a volunteer marks their own hours checked in",
        "ht_case_management/models/ht_volunteer_hours.py",
        'if not staff and set(vals) - VOLUNTEER_FIELDS - {"placement_id"}:',
        "if False:",
        [
            "ht_case_management/tests/test_volunteer_programme.py::TestVolunteerProgramme::test_volunteer_logs_own_hours_only"
        ],
    ),
    (
        "volunteers: the placed volunteer changes their placement",
        "ht_case_management/models/ht_volunteer_placement_programme.py",
        "            and self.filtered(lambda r: r.supervisor_id != self.env.user)",
        "            and False",
        [
            "ht_case_management/tests/test_volunteer_programme.py::TestVolunteerProgramme::test_volunteer_logs_own_hours_only"
        ],
    ),
    (
        "volunteers: the public form takes the stage from the request",
        "ht_case_management/controllers/volunteer_apply.py",
        '                    "programme_id": programme.id,',
        (
            '                    "programme_id": programme.id,\n'
            '                    "state": post.get("state") or "applied",'
        ),
        [
            "ht_case_management/tests/test_volunteer_programme.py::TestVolunteerProgramme::test_public_application_creates_an_application_only"
        ],
    ),
    (
        "volunteers: the public form accepts an invalid e-mail",
        "ht_case_management/controllers/volunteer_apply.py",
        '        if not email_normalize(values["email"]):',
        "        if False:",
        [
            "ht_case_management/tests/test_volunteer_programme.py::TestVolunteerProgramme::test_public_application_is_validated"
        ],
    ),
    (
        "pro bono: an assignment is made without the consent check",
        "ht_case_management/models/ht_case_probono_assignment.py",
        "consent = case._ht_consent_check(rec.professional_id, rec.category_ids, PROBONO_USE)",
        'consent = self.env["ht.consent"].sudo().search([("res_id", "=", case.id)], limit=1)',
        [
            "ht_case_management/tests/test_probono.py::TestProbono::test_assignment_needs_consent_and_is_a_disclosure"
        ],
    ),
    (
        "pro bono: an assignment is not logged as a disclosure",
        "ht_case_management/models/ht_case_probono_assignment.py",
        "            case._ht_log_disclosure(\n                rec.professional_id,",
        "            (lambda *a, **k: None)(\n                rec.professional_id,",
        [
            "ht_case_management/tests/test_probono.py::TestProbono::test_assignment_needs_consent_and_is_a_disclosure"
        ],
    ),
    (
        "pro bono: what was shared and with whom is changed after the assignment",
        "ht_case_management/models/ht_case_probono_assignment.py",
        "            if set(vals) - EDITABLE:",
        "            if False:",
        [
            "ht_case_management/tests/test_probono.py::TestProbono::test_assignment_needs_consent_and_is_a_disclosure"
        ],
    ),
    (
        "pro bono: an unvetted professional is assigned",
        "ht_case_management/models/ht_case_probono_assignment.py",
        "if not professional.ht_pro_bono or not professional.ht_vetted:",
        "if not professional.ht_pro_bono:",
        [
            "ht_case_management/tests/test_probono.py::TestProbono::test_unvetted_professional_cannot_be_assigned"
        ],
    ),
    (
        "pro bono: the portal shows an assignment without re-deciding its consent",
        "ht_case_management/models/ht_case_probono_assignment.py",
        (
            "            if consent and not consent._ht_refusal(\n"
            "                rec.professional_id, rec.category_ids, PROBONO_USE\n"
            "            ):"
        ),
        "            if consent:",
        [
            "ht_case_management/tests/test_probono.py::TestProbono::test_portal_redecides_consent_at_each_view"
        ],
    ),
    (
        "pro bono: revoking the consent leaves the assignment in place",
        "ht_case_management/models/ht_case_probono.py",
        "        assignments._ht_reattach()._ht_withdraw()",
        "        assignments._ht_reattach()",
        [
            "ht_case_management/tests/test_probono.py::TestProbono::test_portal_page_shows_the_code_and_covered_categories_only"
        ],
    ),
    (
        "pro bono: vetted is decided on the caller's context date",
        "ht_referral_network/models/res_partner.py",
        (
            "        # today in UTC, never the caller's context (a decision, see README)\n"
            "        today = fields.Date.today()"
        ),
        "        today = fields.Date.context_today(self)",
        [
            "ht_case_management/tests/test_probono.py::TestProbono::test_vetted_is_today_in_utc_whatever_the_context"
        ],
    ),
    (
        "pro bono: vetted ignores an expired step",
        "ht_referral_network/models/res_partner.py",
        "if s.date <= today and (not s.valid_until or s.valid_until >= today)",
        "if s.date <= today and (not s.valid_until or s.valid_until >= s.date)",
        [
            "ht_case_management/tests/test_probono.py::TestProbono::test_vetted_flag_goes_false_when_a_step_expires_without_any_cron"
        ],
    ),
    (
        "pro bono: the vetting expiry warning ignores the lead time setting",
        "ht_referral_network/models/ht_vetting_step_expiry.py",
        '("valid_until", "<=", today + timedelta(days=days)),',
        '("valid_until", "<=", today + timedelta(days=365)),',
        [
            "ht_case_management/tests/test_probono.py::TestProbono::test_cron_warns_the_coordinator_before_a_step_expires"
        ],
    ),
    (
        "pro bono: the vetting expiry warning is planned again at each run",
        "ht_referral_network/models/ht_vetting_step_expiry.py",
        "for partner in partners.filtered(lambda p: p.id not in planned):",
        "for partner in partners:",
        [
            "ht_case_management/tests/test_probono.py::TestProbono::test_cron_warns_the_coordinator_before_a_step_expires"
        ],
    ),
    (
        "volunteers: a placement of nobody (no case, no volunteer) is created",
        "ht_case_management/models/ht_volunteer_placement_programme.py",
        'if bool(vals.get("case_id")) == bool(vals.get("application_id")):',
        "if False:",
        [
            "ht_case_management/tests/test_volunteer_programme.py::TestVolunteerProgramme::test_a_placement_is_of_one_person"
        ],
    ),
    (
        "journey grievance: the filer writes the answer",
        "ht_case_management/models/ht_case_grievance.py",
        'if "answer" in vals and not self.browse(rec.id)._ht_may_answer():',
        "if False:",
        [
            "ht_case_management/tests/test_case_care.py::TestCaseCare::test_grievance_routed_answered_and_kept",
        ],
    ),
    (
        "journey grievance: a resolved grievance is rewritten",
        "ht_case_management/models/ht_case_grievance.py",
        (
            '                if rec.state == "resolved":\n'
            "                    raise UserError(\n"
            "                        _(\n"
            '                            "Grievance %(ref)s was resolved'
        ),
        (
            "                if False:\n"
            "                    raise UserError(\n"
            "                        _(\n"
            '                            "Grievance %(ref)s was resolved'
        ),
        [
            "ht_case_management/tests/test_case_care.py::TestCaseCare::test_grievance_routed_answered_and_kept",
        ],
    ),
    (
        "journey grievance: routed to the supervisor it is about",
        "ht_case_management/models/ht_case_grievance.py",
        "handler = (candidates - excluded)[:1]",
        "handler = candidates[:1]",
        [
            "ht_case_management/tests/test_case_care.py::TestCaseCare::test_grievance_about_the_supervisor_goes_to_another",
        ],
    ),
    (
        "journey grievance: a staff member records a grievance about themselves",
        "ht_case_management/models/ht_case_grievance.py",
        'if vals.get("subject_user_id") == self.env.uid and not self.env.su:',
        "if False:",
        [
            "ht_case_management/tests/test_case_care.py::TestCaseCare::test_grievance_about_the_supervisor_goes_to_another",
        ],
    ),
    (
        "journey letter: issued without a consent check",
        "ht_case_management/models/ht_case_letter.py",
        "consent = case._ht_consent_check(self.recipient_id, LETTER_CATEGORIES, self.purpose_type)",
        'consent = self.env["ht.consent"].sudo().search([("res_id", "=", case.id)], limit=1)',
        [
            "ht_case_management/tests/test_case_care.py::TestCaseCare::test_letter_refused_without_consent_and_logged_with_it",
        ],
    ),
    (
        "journey letter: another team member signs for the case manager",
        "ht_case_management/models/ht_case_letter.py",
        "if self.env.user != case.case_manager_id and not self.env.su:",
        "if False:",
        [
            "ht_case_management/tests/test_case_care.py::TestCaseCare::test_letter_refused_without_consent_and_logged_with_it",
        ],
    ),
    (
        "journey letter: the report prints a letter outside its issue",
        "ht_case_management/models/ht_case_letter.py",
        'if any(letter.state != "issued" or letter.document for letter in letters.sudo()):',
        "if False:",
        [
            "ht_case_management/tests/test_case_care.py::TestCaseCare::test_letter_refused_without_consent_and_logged_with_it",
            "ht_case_management/tests/test_case_journey_rpc.py::TestCaseJourneyRpc::test_protected_fields_refused_over_rpc",
        ],
    ),
    (
        "journey letter: an issued letter is rewritten",
        "ht_case_management/models/ht_case_letter.py",
        "            if issued:\n                raise UserError(",
        "            if False:\n                raise UserError(",
        [
            "ht_case_management/tests/test_case_care.py::TestCaseCare::test_letter_refused_without_consent_and_logged_with_it",
        ],
    ),
    (
        "journey decline: a status changed to declined records nobody",
        "ht_case_management/models/ht_case_need_decline.py",
        "newly.write(dict(vals, **self._ht_decline_values()))",
        "newly.write(vals)",
        [
            "ht_case_management/tests/test_case_care.py::TestCaseCare::test_decline_recorded_with_who_and_when_by_the_system_only",
        ],
    ),
    (
        "journey decline: who and when taken from the caller with the status",
        "ht_case_management/models/ht_case_need_decline.py",
        (
            "            changed = self._ht_protected_changes(vals)\n"
            "            if changed:\n"
            "                self._ht_refuse_protected(changed)\n"
        ),
        "",
        [
            "ht_case_management/tests/test_case_care.py::TestCaseCare::test_decline_recorded_with_who_and_when_by_the_system_only",
        ],
    ),
    (
        "journey feedback: the survey answer carries the case worker",
        "ht_case_management/models/ht_case_feedback.py",
        '._create_answer(user=self.env.ref("base.public_user"), check_attempts=False)',
        "._create_answer(user=self.env.user, check_attempts=False)",
        [
            "ht_case_management/tests/test_case_care.py::TestCaseCare::test_feedback_answer_has_no_link_to_the_case",
        ],
    ),
    (
        "journey feedback: the answer is created by the case worker",
        "ht_case_management/models/ht_case_feedback.py",
        "survey.with_user(root)",
        "survey",
        [
            "ht_case_management/tests/test_case_care.py::TestCaseCare::test_feedback_answer_has_no_link_to_the_case",
        ],
    ),
    (
        "journey feedback: the date is written by a client",
        "ht_case_management/models/ht_case_feedback.py",
        "if not self._ht_protected_allowed() and set(FEEDBACK_FIELDS) & set(vals):",
        "if False:",
        [
            "ht_case_management/tests/test_case_care.py::TestCaseCare::test_feedback_answer_has_no_link_to_the_case",
            "ht_case_management/tests/test_case_journey_rpc.py::TestCaseJourneyRpc::test_protected_fields_refused_over_rpc",
        ],
    ),
    (
        "journey waitlist: waitlisted referrals never expire",
        "ht_case_management/models/ht_referral.py",
        (
            '            ("state", "=", "waitlisted"),\n'
            '            ("last_update_on", "<", now - timedelta(days=waitlist_days)),'
        ),
        (
            '            ("state", "=", "never"),\n'
            '            ("last_update_on", "<", now - timedelta(days=waitlist_days)),'
        ),
        [
            "ht_case_management/tests/test_case_care.py::TestCaseCare::test_waitlisted_referral_followed_up_then_expires",
        ],
    ),
    (
        "journey waitlist: waitlisted referrals are not followed up",
        "ht_case_management/models/ht_referral.py",
        '("state", "in", ("accepted", "in_progress", "waitlisted")),',
        '("state", "in", ("accepted", "in_progress")),',
        [
            "ht_case_management/tests/test_case_care.py::TestCaseCare::test_waitlisted_referral_followed_up_then_expires",
        ],
    ),
    (
        "journey referral contact: the provider's contact name is dropped",
        "ht_case_management/models/ht_referral_contact.py",
        'referral.sudo().write({"provider_contact_name": contact_name.strip()[:128]})',
        "pass",
        [
            "ht_case_management/tests/test_case_care.py::TestCaseCare::test_waitlisted_referral_followed_up_then_expires",
        ],
    ),
    (
        "journey pathway plan: the wizard row outlives the plan",
        "ht_case_management/wizard/ht_case_pathway_plan.py",
        "        self.unlink()\n",
        "",
        [
            "ht_case_management/tests/test_case_care.py::TestCaseCare::test_plan_from_a_pathway",
        ],
    ),
    # -- Lists as records (issue 13): administrators edit them, used values are archived
    (
        "config lists: a value in use may be deleted",
        "ht_case_management/models/ht_config_list_mixin.py",
        "        if usage:\n",
        "        if False:\n",
        [
            "ht_case_management/tests/test_config_lists.py::TestConfigListsRpc::test_used_value_is_archived_not_deleted"
        ],
    ),
    (
        "config lists: a provider may answer with an archived reason",
        "ht_case_management/models/ht_referral.py",
        'found = self.env[model_name].sudo().search([("id", "=", reason_id)], limit=1)',
        (
            "found = self.env[model_name].sudo().with_context(active_test=False)"
            '.search([("id", "=", reason_id)], limit=1)'
        ),
        [
            "ht_case_management/tests/test_config_lists.py::TestConfigLists::test_decline_reason_stays_protected_from_the_case_team",
            "ht_case_management/tests/test_config_lists.py::TestConfigListsPortal::test_portal_offers_a_new_reason_and_a_provider_declines_with_it",
        ],
    ),
    (
        "config lists: a provider may answer with a reason not in the list",
        "ht_case_management/models/ht_referral.py",
        "        if not found:\n            raise UserError(\n",
        "        if False:\n            raise UserError(\n",
        [
            "ht_case_management/tests/test_config_lists.py::TestConfigListsPortal::test_portal_offers_a_new_reason_and_a_provider_declines_with_it"
        ],
    ),
    (
        "config lists: the portal form offers archived reasons",
        "ht_case_management/controllers/portal.py",
        '"decline_reasons": request.env["ht.referral.decline_reason"].search([]),',
        (
            '"decline_reasons": request.env["ht.referral.decline_reason"]'
            ".with_context(active_test=False).search([]),"
        ),
        [
            "ht_case_management/tests/test_config_lists.py::TestConfigListsPortal::test_portal_offers_a_new_reason_and_a_provider_declines_with_it"
        ],
    ),
    (
        "config lists: the case team writes the decline reason",
        "ht_case_management/models/ht_referral.py",
        '        "decline_reason_id": _lt("the provider\'s answer on the portal"),\n',
        "",
        [
            "ht_case_management/tests/test_config_lists.py::TestConfigLists::test_decline_reason_stays_protected_from_the_case_team"
        ],
    ),
    (
        "config lists: the milestone reminder ignores its type's lead time",
        "ht_case_management/models/ht_case_legal_milestone.py",
        "timedelta(days=m.milestone_type_id.reminder_days)",
        "timedelta(days=14)",
        [
            "ht_case_management/tests/test_config_lists.py::TestConfigLists::test_each_milestone_type_reminds_its_own_lead_time"
        ],
    ),
    (
        "config lists: a milestone type's lead time may be zero",
        "ht_case_management/models/ht_case_legal_milestone_type.py",
        "            if not 1 <= rec.reminder_days <= 365:\n",
        "            if False:\n",
        [
            "ht_case_management/tests/test_config_lists.py::TestConfigLists::test_each_milestone_type_reminds_its_own_lead_time"
        ],
    ),
    (
        "config lists: an outcome score outside its domain's scale is kept",
        "ht_case_management/models/ht_case_assessment.py",
        "            if not domain.scale_min <= rec.score <= domain.scale_max:\n",
        "            if False:\n",
        [
            "ht_case_management/tests/test_config_lists.py::TestConfigLists::test_outcome_domain_scale_and_direction",
            "ht_case_management/tests/test_case_input.py::TestCaseInput::test_outcome_scores",
        ],
    ),
    (
        "config lists: outcome progress ignores which end of the scale is better",
        "ht_case_management/models/ht_case_outcome_domain.py",
        'return 1 if (latest > baseline) == (self.better == "higher") else -1',
        "return 1 if latest > baseline else -1",
        [
            "ht_case_management/tests/test_config_lists.py::TestConfigLists::test_outcome_domain_scale_and_direction"
        ],
    ),
    (
        "config lists: the upgrade drops a customised code",
        "ht_case_management/migrations/18.0.1.2.0/post-lists.py",
        "                    WHERE t.%(legacy)s IS NOT NULL\n",
        "                    WHERE FALSE\n",
        [
            "ht_case_management/tests/test_config_lists.py::TestConfigLists::test_upgrade_keeps_every_value_by_its_code"
        ],
    ),
    (
        "config lists: the upgrade leaves records without their value",
        "ht_case_management/migrations/18.0.1.2.0/post-lists.py",
        "                      SET %(new)s = r.id\n",
        "                      SET %(new)s = NULL\n",
        [
            "ht_case_management/tests/test_config_lists.py::TestConfigLists::test_upgrade_keeps_every_value_by_its_code"
        ],
    ),
    # -- Purpose
    (
        "purpose: every consent also carries a referral (its purpose's uses)",
        CONSENT,
        "return use in self.purpose_id._ht_uses()",
        'return use in self.purpose_id._ht_uses() | {"referral"}',
        [
            f"{CHECK}::test_purpose_is_decided_by_the_mapping",
            f"{REFERRAL}::test_research_consent_carries_no_referral",
        ],
    ),
    # -- Consent purposes and vetting step types as records (issue 13)
    (
        "purpose records: a given purpose's uses are broadened",
        "ht_consent/models/ht_consent_purpose.py",
        "                    if added:\n",
        "                    if False:\n",
        [
            "ht_case_management/tests/test_consent_purpose_config.py::TestConsentPurposeConfig::test_uses_of_a_given_purpose_are_never_broadened"
        ],
    ),
    (
        "purpose records: a given purpose's code changes",
        "ht_consent/models/ht_consent_purpose.py",
        'if "code" in vals and vals["code"] != purpose.code:',
        "if False:",
        [
            "ht_case_management/tests/test_consent_purpose_config.py::TestConsentPurposeConfig::test_uses_of_a_given_purpose_are_never_broadened"
        ],
    ),
    (
        "purpose records: a use created inside the write is not counted as added",
        "ht_consent/models/ht_consent_purpose.py",
        "            else:\n                return None\n",
        "            else:\n                continue\n",
        [
            "ht_case_management/tests/test_consent_purpose_config.py::TestConsentPurposeConfig::test_uses_of_a_given_purpose_are_never_broadened"
        ],
    ),
    (
        "purpose records: a used purpose is deleted (refused by the database only)",
        "ht_consent/models/ht_consent_purpose.py",
        "        if used:\n",
        "        if False:\n",
        [
            "ht_case_management/tests/test_consent_purpose_config.py::TestConsentPurposeConfig::test_archived_not_deleted"
        ],
    ),
    (
        "purpose records: an active consent's purpose is rewritten",
        "ht_consent/models/ht_consent.py",
        '    "purpose_id",\n    "purpose",\n',
        '    "purpose",\n',
        [
            "ht_case_management/tests/test_consent_purpose_config.py::TestConsentPurposeConfig::test_purpose_is_a_term_of_a_given_consent"
        ],
    ),
    (
        "purpose records: the upgrade maps every consent to one purpose",
        "ht_consent/migrations/18.0.1.1.0/post-migrate.py",
        "              SET purpose_id = p.id\n",
        "              SET purpose_id = (SELECT min(id) FROM ht_consent_purpose)\n",
        [
            "ht_case_management/tests/test_consent_purpose_config.py::TestConsentPurposeConfig::test_upgrade_keeps_every_consents_purpose"
        ],
    ),
    (
        "purpose records: the upgrade gives an unknown purpose a referral",
        "ht_consent/migrations/18.0.1.1.0/post-migrate.py",
        "WHERE u.code = %s",
        "WHERE u.code IN (%s, 'referral')",
        [
            "ht_case_management/tests/test_consent_purpose_config.py::TestConsentPurposeConfig::test_upgrade_keeps_every_consents_purpose"
        ],
    ),
    (
        "vetting step types: a type for one profession is required of all",
        "ht_referral_network/models/ht_vetting_step_type.py",
        'lambda t: not t.profession_ids or profession in t.profession_ids.mapped("code")',
        "lambda t: True",
        [
            "ht_referral_network/tests/test_vetting_step_config.py::TestVettingStepConfig::test_vetted_means_every_required_type_of_the_profession"
        ],
    ),
    (
        "vetting step types: an optional type is required",
        "ht_referral_network/models/ht_vetting_step_type.py",
        'types = self.sudo().search([("required", "=", True)])',
        "types = self.sudo().search([])",
        [
            "ht_referral_network/tests/test_vetting_step_config.py::TestVettingStepConfig::test_vetted_means_every_required_type_of_the_profession"
        ],
    ),
    (
        "vetting step types: with no required type everyone is vetted (compute)",
        "ht_referral_network/models/res_partner.py",
        "rec.ht_vetted = bool(required) and set(required.ids) <= done",
        "rec.ht_vetted = set(required.ids) <= done",
        [
            "ht_referral_network/tests/test_vetting_step_config.py::TestVettingStepConfig::test_vetted_means_every_required_type_of_the_profession"
        ],
    ),
    (
        "vetting step types: a type's validity is ignored",
        "ht_referral_network/models/ht_vetting_step.py",
        "if rec.date and months > 0",
        "if rec.date and months > 100000",
        [
            "ht_referral_network/tests/test_vetting_step_config.py::TestVettingStepConfig::test_each_types_validity_decides_expiry"
        ],
    ),
    (
        "vetting step types: an expiry entered on the step is ignored",
        "ht_referral_network/models/ht_vetting_step.py",
        "rec.valid_until = rec.expiry or (",
        "rec.valid_until = (",
        [
            "ht_referral_network/tests/test_vetting_step_config.py::TestVettingStepConfig::test_each_types_validity_decides_expiry"
        ],
    ),
    (
        "vetting step types: a used type is deleted (refused by the database only)",
        "ht_referral_network/models/ht_vetting_step_type.py",
        'if self.env["ht.vetting.step"].sudo().search_count([("step_type_id", "in", self.ids)]):',
        "if False:",
        [
            "ht_referral_network/tests/test_vetting_step_config.py::TestVettingStepConfig::test_a_used_type_is_archived_not_deleted"
        ],
    ),
    (
        "vetting step types: a negative validity is accepted",
        "ht_referral_network/models/ht_vetting_step_type.py",
        "rec.validity_months < 0 for rec in self",
        "rec.validity_months < -1000 for rec in self",
        [
            "ht_referral_network/tests/test_vetting_step_config.py::TestVettingStepConfig::test_a_used_type_is_archived_not_deleted"
        ],
    ),
    (
        "vetting step types: the upgrade maps every step to one type",
        "ht_referral_network/migrations/18.0.1.1.0/post-migrate.py",
        "              SET step_type_id = t.id,\n",
        "              SET step_type_id = (SELECT min(id) FROM ht_vetting_step_type),\n",
        [
            "ht_referral_network/tests/test_vetting_step_config.py::TestVettingStepConfig::test_upgrade_keeps_every_steps_kind"
        ],
    ),
    (
        "purpose records: a consent is given for an archived purpose",
        "ht_consent/models/ht_consent.py",
        "            if not rec.purpose_id.active:\n",
        "            if False:\n",
        [
            "ht_case_management/tests/test_consent_purpose_config.py::TestConsentPurposeConfig::test_archived_not_deleted"
        ],
    ),
    (
        "role tours volunteer: the check-in button is offered to the volunteer",
        "ht_case_management/models/ht_volunteer_hours.py",
        "rec.can_check_in = staff or rec.supervisor_id == self.env.user",
        "rec.can_check_in = True",
        [
            "ht_case_management/tests/test_role_tours.py::TestRoleTours::test_volunteer_logs_hours",
        ],
    ),
    (
        "role tours volunteer: the volunteer's placement is not chosen for them",
        "ht_case_management/models/ht_volunteer_hours.py",
        "return placement if len(placement) == 1 else False",
        "return False",
        [
            "ht_case_management/tests/test_role_tours.py::TestRoleTours::test_volunteer_logs_hours",
        ],
    ),
    # -- Workflow (issue 13): stage requirements, approvals, risk, programmes
    (
        "workflow: stage requirements are not checked when the stage changes",
        "ht_case_management/models/ht_case_workflow.py",
        "missing = case._ht_missing_requirements(new_stage)",
        "missing = []",
        [
            "ht_case_management/tests/test_stage_requirements.py::TestStageRequirements::test_completed_assessment_required_on_every_path",
            "ht_case_management/tests/test_stage_requirements.py::TestStageRequirements::test_service_plan_with_a_goal_required",
            "ht_case_management/tests/test_stage_requirements.py::TestStageRequirements::test_supervisor_approval_required",
        ],
    ),
    (
        "workflow: an assessment not completed meets the requirement",
        "ht_case_management/models/ht_case_stage_requirement.py",
        "a.assessment_type == self.assessment_type and a.completed_on",
        "a.assessment_type == self.assessment_type",
        [
            "ht_case_management/tests/test_stage_requirements.py::TestStageRequirements::test_completed_assessment_required_on_every_path",
        ],
    ),
    (
        "workflow: a cancelled goal counts as a service plan",
        "ht_case_management/models/ht_case_stage_requirement.py",
        'g.state != "cancelled"',
        "True",
        [
            "ht_case_management/tests/test_stage_requirements.py::TestStageRequirements::test_service_plan_with_a_goal_required",
        ],
    ),
    (
        "workflow: an approval from an earlier stay in the stage still counts",
        "ht_case_management/models/ht_case_stage_requirement.py",
        "\n                    and a.stage_history_id == visit",
        "",
        [
            "ht_case_management/tests/test_stage_requirements.py::TestStageRequirements::test_supervisor_approval_required",
        ],
    ),
    (
        "workflow: a programme's requirement applies to every programme",
        "ht_case_management/models/ht_case_stage_requirement.py",
        "if self.programme_id and self.programme_id != case.programme_id:",
        "if False:",
        [
            "ht_case_management/tests/test_stage_requirements.py::TestStageRequirements::test_programme_only_requirement",
        ],
    ),
    (
        "workflow: a requirement for closing applies to moving on too",
        "ht_case_management/models/ht_case_stage_requirement.py",
        'return (self.applies_on == "close") == bool(new_stage.is_closed)',
        "return True",
        [
            "ht_case_management/tests/test_stage_requirements.py::TestStageRequirements::test_supervisor_approval_required",
        ],
    ),
    (
        "workflow: a case moves to a stage outside its programme (stage change)",
        "ht_case_management/models/ht_case_workflow.py",
        "if new_stage not in case.programme_id.stage_ids:",
        "if False:",
        [
            "ht_case_management/tests/test_case_programme.py::TestCaseProgramme::test_a_case_moves_only_within_its_programme",
        ],
    ),
    (
        "workflow: re-engaging ignores the programme's first stage",
        "ht_case_management/models/ht_case_workflow.py",
        "if stage is None and len(self.programme_id) == 1:",
        "if False:",
        [
            "ht_case_management/tests/test_case_programme.py::TestCaseProgramme::test_reengaged_in_the_programmes_first_stage",
        ],
    ),
    (
        "workflow: the upgrade leaves existing cases without a programme",
        "ht_case_management/migrations/18.0.1.2.0/post-programme.py",
        "WHERE programme_id IS NULL",
        "WHERE FALSE",
        [
            "ht_case_management/tests/test_case_programme.py::TestCaseProgramme::test_existing_cases_join_the_standard_programme_on_upgrade",
        ],
    ),
    (
        "workflow approvals: a case worker approves",
        "ht_case_management/models/ht_case_approval.py",
        "if not self.env.user.has_group(SUPERVISOR):",
        "if False:",
        [
            "ht_case_management/tests/test_case_approval.py::TestCaseApproval::test_a_case_worker_cannot_approve_over_rpc",
        ],
    ),
    (
        "workflow approvals: the asker approves their own request",
        "ht_case_management/models/ht_case_approval.py",
        "if rec.sudo().requested_by_id == self.env.user:",
        "if False:",
        [
            "ht_case_management/tests/test_case_approval.py::TestCaseApproval::test_the_asker_cannot_approve_their_own_request",
        ],
    ),
    (
        "workflow approvals: a decided approval's comment is rewritten",
        "ht_case_management/models/ht_case_approval.py",
        'if rec.state != "requested":',
        "if False:",
        [
            "ht_case_management/tests/test_case_approval.py::TestCaseApproval::test_sent_back_needs_a_comment_and_tells_the_asker",
        ],
    ),
    (
        "workflow approvals: sent back without a comment",
        "ht_case_management/models/ht_case_approval.py",
        'if state == "sent_back" and not (row.decision_note or "").strip():',
        "if False:",
        [
            "ht_case_management/tests/test_case_approval.py::TestCaseApproval::test_sent_back_needs_a_comment_and_tells_the_asker",
        ],
    ),
    (
        "workflow approvals: one is deleted",
        "ht_case_management/models/ht_case_approval.py",
        'raise UserError(_("Approvals are the case\'s history: they are never deleted."))',
        "return",
        [
            "ht_case_management/tests/test_case_approval.py::TestCaseApproval::test_approvals_are_never_deleted",
        ],
    ),
    (
        "workflow approvals: two waiting requests for one step",
        "ht_case_management/models/ht_case_approval.py",
        'if approvals.filtered(lambda a: a.state == "requested"):',
        "if False:",
        [
            "ht_case_management/tests/test_case_approval.py::TestCaseApproval::test_asked_and_approved_on_the_chatter_and_as_activities",
        ],
    ),
    (
        "workflow risk: the score is not the sum of the weights",
        "ht_case_management/models/ht_case_assessment_risk.py",
        'score = sum(rec.risk_factor_ids.mapped("weight"))',
        "score = len(rec.risk_factor_ids)",
        [
            "ht_case_management/tests/test_risk_factors.py::TestRiskFactors::test_score_is_the_sum_of_weights_and_level_follows_thresholds",
        ],
    ),
    (
        "workflow risk: a client sets the level of a scored assessment",
        "ht_case_management/models/ht_case_assessment_risk.py",
        (
            'if "risk_factor_ids" in vals or ("risk_level" in vals '
            "and not self._ht_protected_allowed()):"
        ),
        'if "risk_factor_ids" in vals:',
        [
            "ht_case_management/tests/test_risk_factors.py::TestRiskFactors::test_score_is_the_sum_of_weights_and_level_follows_thresholds",
        ],
    ),
    (
        "workflow risk: a completed assessment's risk is rewritten",
        "ht_case_management/models/ht_case_assessment_risk.py",
        "if rec.completed_on and (",
        "if False and (",
        [
            "ht_case_management/tests/test_risk_factors.py::TestRiskFactors::test_completed_assessment_keeps_its_score_and_history_grows",
        ],
    ),
    (
        "workflow risk: thresholds need not increase",
        "ht_case_management/models/ht_case_risk_threshold.py",
        "if any(low >= high for low, high in pairwise(scores)):",
        "if False:",
        [
            "ht_case_management/tests/test_risk_factors.py::TestRiskFactors::test_thresholds_and_weights_are_validated",
        ],
    ),
    (
        "workflow risk: a threshold of zero",
        "ht_case_management/models/ht_case_risk_threshold.py",
        "if rec.min_score <= 0:",
        "if False:",
        [
            "ht_case_management/tests/test_risk_factors.py::TestRiskFactors::test_thresholds_and_weights_are_validated",
        ],
    ),
    (
        "workflow risk: a negative weight",
        "ht_case_management/models/ht_case_risk_factor.py",
        "if rec.weight <= 0:",
        "if False:",
        [
            "ht_case_management/tests/test_risk_factors.py::TestRiskFactors::test_thresholds_and_weights_are_validated",
        ],
    ),
    # -- A plan goal's service timeline follows the case; sensitive notes the manager's
    (
        "goal timeline: a sensitive note's row is not marked sensitive (the team reads it)",
        "ht_case_management/models/ht_case_goal_event.py",
        "'ht.case.note', n.id, NULL, COALESCE(n.sensitive, FALSE)",
        "'ht.case.note', n.id, NULL, FALSE",
        [
            "ht_case_management/tests/test_case_goal_timeline.py::TestCaseGoalTimeline::test_outsider_reads_no_timeline_over_rpc",
            "ht_case_management/tests/test_case_goal_timeline.py::TestCaseGoalTimeline::test_timeline_lists_the_goals_events_in_date_order",
        ],
    ),
    (
        "goal timeline: a note linked to another case's goal is listed on that goal",
        "ht_case_management/models/ht_case_goal_event.py",
        "JOIN ht_case_goal g ON g.id = n.goal_id AND g.case_id = n.case_id",
        "JOIN ht_case_goal g ON g.id = n.goal_id",
        [
            "ht_case_management/tests/test_case_goal_timeline.py::TestCaseGoalTimeline::test_a_goal_of_another_case_is_refused",
        ],
    ),
    (
        "goal timeline: a record may be linked to a goal of another case",
        "ht_case_management/models/ht_case_goal_link.py",
        "if rec.goal_id and rec.goal_id.case_id != rec.case_id:",
        "if False:",
        [
            "ht_case_management/tests/test_case_goal_timeline.py::TestCaseGoalTimeline::test_a_goal_of_another_case_is_refused",
        ],
    ),
    # -- The whole journey in one tour: a minor's intake records the date of birth
    (
        "whole journey: the intake drops the date of birth (a minor is not recognised)",
        "ht_case_management/wizard/ht_case_intake.py",
        '            "date_of_birth": self.date_of_birth,\n',
        "",
        [
            "ht_case_management/tests/test_case_whole_journey_tour.py::TestCaseWholeJourneyTour::test_whole_journey_from_intake_to_feedback",
        ],
    ),
    (
        "i13 timings: a stored value out of range is used as is",
        "ht_consent/models/ht_settings.py",
        'return value if spec["min"] <= value <= spec["max"] else spec["default"]',
        "return value",
        [
            "ht_case_management/tests/test_vs_settings.py::TestVsSettings::test_out_of_range_stored_value_falls_back_to_the_default",
        ],
    ),
    (
        "i13 timings: the settings form accepts out-of-range values",
        "ht_consent/models/ht_settings.py",
        'if not spec["min"] <= value <= spec["max"]:',
        "if False:",
        [
            "ht_case_management/tests/test_vs_settings.py::TestVsSettings::test_out_of_range_values_are_refused_and_nothing_changes",
        ],
    ),
    (
        "i13 settings: anyone passes the Victim Services administrator check",
        "ht_consent/models/ht_settings.py",
        "if not self.env.user.has_group(ADMIN_GROUP):",
        "if False:",
        [
            "ht_case_management/tests/test_vs_settings.py::TestVsSettings::test_only_victim_services_administrators_pass_the_check",
        ],
    ),
    (
        "i13 settings: a scheduled action of another addon is changed",
        "ht_consent/models/ht_settings_cron.py",
        "if line.cron_id not in ours:",
        "if False:",
        [
            "ht_case_management/tests/test_vs_settings.py::TestVsSettings::test_vs_admin_cannot_touch_another_cron_or_a_crons_code",
        ],
    ),
    (
        "i13 settings: a zero interval reaches the scheduled action",
        "ht_consent/models/ht_settings_cron.py",
        "if line.interval_number < 1:",
        "if False:",
        [
            "ht_case_management/tests/test_vs_settings.py::TestVsSettings::test_out_of_range_values_are_refused_and_nothing_changes",
        ],
    ),
    (
        "i13 timings: the review lead time is fixed at 3 days",
        "ht_case_management/models/ht_case.py",
        'today + timedelta(days=self.env["ht.settings"]._ht_timing("review_lead_days")),',
        "today + timedelta(days=3),",
        [
            "ht_case_management/tests/test_vs_settings.py::TestVsSettings::test_the_review_lead_time_is_used_by_the_cron",
        ],
    ),
    (
        "i13 settings: the re-engagement stage is fixed",
        "ht_case_management/models/ht_case.py",
        'stage = stage or self.env["ht.settings"]._ht_reengage_stage()',
        'stage = stage or self.env.ref("ht_case_management.ht_case_stage_crisis")',
        [
            "ht_case_management/tests/test_vs_settings.py::TestVsSettings::test_the_reengagement_stage_is_a_setting",
        ],
    ),
    (
        "i13 templates: templates of our models are not checked",
        "ht_consent/models/mail_template.py",
        "        if not self._ht_is_ours(model):\n            return\n        if values.get(",
        "        if True:\n            return\n        if values.get(",
        [
            "ht_case_management/tests/test_notification_templates.py::TestNotificationTemplates::test_identity_expressions_refused_over_jsonrpc",
        ],
    ),
    (
        "i13 templates: a case reached by a path may be subscripted or passed on",
        "ht_consent/models/mail_template.py",
        'if reached in protected and not (alone and attr not in ("t-value", "t-foreach")):',
        "if False:",
        [
            "ht_case_management/tests/test_notification_templates.py::TestNotificationTemplates::test_identity_expressions_refused_over_jsonrpc",
        ],
    ),
    (
        "i13 templates: the case file's lines are reachable",
        "ht_consent/models/mail_template.py",
        (
            '            if model in identity and field.type in ("one2many", "many2many"):\n'
            "                return model, seg"
        ),
        "            pass",
        [
            "ht_case_management/tests/test_notification_templates.py::TestNotificationTemplates::test_identity_expressions_refused_over_jsonrpc",
        ],
    ),
    (
        "i13 templates: a template calls another one",
        "ht_consent/models/mail_template.py",
        'if qweb and re.search(r"\\bt-call", source):',
        "if False:",
        [
            "ht_case_management/tests/test_notification_templates.py::TestNotificationTemplates::test_identity_expressions_refused_over_jsonrpc",
        ],
    ),
    (
        "i13 templates: rendering does not check again (a template changed in SQL)",
        "ht_consent/models/mail_template.py",
        (
            "        # second line of defence: a template changed in SQL is refused when used\n"
            "        self._ht_check_identity_safe()"
        ),
        "        pass",
        [
            "ht_case_management/tests/test_notification_templates.py::TestNotificationTemplates::test_template_changed_in_sql_is_refused_when_rendered",
        ],
    ),
    (
        "i13 templates: any employee changes our texts",
        "ht_consent/models/mail_template.py",
        (
            "            raise AccessError(\n"
            '                _("Only Victim Services administrators change Victim Services '
            'texts.")\n'
            "            )"
        ),
        "            pass",
        [
            "ht_case_management/tests/test_notification_templates.py::TestNotificationTemplates::test_a_case_worker_cannot_change_our_texts",
        ],
    ),
    (
        "i13 templates: Victim Services administrators cannot use expressions",
        "ht_consent/models/mail_template.py",
        "if ours and self.env.user.has_group(",
        "if False and self.env.user.has_group(",
        [
            "ht_case_management/tests/test_notification_templates.py::TestNotificationTemplates::test_every_text_can_be_reworded_by_a_vs_admin",
        ],
    ),
    (
        "i13 templates: referral activities on the generic to-do",
        "ht_case_management/models/ht_referral.py",
        "act_type = self.env.ref(activity_type)",
        'act_type = self.env.ref("mail.mail_activity_data_todo")',
        [
            "ht_case_management/tests/test_notification_templates.py::TestNotificationTemplates::test_referral_activities_use_their_types_and_templates",
        ],
    ),
    (
        "i13 templates: the referral-sent notice ignores its template",
        "ht_case_management/models/ht_referral.py",
        '                body=text["body"],\n                subject=text["subject"],',
        "                body=self.name,",
        [
            "ht_case_management/tests/test_notification_templates.py::TestNotificationTemplates::test_harmless_edit_is_accepted_and_used_in_the_next_mail",
        ],
    ),
    (
        "i13 templates: activities not in the reader's language",
        "ht_consent/models/mail_template.py",
        '            kwargs["set_lang"] = lang',
        "            pass",
        [
            "ht_case_management/tests/test_notification_templates.py::TestNotificationTemplates::test_activity_written_from_the_edited_template_in_the_readers_language",
        ],
    ),
    (
        "system-made records: the caller's default_* keys shape the goals of a new stage",
        CASE,
        "env = self.env(context=clean_context(self.env.context))",
        "env = self.env",
        [f"{RPC_ACCESS}::test_defaults_sent_over_rpc_shape_nothing_the_system_makes"],
    ),
    (
        "system-made records: who ticked a checklist item is writable over RPC",
        "ht_case_management/models/ht_case_checklist.py",
        'if {"done_by_id", "done_on"} & vals.keys():',
        "if False:",
        [f"{RPC_ACCESS}::test_defaults_sent_over_rpc_shape_nothing_the_system_makes"],
    ),
    (
        "issue16 notice: a send owes the provider no notice",
        "ht_case_management/models/ht_referral_notice.py",
        'self.env["ht.referral.notice"].sudo().create(',
        'self.env["ht.referral.notice"].sudo().browse(',
        [
            "ht_case_management/tests/test_referral_notice.py::TestReferralNotice::test_send_owes_one_notice_delivered_once_as_the_sender",
            "ht_case_management/tests/test_referral.py::TestReferral::test_send_builds_packet_logs_and_notifies_without_identity",
        ],
    ),
    (
        "issue16 notice: delivered although the packet was withdrawn",
        "ht_case_management/models/ht_referral_notice.py",
        (
            'if referral.redacted or referral.state in ("draft", "awaiting_consent"):\n'
            "            return False\n"
            "        try:\n"
            "            referral._ht_packet_consent()\n"
            "        except UserError:\n"
            "            return False\n"
        ),
        "",
        [
            "ht_case_management/tests/test_referral_notice.py::TestReferralNotice::test_withdrawn_packet_is_not_announced"
        ],
    ),
    (
        "issue16 notice: a delivered notice stays owed (told twice)",
        "ht_case_management/models/ht_referral_notice.py",
        "        self.unlink()\n",
        "",
        [
            "ht_case_management/tests/test_referral_notice.py::TestReferralNotice::test_send_owes_one_notice_delivered_once_as_the_sender"
        ],
    ),
    (
        "issue16 notice: a send nobody can e-mail goes through",
        "ht_case_management/models/ht_referral_notice.py",
        "and self._ht_provider_contacts()",
        "and False",
        [
            "ht_case_management/tests/test_screens.py::TestSendWithoutEmail::test_nobody_has_an_email"
        ],
    ),
    (
        "issue16 matching: services limited to other regions are matched",
        "ht_referral_network/models/ht_service.py",
        "OR s.ht_match_region_key @> %(region_key)s::jsonb)",
        "OR TRUE)",
        ["ht_referral_network/tests/test_matching.py::TestMatching::test_region_filter_and_24_7"],
    ),
    (
        "funder reports: family members not served are counted",
        "ht_case_management/models/ht_funder_report_template.py",
        'SQL("u.served AND %s", served)',
        'SQL("%s", served)',
        [f"{CASE_TESTS}/test_funder_report.py::TestFunderReport::{FAMILY_SERVED_TEST}"],
    ),
    (
        "funder reports: family members of clients not served in the period are counted",
        "ht_case_management/models/ht_funder_report_template.py",
        'SQL("u.served AND %s", served)',
        'SQL("u.served")',
        [f"{CASE_TESTS}/test_funder_report.py::TestFunderReport::{FAMILY_SERVED_TEST}"],
    ),
    (
        "provider notice: a notice refused at delivery is dropped",
        "ht_case_management/models/ht_referral_notice.py",
        "notice.failed_reason = str(error)[:500]",
        "notice.unlink()",
        [f"{CASE_TESTS}/test_referral_notice.py"],
    ),
    (
        "plan approval: an approval still counts after the plan changed",
        "ht_case_management/models/ht_case_stage_requirement.py",
        ")._ht_still_valid()",
        ")",
        [PLAN_APPROVAL_TEST],
    ),
    (
        "plan approval: progress on a goal counts as changing the plan",
        "ht_case_management/models/ht_case_approval_plan.py",
        'PLAN_FIELDS = (\n    "name",',
        'PLAN_FIELDS = (\n    "state",\n    "name",',
        [PLAN_APPROVAL_TEST],
    ),
    (
        "plan approval: a goal cancelled after the approval leaves the plan approved",
        "ht_case_management/models/ht_case_approval_plan.py",
        'goals = self.sudo().goal_ids.filtered(lambda g: g.state != "cancelled")',
        "goals = self.sudo().goal_ids",
        [PLAN_APPROVAL_TEST],
    ),
    (
        "matching keys: a deleted population stays in the services' stored list",
        "ht_referral_network/models/ht_service_match.py",
        '        "population_ids.active",\n',
        "",
        [
            "ht_referral_network/tests/test_matching_keys.py::TestMatchingKeys::test_deleted_population_or_region_leaves_the_services"
        ],
    ),
    (
        "matching keys: an archived region drops out of the stored list",
        "ht_referral_network/models/ht_service_match.py",
        "services = self.with_context(active_test=False)",
        "services = self",
        [
            "ht_referral_network/tests/test_matching_keys.py::TestMatchingKeys::test_archived_region_still_restricts"
        ],
    ),
    (
        "matching keys: write() lets a caller set the stored lists",
        "ht_referral_network/models/ht_service_match.py",
        "        self._ht_refuse_match_keys(vals)\n        return super().write(vals)",
        "        return super().write(vals)",
        [
            "ht_referral_network/tests/test_matching_keys.py::TestMatchingKeys::test_keys_refused_to_every_caller",
            "ht_referral_network/tests/test_matching_keys.py::TestMatchingKeysRpc::test_coordinator_cannot_write_keys_over_rpc",
        ],
    ),
    (
        "matching keys: create() lets a caller set the stored lists",
        "ht_referral_network/models/ht_service_match.py",
        "            self._ht_refuse_match_keys(vals)\n",
        "            pass\n",
        [
            "ht_referral_network/tests/test_matching_keys.py::TestMatchingKeys::test_keys_refused_to_every_caller"
        ],
    ),
    (
        "matching keys: the match ignores the stored populations",
        "ht_referral_network/models/ht_service.py",
        "OR s.ht_match_population_key @> %(pops_key)s::jsonb)",
        "OR TRUE)",
        [
            "ht_referral_network/tests/test_matching_keys.py::TestMatchingKeys::test_match_follows_region_and_population_changes"
        ],
    ),
    (
        "matching keys: the migration leaves the stored lists empty",
        "ht_referral_network/migrations/18.0.1.2.0/pre-match-keys.py",
        "jsonb_agg(r.{id_column} ORDER BY r.{id_column})",
        "NULL::jsonb",
        [
            "ht_referral_network/tests/test_matching_keys.py::TestMatchingKeys::test_migration_fills_what_the_compute_gives"
        ],
    ),
    (
        "batched tracking: case data logs its tracked changes one create per record again",
        "ht_consent/models/mail_thread.py",
        'if len(self) < 2 or not fields_iter or not getattr(self, "_ht_case_data", False):',
        "if True:",
        [
            f"{CASE_TESTS}/test_performance.py::TestPerformance::test_followup_cron_batch_constant_queries"
        ],
    ),
    (
        "batched tracking: a record's tracking values land on another record's message",
        "ht_consent/models/mail_thread.py",
        "for command in entries[message.res_id][1]",
        "for command in entries[messages[0].res_id][1]",
        [
            f"{CASE_TESTS}/test_performance.py::TestPerformance::test_batch_tracking_logs_each_change_on_its_own_record"
        ],
    ),
    (
        "follower skip: a partner who already follows is read-checked again",
        "ht_consent/models/mail_thread.py",
        "        if subtype_ids is None:\n            # Odoo leaves",
        "        if False:\n            # Odoo leaves",
        [
            f"{CASE_TESTS}/test_performance.py::TestPerformance::test_subscribing_a_follower_again_skips_the_read_check"
        ],
    ),
    (
        "follower skip: a case with one follower among the partners subscribes none of the others",
        "ht_consent/models/mail_thread.py",
        "lambda rec: any((rec.id, pid) not in pairs for pid in partner_ids)",
        "lambda rec: all((rec.id, pid) not in pairs for pid in partner_ids)",
        [
            f"{CASE_TESTS}/test_performance.py::TestPerformance::test_subscribing_a_follower_again_skips_the_read_check"
        ],
    ),
    (
        "issue16 intake: a case may enter an archived stage of its programme",
        "ht_case_management/models/ht_case_workflow.py",
        "not in allowed or not case.stage_id.active:",
        "not in allowed:",
        [
            "ht_case_management/tests/test_performance_intake.py::TestPerformanceIntake::test_archived_stage_is_no_stage_of_its_programme"
        ],
    ),
    (
        "issue16 intake: a case may enter a stage of another programme",
        "ht_case_management/models/ht_case_workflow.py",
        "if (case.programme_id.id, case.stage_id.id) not in allowed or",
        "if False and",
        [
            "ht_case_management/tests/test_case_programme.py::TestCaseProgramme::test_a_case_moves_only_within_its_programme"
        ],
    ),
    (
        "issue16 intake: the creator of a case no longer follows it",
        "ht_case_management/models/ht_case.py",
        "case.message_subscribe(partner_ids=(creator | members).ids)",
        "case.message_subscribe(partner_ids=members.ids)",
        [
            "ht_case_management/tests/test_performance_intake.py::TestPerformanceIntake::test_creator_follows_with_the_members"
        ],
    ),
    (
        "issue16 intake: an archived user decides whether its partner follows",
        "ht_consent/models/mail_thread.py",
        '[("partner_id", "in", partners.ids), ("active", "=", True)],',
        '[("partner_id", "in", partners.ids)],',
        [
            "ht_case_management/tests/test_performance_intake.py::TestPerformanceIntake::test_partner_follows_through_its_active_users_whatever_the_context"
        ],
    ),
    (
        "issue16 intake: what the member sent is lost at the case's creation",
        "ht_case_management/wizard/ht_case_intake_inbound.py",
        "        vals.update(",
        "        dict(",
        [
            "ht_case_management/tests/test_performance_intake.py::TestPerformanceIntake::test_inbound_intake_gives_the_case_what_was_sent_at_creation"
        ],
    ),
]


def run(mutation):
    _guarantee, rel, original, mutant, tests = mutation
    path = REPO / rel
    source = path.read_text()
    count = source.count(original)
    if count != 1:
        return f"STALE ({count} matches of the original in {rel})"
    path.write_text(source.replace(original, mutant))
    try:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-x",
                "-p",
                "no:randomly",
                f"--odoo-config={CONF}",
                "--odoo-http",
                *tests,
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        path.write_text(source)
    last = (proc.stdout.strip().splitlines() or ["(no output)"])[-1]
    return ("caught: " if proc.returncode not in (0, 5) else "SURVIVED: ") + last


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-k", dest="keyword", help="only mutations whose guarantee has this word")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    chosen = [m for m in MUTATIONS if not args.keyword or args.keyword.lower() in m[0].lower()]
    if not CONF.is_file() and not args.list:
        sys.exit("FATAL: run tools/test.sh once first (it writes .test-run/odoo.conf)")
    survived = 0
    for mutation in chosen:
        verdict = "(not run)" if args.list else run(mutation)
        survived += verdict.startswith(("SURVIVED", "STALE"))
        print(f"- {mutation[0]}\n    {mutation[1]}: {verdict}\n    tests: {' '.join(mutation[4])}")
    print(f"{len(chosen) - survived} of {len(chosen)} mutations caught")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
