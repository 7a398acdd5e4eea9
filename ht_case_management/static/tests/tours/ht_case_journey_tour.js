/** @odoo-module **/
// A minor's case in crisis: an appointment from the case header, a court date
// on the justice page, then the mandatory report filed. The tour runner fails on
// any error dialog (a traceback in the page).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("ht_case_journey_tour", {
  steps: () => [
    {
      trigger: ".o_form_view .o_form_saved",
    },
    {
      trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Crisis')",
      content: "The case is in crisis response",
    },
    {
      trigger:
        ".o_form_view .o_statusbar_buttons button[name='action_add_appointment']",
      content: "Add an appointment from the case",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='appointment_type'] select",
      content: "A home visit",
      run: 'select "home_visit"',
    },
    {
      trigger: ".o_form_view .o_field_widget[name='location'] input",
      content: "Where (kept in the case file)",
      run: "edit Shelter office",
    },
    {
      trigger: ".o_form_view .o_form_button_save",
      content: "Save the appointment",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_form_saved",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='name']:contains('Home visit')",
      content: "Named by the case code and type",
    },
    {
      trigger: ".o_breadcrumb .breadcrumb-item a:contains('HT-')",
      content: "Back to the case",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_notebook .nav-link:contains('Justice process')",
      content: "The justice process",
      run: "click",
    },
    {
      trigger:
        ".o_field_widget[name='justice_court_date_ids'] .o_field_x2many_list_row_add a",
      content: "Add a court date",
      run: "click",
    },
    {
      trigger:
        ".o_field_widget[name='justice_court_date_ids'] .o_selected_row .o_field_widget[name='location'] input",
      run: "edit County court, room 4",
    },
    {
      trigger: ".o_form_view .o_form_button_save",
      content: "Save the case",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_form_saved",
    },
    {
      trigger: ".o_form_view .o_notebook .nav-link:contains('Minor')",
      content: "The minor's page",
      run: "click",
    },
    {
      trigger:
        ".o_field_widget[name='mandatory_report_ids'] .o_field_x2many_list_row_add a",
      content: "Record the mandatory report filed",
      run: "click",
    },
    {
      trigger:
        ".o_field_widget[name='mandatory_report_ids'] .o_selected_row .o_field_widget[name='agency_id'] input",
      run: "edit Tour CPS",
    },
    {
      trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('Tour CPS')",
      run: "click",
    },
    {
      trigger:
        ".o_field_widget[name='mandatory_report_ids'] .o_selected_row .o_field_widget[name='reference'] input",
      run: "edit CPS-2026-17",
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
