# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The case journey's records tried over JSON-RPC as a hostile logged-in user
would, with any context key: the calendar event of a case, the linked cases, the
fields only buttons set, and the records of a case the caller is not on."""

import json
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.ht_referral_network.tests.common_rpc import HostileRpcMixin

from .common import HtCaseCase

EVENT_REFUSED = "This event belongs to a case"


@tagged("post_install", "-at_install", "ht_case_management")
class TestHostileRpcJourney(HostileRpcMixin, HtCaseCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_case = (
            cls.env["ht.case"].with_user(cls.manager).create({"legal_name": "Hidden Other"})
        )
        cls.appointment = (
            cls.env["ht.case.appointment"]
            .with_user(cls.manager)
            .create(
                {
                    "case_id": cls.case.id,
                    "appointment_type": "home_visit",
                    "start": fields.Datetime.now() + timedelta(days=1),
                    "location": "12 Hidden Lane",
                    "user_ids": [(6, 0, (cls.manager | cls.teammate).ids)],
                }
            )
        )
        cls.group = (
            cls.env["ht.case.group"]
            .with_user(cls.supervisor)
            .create(
                {"name": "Operation Lantern", "case_ids": [(6, 0, (cls.case | cls.other_case).ids)]}
            )
        )
        cls.document = (
            cls.env["ht.case.document.held"]
            .with_user(cls.manager)
            .create({"case_id": cls.case.id, "document_type": "passport", "location": "Safe"})
        )
        cls.hostile_context = {
            "active_test": False,
            "tracking_disable": True,
            "default_res_model": "ht.case",
            "default_res_id": cls.case.id,
            "default_res_model_id": cls.env["ir.model"]._get_id("ht.case"),
            "default_returned_on": "2020-01-01",
            "default_last_shared_on": "2020-01-01 00:00:00",
            "default_case_id": cls.case.id,
            "ht_case_calendar_sync": True,
        }

    @mute_logger("odoo.http")
    def test_calendar_event_of_a_case_over_rpc(self):
        event = self.appointment.event_id
        code = self.case.code
        self.authenticate("ht_c_team", "ht_c_team")
        for vals in (
            {"name": "Lucia Secretname"},
            {"description": "<p>Lucia Secretname</p>"},
            {"location": "12 Hidden Lane"},
            {"partner_ids": [(4, self.outsider.partner_id.id)]},
            {"res_model_id": False},
            {"active": False},
        ):
            self.assertRefused(
                self._call("calendar.event", "write", [event.id], vals), EVENT_REFUSED
            )
        reply = self._call(
            "calendar.event",
            "create",
            {
                "name": "Lucia Secretname",
                "start": "2030-01-01 10:00:00",
                "stop": "2030-01-01 11:00:00",
            },
        )
        self.assertRefused(reply, EVENT_REFUSED)
        reply = self._call("calendar.event", "copy", [event.id])
        self.assertRefused(reply, EVENT_REFUSED)
        reply = self._call(
            "calendar.attendee",
            "create",
            {"event_id": event.id, "partner_id": self.employee.partner_id.id},
        )
        self.assertRefused(reply, EVENT_REFUSED)
        reply = self._call(
            "ht.case.appointment", "write", [self.appointment.id], {"event_id": False}
        )
        self.assertRefused(reply, "created with it")
        event.invalidate_recordset()
        self.assertEqual(event.name, f"{code} · Home visit")
        self.assertFalse(event.location or event.description)
        self.assertEqual(event.partner_ids, (self.manager | self.teammate).partner_id)
        # anyone with the calendar sees the code and type only
        self.authenticate("ht_c_emp", "ht_c_emp")
        reply = self._call(
            "calendar.event", "search_read", [("id", "=", event.id)], ["name", "location"]
        )
        self.assertNotIn("Secretname", json.dumps(reply))
        self.assertNotIn("Hidden Lane", json.dumps(reply))

    @mute_logger("odoo.http")
    def test_journey_records_of_another_case_over_rpc(self):
        self.authenticate("ht_c_out", "ht_c_out")
        for model in (
            "ht.case.appointment",
            "ht.case.document.held",
            "ht.case.group",
            "ht.case.safety.plan.version",
            "ht.case.guardian",
            "ht.case.family.member",
            "ht.case.justice.contact",
            "ht.case.mandatory.report",
        ):
            reply = self._call(model, "search_read", [], ["display_name"])
            self.assertEqual(reply.get("result"), [], f"{model}: {reply}")
        reply = self._call("ht.case.appointment", "read", [self.appointment.id], ["location"])
        self.assertRefused(reply, "top-secret records")
        # a guardian, a report, a member for a case the caller is not on
        reply = self._call(
            "ht.case.guardian", "create", {"case_id": self.case.id, "name": "Planted"}
        )
        self.assertRefused(reply, "top-secret records")

    @mute_logger("odoo.http")
    def test_linked_cases_and_button_fields_over_rpc(self):
        self.authenticate("ht_c_team", "ht_c_team")
        reply = self._call("ht.case.group", "read", [self.group.id], ["case_ids", "case_count"])
        self.assertEqual(reply["result"][0]["case_ids"], self.case.ids)
        self.assertEqual(reply["result"][0]["case_count"], 1)
        reply = self._call("ht.case.group", "read", [self.group.id], ["all_case_ids"])
        self.assertRefused(reply, "all_case_ids")
        reply = self._call(
            "ht.case.group", "write", [self.group.id], {"case_ids": [(6, 0, self.case.ids)]}
        )
        self.assertIn("result", reply)
        self.assertEqual(self.group.sudo().all_case_ids, self.case | self.other_case)
        reply = self._call(
            "ht.case.document.held", "write", [self.document.id], {"returned_on": "2020-01-01"}
        )
        self.assertRefused(reply, "Return button")
        reply = self._call(
            "ht.case.safety.plan.version",
            "create",
            {
                "case_id": self.case.id,
                "version": 1,
                "user_id": self.teammate.id,
                "date": "2020-01-01",
            },
        )
        self.assertRefused(reply, "not allowed to create")
        self.document.invalidate_recordset()
        self.assertFalse(self.document.returned_on)
