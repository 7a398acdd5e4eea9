/** @odoo-module **/
// Lists as records: a Victim Services administrator adds a referral decline
// reason under Configuration › Lists; a partner agency then declines a referral
// with it on the portal answer form.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("ht_config_lists_admin_tour", {
  steps: () => [
    {
      trigger: ".o_list_button_add",
      content: "Add a decline reason",
      run: "click",
    },
    {
      trigger: ".o_selected_row .o_field_widget[name='code'] input",
      content: "Its code, for reports",
      run: "edit waitlist_closed",
    },
    {
      trigger: ".o_selected_row .o_field_widget[name='name'] input",
      content: "Its name, as providers read it",
      run: "edit Waiting list closed",
    },
    {
      trigger: ".o_list_button_save",
      content: "Save the list",
      run: "click",
    },
    {
      trigger: ".o_data_row:not(.o_selected_row) td:contains('Waiting list closed')",
      content: "The reason is in the list",
    },
  ],
});

registry.category("web_tour.tours").add("ht_config_lists_portal_tour", {
  steps: () => [
    {
      trigger: "select[name='reason']:has(option:contains('Waiting list closed'))",
      content: "The new reason is offered",
    },
    {
      trigger: "select[name='reason']",
      content: "Choose it",
      run() {
        const select = document.querySelector("select[name='reason']");
        const option = [...select.options].find((opt) =>
          opt.textContent.includes("Waiting list closed")
        );
        select.value = option.value;
        select.dispatchEvent(new Event("change", {bubbles: true}));
      },
    },
    {
      trigger: "button[name='answer'][value='decline']",
      content: "Decline the referral",
      run: "click",
    },
    {
      trigger: ".alert-success:contains('Thank you')",
      content: "The answer is recorded",
    },
  ],
});
