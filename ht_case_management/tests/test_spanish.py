# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common_referral import HtReferralCase

ADDONS = ["ht_consent", "ht_referral_network", "ht_case_management"]


@tagged("post_install", "-at_install", "ht_case_management")
class TestSpanish(HtReferralCase):
    """The addons speak Spanish, and what a scheduled action writes for someone is
    in that person's language, whatever the cron's own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("es_ES")
        cls.env["ir.module.module"].search([("name", "in", ADDONS)])._update_translations("es_ES")
        cls.manager.lang = "es_ES"

    def test_screens_and_selections_in_spanish(self):
        es = self.env(context={"lang": "es_ES"})
        self.assertEqual(es["ir.model"]._get("ht.case").name, "Caso de sobreviviente")
        states = dict(es["ht.referral"]._fields["state"]._description_selection(es))
        self.assertEqual(states["waitlisted"], "En lista de espera")
        self.assertEqual(
            es.ref("ht_case_management.ht_case_stage_crisis").name, "Respuesta a la crisis"
        )

    def test_cron_writes_in_the_recipients_language(self):
        self._consent()
        referral = self._referral()
        referral.with_user(self.manager).action_send()
        referral.sudo().write({"response_deadline": fields.Datetime.now() - timedelta(hours=1)})
        # the cron runs in English (its user's language); the case manager reads Spanish
        self.env["ht.referral"].with_context(lang="en_US")._cron_followup()
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "ht.case"), ("res_id", "=", self.case.id)], order="id desc", limit=1
        )
        self.assertEqual(
            activity.summary, f"La derivación {referral.name} venció sin respuesta: redirígala"
        )
        consent = self._consent(date_end=fields.Date.today() + timedelta(days=3))
        self.env["ht.consent"].with_context(lang="en_US")._cron_expire()
        reminder = consent.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("ht_consent.mail_act_consent_expiring")
        )
        self.assertIn("termina el", reminder.summary)
        self.assertIn("renuévelo o déjelo terminar", reminder.summary)
