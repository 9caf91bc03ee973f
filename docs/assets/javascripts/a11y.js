// Keyboard and screen-reader fixes around Material's header and drawer
// (markup in overrides/partials/header.html, alternate.html, palette.html):
// 1. the menu and search buttons drive Material's hidden checkboxes and say
//    whether they are open; the closed drawer is inert (out of the Tab order);
// 2. the language menu is a disclosure (aria-expanded, Escape closes it);
// 3. the colour scheme follows the system unless the reader presses the
//    theme button (wide screens), which reports its state with aria-pressed;
// 4. a focused element is never left under the sticky header or the
//    "back to top" button (WCAG 2.4.11).
(function () {
  "use strict";

  // 3. Colour scheme. Runs at once (end of <body>), before the first paint.
  var theme = document.querySelector(".faq-theme");
  if (theme) {
    var palettes = JSON.parse(theme.dataset.palette);
    var button = theme.querySelector("button");
    var system = matchMedia("(prefers-color-scheme: dark)");
    var entry = function (dark) {
      var word = dark ? "dark" : "light";
      return palettes.find(function (p) { return (p.media || "").indexOf(word) >= 0; })
        || palettes[dark ? palettes.length - 1 : 0];
    };
    var colors = function (dark) {
      var p = entry(dark);
      return {
        media: p.media,
        scheme: p.scheme || "default",
        primary: (p.primary || "indigo").replace(/ /g, "-"),
        accent: (p.accent || "indigo").replace(/ /g, "-")
      };
    };
    // Only an explicit choice is stored (in Material's format, so its inline
    // script applies it before the first paint); anything else is forgotten.
    var chosen = function () {
      var saved = __md_get("__palette");
      return saved && saved.faq ? saved : null;
    };
    var apply = function (dark) {
      var c = colors(dark);
      // Material's switch: no colour transition while the scheme changes.
      document.body.setAttribute("data-md-color-switching", "");
      Object.keys(c).forEach(function (key) {
        document.body.setAttribute("data-md-color-" + key, c[key]);
      });
      button.setAttribute("aria-pressed", String(dark));
      requestAnimationFrame(function () {
        requestAnimationFrame(function () {
          document.body.removeAttribute("data-md-color-switching");
        });
      });
    };
    if (__md_get("__palette") && !chosen()) __md_set("__palette", null);  // Material's old pin
    apply(chosen() ? chosen().dark : system.matches);
    button.hidden = false;
    button.addEventListener("click", function () {
      var dark = button.getAttribute("aria-pressed") !== "true";
      __md_set("__palette", dark === system.matches ? null
        : { faq: true, dark: dark, color: colors(dark) });
      apply(dark);
    });
    system.addEventListener("change", function () {
      if (!chosen()) apply(system.matches);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    // 1. Menu and search buttons; the drawer.
    var drawer = document.querySelector(".md-sidebar--primary");
    var narrow = matchMedia("(max-width: 76.234375em)");
    var toggles = document.querySelectorAll("[data-faq-toggle]");
    var sync = function () {
      toggles.forEach(function (b) {
        var box = document.getElementById(b.dataset.faqToggle);
        b.setAttribute("aria-expanded", String(!!(box && box.checked)));
      });
      var box = document.getElementById("__drawer");
      if (drawer && box) drawer.inert = narrow.matches && !box.checked;
    };
    toggles.forEach(function (b) {
      var box = document.getElementById(b.dataset.faqToggle);
      if (!box) return;
      b.addEventListener("click", function () {
        box.click();  // fires "change", as Material's <label> did
        if (b.dataset.faqToggle === "__drawer" && box.checked && drawer) {
          var first = drawer.querySelector("a[href], button, input, [tabindex='0']");
          if (first) first.focus();
        }
      });
      box.addEventListener("change", sync);
    });
    narrow.addEventListener("change", sync);
    sync();
    var drawerBox = document.getElementById("__drawer");
    var menuButton = document.querySelector('[data-faq-toggle="__drawer"]');
    var closeDrawer = function (refocus) {
      if (!drawerBox || !drawerBox.checked) return;
      drawerBox.click();
      if (refocus && menuButton) menuButton.focus();
    };
    if (drawer) {
      drawer.addEventListener("focusout", function (event) {
        var to = event.relatedTarget;
        if (narrow.matches && to && !drawer.contains(to) && to !== menuButton) closeDrawer(false);
      });
    }
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawerBox && drawerBox.checked) closeDrawer(true);
    });

    // 2. Language menu.
    document.querySelectorAll(".faq-lang").forEach(function (menu) {
      var toggle = menu.querySelector(".faq-lang__button");
      var set = function (open) { toggle.setAttribute("aria-expanded", String(open)); };
      toggle.addEventListener("click", function () {
        set(toggle.getAttribute("aria-expanded") !== "true");
      });
      menu.addEventListener("focusout", function (event) {
        if (!event.relatedTarget || !menu.contains(event.relatedTarget)) set(false);
      });
      menu.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
          set(false);
          toggle.focus();
        }
      });
    });

    // 4. Keep the focused element clear of the header and "back to top".
    var header = document.querySelector(".md-header");
    var top = document.querySelector(".md-top");
    document.addEventListener("focusin", function (event) {
      var target = event.target;
      if (!header || header.contains(target) || (top && top.contains(target))) return;
      if (target.closest(".md-search, .md-sidebar")) return;  // their own scroll areas
      var clear = header.getBoundingClientRect().bottom;
      var box = target.getBoundingClientRect();
      // "Back to top" shows as soon as the page scrolls up: keep clear of
      // where it appears, hidden or not.
      var button = top && top.getBoundingClientRect();
      if (button && box.left < button.right && box.right > button.left) {
        clear = Math.max(clear, button.bottom);
      }
      if (box.top < clear + 4) window.scrollBy(0, box.top - clear - 8);
    });
  });
})();
