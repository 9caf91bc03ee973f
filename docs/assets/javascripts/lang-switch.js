// Language switcher: go straight to the other language's page, keeping the
// current #question. Material's own handler fetches sitemap.xml files that
// mkdocs-static-i18n does not write and drops the anchor (pitfalls 1.4).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.stopPropagation();
      if (location.hash) {
        event.preventDefault();
        location.href = link.href.split("#")[0] + location.hash;
      }
    });
  });
});
