/** @odoo-module **/
// Volunteer programmes and pro bono professionals, end to end in the UI.
import {registry} from "@web/core/registry";

// A visitor applies on the programme's public form (no login).
registry.category("web_tour.tours").add("ht_volunteer_apply_tour", {
  steps: () => [
    {
      trigger: ".o_ht_volunteer_apply input[name='name']",
      content: "Your name",
      run: "edit Tess Tour",
    },
    {
      trigger: ".o_ht_volunteer_apply input[name='email']",
      run: "edit tess.tour@example.com",
    },
    {
      trigger: ".o_ht_volunteer_apply input[name='languages']",
      run: "edit English, Tagalog",
    },
    {
      trigger: ".o_ht_volunteer_apply textarea[name='motivation']",
      run: "edit I volunteered at a shelter before.",
    },
    {
      trigger: ".o_ht_volunteer_apply input[name='consent']",
      content: "Agree that the application is kept",
      run: "check",
    },
    {
      trigger: ".o_ht_volunteer_apply button[type='submit']",
      content: "Send the application",
      run: "click",
    },
    {
      trigger: ".o_ht_volunteer_thanks:contains('Thank you')",
    },
  ],
});

// The coordinator screens and trains the applicant, activates and places them.
registry.category("web_tour.tours").add("ht_volunteer_place_tour", {
  steps: () => [
    {
      trigger: ".o_form_view button[name='action_screening']",
      content: "Start screening",
      run: "click",
    },
    {
      trigger: ".o_form_view button[name='action_add_missing']",
      content: "Record today's screening steps and trainings",
      run: "click",
    },
    {
      trigger:
        ".o_field_widget[name='check_ids'] .o_data_row:contains('Trauma-informed care')",
    },
    {
      trigger: ".o_form_view button[name='action_training']",
      content: "Screened: to training",
      run: "click",
    },
    {
      trigger: ".o_form_view button[name='action_activate']",
      content: "Every step is current: activate",
      run: "click",
    },
    {
      trigger: ".o_form_view button[name='action_place']",
      content: "Place the volunteer",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='opportunity_id'] input",
      content: "In which opportunity",
      run: "edit Tour desk",
    },
    {
      trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('Tour desk')",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_form_button_save",
      content: "Save the placement",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_form_saved",
    },
  ],
});

// A case worker assigns a vetted pro bono attorney to a case (consent recorded).
registry.category("web_tour.tours").add("ht_probono_tour", {
  steps: () => [
    {
      trigger: ".o_list_button_add",
      content: "New pro bono assignment",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='case_id'] input",
      content: "Which case",
      run: "edit HT-",
    },
    {
      trigger: ".o-autocomplete--dropdown-menu .dropdown-item:first",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='professional_id'] input",
      content: "Which vetted professional",
      run: "edit Tour Counsel",
    },
    {
      trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('Tour Counsel')",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='category_ids'] input",
      content: "What the professional may see",
      run: "edit Case summary",
    },
    {
      trigger:
        ".o-autocomplete--dropdown-menu .dropdown-item:contains('Case summary and needs')",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_form_button_save",
      content: "Assign (the consent is checked and the disclosure logged)",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_form_saved",
    },
    {
      trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Assigned')",
    },
  ],
});
