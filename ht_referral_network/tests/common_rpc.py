# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo.tools import mute_logger


class HostileRpcMixin:
    """Calls as the hostile logged-in caller of the brief: raw JSON-RPC to
    ``/web/dataset/call_kw`` (nothing of the web client's checks), with the test's
    ``hostile_context`` unless a call names its own. The reply is the JSON answer,
    ``result`` or ``error``, so a test can assert what the caller learns. Mixed into an
    ``HttpCase`` after ``self.authenticate(...)``."""

    hostile_context = {"active_test": False}

    def _jsonrpc(self, route, params):
        response = self.url_open(
            route,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 0, "params": params}),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def _call(self, model, method, *args, **kwargs):
        kwargs.setdefault("context", self.hostile_context)
        return self._jsonrpc(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _call_as(self, login, model, method, *args, **kwargs):
        """``_call`` after logging in as ``login`` (its password is its login)."""
        self.authenticate(login, login)
        return self._call(model, method, *args, **kwargs)

    def assertRefused(self, reply, pattern, msg=None):
        """The call was refused with a message matching ``pattern``; returns the error."""
        self.assertIn("error", reply, f"not refused: {reply} {msg or ''}")
        self.assertRegex(reply["error"]["data"]["message"], pattern, msg)
        return reply["error"]["data"]

    def _rpc(self, model, method, *args, context=None, **kwargs):
        """One call as the authenticated user, the expected refusals muted:
        ``(result, error)``, error being the JSON-RPC error data (``name``,
        ``message``...) or None. ``context`` adds to the hostile context."""
        kwargs["context"] = dict(self.hostile_context, **(context or {}))
        with mute_logger("odoo.http"):
            body = self._call(model, method, *args, **kwargs)
        self.env.invalidate_all()
        return body.get("result"), (body.get("error") or {}).get("data")
