# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Funder reports tried the way a hostile logged-in user would: JSON-RPC with any
context key on the run log, and ``/web/content`` on another user's report file."""

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.ht_referral_network.tests.common_rpc import HostileRpcMixin

from .common_funder import FY, Q1, HtFunderCase

HOSTILE_CONTEXT = {
    "active_test": False,
    "tracking_disable": True,
    "default_user_id": 1,
    "default_public": True,
    "install_mode": True,
    "module": "ht_case_management",
}


@tagged("post_install", "-at_install", "ht_case_management")
class TestFunderHostileRpc(HostileRpcMixin, HtFunderCase, HttpCase):
    hostile_context = HOSTILE_CONTEXT

    def _export(self):
        """The supervisor runs the OVC report to CSV over RPC: (run id, file URL)."""
        self.authenticate("ht_f_boss", "ht_f_boss")
        reply = self._call(
            "ht.funder.report.wizard",
            "create",
            {
                "template_id": self.template.id,
                "fiscal_year": FY,
                "period": Q1,
                "company_id": self.agency.id,
            },
            context={"allowed_company_ids": self.agency.ids},
        )
        wizard_id = reply["result"]
        reply = self._call(
            "ht.funder.report.wizard",
            "action_export_csv",
            [wizard_id],
            context={"allowed_company_ids": self.agency.ids},
        )
        url = reply["result"]["url"]
        run = self.env["ht.funder.report.run"].search([("user_id", "=", self.boss.id)], limit=1)
        return run, url

    @mute_logger("odoo.http")
    def test_run_log_cannot_be_changed_over_rpc(self):
        run, _url = self._export()
        before = run.read(["case_count", "period_label", "file_sha256", "attachment_id"])
        for user in ("ht_f_boss", "ht_f_boss2"):
            self.authenticate(user, user)
            for method, args in (
                ("write", ([run.id], {"case_count": 99, "file_sha256": "0" * 64})),
                ("unlink", ([run.id],)),
                (
                    "create",
                    (
                        {
                            "template_id": self.template.id,
                            "company_id": self.agency.id,
                            "period_label": "forged",
                            "output": "csv",
                        },
                    ),
                ),
                ("_ht_append", ({"period_label": "forged"},)),
            ):
                reply = self._call("ht.funder.report.run", method, *args)
                self.assertIn("error", reply, f"{user} {method}: {reply}")
        self.env.invalidate_all()
        self.assertEqual(
            run.read(["case_count", "period_label", "file_sha256", "attachment_id"]), before
        )
        self.assertEqual(
            self.env["ht.funder.report.run"].search_count([("period_label", "=", "forged")]), 0
        )
        # nor can the file be replaced, re-pointed or deleted
        attachment = run.attachment_id
        for user in ("ht_f_boss", "ht_f_boss2"):
            self.authenticate(user, user)
            for method, args in (
                ("write", ([attachment.id], {"raw": "Zm9yZ2Vk", "public": True})),
                ("write", ([attachment.id], {"res_id": 0})),
                ("unlink", ([attachment.id],)),
            ):
                reply = self._call("ir.attachment", method, *args)
                self.assertIn("error", reply, f"{user} {method}: {reply}")
        self.env.invalidate_all()
        self.assertFalse(attachment.public)
        self.assertEqual(attachment.res_id, run.id)

    @mute_logger("odoo.http")
    def test_export_file_is_the_runners_only(self):
        run, url = self._export()
        attachment = run.attachment_id
        content = attachment.raw.decode("utf-8-sig")
        self.assertIn("FY2026 Q1", content)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("FY2026 Q1", response.content.decode("utf-8-sig"))
        for user in ("ht_f_boss2", "ht_f_cw", "ht_c_out"):
            self.authenticate(user, user)
            for path in (url, f"/web/content/ir.attachment/{attachment.id}/raw"):
                response = self.url_open(path)
                self.assertNotEqual(response.status_code, 200, f"{user}: {path}")
                self.assertNotIn("FY2026 Q1", response.text)
            reply = self._call("ir.attachment", "read", [attachment.id], ["raw", "datas"])
            self.assertIn("error", reply, f"{user} read the file: {reply}")
            reply = self._call(
                "ir.attachment",
                "search_read",
                [("res_model", "=", "ht.funder.report.run")],
                ["name"],
            )
            self.assertEqual(reply.get("result"), [], user)
            reply = self._call("ht.funder.report.run", "action_download", [run.id])
            self.assertIn("error", reply, user)
        self.authenticate(None, None)
        response = self.url_open(url)
        self.assertNotIn("FY2026 Q1", response.text)
