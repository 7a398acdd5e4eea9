/** @odoo-module **/
// An MOU signed on the portal by a party's signatory, with the signature widget.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("ht_mou_portal_sign_tour", {
  steps: () => [
    {
      trigger: "a:contains('Tour MOU')",
      content: "Open the MOU to sign",
      run: "click",
    },
    {
      trigger: ".o_ht_mou_sign_open",
      content: "Sign for the organisation",
      run: "click",
    },
    {
      trigger: ".modal.show .o_portal_sign_submit:enabled",
      content: "The signature is drawn from the name (the widget's auto mode)",
    },
    {
      trigger: ".modal.show .o_portal_sign_submit:enabled",
      content: "Sign the MOU",
      run: "click",
    },
    {
      trigger: ".o_ht_mou_signed",
      content: "The signature was recorded",
    },
  ],
});
