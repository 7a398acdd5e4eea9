# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager


class ReferralPortal(CustomerPortal):
    """Partner agencies answer the referrals addressed to their organisation.
    Everything runs as the logged-in portal user: record rules decide what they
    see; there is no access-token route to a referral."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "ht_referral_count" in counters:
            Referral = request.env["ht.referral"]
            values["ht_referral_count"] = (
                Referral.search_count([]) if Referral.has_access("read") else 0
            )
        return values

    def _ht_referral(self, referral_id):
        referral = request.env["ht.referral"].browse(referral_id)
        try:
            referral.check_access("read")
            referral.name  # noqa: B018 - raises MissingError for a wrong id
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        return referral

    @http.route(
        ["/my/referrals", "/my/referrals/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_referrals(self, page=1, **kw):
        Referral = request.env["ht.referral"]
        if not Referral.has_access("read"):
            return request.redirect("/my")
        pager = portal_pager(
            url="/my/referrals",
            total=Referral.search_count([]),
            page=page,
            step=self._items_per_page,
        )
        referrals = Referral.search(
            [], order="id desc", limit=self._items_per_page, offset=pager["offset"]
        )
        # sudo: the record rule limited the search to the user's organisation; each
        # packet is re-decided now, shown only if its consent holds (else withdrawn).
        shown = referrals.sudo()._ht_portal_packets()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "referrals": referrals,
                "packets": {packet.id: packet for packet in shown},
                "page_name": "ht_referrals",
                "pager": pager,
            }
        )
        return request.render("ht_case_management.portal_my_referrals", values)

    @http.route(["/my/referrals/<int:referral_id>"], type="http", auth="user", website=True)
    def portal_referral_page(self, referral_id, message=None, error=None, **kw):
        referral = self._ht_referral(referral_id)
        # The provider views the packet: only if its consent holds now (otherwise it
        # is withdrawn at once), and it is a disclosure (portal view), once per view.
        # sudo: the consent and the disclosure log are the system's; the portal user
        # proved read access to this referral just above.
        sudo_referral = referral.sudo()
        packet = sudo_referral._ht_portal_packets()
        if packet:
            sudo_referral.case_id._ht_log_disclosure(
                sudo_referral.provider_id,
                sudo_referral.packet_category_ids,
                consent=sudo_referral.consent_id,
                channel="portal_view",
                reference=sudo_referral.name,
            )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "referral": referral,
                "packet": packet,
                "page_name": "ht_referral",
                "message": message,
                "error": error,
                # the active values of the lists administrators edit, in their
                # order and in the portal user's language (request.env's)
                "decline_reasons": request.env["ht.referral.decline_reason"].search([]),
                "not_completed_reasons": request.env["ht.referral.not_completed_reason"].search([]),
            }
        )
        return request.render("ht_case_management.portal_referral_page", values)

    @http.route(
        ["/my/referrals/<int:referral_id>/answer"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_referral_answer(self, referral_id, answer=None, reason=None, note=None, **kw):
        referral = self._ht_referral(referral_id)
        try:
            referral._ht_portal_respond(
                answer,
                reason=reason or None,
                note=note or None,
                contact_name=kw.get("contact_name") or None,
            )
        except UserError as error:
            return request.redirect(f"/my/referrals/{referral_id}?error={error.args[0]}")
        message = _("Thank you, your answer was recorded.")
        if answer == "decline" and referral.decline_reason_id.code == "no_capacity":
            message = _("Thank you. Please also update the capacity of this service below.")
        return request.redirect(f"/my/referrals/{referral_id}?message={message}")

    @http.route(
        ["/my/referrals/<int:referral_id>/capacity"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_referral_capacity(self, referral_id, available=None, **kw):
        referral = self._ht_referral(referral_id)
        user = request.env.user
        # sudo: portal users have no right on ht.service; the referral they can read
        # is addressed to their own organisation, whose service this is.
        service = referral.sudo().service_id
        if service.provider_id != user.commercial_partner_id:
            raise NotFound()
        try:
            service.write({"capacity_available": max(int(available or 0), 0)})
        except (ValueError, UserError) as error:
            return request.redirect(f"/my/referrals/{referral_id}?error={error}")
        return request.redirect(
            f"/my/referrals/{referral_id}?message={_('Capacity updated, thank you.')}"
        )
