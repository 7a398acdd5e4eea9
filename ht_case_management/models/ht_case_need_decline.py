# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)


class HtCaseNeed(models.Model):
    """A service the client declines is recorded with who recorded the decline and
    when: set by the system (the Declined button, or any change of the status to
    declined), never by a value a client sends. The need is kept; if the client
    later wants the service, its status changes again and the last decline stays
    recorded."""

    _name = "ht.case.need"
    _inherit = ["ht.case.need", "ht.protected.fields.mixin"]
    _ht_protected_fields = {
        "declined_by_id": _lt("the Declined button"),
        "declined_on": _lt("the Declined button"),
    }

    declined_by_id = fields.Many2one("res.users", "Decline recorded by", readonly=True, copy=False)
    declined_on = fields.Datetime("Declined on", readonly=True, copy=False)

    def _ht_decline_values(self):
        return {"declined_by_id": self.env.uid, "declined_on": fields.Datetime.now()}

    @api.model_create_multi
    def create(self, vals_list):
        self._ht_check_protected_create(vals_list)
        for vals in vals_list:
            if vals.get("status") == "declined":
                vals.update(self._ht_decline_values())
        with self._ht_protected_open():
            return super().create(vals_list)

    def write(self, vals):
        if vals.get("status") == "declined" and not self._ht_protected_allowed():
            changed = self._ht_protected_changes(vals)
            if changed:
                self._ht_refuse_protected(changed)
            newly = self.filtered(lambda n: n.status != "declined")
            if newly:
                # who and when come from the system, whatever the caller sent
                with self._ht_protected_open():
                    (self - newly).write(vals)
                    newly.write(dict(vals, **self._ht_decline_values()))
                return True
        return super().write(vals)

    def action_decline(self):
        """The client declines this service: recorded with who and when."""
        self.check_access("write")
        already = self.filtered(lambda n: n.status == "declined")
        (self - already)._ht_write_protected(dict(status="declined", **self._ht_decline_values()))
        return True

    def action_reconsider(self):
        """The client now wants the service: back to identified; the last decline
        stays recorded."""
        self.check_access("write")
        self.filtered(lambda n: n.status == "declined").write({"status": "identified"})
        return True
