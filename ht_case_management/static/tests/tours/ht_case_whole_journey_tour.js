/** @odoo-module **/
// One survivor's whole journey, clicked through by the case worker from the
// Victim Services app: intake of a minor (walk-in) -> the crisis stage with a
// home visit and a court date -> the minor's mandatory report -> a grievance
// filed through the client's advocate -> closure (reason and exit plan) -> the
// anonymous feedback survey link handed to the client. The tour runner fails on
// any error dialog (a traceback in the page).
import {registry} from "@web/core/registry";

// Random identity, made here (never in a file the scan could find): the test
// reads it from the case the intake opened and searches the database for it.
const TOKEN = Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
const LEGAL_NAME = `SENTwjLegal${TOKEN}`;
const ALIAS = `SENTwjAlias${TOKEN}`;

function saveForm() {
  return [
    {
      trigger: ".o_form_view .o_form_button_save",
      content: "Save",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_form_saved",
    },
  ];
}

function backToTheCase() {
  return [
    {
      trigger: ".o_breadcrumb .breadcrumb-item a:contains('HT-')",
      content: "Back to the case",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='legal_name'] input",
    },
  ];
}

registry.category("web_tour.tours").add("ht_case_whole_journey_tour", {
  steps: () => {
    const birthYear = new Date().getFullYear() - 15;
    return [
      // -- intake, from the Victim Services app
      {
        trigger: ".o_navbar_apps_menu button",
        content: "The apps menu",
        run: "click",
      },
      {
        trigger: ".o_app[data-menu-xmlid='ht_consent.ht_root_menu']",
        content: "Open Victim Services",
        run: "click",
      },
      {
        trigger: ".o_menu_sections button:contains('Cases')",
        content: "Cases",
        run: "click",
      },
      {
        trigger:
          ".dropdown-item[data-menu-xmlid='ht_case_management.ht_case_intake_menu']",
        content: "A walk-in: the intake form",
        run: "click",
      },
      {
        trigger: ".modal .o_field_widget[name='intake_channel'] select",
        run: "selectByLabel Walk-in",
      },
      {
        trigger: ".modal .o_field_widget[name='legal_name'] input",
        content: "Only what the person chooses to share",
        run: `edit ${LEGAL_NAME}`,
      },
      {
        trigger: ".modal .o_field_widget[name='preferred_name'] input",
        run: `edit ${ALIAS}`,
      },
      {
        trigger: ".modal .o_field_widget[name='date_of_birth'] input",
        content: "A minor",
        run: `edit 03/01/${birthYear}`,
      },
      {
        trigger: ".modal .o_field_widget[name='risk_to_client'] textarea",
        content: "Rapid risk assessment",
        run: "edit Contacted by the recruiter last week",
      },
      {
        trigger: ".modal .o_field_widget[name='need_category_ids'] input",
        content: "Immediate needs",
        run: "edit Housing / Emergency",
      },
      {
        trigger:
          ".o-autocomplete--dropdown-menu .dropdown-item:contains('Housing / Emergency')",
        run: "click",
      },
      {
        trigger: ".modal .o_field_widget[name='need_category_ids'] .o_tag",
      },
      {
        trigger: ".modal footer button[name='action_open_case']",
        content: "Open the case",
        run: "click",
      },
      {
        trigger: ".o_form_view .o_field_widget[name='code']:contains('HT-')",
        content: "The case, by its code",
      },
      {
        trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Crisis')",
        content: "The case starts in crisis response",
      },
      {
        trigger: ".o_form_view .o_field_widget[name='is_minor'] input:checked",
        content: "A minor",
      },
      // -- crisis: a home visit and a court date
      {
        trigger:
          ".o_form_view .o_statusbar_buttons button[name='action_add_appointment']",
        content: "Add an appointment from the case",
        run: "click",
      },
      {
        trigger: ".o_form_view .o_field_widget[name='appointment_type'] select",
        content: "A home visit",
        run: "selectByLabel Home visit",
      },
      {
        trigger: ".o_form_view .o_field_widget[name='location'] input",
        content: "Where (kept in the case file)",
        run: "edit Shelter office",
      },
      ...saveForm(),
      {
        trigger: ".o_form_view .o_field_widget[name='name']:contains('Home visit')",
        content: "Named by the case code and type",
      },
      ...backToTheCase(),
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
      ...saveForm(),
      // -- the minor's mandatory report
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
        run: "edit Whole Journey CPS",
      },
      {
        trigger:
          ".o-autocomplete--dropdown-menu .dropdown-item:contains('Whole Journey CPS')",
        run: "click",
      },
      {
        trigger:
          ".o_field_widget[name='mandatory_report_ids'] .o_selected_row .o_field_widget[name='reference'] input",
        run: "edit CPS-WJ-15",
      },
      ...saveForm(),
      // -- a grievance, through the client's advocate
      {
        trigger: ".o_form_view .o_notebook .nav-link:contains('Grievances')",
        content: "The grievances page",
        run: "click",
      },
      {
        trigger: ".o_form_view .o_notebook button:contains('File a grievance')",
        content: "File a grievance from the case",
        run: "click",
      },
      {
        trigger: ".o_form_view .o_field_widget[name='case_id'] input:value('HT-')",
        content: "The case is filled in, by its code",
      },
      {
        trigger: ".o_form_view .o_field_widget[name='filed_via'] select",
        content: "Filed through the client's advocate",
        run: "selectByLabel advocate",
      },
      {
        trigger: ".o_form_view .o_field_widget[name='advocate_name'] input",
        run: "edit Whole journey advocate",
      },
      {
        trigger: ".o_form_view .o_field_widget[name='description'] textarea",
        content: "The complaint",
        run: "edit Nobody told me when the court date was.",
      },
      ...saveForm(),
      {
        trigger: ".o_form_view .o_field_widget[name='name']:contains('GRV/')",
        content: "Filed and routed to a supervisor",
      },
      ...backToTheCase(),
      // -- closure, with what it needs, then the feedback survey
      {
        trigger: ".o_form_view .o_notebook .nav-link:contains('Closure')",
        content: "The closure page",
        run: "click",
      },
      {
        trigger: ".o_form_view .o_field_widget[name='closure_reason_id'] input",
        content: "Why the case closes",
        run: "edit Goals met",
      },
      {
        trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('Goals met')",
        run: "click",
      },
      {
        trigger:
          ".o_form_view .o_field_widget[name='exit_plan'] .odoo-editor-editable p",
        content: "The exit plan",
        run: "editor Lives with her aunt; school enrolled; knows the hotline.",
      },
      ...saveForm(),
      {
        trigger: ".o_statusbar_status button:contains('Closed')",
        content: "Close the case",
        run: "click",
      },
      {
        trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Closed')",
        content: "Closed",
      },
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
    ];
  },
});
