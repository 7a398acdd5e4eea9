# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class ProbonoPortal(CustomerPortal):
    """A pro bono professional sees the cases assigned to them: the case code,
    the type of help and the information categories the client's consent covers,
    re-decided at each view (nothing once the consent no longer holds). Portal
    users have no access right on assignments: the routes find the user's own,
    by their contact, as superuser."""

    def _ht_probono_own(self):
        # sudo: portal users have no right on the model; the domain is the logged-in
        # user's own contact, and only assigned (not ended or withdrawn) ones.
        return (
            request.env["ht.case.probono.assignment"]
            .sudo()
            .search(
                [
                    ("professional_id", "=", request.env.user.partner_id.id),
                    ("state", "=", "assigned"),
                ],
                order="id desc",
                limit=200,
            )
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "ht_probono_count" in counters:
            values["ht_probono_count"] = (
                len(self._ht_probono_own()) if request.env.user.share else 0
            )
        return values

    @http.route(["/my/probono"], type="http", auth="user", website=True)
    def portal_my_probono(self, **kw):
        shown = self._ht_probono_own()._ht_portal_visible()
        values = self._prepare_portal_layout_values()
        values.update({"assignments": shown, "page_name": "ht_probono"})
        return request.render("ht_case_management.portal_my_probono", values)

    @http.route(["/my/probono/<int:assignment_id>"], type="http", auth="user", website=True)
    def portal_probono_page(self, assignment_id, **kw):
        own = self._ht_probono_own().filtered(lambda a: a.id == assignment_id)
        shown = own._ht_portal_visible()
        if not shown:
            raise NotFound()
        # viewing the details is a disclosure, logged once per view
        shown.case_id._ht_log_disclosure(
            shown.professional_id,
            shown.category_ids,
            consent=shown.consent_id,
            channel="portal_view",
            reference=shown.case_code,
        )
        values = self._prepare_portal_layout_values()
        values.update({"assignment": shown, "page_name": "ht_probono_page"})
        return request.render("ht_case_management.portal_probono_page", values)
