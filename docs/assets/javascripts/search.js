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
  function close(returnFocus) {
    toggle.checked = false;
    sync();
    var button = Array.prototype.find.call(buttons, function (b) { return b.offsetParent; });
    if (returnFocus && button) button.focus();
    else if (dialog.contains(document.activeElement)) document.activeElement.blur();
  }
  sync();
  wide.addEventListener("change", sync);

  input.addEventListener("focus", function () { toggle.checked = true; sync(); load(); });
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
