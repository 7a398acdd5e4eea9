# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request

from .portal import ReferralPortal


class InboundReferralPortal(ReferralPortal):
    """A network member's portal user refers a person to the agency, and sees
    the state of what their organisation sent (never the case)."""

    @staticmethod
    def _ht_member():
        user = request.env.user
        return bool(user._is_portal() and user.commercial_partner_id._ht_is_member())

    def _ht_member_or_404(self):
        if not self._ht_member():
            raise NotFound()

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        if self._ht_member():
            values["ht_refer_url"] = "/my/referrals/refer"
        return values

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "ht_inbound_referral_count" in counters:
            values["ht_inbound_referral_count"] = len(
                request.env["ht.inbound.referral"]._ht_portal_list()
            )
        return values

    @http.route()
    def portal_my_referrals(self, **kw):
        response = super().portal_my_referrals(**kw)
        if getattr(response, "qcontext", None) is not None:
            inbound = request.env["ht.inbound.referral"]._ht_portal_list()
            response.qcontext["inbound_referrals"] = inbound
            # thanked only for a referral of their own (no text injected by a link)
            sent = kw.get("sent")
            response.qcontext["inbound_sent"] = (
                sent if sent in {row["name"] for row in inbound} else False
            )
        return response

    def _ht_refer_values(self, post=None, errors=None):
        # sudo: the taxonomy and the language list are not confidential; portal
        # users have no right on the service categories.
        categories = request.env["ht.service.category"].sudo().search([("parent_id", "=", False)])
        langs = request.env["res.lang"].sudo().with_context(active_test=False).search([])
        Inbound = request.env["ht.inbound.referral"]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "ht_inbound_referral",
                "categories": categories,
                "langs": langs,
                "methods": Inbound._fields["contact_method"]._description_selection(request.env),
                "urgencies": Inbound._fields["urgency"]._description_selection(request.env),
                "post": post or {},
                "need_ids": {
                    int(i) for i in (post.getlist("need_ids") if post else []) if i.isdigit()
                },
                "errors": errors or [],
            }
        )
        return values

    @http.route(["/my/referrals/refer"], type="http", auth="user", methods=["GET"], website=True)
    def portal_inbound_referral_form(self, **kw):
        self._ht_member_or_404()
        return request.render(
            "ht_case_management.portal_inbound_referral_form", self._ht_refer_values()
        )

    @http.route(["/my/referrals/refer"], type="http", auth="user", methods=["POST"], website=True)
    def portal_inbound_referral_submit(self, **kw):
        self._ht_member_or_404()
        post = request.httprequest.form
        try:
            referral = request.env["ht.inbound.referral"]._ht_portal_submit(post)
        except ValidationError as error:
            return request.render(
                "ht_case_management.portal_inbound_referral_form",
                self._ht_refer_values(post, error.args[0].split("\n")),
            )
        return request.redirect(f"/my/referrals?sent={referral.name}")
