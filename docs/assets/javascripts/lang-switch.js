// Language switcher. mkdocs-static-i18n already points each switcher link at
// the same page in the other language; Material 9.7+'s own "stay on page"
// code would instead fetch a sitemap.xml beside every <link rel="alternate">
// (files that do not exist: 404s on every page view) and drop the #anchor
// (pitfalls 1.4). So:
// 1. hide the alternate links (hreflang, and the Atom feed's) from Material
//    while it starts (it reads them once, on DOMContentLoaded, before our
//    listener runs), then put them back;
// 2. on click, go straight to the other language, keeping the #question.
(function () {
  var hidden = document.querySelectorAll('link[rel="alternate"]');
  hidden.forEach(function (link) { link.rel = "x-alternate-pending"; });

  document.addEventListener("DOMContentLoaded", function () {
    hidden.forEach(function (link) { link.rel = "alternate"; });
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.stopPropagation();  // keep Material's sitemap-based handler out of it
        if (location.hash) {
          event.preventDefault();
          location.href = link.href.split("#")[0] + location.hash;
        }
      });
    });
  });
})();
