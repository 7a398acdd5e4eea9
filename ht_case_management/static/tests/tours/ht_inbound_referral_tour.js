/** @odoo-module **/
// A network member's portal user, on a phone: searches the network directory,
// then refers a person to the agency and sees it received. Then the intake
// worker opens the inbound referral and starts the intake, prefilled.
import {registry} from "@web/core/registry";

const tours = registry.category("web_tour.tours");

tours.add("ht_member_portal_tour", {
  steps: () => [
    {
      trigger: ".ht_network_oncall:contains('+1 555 4242')",
      content: "Who is on call now",
    },
    {
      trigger: "select#category_id",
      content: "Look for emergency shelter",
      run: "selectByLabel Housing / Emergency",
    },
    {
      trigger: "input#available",
      content: "With places available now",
      run: "check",
    },
    {
      trigger: ".ht_network_search_button",
      content: "Search",
      run: "click",
    },
    {
      trigger: ".ht_network_result:contains('Tour Member Beds') .ht_network_freshness",
      content: "The result says how fresh its capacity is",
    },
    {
      trigger: ".ht_network_refer",
      content: "Refer a person to the agency",
      run: "click",
    },
    {
      trigger: "input#person_name",
      content: "First name or alias",
      run: "edit Tourina",
    },
    {
      trigger: "input#approx_age",
      run: "edit 31",
    },
    {
      trigger: ".ht_inbound_form .form-check-label:contains('Housing')",
      content: "What they need",
      run: "click",
    },
    {
      trigger: "select#contact_method",
      content: "Safest way to reach them",
      run: "select phone",
    },
    {
      trigger: "input#contact_details",
      run: "edit +1 555 2718 after 6 pm",
    },
    {
      trigger: "select#urgency",
      run: "select urgent",
    },
    {
      trigger: "input#consent_confirmed",
      content: "The person agreed to be referred",
      run: "check",
    },
    {
      trigger: ".ht_inbound_submit",
      content: "Send",
      run: "click",
    },
    {
      trigger: ".ht_inbound_sent",
      content: "Received",
    },
    {
      trigger: ".ht_inbound_row .ht_inbound_state:contains('Received')",
    },
  ],
});

tours.add("ht_inbound_intake_tour", {
  steps: () => [
    {
      trigger: ".o_list_view .o_data_row:contains('Tour Member Org') td[name='name']",
      content: "The inbound referral is in the queue",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='person_name'] input",
      content: "What the member sent",
      run() {
        if (this.anchor.value !== "Tourina") {
          throw new Error("the referral does not show the name the member gave");
        }
      },
    },
    {
      trigger: ".o_form_view button[name='action_start_intake']",
      content: "Start intake",
      run: "click",
    },
    {
      trigger: ".modal .o_field_widget[name='preferred_name'] input",
      content: "The intake form is prefilled",
      run() {
        if (this.anchor.value !== "Tourina") {
          throw new Error("the intake form is not prefilled");
        }
      },
    },
    {
      trigger: ".modal button[name='action_open_case']",
      content: "Open the case",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='preferred_name'] input",
      content: "The case is open",
      run() {
        if (this.anchor.value !== "Tourina") {
          throw new Error("the case does not hold the name");
        }
      },
    },
  ],
});
