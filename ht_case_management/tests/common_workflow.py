# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Calls over JSON-RPC as the hostile logged-in caller of the workflow tests:
any context key, the reply's error name and message returned to assert on."""

import json

from odoo.tests import HttpCase

from .common import HtCaseCase

# keys a hostile caller sends hoping something reads them
HOSTILE_CONTEXT = {
    "active_test": False,
    "tracking_disable": True,
    "install_mode": True,
    "module": "ht_case_management",
    "su": True,
    "uid": 1,
    "ht_skip_requirements": True,
    "ht_protected_open": True,
    "default_completed_on": "2020-01-01 00:00:00",
    "default_risk_score": 99,
}


class HtWorkflowRpcCase(HtCaseCase, HttpCase):
    def _rpc(self, model, method, *args, **kwargs):
        kwargs.setdefault("context", HOSTILE_CONTEXT)
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 0,
                    "params": {
                        "model": model,
                        "method": method,
                        "args": list(args),
                        "kwargs": kwargs,
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def assertRefusedRegex(self, reply, regex, error="UserError"):
        """Refused with a user error (not an access error) whose message matches."""
        self.assertIn("error", reply, f"not refused: {reply}")
        data = reply["error"]["data"]
        self.assertTrue(data["name"].endswith(error), data["name"])
        self.assertRegex(data["message"], regex)

    def assertDone(self, reply):
        self.assertIn("result", reply, reply.get("error", {}).get("data", {}).get("message"))
        return reply["result"]
