# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import AccessError


class MailFollowers(models.Model):
    """Who follows a record of case data is case data: Odoo lets every internal user
    read every follower row (who is on which case, which shelter follows which
    referral); for case data only those who may read the record see its followers."""

    _inherit = "mail.followers"

    @api.model
    def _ht_forbidden_ids(self, rows):
        """The ids among ``rows`` (id, res_model, res_id) of follower rows of case
        data whose record the current user may not read."""
        return self.env["mail.thread"]._ht_forbidden_rows(rows)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if self.env.su or not self:
            return result
        rest = self - result[0] if result else self
        # sudo: only the followed record of each row is read, to ask its own access.
        rows = [(f.id, f.res_model, f.res_id) for f in rest.sudo()]
        forbidden = self.browse(self._ht_forbidden_ids(rows))
        if not forbidden:
            return result
        if result:
            return (result[0] + forbidden, result[1])
        return (
            forbidden,
            lambda: AccessError(_("You may not see who follows a file you cannot open.")),
        )

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        query = super()._search(domain, offset, limit, order)
        if self.env.su:
            return query
        rows = self.env.execute_query(
            query.select(
                *(self._field_to_sql(self._table, f) for f in ("id", "res_model", "res_id"))
            )
        )
        forbidden = self._ht_forbidden_ids(rows)
        if not forbidden:
            return query
        return self.browse(row[0] for row in rows if row[0] not in forbidden)._as_query(order)
