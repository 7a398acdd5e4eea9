# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import binascii

from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class MouPortal(CustomerPortal):
    """A partner agency's signatory reads the MOUs of their organisation and signs
    for it with the signature widget. Runs as the logged-in portal user: record
    rules decide what they read; no access-token route."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "ht_mou_count" in counters:
            Mou = request.env["ht.mou"]
            values["ht_mou_count"] = Mou.search_count([]) if Mou.has_access("read") else 0
        return values

    def _ht_mou(self, mou_id):
        mou = request.env["ht.mou"].browse(mou_id)
        try:
            mou.check_access("read")
            mou.name  # noqa: B018 - raises MissingError for a wrong id
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        return mou

    @http.route(["/my/mous"], type="http", auth="user", website=True)
    def portal_my_mous(self, **kw):
        Mou = request.env["ht.mou"]
        if not Mou.has_access("read"):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                # the record rule limits the search to the user's organisation
                "mous": Mou.search([], order="date_start desc, id desc", limit=200),
                "page_name": "ht_mous",
            }
        )
        return request.render("ht_referral_network.portal_my_mous", values)

    @http.route(["/my/mous/<int:mou_id>"], type="http", auth="user", website=True)
    def portal_mou_page(self, mou_id, message=None, **kw):
        mou = self._ht_mou(mou_id)
        partner = request.env.user.partner_id
        to_sign = mou.party_ids.filtered(
            lambda p: (
                p.signatory_id == partner
                and not p.signed_on
                and mou.state in ("draft", "negotiation")
            )
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                # sudo: the user proved read access to this MOU just above; the page
                # shows its terms and the names of its parties and services, which
                # portal users cannot read by themselves.
                "mou": mou.sudo(),
                "to_sign": to_sign[:1],
                "message": message,
                "page_name": "ht_mou",
            }
        )
        return request.render("ht_referral_network.portal_mou_page", values)

    @http.route(["/my/mous/<int:mou_id>/sign"], type="json", auth="user")
    def portal_mou_sign(self, mou_id, name=None, signature=None, party_id=None, **kw):
        try:
            mou = self._ht_mou(mou_id)
        except NotFound:
            return {"error": _("Invalid MOU.")}
        partner = request.env.user.partner_id
        parties = mou.party_ids
        if party_id:
            parties = parties.filtered(lambda p: p.id == int(party_id))
        party = parties.filtered(lambda p: p.signatory_id == partner and not p.signed_on)[:1]
        if not party:
            return {"error": _("You are not the signatory of a party that has still to sign.")}
        try:
            # sudo: portal users have no write right on MOUs; _ht_sign_portal
            # checks that the logged-in user is this party's own signatory.
            party.sudo()._ht_sign_portal(name, signature)
        except (UserError, AccessError) as error:
            return {"error": error.args[0]}
        except (TypeError, binascii.Error):
            return {"error": _("Invalid signature data.")}
        return {"force_refresh": True, "redirect_url": f"/my/mous/{mou.id}?message=signed"}

    @http.route(["/my/mous/<int:mou_id>/pdf"], type="http", auth="user", website=True)
    def portal_mou_pdf(self, mou_id, **kw):
        mou = self._ht_mou(mou_id)
        # sudo: the report reads the MOU's parties and terms, which this user (a
        # party's contact) was just allowed to read.
        pdf = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("ht_referral_network.action_report_ht_mou", mou.ids)[0]
        )
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", f'inline; filename="MOU-{mou.id}.pdf"'),
            ],
        )
