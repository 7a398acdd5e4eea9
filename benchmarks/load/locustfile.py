# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Mixed load on a multi-worker Odoo: case workers, supervisors, provider portal
users and network coordinators, next to salespeople on Odoo's own crm.lead.

Run by run_load.py (it prepares users, data, the server and the crons). The users'
logins come from the file named by HT_LOAD_USERS; every answer a provider gives
and every referral sent is appended to HT_LOAD_JOURNAL (one JSON line each), which
run_load.py checks against the database afterwards ("nothing lost").
"""

import json
import os
import random
import re
import threading

from locust import HttpUser, between, task

with open(os.environ["HT_LOAD_USERS"]) as users_file:
    USERS = json.load(users_file)
JOURNAL = os.environ["HT_LOAD_JOURNAL"]
_journal_lock = threading.Lock()
_counters = {}


def journal(**entry):
    with _journal_lock, open(JOURNAL, "a") as out:
        out.write(json.dumps(entry) + "\n")


def next_login(role):
    """Each simulated user takes the next login of its role, round robin."""
    logins = USERS[role]
    n = _counters[role] = _counters.get(role, -1) + 1
    return logins[n % len(logins)]


class OdooUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    role = None

    def on_start(self):
        self.login = next_login(self.role)
        answer = self.client.post(
            "/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "params": {"db": USERS["db"], "login": self.login, "password": self.login},
            },
            name="login",
        ).json()
        self.uid = answer["result"]["uid"]

    def rpc(self, name, model, method, args=None, **kwargs):
        with self.client.post(
            f"/web/dataset/call_kw/{model}/{method}",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"model": model, "method": method, "args": args or [], "kwargs": kwargs},
            },
            name=name,
            catch_response=True,
        ) as response:
            body = response.json()
            if "error" in body:
                error = body["error"]["data"]
                if error.get("name", "").endswith(("UserError", "ValidationError")):
                    # a business refusal (e.g. two users answering the same referral):
                    # the product working, not an error of the server
                    response.success()
                    return None
                response.failure(f"{error.get('name')}: {error.get('message')}")
                return None
            return body["result"]


CASE_LIST = {
    "code": {},
    "preferred_name": {},
    "stage_id": {"fields": {"display_name": {}}},
    "case_manager_id": {"fields": {"display_name": {}}},
    "priority": {},
    "next_review_date": {},
}
CASE_FORM = dict(
    CASE_LIST,
    legal_name={},
    date_of_birth={},
    lang_id={"fields": {"display_name": {}}},
    need_ids={"fields": {"display_name": {}, "urgency": {}, "status": {}}},
    note_ids={
        "fields": {
            "date": {},
            "note_type_id": {"fields": {"display_name": {}}},
            "author_id": {"fields": {"display_name": {}}},
        }
    },
)
LEAD_LIST = {
    "name": {},
    "partner_id": {"fields": {"display_name": {}}},
    "stage_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "expected_revenue": {},
    "priority": {},
}
LEAD_FORM = dict(
    LEAD_LIST, email_from={}, phone={}, description={}, tag_ids={"fields": {"display_name": {}}}
)


class CaseWorker(OdooUser):
    role = "case_worker"
    weight = 4

    def on_start(self):
        super().on_start()
        self.cases = []
        self.referable = USERS["referable_cases"].get(self.login, [])

    @task(5)
    def case_list(self):
        result = self.rpc(
            "case: list",
            "ht.case",
            "web_search_read",
            domain=[["case_manager_id", "=", self.uid], ["is_closed", "=", False]],
            specification=CASE_LIST,
            limit=80,
            order="priority desc, id desc",
        )
        if result:
            self.cases = [r["id"] for r in result["records"]]

    @task(4)
    def case_form(self):
        if self.cases:
            self.rpc(
                "case: form",
                "ht.case",
                "web_read",
                [[random.choice(self.cases)]],
                specification=CASE_FORM,
            )

    @task(2)
    def add_note(self):
        if self.cases:
            self.rpc(
                "case: add note",
                "ht.case.note",
                "create",
                [
                    {
                        "case_id": random.choice(self.cases),
                        "body": "<p>Check-in call.</p>",
                    }
                ],
            )

    @task(1)
    def send_referral(self):
        if not self.referable:
            return
        case_id = random.choice(self.referable)
        referral = self.rpc(
            "referral: draft",
            "ht.referral",
            "create",
            [{"case_id": case_id, "service_id": USERS["portal_service"]}],
        )
        if (
            referral
            and self.rpc("referral: send", "ht.referral", "action_send", [[referral]]) is not None
        ):
            journal(kind="send", referral=referral)


class Supervisor(OdooUser):
    role = "supervisor"
    weight = 1

    @task(2)
    def dashboard(self):
        self.rpc(
            "supervisor: home",
            "ht.home.tile",
            "web_search_read",
            domain=[["is_mine", "=", True]],
            specification={"name": {}, "count": {}, "role": {}},
        )

    @task(1)
    def caseload(self):
        self.rpc(
            "supervisor: caseload",
            "ht.case",
            "read_group",
            domain=[["is_closed", "=", False]],
            fields=["case_manager_id"],
            groupby=["case_manager_id"],
        )


class Coordinator(OdooUser):
    role = "coordinator"
    weight = 1

    @task
    def directory(self):
        self.rpc(
            "coordinator: directory",
            "ht.service",
            "web_search_read",
            domain=[
                ["state", "=", "active"],
                ["category_id", "=", random.choice(USERS["categories"])],
            ],
            specification={
                "name": {},
                "provider_id": {"fields": {"display_name": {}}},
                "capacity_available": {},
            },
            limit=80,
        )


class Provider(HttpUser):
    """A partner agency's intake worker on the portal."""

    wait_time = between(1, 3)
    weight = 2

    def on_start(self):
        self.login = next_login("portal")
        page = self.client.get("/web/login", name="portal: login page").text
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        self.client.post(
            "/web/login",
            data={"login": self.login, "password": self.login, "csrf_token": token},
            name="portal: login",
        )

    @task(3)
    def referral_list(self):
        page = self.client.get("/my/referrals", name="portal: referral list").text
        self.ids = [int(i) for i in re.findall(r'href="/my/referrals/(\d+)"', page)]

    @task(2)
    def answer(self):
        if not getattr(self, "ids", None):
            return
        referral_id = random.choice(self.ids)
        page = self.client.get(f"/my/referrals/{referral_id}", name="portal: referral page").text
        if 'value="accept"' not in page:
            return  # already answered
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
        answer = random.choice(["accept", "accept", "decline"])
        data = {
            "csrf_token": token.group(1) if token else "",
            "answer": answer,
            "note": "Load test",
        }
        if answer == "decline":
            data["reason"] = "no_capacity"
        response = self.client.post(
            f"/my/referrals/{referral_id}/answer",
            data=data,
            name="portal: answer",
            allow_redirects=False,
        )
        if response.status_code in (302, 303) and "message=" in response.headers.get(
            "Location", ""
        ):
            journal(kind="answer", referral=referral_id, answer=answer)


class Salesperson(OdooUser):
    """The reference workload: Odoo's own CRM, in the same run."""

    role = "salesperson"
    weight = 4

    def on_start(self):
        super().on_start()
        self.leads = []

    @task(5)
    def lead_list(self):
        result = self.rpc(
            "crm: list",
            "crm.lead",
            "web_search_read",
            domain=[["user_id", "=", self.uid], ["type", "=", "opportunity"]],
            specification=LEAD_LIST,
            limit=80,
            order="priority desc, id desc",
        )
        if result:
            self.leads = [r["id"] for r in result["records"]]

    @task(4)
    def lead_form(self):
        if self.leads:
            self.rpc(
                "crm: form",
                "crm.lead",
                "web_read",
                [[random.choice(self.leads)]],
                specification=LEAD_FORM,
            )

    @task(2)
    def log_note(self):
        if self.leads:
            self.rpc(
                "crm: log note",
                "crm.lead",
                "message_post",
                [[random.choice(self.leads)]],
                body="Check-in call.",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
