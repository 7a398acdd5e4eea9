/** @odoo-module **/
// The end of a survivor's journey, clicked through: a grievance filed from the
// case and resolved by the supervisor handling it, and the closed case's client
// invited to the anonymous feedback survey.
import {registry} from "@web/core/registry";

const tours = registry.category("web_tour.tours");

tours.add("ht_grievance_file_tour", {
  steps: () => [
    {
      trigger: ".o_list_button_add",
      content: "File a new grievance (Cases > Grievances)",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='case_id'] input",
      content: "The client's case, by its code",
      run: "edit HT-",
    },
    {
      trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('HT-')",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='filed_via'] select",
      content: "Filed through the client's advocate",
      run: 'select "advocate"',
    },
    {
      trigger: ".o_field_widget[name='advocate_name'] input",
      run: "edit Tour advocate",
    },
    {
      trigger: ".o_field_widget[name='description'] textarea",
      content: "The complaint",
      run: "edit The shelter hours were never explained to me.",
    },
    {
      trigger: ".o_form_button_save",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='name']:contains('GRV/')",
      content: "Filed and routed",
    },
  ],
});

tours.add("ht_grievance_resolve_tour", {
  steps: () => [
    {
      trigger: ".o_field_widget[name='answer'] textarea",
      content: "The answer given to the client",
      run: "edit The shelter hours are now given in writing at intake.",
    },
    {
      trigger: ".o_form_view button[name='action_resolve']",
      content: "Resolve (saves first)",
      run: "click",
    },
    {
      trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Resolved')",
      content: "Resolved",
    },
  ],
});

tours.add("ht_feedback_invite_tour", {
  steps: () => [
    {
      trigger:
        ".o_form_view .o_statusbar_buttons button[name='action_invite_feedback']",
      content: "Invite the client to the anonymous feedback survey",
      run: "click",
    },
    {
      trigger: ".o_notification:contains('Feedback survey link')",
      content: "The link to hand to the client",
    },
  ],
});
