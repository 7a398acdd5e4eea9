# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HtReferral(models.Model):
    """The indexes of the referral follow-up cron (measured in benchmarks/): each
    of its searches and counts reads only what is due, whatever the number of
    referrals answered long ago (without them each call scanned all 100,000)."""

    _inherit = "ht.referral"

    def init(self):
        res = super().init()
        # The predicates repeat _cron_followup's domains as the ORM writes them in
        # SQL, so that PostgreSQL may use each partial index for them.
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS ht_referral_due_answer_index
                   ON ht_referral (response_deadline) WHERE state = 'sent';
               CREATE INDEX IF NOT EXISTS ht_referral_due_waitlist_index
                   ON ht_referral (last_update_on) WHERE state = 'waitlisted';
               CREATE INDEX IF NOT EXISTS ht_referral_due_followup_index
                   ON ht_referral (last_update_on)
                   WHERE state IN ('accepted', 'in_progress', 'waitlisted')
                     AND (followup_done IS NULL OR followup_done = FALSE);
               CREATE INDEX IF NOT EXISTS ht_referral_due_followthrough_index
                   ON ht_referral (id)
                   WHERE state = 'completed'
                     AND (followthrough_planned IS NULL OR followthrough_planned = FALSE)"""
        )
        return res
