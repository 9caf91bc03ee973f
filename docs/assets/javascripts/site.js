// The site's own scripts, in one file (one request, loaded with defer: they
// run in order before DOMContentLoaded). Material's bundle.js is not loaded
// (overrides/main.html): these scripts are all the JavaScript a page runs,
// besides the small inline scripts in <head> (Material's, and
// overrides/partials/no-js.html). Sections:
// 1. language switcher  2. share controls  3. search (Pagefind)
// 4. keyboard and screen-reader fixes, the colour scheme, the address bar.
// No third-party code.

// Material's class "no-js" is taken off in <head> (overrides/partials/no-js.html).

// ==== lang-switch ====

// Language switcher. mkdocs-static-i18n already points each switcher link at
// the same page in the other language; on click, go straight to the other
// language, keeping the #question.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (location.hash) {
        event.preventDefault();
        location.href = link.href.split("#")[0] + location.hash;
      }
    });
  });
});

// ==== share ====

// Share controls (overrides/partials/share-question.html and share.html).
// Under each question, the link to the question's share page ("link to this
// question") becomes a button with the same words: the system share sheet
// where the browser has one, "copy link" otherwise. In the full list, "copy link" appears where the clipboard works.
// Confirmations go to the live region next to the control.
document.addEventListener("DOMContentLoaded", function () {
  var canCopy = Boolean(navigator.clipboard && window.isSecureContext);

  // A link (data-share-url), or the text of a paragraph of the page
  // (data-copy-from: its id; overrides/partials/copy-text.html).
  function copy(button) {
    var status = button.parentNode.querySelector(".faq-share__status");
    var source = button.dataset.copyFrom && document.getElementById(button.dataset.copyFrom);
    var text = source ? source.textContent.trim() : button.dataset.shareUrl;
    navigator.clipboard.writeText(text).then(function () {
      status.textContent = button.dataset.done;
      setTimeout(function () { status.textContent = ""; }, 5000);
    });
  }

  document.querySelectorAll(".faq-share__one.faq-share__copy").forEach(function (button) {
    var link = button.parentNode.querySelector("a.faq-share__one");
    if (navigator.share) {
      button.dataset.mode = "share";
      button.addEventListener("click", function () {
        navigator.share({ title: button.dataset.shareText, url: button.dataset.shareUrl })
          .catch(function () { /* the reader closed the share sheet */ });
      });
    } else if (canCopy) {
      button.dataset.mode = "copy";
      button.addEventListener("click", function () { copy(button); });
    } else {
      return; // keep the link to the share page
    }
    button.hidden = false;
    if (link) link.hidden = true;
  });

  if (canCopy) {
    document.querySelectorAll(".faq-share--full .faq-share__copy, .faq-copy").forEach(function (button) {
      button.parentNode.hidden = false;
      button.addEventListener("click", function () { copy(button); });
    });
  }
});

// ==== search ====

// Site search with Pagefind (overrides/hooks/search_index.py builds one index
// per language; pagefind.js picks the one matching <html lang>). Renders into
// Material's search dialog markup (overrides/partials/search.html).
document.addEventListener("DOMContentLoaded", function () {
  var dialog = document.querySelector(".faq-search");
  var toggle = document.getElementById("__search");
  if (!dialog || !toggle) return;
  var input = dialog.querySelector(".md-search__input");
  var form = dialog.querySelector(".md-search__form");
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  var root = new URL(".", window.__md_scope || new URL("/", location));  // site root
  var pagefind = null;
  var pending = 0;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        return module.options({ baseUrl: root.pathname }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // A result is one link named by its title (no heading: the page's outline
  // stays the page's), with the excerpt as its description.
  var serial = 0;
  function entry(url, title, excerpt, sub) {
    var id = "faq-result-" + (++serial);
    var link = element("a", "md-search-result__link");
    link.href = url;
    link.setAttribute("aria-labelledby", id);
    link.setAttribute("aria-describedby", id + "-text");
    var article = element("div", "md-search-result__article md-typeset");
    var name = element("p", "faq-search__title" + (sub ? " faq-search__title--sub" : ""), title);
    name.id = id;
    article.appendChild(name);
    var text = element("p");
    text.id = id + "-text";
    text.innerHTML = excerpt;  // Pagefind's excerpt: escaped text with <mark>
    article.appendChild(text);
    link.appendChild(article);
    return link;
  }

  function count(n) {
    if (n === 0) return dialog.dataset.none;
    return (n === 1 ? dialog.dataset.one : dialog.dataset.other).replace("#", n);
  }

  function search(query) {
    var ticket = ++pending;
    if (!query.trim()) {
      meta.textContent = dialog.dataset.placeholder;
      list.replaceChildren();
      return;
    }
    load().then(function (module) {
      return module.debouncedSearch(query, {}, 150);
    }).then(function (found) {
      if (found === null || ticket !== pending) return null;  // superseded
      return Promise.all(found.results.slice(0, 10).map(function (r) { return r.data(); }));
    }).then(function (pages) {
      if (pages === null || ticket !== pending) return;
      meta.textContent = count(pages.length);
      list.replaceChildren.apply(list, pages.map(function (page) {
        var item = element("li", "md-search-result__item");
        item.appendChild(entry(page.url, page.meta.title, page.excerpt, false));
        page.sub_results.filter(function (sub) {
          return sub.url !== page.url && sub.title !== page.meta.title;  // not the h1 again
        })
          .slice(0, 3).forEach(function (sub) {
            item.appendChild(entry(sub.url, sub.title, sub.excerpt, true));
          });
        return item;
      }));
    });
  }

  // Closed, the dialog is out of the Tab order: all of it on phones (where
  // it is off screen), its results on wide screens (where the field shows).
  var wide = matchMedia("(min-width: 60em)");
  var output = dialog.querySelector(".md-search__output");
  var buttons = document.querySelectorAll('[data-faq-toggle="__search"]');
  function sync() {
    var open = toggle.checked;
    dialog.inert = !open && !wide.matches;
    output.inert = !open;
    buttons.forEach(function (button) { button.setAttribute("aria-expanded", String(open)); });
  }
  // Escape returns focus to what opened the search: the search button on
  // phones, the search field itself on wide screens (where it is always
  // shown), without opening the search again.
  var refocusing = false;
  function close(returnFocus) {
    toggle.checked = false;
    sync();
    var button = Array.prototype.find.call(buttons, function (b) { return b.offsetParent; });
    if (returnFocus && button) button.focus();
    else if (returnFocus && wide.matches) {
      refocusing = true;
      input.focus();
      refocusing = false;
    } else if (dialog.contains(document.activeElement)) document.activeElement.blur();
  }
  sync();
  wide.addEventListener("change", sync);

  input.addEventListener("focus", function () {
    if (refocusing) return;
    toggle.checked = true; sync(); load();
  });
  input.addEventListener("input", function () { search(input.value); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { search(""); input.focus(); });
  });
  toggle.addEventListener("change", function () {
    sync();
    if (toggle.checked) input.focus();
  });
  // Focus leaving the dialog (Tab, Shift+Tab) closes it: nothing behind the
  // overlay is reached while it is open.
  dialog.addEventListener("focusout", function (event) {
    if (toggle.checked && event.relatedTarget && !dialog.contains(event.relatedTarget)) {
      close(false);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) close(true);
  });
});

// ==== a11y ====

// Keyboard and screen-reader fixes around Material's header and drawer
// (markup in overrides/partials/header.html, alternate.html, palette.html):
// 1. the menu and search buttons drive Material's hidden checkboxes and say
//    whether they are open; the closed drawer is inert (out of the Tab order);
// 2. the language menu is a disclosure (aria-expanded, Escape closes it);
// 3. the colour scheme follows the system unless the reader presses the
//    theme button (wide screens), which reports its state with aria-pressed;
// 4. a focused element is never left under the sticky header (WCAG 2.4.11).
//    ("Back to top" is a line at the end of the page, not a floating button.)
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
      button.setAttribute("aria-pressed", String(dark));
      // Unchanged (most page loads): touch nothing, since any attribute set
      // on <body> restyles the whole page, a long task on a slow phone.
      // (`media` is stored for Material's inline script; no style reads it.)
      var changed = ["scheme", "primary", "accent"].filter(function (key) {
        return document.body.getAttribute("data-md-color-" + key) !== c[key];
      });
      if (!changed.length) return;
      // Material's switch: no colour transition while the scheme changes.
      document.body.setAttribute("data-md-color-switching", "");
      changed.forEach(function (key) {
        document.body.setAttribute("data-md-color-" + key, c[key]);
      });
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

    // 4. Keep the focused element clear of the sticky header.
    var header = document.querySelector(".md-header");
    document.addEventListener("focusin", function (event) {
      var target = event.target;
      if (!header || header.contains(target)) return;
      if (target.closest(".md-search, .md-sidebar")) return;  // their own scroll areas
      var clear = header.getBoundingClientRect().bottom;
      var box = target.getBoundingClientRect();
      if (box.top < clear + 4) window.scrollBy(0, box.top - clear - 8);
    });
  });
})();

// ==== address ====

// The address bar follows the question being read (what Material's
// navigation.tracking did): a reader who copies the address shares the
// question on screen. The current question is the last whose heading is in
// the top quarter of the window under the header (where a link to it
// scrolls it); above the first, the address has no #. While what the
// address names is still on screen, the address stays: the page moving as
// it loads (or a short scroll back) must not swap the question a reader
// arrived at for the one above it, nor a source note a reader tapped a
// citation for (#fn:…) for the "Sources" heading above it.
document.addEventListener("DOMContentLoaded", function () {
  var questions = document.querySelectorAll("article h2[id]");
  var header = document.querySelector(".md-header");
  if (!questions.length || !header) return;
  var pending = false;
  function onScreen(id) {
    var named = id && document.getElementById(decodeURIComponent(id));
    if (!named) return false;
    var box = named.getBoundingClientRect();
    return box.top >= header.getBoundingClientRect().bottom && box.bottom <= window.innerHeight;
  }
  function follow() {
    pending = false;
    if (onScreen(location.hash.slice(1))) return; // keep: what the address names is in view
    var line = header.getBoundingClientRect().bottom + window.innerHeight / 4;
    var current = null;
    questions.forEach(function (heading) {
      if (heading.getBoundingClientRect().top <= line) current = heading;
    });
    var hash = current ? "#" + current.id : "";
    if (location.hash !== hash) {
      history.replaceState(history.state, "", hash || location.pathname + location.search);
    }
  }
  window.addEventListener("scroll", function () {
    if (!pending) { pending = true; requestAnimationFrame(follow); }
  }, { passive: true });
});
