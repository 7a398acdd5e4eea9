/** @odoo-module **/
// The most used screens on a 390×844 phone, as the demo users (issue 17): the
// partner's referral answer and capacity on the portal, a case worker opening a
// case and adding a note. Each screen is checked to fit the phone's width (no
// sideways scrolling of the page, every button of the step on screen).
import {registry} from "@web/core/registry";

const tours = registry.category("web_tour.tours");

// Inside a box that scrolls sideways itself (a wide table, the kanban's
// columns): reachable by swiping that box.
function inScroller(el) {
  for (
    let node = el.parentElement;
    node && node !== document.body;
    node = node.parentElement
  ) {
    if (["auto", "scroll"].includes(getComputedStyle(node).overflowX)) {
      return true;
    }
  }
  return false;
}

function fitsThePhone(what) {
  return {
    trigger: "body",
    content: `${what} fits the phone's width`,
    run() {
      const width = window.innerWidth;
      const page = document.scrollingElement || document.documentElement;
      if (page.scrollWidth > width + 1) {
        throw new Error(
          `${what}: the page is ${page.scrollWidth}px wide on a ${width}px screen`
        );
      }
      for (const el of document.querySelectorAll(
        "button, .btn, input, select, textarea"
      )) {
        const box = el.getBoundingClientRect();
        const hidden =
          !box.width ||
          !box.height ||
          !el.checkVisibility({visibilityProperty: true}) ||
          el.closest(
            ".offcanvas:not(.show), .dropdown-menu:not(.show), .o_invisible_modifier"
          );
        if (hidden || inScroller(el)) {
          continue;
        }
        if (box.left < -1 || box.right > width + 1) {
          const label = el.textContent.trim() || el.name || el.className;
          throw new Error(
            `${what}: "${label}" is off-screen (${box.left}..${box.right})`
          );
        }
      }
    },
  };
}

// Partner (clinic / clinic): the clinic had no place; it frees two and accepts
// the referral waiting for it, with a message.
tours.add("ht_phone_partner_tour", {
  steps: () => [
    fitsThePhone("The portal home"),
    {
      trigger: "a[href='/my/referrals']",
      content: "Referrals sent to your organisation",
      run: "click",
    },
    {
      trigger: "td a[href^='/my/referrals/']:first",
      content: "The referral waiting for an answer",
      run: "click",
    },
    {
      trigger: "tr:contains('Status') td:contains('Sent')",
    },
    fitsThePhone("The referral"),
    {
      trigger: "input#available",
      content: "Two places free again",
      run: "edit 2",
    },
    {
      trigger: "form[action$='/capacity'] button",
      content: "Update capacity",
      run: "click",
    },
    {
      trigger: ".alert-success:contains('Capacity updated')",
    },
    {
      trigger: "textarea#note",
      content: "A message to the case manager",
      run: "edit We can see them Thursday at 10; bring any papers they have.",
    },
    {
      trigger: "button[name='answer'][value='accept']",
      content: "Accept",
      run: "click",
    },
    {
      trigger: ".alert-success",
    },
    {
      trigger: "tr:contains('Status') td:contains('Accepted')",
    },
    fitsThePhone("The answered referral"),
  ],
});

// Case worker (caseworker / caseworker) on a phone: open a case from the cases
// list and add a note.
tours.add("ht_phone_caseworker_tour", {
  steps: () => [
    {
      trigger: ".o_kanban_view .o_kanban_record:contains('HT-')",
    },
    fitsThePhone("The cases"),
    {
      trigger: ".o_control_panel button:has(.fa-search)",
      content: "Search",
      run: "click",
    },
    {
      trigger: ".o_searchview_input",
      content: "Find the case by name",
      run: "edit Carmen",
    },
    {
      trigger: ".o_searchview_input",
      run: "press Enter",
    },
    {
      trigger: ".o_kanban_view .o_kanban_record:contains('HT-')",
      content: "Open the case",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='preferred_name'] input",
      run() {
        if (this.anchor.value !== "Carmen") {
          throw new Error(`another case opened: "${this.anchor.value}"`);
        }
      },
    },
    fitsThePhone("The case"),
    {
      trigger: ".o_form_view .o_notebook .nav-link:contains('Case notes')",
      content: "Case notes",
      run: "click",
    },
    {
      trigger:
        ".o_field_widget[name='note_ids'] .o-kanban-button-new, .o_field_widget[name='note_ids'] .o_field_x2many_list_row_add a",
      content: "Add a note",
      run: "click",
    },
    {
      trigger:
        ".modal .o_field_widget[name='body'] .odoo-editor-editable, .modal .o_field_widget[name='body'] textarea",
      content: "What happened",
      run: "editor Called back after 6 pm; she is safe and wants the shelter bed.",
    },
    fitsThePhone("The note"),
    {
      trigger: ".modal .o_form_button_save, .modal .modal-footer .btn-primary",
      content: "Save the note",
      run: "click",
    },
    {
      trigger: "body:not(:has(.modal))",
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
