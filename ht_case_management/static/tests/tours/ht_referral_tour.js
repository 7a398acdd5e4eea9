/** @odoo-module **/
// The case worker's side of a referral: from the case, find a provider among
// the network's ranked matches, refer, and send (consent already recorded).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("ht_referral_tour", {
  steps: () => [
    {
      trigger: ".o_form_view button[name='action_refer']",
      content: "Find a provider for the case",
      run: "click",
    },
    {
      trigger:
        ".modal .o_data_row:contains('Tour Shelter') button[name='action_choose']",
      content: "Refer to the first ranked provider",
      run: "click",
    },
    {
      trigger:
        ".o_form_view .o_field_widget[name='provider_id']:contains('Tour Shelter')",
      content: "The draft referral is open",
    },
    {
      trigger: ".o_form_view button[name='action_send']",
      content: "Send it",
      run: "click",
    },
    {
      trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Sent')",
      content: "The referral is sent",
    },
  ],
});
