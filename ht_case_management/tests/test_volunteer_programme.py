# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Volunteer programmes as a hostile logged-in caller would try them: JSON-RPC
with any value; and the public application form, without a session."""

import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common_volunteer import HtVolunteerCase


@tagged("post_install", "-at_install", "ht_case_management")
class TestVolunteerProgramme(HtVolunteerCase, HttpCase):
    def _place(self, app, **kw):
        vals = dict({"application_id": app.id, "opportunity_id": self.opportunity.id}, **kw)
        return self._call("ht.volunteer.placement", "create", [vals])

    def _placements(self):
        return self.env["ht.volunteer.placement"].search([("programme_id", "=", self.programme.id)])

    # ------------------------------------------------------------ screening

    @mute_logger("odoo.http")
    def test_placement_refused_until_every_step_is_current(self):
        self.authenticate("ht_c_nc", "ht_c_nc")
        # nothing done yet: every step is named
        reply = self._place(self.app_new)
        self.assertRefused(reply, r"Cy New cannot be placed yet: Background check, References")
        self.assertFalse(self._placements())
        # done, except the background check that expired yesterday
        self._ht_make_ready(self.app_new)
        background = self.app_new.check_ids.filtered(
            lambda c: c.requirement_id.step == "background"
        )
        background.write(
            {
                "date": fields.Date.today() - timedelta(days=800),
                "expiry": fields.Date.today() - timedelta(days=1),
            }
        )
        reply = self._place(self.app_new)
        self.assertRefused(reply, r"cannot be placed yet: Background check not current")
        self.assertFalse(self._placements())
        # a step dated in the future is not current either
        background.write({"date": fields.Date.today() + timedelta(days=3), "expiry": False})
        self.assertRefused(self._place(self.app_new), r"Background check not current")
        # renewed today: placed, and the volunteer becomes active
        background.write({"date": fields.Date.today(), "expiry": False})
        reply = self._place(self.app_new)
        self.assertNotIn("error", reply, reply)
        self.assertEqual(self._placements().application_id, self.app_new)
        self.assertEqual(self.app_new.state, "active")
        # an active volunteer whose step has expired since is not placed again
        self.opportunity.seats = 5
        self.app_b.with_user(self.coordinator).action_activate()
        self.app_b.check_ids.filtered(lambda c: c.requirement_id.step == "references").write(
            {
                "date": fields.Date.today() - timedelta(days=800),
                "expiry": fields.Date.today() - timedelta(days=1),
            }
        )
        self.assertRefused(self._place(self.app_b), r"Bo Ready cannot be placed yet: References")
        self.assertEqual(self._placements().application_id, self.app_new)

    @mute_logger("odoo.http")
    def test_placement_cannot_be_moved_to_an_unscreened_volunteer(self):
        self.authenticate("ht_c_nc", "ht_c_nc")
        placement = self._place(self.app_a)["result"][0]
        reply = self._call(
            "ht.volunteer.placement", "write", [placement], {"application_id": self.app_new.id}
        )
        self.assertRefused(reply, r"Cy New cannot be placed yet")
        self.env.invalidate_all()
        self.assertEqual(self._placements().application_id, self.app_a)

    @mute_logger("odoo.http")
    def test_a_placement_is_of_one_person(self):
        self.authenticate("ht_c_nc", "ht_c_nc")
        reply = self._call(
            "ht.volunteer.placement", "create", [{"opportunity_id": self.opportunity.id}]
        )
        self.assertRefused(reply, r"of one client \(a case\) or of one volunteer")
        self.assertFalse(self._placements())

    @mute_logger("odoo.http")
    def test_case_worker_cannot_place_a_volunteer(self):
        """A case worker passes the placement ACL but not the rules: volunteers'
        placements hold no case, so no case team reaches them."""
        self.authenticate("ht_c_mgr", "ht_c_mgr")
        self.assertAccessError(self._place(self.app_a))
        self.assertAccessError(self._call("ht.volunteer.application", "search_read", [], ["name"]))
        self.assertAccessError(self._call("ht.volunteer.hours", "search_read", [], ["hours"]))
        self.assertFalse(self._placements())

    # ------------------------------------------------------------------ seats

    @mute_logger("odoo.http")
    def test_full_opportunity_refuses_a_placement(self):
        self.authenticate("ht_c_nc", "ht_c_nc")
        first = self._place(self.app_a)
        self.assertNotIn("error", first, first)
        reply = self._place(self.app_b)
        self.assertRefused(reply, r"Court companion is full: its 1 seat\(s\) are taken")
        self.assertEqual(self._placements().application_id, self.app_a)
        # an ended placement frees its seat; bringing it back is refused while full
        placement = first["result"][0]
        self._call("ht.volunteer.placement", "write", [placement], {"outcome": "completed"})
        self.assertNotIn("error", self._place(self.app_b))
        reply = self._call("ht.volunteer.placement", "write", [placement], {"outcome": "ongoing"})
        self.assertRefused(reply, r"is full")
        self.env.invalidate_all()
        self.assertEqual(self.env["ht.volunteer.placement"].browse(placement).outcome, "completed")
        # the seat check counts every placement, whoever can see them
        self.assertEqual(self.opportunity.seats_taken, 1)

    # ------------------------------------------------------------------ hours

    def _placed(self):
        placements = self.env["ht.volunteer.placement"]
        for app, opportunity_seats in ((self.app_a, 2),):
            self.opportunity.seats = opportunity_seats
            placements |= placements.with_user(self.coordinator).create(
                {"application_id": app.id, "opportunity_id": self.opportunity.id}
            )
        placements |= placements.with_user(self.coordinator).create(
            {"application_id": self.app_b.id, "opportunity_id": self.opportunity.id}
        )
        return placements

    @mute_logger("odoo.http")
    def test_volunteer_logs_own_hours_only(self):
        mine, theirs = self._placed()
        other_line = self.env["ht.volunteer.hours"].create(
            {"placement_id": theirs.id, "hours": 2, "activity": "B's shift"}
        )
        self.authenticate("ht_v_a", "ht_v_a")
        reply = self._call(
            "ht.volunteer.hours",
            "create",
            [{"placement_id": mine.id, "hours": 3, "activity": "Court morning"}],
        )
        self.assertNotIn("error", reply, reply)
        line = self.env["ht.volunteer.hours"].browse(reply["result"][0])
        self.assertEqual(line.volunteer_user_id, self.vol_a)
        self.assertEqual(line.programme_id, self.programme)
        # on someone else's placement, or pretending to be checked in
        self.assertRefused(
            self._call(
                "ht.volunteer.hours",
                "create",
                [{"placement_id": theirs.id, "hours": 3, "activity": "x"}],
            ),
            r"own placement only",
        )
        self.assertRefused(
            self._call(
                "ht.volunteer.hours",
                "create",
                [{"placement_id": mine.id, "hours": 3, "activity": "x", "state": "checked"}],
            ),
            r"date, hours and activity only",
        )
        self.assertRefused(
            self._call("ht.volunteer.hours", "write", [line.id], {"state": "checked"}),
            r"supervisors check in",
        )
        self.assertRefused(
            self._call("ht.volunteer.hours", "write", [line.id], {"placement_id": theirs.id}),
            r"Log a new line rather than moving one",
        )
        # reads: their own lines only; nothing of anyone else, no case
        reply = self._call("ht.volunteer.hours", "search_read", [], ["activity"])
        self.assertEqual([r["id"] for r in reply["result"]], [line.id])
        self.assertAccessError(self._call("ht.volunteer.hours", "read", [other_line.id], ["hours"]))
        self.assertAccessError(
            self._call("ht.volunteer.placement", "read", [theirs.id], ["hours_done"])
        )
        self.assertAccessError(self._call("ht.case", "search_read", [], ["code"]))
        self.assertAccessError(self._call("ht.case", "read", [self.case.id], ["code"]))
        self.assertAccessError(
            self._call("ht.volunteer.application", "read", [self.app_b.id], ["email"])
        )
        reply = self._call("ht.volunteer.placement", "search_read", [], ["display_name"])
        self.assertEqual([r["id"] for r in reply["result"]], [mine.id])
        # the hours form offers their own ongoing placement (its domain)
        reply = self._call(
            "ht.volunteer.placement",
            "name_search",
            "",
            [("for_volunteer", "=", True), ("outcome", "=", "ongoing")],
        )
        self.assertEqual([r[0] for r in reply["result"]], [mine.id])
        # the placement itself is the supervisor's to change
        self.assertRefused(
            self._call("ht.volunteer.placement", "write", [mine.id], {"outcome": "completed"}),
            r"Only the placement's supervisor",
        )

    @mute_logger("odoo.http")
    def test_supervisor_checks_in(self):
        mine, _theirs = self._placed()
        line = (
            self.env["ht.volunteer.hours"]
            .with_user(self.vol_a)
            .create({"placement_id": mine.id, "hours": 3, "activity": "Court morning"})
        )
        self.authenticate("ht_c_vol", "ht_c_vol")
        self.assertRefused(
            self._call("ht.volunteer.hours", "write", [line.id], {"hours": 9}),
            r"supervisors check in",
        )
        reply = self._call("ht.volunteer.hours", "action_check_in", [line.id])
        self.assertNotIn("error", reply, reply)
        self.env.invalidate_all()
        self.assertEqual(line.state, "checked")
        self.assertEqual(line.checked_by_id, self.volunteer)
        # a checked-in line no longer changes for its volunteer
        with self.assertRaisesRegex(Exception, "no longer changes"):
            line.with_user(self.vol_a).write({"hours": 5})

    # ------------------------------------------------------ public application

    def _form_token(self, code):
        response = self.url_open(f"/volunteer/apply/{code}")
        self.assertEqual(response.status_code, 200)
        return response, re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)

    def _counts(self):
        return {
            model: self.env[model].with_context(active_test=False).search_count([])
            for model in ("res.users", "res.partner", "res.users.apikeys", "ht.volunteer.placement")
        }

    @mute_logger("odoo.http")
    def test_public_application_creates_an_application_only(self):
        response, token = self._form_token(self.programme.code)
        self.assertIn("Court companions", response.text)
        before = self._counts()
        apps = self.env["ht.volunteer.application"].search([])
        data = {
            "csrf_token": token,
            "name": "Dana Public",
            "email": "dana@example.com",
            "phone": "+1 555 0100",
            "motivation": "I want to help.",
            "consent": "1",
            # ignored: only the form's own answers are taken
            "user_id": str(self.coordinator.id),
            "state": "active",
            "programme_id": "999999",
        }
        response = self.url_open(f"/volunteer/apply/{self.programme.code}", data=data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Thank you", response.text)
        new = self.env["ht.volunteer.application"].search([]) - apps
        self.assertEqual(new.name, "Dana Public")
        self.assertEqual(new.programme_id, self.programme)
        self.assertEqual(new.state, "applied")
        self.assertFalse(new.user_id)
        self.assertEqual(self._counts(), before, "no user, contact, key or placement")
        # the programme manager is told, and is its only follower (not the visitor)
        self.assertEqual(new.activity_ids.user_id, self.programme.manager_id)
        self.assertEqual(new.message_partner_ids, self.programme.manager_id.partner_id)

    @mute_logger("odoo.http")
    def test_public_application_is_validated(self):
        _response, token = self._form_token(self.programme.code)
        apps = self.env["ht.volunteer.application"].search_count([])
        url = f"/volunteer/apply/{self.programme.code}"
        bad = {"csrf_token": token, "name": "", "email": "not-an-email", "consent": "1"}
        response = self.url_open(url, data=bad)
        self.assertIn("Please give your name", response.text)
        self.assertIn("valid e-mail", response.text)
        # without the form's CSRF token: refused
        response = self.url_open(url, data={"name": "X", "email": "x@example.com", "consent": "1"})
        self.assertEqual(response.status_code, 400)
        # too long, or no agreement
        response = self.url_open(
            url,
            data={"csrf_token": token, "name": "Y" * 500, "email": "y@example.com"},
        )
        self.assertIn("too long", response.text)
        self.assertIn("Please agree", response.text)
        self.assertEqual(self.env["ht.volunteer.application"].search_count([]), apps)
        # a closed programme has no form
        self.programme.open_for_applications = False
        self.assertEqual(self.url_open(url).status_code, 404)

    # ------------------------------------------------------------------ reports

    def test_programme_figures(self):
        mine, theirs = self._placed()
        Hours = self.env["ht.volunteer.hours"]
        Hours.create({"placement_id": mine.id, "hours": 3, "activity": "a"})
        Hours.create({"placement_id": theirs.id, "hours": 2, "activity": "b"})
        self.app_b.with_user(self.coordinator).action_deactivate()
        self.programme.invalidate_recordset()
        self.assertEqual(self.programme.hours_total, 5)
        self.assertEqual(self.programme.active_count, 1)
        self.assertEqual(self.programme.retention_rate, 50.0)
        groups = Hours.with_user(self.coordinator).read_group(
            [("programme_id", "=", self.programme.id)],
            ["hours:sum"],
            ["application_id", "date:month"],
            lazy=False,
        )
        self.assertEqual(sorted(g["hours"] for g in groups), [2, 3])
