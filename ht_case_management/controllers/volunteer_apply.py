# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.http import request
from odoo.tools import email_normalize

LIMITS = {
    "name": 120,
    "email": 120,
    "phone": 40,
    "languages": 200,
    "availability": 200,
    "motivation": 4000,
}
PHONE = re.compile(r"^[0-9+()./\- ]{5,40}$")


class VolunteerApply(http.Controller):
    """The public application form of a volunteer programme. It creates one
    application record and nothing else: no user, no contact, no follower, no
    access of any kind."""

    def _programme(self, code):
        # sudo: the public visitor reads the programme's name and description only,
        # and only of a programme open for applications.
        programme = (
            request.env["ht.volunteer.programme"]
            .sudo()
            .search([("code", "=", code), ("open_for_applications", "=", True)], limit=1)
        )
        if not programme:
            raise NotFound()
        return programme

    def _validate(self, post):
        values = {key: (post.get(key) or "").strip() for key in LIMITS}
        errors = {}
        if not values["name"]:
            errors["name"] = _("Please give your name.")
        if not email_normalize(values["email"]):
            errors["email"] = _("Please give a valid e-mail address.")
        if values["phone"] and not PHONE.match(values["phone"]):
            errors["phone"] = _("Please give a valid phone number, or none.")
        for key, limit in LIMITS.items():
            if len(values[key]) > limit:
                errors[key] = _(
                    "This answer is too long (at most %(limit)s characters).", limit=limit
                )
        if not post.get("consent"):
            errors["consent"] = _("Please agree that the programme keeps your application.")
        return values, errors

    @http.route(
        "/volunteer/apply/<string:code>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def volunteer_apply_form(self, code, **kw):
        programme = self._programme(code)
        return request.render(
            "ht_case_management.volunteer_apply_page",
            {"programme": programme, "values": {}, "errors": {}},
        )

    @http.route(
        "/volunteer/apply/<string:code>",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def volunteer_apply_submit(self, code, **post):
        programme = self._programme(code)
        values, errors = self._validate(post)
        if errors:
            return request.render(
                "ht_case_management.volunteer_apply_page",
                {"programme": programme, "values": values, "errors": errors},
            )
        # sudo: the visitor creates exactly one application with the validated
        # answers above (no other field is taken from the request); nobody is
        # subscribed, so the public user follows nothing.
        application = (
            request.env["ht.volunteer.application"]
            .sudo()
            .with_context(mail_create_nosubscribe=True)
            .create(
                {
                    "programme_id": programme.id,
                    "name": values["name"],
                    "email": email_normalize(values["email"]),
                    "phone": values["phone"] or False,
                    "languages": values["languages"] or False,
                    "availability": values["availability"] or False,
                    "motivation": values["motivation"] or False,
                }
            )
        )
        if programme.manager_id:
            application.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("New volunteer application: start screening"),
                user_id=programme.manager_id.id,
            )
        return request.render("ht_case_management.volunteer_apply_thanks", {"programme": programme})
