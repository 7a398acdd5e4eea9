/** @odoo-module **/
// A case conference from the case: inviting someone of an organisation the
// case's consent does not cover is refused with a clear message.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("ht_case_conference_blocked_tour", {
  steps: () => [
    {
      trigger: ".o_form_view .o-form-buttonbox",
      content: "The smart buttons that do not fit are under More",
      run() {
        const shown = [...document.querySelectorAll(".o_form_view .oe_stat_button")];
        const more = document.querySelector(".o_form_view .o_button_more");
        if (
          more &&
          !shown.some((button) => button.textContent.includes("Conferences"))
        ) {
          more.click();
        }
      },
    },
    {
      trigger: ".oe_stat_button:contains('Conferences')",
      content: "Open the case's conferences",
      run: "click",
    },
    {
      trigger: ".o_list_button_add",
      content: "New case conference",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='category_ids'] input",
      content: "What will be discussed",
      run: "edit Case summary",
    },
    {
      trigger:
        ".o-autocomplete--dropdown-menu .dropdown-item:contains('Case summary and needs')",
      run: "click",
    },
    {
      trigger: ".o_form_button_save",
      content: "Plan the conference (its meeting shows the case code)",
      run: "click",
    },
    {
      trigger: ".o_form_saved .o_field_widget[name='name']:contains('Case conference')",
    },
    {
      trigger: ".o_field_widget[name='partner_ids'] input",
      content: "Invite the shelter's intake worker",
      run: "edit Tour Intake",
    },
    {
      trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('Tour Intake')",
      run: "click",
    },
    {
      trigger: ".o_form_button_save",
      content: "Save: the consent check runs",
      run: "click",
    },
    {
      trigger: ".modal .modal-body:contains('cannot be invited')",
      content: "Refused: no consent covers that organisation",
    },
    {
      trigger: ".modal .modal-footer .btn-primary",
      content: "Close the message",
      run: "click",
    },
    {
      trigger: ".o_form_button_cancel",
      content: "Discard the invitation",
      run: "click",
    },
    {
      trigger: ".o_form_saved",
    },
  ],
});
