/** @odoo-module **/
// The daily forms, clicked through as a case worker would, each one saving a
// record. The tour runner fails on any error dialog (a traceback in the page).
import {registry} from "@web/core/registry";

const tours = registry.category("web_tour.tours");

// A consent from the case's Consents button: recipients, information, limits
// explained, signed in the signature widget, then activated.
tours.add("ht_consent_sign_activate_tour", {
  steps: () => [
    {
      trigger: ".o_form_view button[name='action_view_ht_consents']",
      content: "Open the case's consents",
      run: "click",
    },
    {
      trigger: ".o_list_button_add",
      content: "New consent",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='recipient_ids'] input",
      content: "With whom",
      run: "edit Tour Shelter",
    },
    {
      trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('Tour Shelter')",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='category_ids'] input",
      content: "What may be shared",
      run: "edit Case summary",
    },
    {
      trigger:
        ".o-autocomplete--dropdown-menu .dropdown-item:contains('Case summary and needs')",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='limits_explained'] input",
      content: "The limits of confidentiality were explained",
      run: "check",
    },
    {
      trigger: ".o_field_widget[name='signature'] .o_signature",
      content: "The person signs",
      run: "click",
    },
    {
      trigger: ".modal canvas.o_web_sign_signature",
      content: "Draw the signature",
      run: "drag_and_drop .modal canvas.o_web_sign_signature",
    },
    {
      trigger: ".modal .modal-footer .btn-primary:enabled",
      content: "Adopt and sign",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='signature'] img.o_signature",
    },
    {
      trigger: ".o_form_view button[name='action_activate']",
      content: "Activate (saves first)",
      run: "click",
    },
    {
      trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Active')",
      content: "The consent is in force",
    },
  ],
});

// The case moves on from the status bar after a date of birth is corrected.
tours.add("ht_case_stage_tour", {
  steps: () => [
    {
      trigger: ".o_form_view .o_field_widget[name='date_of_birth'] input",
      content: "Correct the date of birth",
      run: "edit 01/15/1995",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='preferred_name'] input",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='age']:contains('3')",
      content: "The age follows",
    },
    {
      trigger: ".o_statusbar_status button:contains('Intensive Case Management')",
      content: "Move the case to intensive case management",
      run: "click",
    },
    {
      trigger:
        ".o_statusbar_status button.o_arrow_button_current:contains('Intensive Case Management')",
    },
    {
      trigger: ".o_form_view .o_form_saved",
      content: "Saved",
    },
  ],
});

// Find a provider from the case header: the case's need is searched, a filter
// is changed and the search run again, then a provider is chosen.
tours.add("ht_find_provider_tour", {
  steps: () => [
    {
      trigger: ".o_form_view .o_form_saved",
    },
    {
      trigger: ".o_form_view .o_statusbar_buttons button[name='action_refer']",
      content: "Find a provider for the case",
      run: "click",
    },
    {
      trigger: ".modal .modal-title:contains('Find a provider')",
    },
    {
      trigger: ".modal .o_field_widget[name='need_id'] input",
      content: "The case's most urgent need is searched",
      run() {
        if (!this.anchor.value.includes("Emergency")) {
          throw new Error(`need not taken from the case: "${this.anchor.value}"`);
        }
      },
    },
    {
      trigger: ".modal .o_data_row:contains('Tour Shelter')",
    },
    {
      trigger: ".modal .o_field_widget[name='mode'] select",
      content: "A warm hand-off instead",
      run: 'select "warm_handoff"',
    },
    {
      trigger: ".modal button[name='action_search']",
      content: "Search again",
      run: "click",
    },
    {
      trigger:
        ".modal .o_data_row:contains('Tour Shelter') button[name='action_choose']",
      content: "Refer to the shelter",
      run: "click",
    },
    {
      trigger:
        ".o_form_view .o_field_widget[name='provider_id']:contains('Tour Shelter')",
      content: "The draft referral is open",
    },
  ],
});

// An assessment with a need, from the case's "Needs and assessments" page.
tours.add("ht_assessment_tour", {
  steps: () => [
    {
      trigger: ".o_form_view .o_notebook .nav-link:contains('Needs and assessments')",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='assessment_ids'] .o_field_x2many_list_row_add a",
      content: "Add an assessment",
      run: "click",
    },
    {
      trigger: ".modal .o_field_widget[name='risk_level'] select",
      run: 'select "high"',
    },
    {
      trigger: ".modal .o_field_widget[name='need_ids'] .o_field_x2many_list_row_add a",
      content: "Add a need",
      run: "click",
    },
    {
      trigger:
        ".modal .o_field_widget[name='need_ids'] .o_data_row .o_field_widget[name='category_id'] input",
      run: "edit Emergency",
    },
    {
      trigger:
        ".o-autocomplete--dropdown-menu .dropdown-item:contains('Housing / Emergency')",
      run: "click",
    },
    {
      trigger: ".modal .o_field_widget[name='summary'] textarea",
      run: "edit Needs emergency housing tonight.",
    },
    {
      trigger: ".modal .o_form_button_save",
      content: "Save the assessment",
      run: "click",
    },
    {
      trigger: "body:not(:has(.modal))",
    },
    {
      trigger: ".o_field_widget[name='assessment_ids'] .o_data_row:contains('High')",
    },
    {
      trigger: ".o_form_view .o_form_button_save",
      content: "Save the case",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_form_saved",
    },
  ],
});

// A plan goal from the case's "Service plan" page.
tours.add("ht_goal_tour", {
  steps: () => [
    {
      trigger: ".o_form_view .o_notebook .nav-link:contains('Service plan')",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='goal_ids'] .o_field_x2many_list_row_add a",
      content: "Add a goal",
      run: "click",
    },
    {
      trigger:
        ".o_field_widget[name='goal_ids'] .o_data_row .o_field_widget[name='name'] input",
      run: "edit Find safe housing",
    },
    {
      trigger: ".o_form_view .o_form_button_save",
      content: "Save the case",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_form_saved",
    },
  ],
});

// A supervision review, as the supervisor.
tours.add("ht_review_tour", {
  steps: () => [
    {
      trigger: ".o_form_view .o_notebook .nav-link:contains('Supervision')",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='review_ids'] .o_field_x2many_list_row_add a",
      content: "Add a review",
      run: "click",
    },
    {
      trigger:
        ".o_field_widget[name='review_ids'] .o_data_row .o_field_widget[name='summary'] textarea",
      run: "edit Housing found; legal referral pending.",
    },
    {
      trigger: ".o_form_view .o_form_button_save",
      content: "Save the case",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_form_saved",
    },
  ],
});

// A training certification added to a provider, as the network coordinator.
tours.add("ht_certification_tour", {
  steps: () => [
    {
      trigger: ".o_form_view .o_notebook .nav-link:contains('Referral network')",
      run: "click",
    },
    {
      trigger:
        ".o_field_widget[name='ht_certification_ids'] .o_field_x2many_list_row_add a",
      content: "Add a certification",
      run: "click",
    },
    {
      trigger:
        ".o_field_widget[name='ht_certification_ids'] .o_data_row .o_field_widget[name='training'] input",
      run: "edit Trauma-informed care",
    },
    {
      trigger:
        ".o_field_widget[name='ht_certification_ids'] .o_data_row .o_field_widget[name='date_expiry'] input",
      run: "edit 12/31/2099",
    },
    {
      trigger:
        ".o_field_widget[name='ht_certification_ids'] .o_data_row .o_field_widget[name='trainer'] input",
      run: "edit State Task Force",
    },
    {
      trigger: ".o_form_view .o_form_button_save",
      content: "Save the provider",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_form_saved",
    },
  ],
});

// "Convert to case" on an intake lead, as a case worker.
tours.add("ht_convert_lead_tour", {
  steps: () => [
    {
      trigger:
        ".o_form_view .o_statusbar_buttons button[name='action_ht_convert_to_case']",
      content: "Convert the call to a case",
      run: "click",
    },
    {
      trigger: ".modal .o_field_widget[name='trafficking_type'] select",
      run: 'select "labor"',
    },
    {
      trigger: ".modal button[name='action_convert']",
      content: "Open the case",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='code']:contains('HT-')",
      content: "The case is open",
    },
  ],
});
