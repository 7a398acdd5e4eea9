/** @odoo-module **/
// Each role's main path on the demo database, as the demo users (issue 17):
// the tours walk exactly the README's "first ten minutes". The tour runner fails
// on any error dialog (a traceback or a UserError in the page).
import {registry} from "@web/core/registry";

const tours = registry.category("web_tour.tours");

function openApp(xmlid) {
  return [
    {
      trigger: ".o_navbar_apps_menu button:enabled",
      content: "Open the apps menu",
      run: "click",
    },
    {
      trigger: `.o_app[data-menu-xmlid='${xmlid}']`,
      content: "Open the app",
      run: "click",
    },
  ];
}

function openMenu(section, item) {
  return [
    {
      trigger: `.o_menu_sections [data-menu-xmlid='${section}']`,
      run: "click",
    },
    {
      trigger: `.o-dropdown--menu [data-menu-xmlid='${item}']`,
      run: "click",
    },
  ];
}

function save() {
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

// Case worker (caseworker / caseworker): a walk-in's intake from the Victim
// Services app, the consent signed in the widget, a provider found for the need
// and the referral sent.
tours.add("ht_role_caseworker_intake_tour", {
  steps: () => [
    ...openApp("ht_consent.ht_root_menu"),
    {
      trigger: ".o_kanban_view .o_kanban_record:contains('My open cases')",
      content: "The case worker's home",
    },
    ...openMenu(
      "ht_case_management.ht_case_menu_main",
      "ht_case_management.ht_case_intake_menu"
    ),
    {
      trigger: ".modal .o_field_widget[name='preferred_name'] input",
      content: "Only what they choose to share: an alias",
      run: "edit Dana",
    },
    {
      trigger: ".modal .o_field_widget[name='trafficking_type'] select",
      run: 'select "labor"',
    },
    {
      trigger: ".modal .o_field_widget[name='need_category_ids'] input",
      content: "What is needed now",
      run: "edit Emergency",
    },
    {
      trigger:
        ".o-autocomplete--dropdown-menu .dropdown-item:contains('Housing / Emergency')",
      run: "click",
    },
    {
      trigger: ".modal .o_field_widget[name='need_category_ids'] .badge",
    },
    {
      trigger: ".modal button[name='action_open_case']",
      content: "Open the case",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='code']:contains('HT-')",
      content: "The case is open",
    },
    {
      trigger: ".o_form_view button[name='action_view_ht_consents']",
      content: "Consents",
      run: "click",
    },
    {
      trigger: ".o_list_button_add",
      content: "New consent",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='recipient_ids'] input",
      content: "With whom: the shelter",
      run: "edit Harbor House",
    },
    {
      trigger:
        ".o-autocomplete--dropdown-menu .dropdown-item:contains('Harbor House Shelter')",
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
    {
      trigger: ".o_breadcrumb .breadcrumb-item a:contains('HT-')",
      content: "Back to the case",
      run: "click",
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
      trigger:
        ".modal .o_data_row:contains('Harbor House Shelter') button[name='action_choose']",
      content: "The shelter has beds: refer",
      run: "click",
    },
    {
      trigger:
        ".o_form_view .o_field_widget[name='provider_id']:contains('Harbor House Shelter')",
      content: "The draft referral is open",
    },
    {
      trigger: ".o_form_view button[name='action_send']",
      content: "Send it",
      run: "click",
    },
    {
      trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Sent')",
      content: "The referral is sent",
    },
  ],
});

// The receiving partner (shelter / shelter on the portal): the referral is
// accepted with a message.
tours.add("ht_role_partner_accept_tour", {
  steps: () => [
    {
      trigger: "a[href='/my/referrals']",
      content: "Referrals sent to your organisation",
      run: "click",
    },
    {
      trigger: "td a[href^='/my/referrals/']:first",
      content: "The newest referral",
      run: "click",
    },
    {
      trigger: "h2:contains('Referral')",
    },
    {
      trigger: "textarea#note",
      content: "A message to the case manager",
      run: "edit A bed is ready tonight; ask for the intake desk.",
    },
    {
      trigger: "button[name='answer'][value='accept']",
      content: "Accept",
      run: "click",
    },
    {
      trigger: ".alert-success",
      content: "The answer is recorded",
    },
    {
      trigger: "tr:contains('Status') td:contains('Accepted')",
    },
  ],
});

// The case worker reads the answer and records that the client went.
tours.add("ht_role_caseworker_followthrough_tour", {
  steps: () => [
    {
      trigger: ".o_form_view button[name='action_view_referrals']",
      content: "The case's referrals",
      run: "click",
    },
    {
      trigger: ".o_data_row:contains('Harbor House Shelter') td:contains('Accepted')",
      content: "Accepted by the shelter",
      run: "click",
    },
    {
      trigger:
        ".o_form_view .o_field_widget[name='response_note']:contains('bed is ready')",
      content: "The shelter's message",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='client_followed_through'] select",
      content: "The client went",
      run: 'select "yes"',
    },
    ...save(),
  ],
});

// Supervisor (supervisor / supervisor): a supervision review of a case of the
// agency, then the case is given to another case worker, with a reason.
tours.add("ht_role_supervisor_tour", {
  steps: () => [
    ...openApp("ht_consent.ht_root_menu"),
    {
      trigger: ".o_kanban_view .o_kanban_record:contains('Caseload per case worker')",
      content: "The supervisor's home",
    },
    ...openMenu(
      "ht_case_management.ht_case_menu_main",
      "ht_case_management.ht_case_menu"
    ),
    {
      trigger: ".o_searchview_input",
      content: "Find the case",
      run: "edit Bo",
    },
    {
      trigger: ".o_searchview_input",
      run: "press Enter",
    },
    {
      trigger: ".o_kanban_view .o_kanban_record:contains('HT-')",
      content: "The only case of that name (cards show the case code only)",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='preferred_name'] input",
      run() {
        if (this.anchor.value !== "Bo") {
          throw new Error(`another case opened: "${this.anchor.value}"`);
        }
      },
    },
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
      run: "edit Legal referral waiting; safety plan current.",
    },
    {
      trigger:
        ".o_field_widget[name='review_ids'] .o_data_row .o_field_widget[name='decisions'] textarea",
      run: "edit Chase the clinic's answer; hand the case to Leo.",
    },
    ...save(),
    {
      trigger: ".o_form_view .o_statusbar_buttons button[name='action_change_manager']",
      content: "Change case manager",
      run: "click",
    },
    {
      trigger: ".modal .o_field_widget[name='user_id'] input",
      content: "The new case manager",
      run: "edit Leo",
    },
    {
      trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('Leo')",
      run: "click",
    },
    {
      trigger:
        ".modal .o_field_widget[name='reason'] textarea, .modal .o_field_widget[name='reason'] input",
      content: "Why",
      run: "edit Maya's caseload is full; Leo speaks Mandarin.",
    },
    {
      trigger: ".modal button[name='action_apply']",
      content: "Change",
      run: "click",
    },
    {
      trigger: "body:not(:has(.modal))",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='case_manager_id']:contains('Leo')",
      content: "Leo is the case manager",
    },
  ],
});

// Network coordinator (coordinator / coordinator): a member's training
// certification, a service's capacity, an MOU renewed.
tours.add("ht_role_coordinator_tour", {
  steps: () => [
    ...openApp("ht_referral_network.ht_network_root_menu"),
    {
      trigger: ".o_kanban_view .o_kanban_record:contains('MOUs to renew')",
      content: "The coordinator's home",
    },
    ...openMenu(
      "ht_referral_network.ht_network_directory_menu",
      "ht_referral_network.ht_provider_menu"
    ),
    {
      trigger: ".o_searchview_input",
      run: "edit Open Door",
    },
    {
      trigger: ".o_searchview_input",
      run: "press Enter",
    },
    {
      trigger:
        ".o_kanban_record:contains('Open Door Immigration Clinic'), .o_data_row:contains('Open Door Immigration Clinic') td.o_data_cell:first",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_notebook .nav-link:contains('Referral network')",
      run: "click",
    },
    {
      trigger:
        ".o_field_widget[name='ht_certification_ids'] .o_field_x2many_list_row_add a",
      content: "Add the certification just earned",
      run: "click",
    },
    {
      trigger:
        ".o_field_widget[name='ht_certification_ids'] .o_data_row .o_field_widget[name='training'] input",
      run: "edit Renewed trauma-informed legal representation",
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
    ...save(),
    {
      trigger:
        ".o_field_widget[name='ht_certification_ids'] .o_data_row:contains('Renewed trauma'):contains('12/31/2099')",
      content: "The certification is recorded",
    },
    ...openMenu(
      "ht_referral_network.ht_network_directory_menu",
      "ht_referral_network.ht_service_menu"
    ),
    {
      trigger:
        ".o_data_row:contains('Open Door Immigration Clinic') td.o_data_cell:first",
      content: "The clinic's service",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='capacity_available'] input",
      content: "Two places free again",
      run: "edit 2",
    },
    ...save(),
    ...openMenu(
      "ht_referral_network.ht_network_coordination_menu",
      "ht_referral_network.ht_mou_menu"
    ),
    {
      trigger:
        ".o_data_row:contains('Metro Task Force'):contains('Active') td.o_data_cell:first",
      content: "The MOU in force",
      run: "click",
    },
    {
      trigger: ".o_form_view button[name='action_renew']",
      content: "Renew",
      run: "click",
    },
    {
      trigger:
        ".o_form_view .o_field_widget[name='previous_id']:contains('Metro Task Force')",
      content: "The renewal, linked to the MOU it renews",
    },
    {
      trigger: ".o_form_view button[name='action_negotiate']",
      content: "Out for signature",
      run: "click",
    },
    {
      trigger:
        ".o_statusbar_status button.o_arrow_button_current:contains('Negotiation')",
    },
  ],
});

// Volunteer (val / val): hours logged on their own placement.
tours.add("ht_role_volunteer_tour", {
  steps: () => [
    ...openApp("ht_consent.ht_root_menu"),
    {
      trigger:
        ".o_menu_sections [data-menu-xmlid='ht_case_management.ht_volunteer_hours_menu']",
      content: "Hours log",
      run: "click",
    },
    {
      trigger: ".o_list_button_add",
      content: "Log hours",
      run: "click",
    },
    {
      trigger: ".o_selected_row .o_field_widget[name='placement_id'] input",
      content: "My placement is chosen",
      run() {
        if (!this.anchor.value.includes("Val")) {
          throw new Error(`no placement chosen: "${this.anchor.value}"`);
        }
      },
    },
    {
      trigger: ".o_list_view:not(:has(button[name='action_check_in']))",
      content: "Only the supervisor checks hours in",
    },
    {
      trigger: ".o_selected_row .o_field_widget[name='hours'] input",
      run: "edit 3.5",
    },
    {
      trigger: ".o_selected_row .o_field_widget[name='activity'] input",
      run: "edit Welcome desk, Tuesday afternoon",
    },
    {
      trigger: ".o_list_button_save",
      content: "Save",
      run: "click",
    },
    {
      trigger: ".o_data_row:contains('Welcome desk, Tuesday afternoon')",
    },
    {
      trigger: ".o_list_view:not(:has(.o_selected_row))",
    },
  ],
});
