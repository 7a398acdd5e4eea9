/** @odoo-module **/
// The workflow as an administrator shapes it: a stage requirement added on the
// stage form, then met by a case worker (tests/test_workflow_config_tour.py).
import {registry} from "@web/core/registry";

const tours = registry.category("web_tour.tours");

// The administrator requires a completed comprehensive assessment before a
// case leaves Crisis Response.
tours.add("ht_workflow_config_admin_tour", {
  steps: () => [
    {
      trigger: ".o_list_view .o_data_row td.o_data_cell:contains('Crisis Response')",
      content: "Open the Crisis Response stage",
      run: "click",
    },
    {
      trigger:
        ".o_form_view .o_field_widget[name='requirement_ids'] .o_field_x2many_list_row_add a",
      content: "Add a requirement",
      run: "click",
    },
    {
      trigger:
        ".o_field_widget[name='requirement_ids'] .o_data_row .o_field_widget[name='kind'] select",
      content: "An assessment completed",
      run: 'select "assessment"',
    },
    {
      trigger:
        ".o_field_widget[name='requirement_ids'] .o_data_row .o_field_widget[name='assessment_type'] select",
      content: "Of type comprehensive",
      run: 'select "comprehensive"',
    },
    {
      trigger: ".o_form_view .o_form_button_save",
      content: "Save the stage",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_form_saved",
    },
  ],
});

// The case worker tries to move the case on, meets the requirement, completes
// the assessment and moves the case.
tours.add("ht_workflow_config_worker_tour", {
  steps: () => [
    {
      trigger: ".o_statusbar_status button:contains('Intensive Case Management')",
      content: "Try to move the case to intensive case management",
      run: "click",
    },
    {
      trigger: ".modal .modal-body:contains('a completed Comprehensive assessment')",
      content: "Refused: the stage requires a completed comprehensive assessment",
    },
    {
      trigger: ".modal .modal-footer .btn-primary",
      content: "Close the message",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_form_button_cancel",
      content: "Discard the move",
      run: "click",
    },
    {
      trigger:
        ".o_statusbar_status button.o_arrow_button_current:contains('Crisis Response')",
    },
    {
      trigger: ".o_form_view .o_notebook .nav-link:contains('Needs and assessments')",
      run: "click",
    },
    {
      trigger:
        ".o_field_widget[name='assessment_ids'] .o_data_row td.o_data_cell:contains('Comprehensive')",
      content: "Open the comprehensive assessment",
      run: "click",
    },
    {
      trigger: ".modal button[name='action_complete']",
      content: "Complete it",
      run: "click",
    },
    {
      trigger: ".modal .o_field_widget[name='completed_on']:not(:empty)",
      content: "Completed",
    },
    {
      trigger: ".modal .btn-close",
      content: "Close the assessment",
      run: "click",
    },
    {
      trigger: "body:not(:has(.modal))",
    },
    {
      trigger: ".o_statusbar_status button:contains('Intensive Case Management')",
      content: "Move the case on",
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

// The administrator rewords the text a provider receives when a referral is sent
// (Configuration › Notification texts).
tours.add("ht_workflow_config_template_tour", {
  steps: () => [
    {
      trigger:
        ".o_list_view .o_data_row td.o_data_cell:contains('referral sent to a provider')",
      content: "Open the text of a referral sent to a provider",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='subject'] input",
      content: "Reword its subject (the case code only, as every text of ours)",
      run: "edit Harbor Light referral {{ object.name }} for case {{ object.case_code }}",
    },
    {
      trigger: ".o_form_view .o_form_button_save",
      content: "Save the text",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_form_saved",
    },
  ],
});
