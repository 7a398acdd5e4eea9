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
        "records = self.browse(rid for rid, model, res_id in rows if res_id in allowed[model])",
        "records = self.browse(rid for rid, model, res_id in rows)",
        [f"{ACCESS_CONSENT}::test_outsider_cannot_read_search_or_count"],
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
        "purpose: a research consent also carries a referral (mapping)",
        CONSENT,
        '    "research": {"research"},',
        '    "research": {"research", "referral"},',
        [
            f"{CHECK}::test_purpose_is_decided_by_the_mapping",
            f"{REFERRAL}::test_research_consent_carries_no_referral",
        ],
    ),
    (
        "purpose: _ht_allows_use compares the purpose, not the mapping",
        CONSENT,
        "return use in PURPOSE_USES.get(self.purpose_type, ())",
        'return use == self.purpose_type or self.purpose_type == "other"',
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
        '            env["mail.thread"].message_notify(\n                partner_ids=contacts.ids,',
        (
            "            referrals[:1].provider_id.with_env(env).message_post(\n"
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
        "done = {s.step for s in rec.ht_vetting_step_ids if not s.expiry or s.expiry >= today}",
        "done = {s.step for s in rec.ht_vetting_step_ids}",
        [f"{MEMBERSHIP}::test_vetting_computed"],
    ),
    (
        "vetting: an expired step still counts (search)",
        PARTNER,
        'current = ["|", ("expiry", "=", False), ("expiry", ">=", today)]',
        "current = []",
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
        "journey grievance: the filer writes the answer",
        "ht_case_management/models/ht_case_grievance.py",
        'if "answer" in vals and not self.browse(rec.id)._ht_may_answer():',
        "if False:",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_grievance_routed_answered_and_kept",
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
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_grievance_routed_answered_and_kept",
        ],
    ),
    (
        "journey grievance: routed to the supervisor it is about",
        "ht_case_management/models/ht_case_grievance.py",
        "handler = (candidates - excluded)[:1]",
        "handler = candidates[:1]",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_grievance_about_the_supervisor_goes_to_another",
        ],
    ),
    (
        "journey grievance: a staff member records a grievance about themselves",
        "ht_case_management/models/ht_case_grievance.py",
        'if vals.get("subject_user_id") == self.env.uid and not self.env.su:',
        "if False:",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_grievance_about_the_supervisor_goes_to_another",
        ],
    ),
    (
        "journey letter: issued without a consent check",
        "ht_case_management/models/ht_case_letter.py",
        "consent = case._ht_consent_check(self.recipient_id, LETTER_CATEGORIES, self.purpose_type)",
        'consent = self.env["ht.consent"].sudo().search([("res_id", "=", case.id)], limit=1)',
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_letter_refused_without_consent_and_logged_with_it",
        ],
    ),
    (
        "journey letter: another team member signs for the case manager",
        "ht_case_management/models/ht_case_letter.py",
        "if self.env.user != case.case_manager_id and not self.env.su:",
        "if False:",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_letter_refused_without_consent_and_logged_with_it",
        ],
    ),
    (
        "journey letter: the report prints a letter outside its issue",
        "ht_case_management/models/ht_case_letter.py",
        'if any(letter.state != "issued" or letter.document for letter in letters.sudo()):',
        "if False:",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_letter_refused_without_consent_and_logged_with_it",
            "ht_case_management/tests/test_case_journey_rpc.py::TestCaseJourneyRpc::test_protected_fields_refused_over_rpc",
        ],
    ),
    (
        "journey letter: an issued letter is rewritten",
        "ht_case_management/models/ht_case_letter.py",
        "            if issued:\n                raise UserError(",
        "            if False:\n                raise UserError(",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_letter_refused_without_consent_and_logged_with_it",
        ],
    ),
    (
        "journey decline: a status changed to declined records nobody",
        "ht_case_management/models/ht_case_need_decline.py",
        "newly.write(dict(vals, **self._ht_decline_values()))",
        "newly.write(vals)",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_decline_recorded_with_who_and_when_by_the_system_only",
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
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_decline_recorded_with_who_and_when_by_the_system_only",
        ],
    ),
    (
        "journey feedback: the survey answer carries the case worker",
        "ht_case_management/models/ht_case_feedback.py",
        '._create_answer(user=self.env.ref("base.public_user"), check_attempts=False)',
        "._create_answer(user=self.env.user, check_attempts=False)",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_feedback_answer_has_no_link_to_the_case",
        ],
    ),
    (
        "journey feedback: the answer is created by the case worker",
        "ht_case_management/models/ht_case_feedback.py",
        "survey.with_user(root)",
        "survey",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_feedback_answer_has_no_link_to_the_case",
        ],
    ),
    (
        "journey feedback: the date is written by a client",
        "ht_case_management/models/ht_case_feedback.py",
        "if not self._ht_protected_allowed() and set(FEEDBACK_FIELDS) & set(vals):",
        "if False:",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_feedback_answer_has_no_link_to_the_case",
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
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_waitlisted_referral_followed_up_then_expires",
        ],
    ),
    (
        "journey waitlist: waitlisted referrals are not followed up",
        "ht_case_management/models/ht_referral.py",
        '("state", "in", ("accepted", "in_progress", "waitlisted")),',
        '("state", "in", ("accepted", "in_progress")),',
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_waitlisted_referral_followed_up_then_expires",
        ],
    ),
    (
        "journey referral contact: the provider's contact name is dropped",
        "ht_case_management/models/ht_referral_contact.py",
        'referral.sudo().write({"provider_contact_name": contact_name.strip()[:128]})',
        "pass",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_waitlisted_referral_followed_up_then_expires",
        ],
    ),
    (
        "journey pathway plan: the wizard row outlives the plan",
        "ht_case_management/wizard/ht_case_pathway_plan.py",
        "        self.unlink()\n",
        "",
        [
            "ht_case_management/tests/test_case_journey.py::TestCaseJourney::test_plan_from_a_pathway",
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
