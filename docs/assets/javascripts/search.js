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

  function entry(url, title, excerpt, level) {
    var link = element("a", "md-search-result__link");
    link.href = url;
    var article = element("article", "md-search-result__article md-typeset");
    article.appendChild(element(level, null, title));
    var text = element("p");
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
        item.appendChild(entry(page.url, page.meta.title, page.excerpt, "h1"));
        page.sub_results.filter(function (sub) {
          return sub.url !== page.url && sub.title !== page.meta.title;  // not the h1 again
        })
          .slice(0, 3).forEach(function (sub) {
            item.appendChild(entry(sub.url, sub.title, sub.excerpt, "h2"));
          });
        return item;
      }));
    });
  }

  input.addEventListener("focus", function () { toggle.checked = true; load(); });
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
    if (toggle.checked) input.focus();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      toggle.checked = false;
      input.blur();
    }
  });
});
