"""The one place that knows Material for MkDocs' (9.8) internals.

Material is in maintenance mode (end of life 5 May 2027). Everything the
build relies on that is not a documented option lives here, so a move to
another theme (CONTRIBUTING, "What depends on Material") replaces this
module and the overrides, not the rest of the plugin:

- the templates that write inline scripts (the CSP hashes them per page);
- the markup the page pass corrects (its toggles, its outer `<main>`, its
  empty table of contents, its current-page class);
- the files it ships that this site never loads (left out of the build).
"""

from __future__ import annotations

from pathlib import Path

import material as material_theme

# The templates that write inline scripts (rendered per page: they depend on
# the page's depth and the theme's features): Material's, and our no-js.html.
THEME_SCRIPT_TEMPLATES = [
    *(
        f"partials/javascripts/{name}.html"
        for name in ("base", "palette", "content")  # the ones this site's configuration uses
    ),
    "partials/no-js.html",
]

# Material's hidden checkbox that opens the table of contents on phones; it
# renders it only for pages in the navigation (not for share pages).
TOC_TOGGLE_ID = "__toc"
# The class Material gives the current page's link in the site navigation.
NAV_ACTIVE_CLASS = "md-nav__link--active"
# Material's element wrapping the content *and* the sidebars.
OUTER_MAIN_CLASS = "md-main"


def theme_script_context(config, base_url: str) -> dict:
    """What THEME_SCRIPT_TEMPLATES read to render a page's inline scripts."""
    return {"config": config, "base_url": base_url, "features": config.theme.get("features")}


# What Material copies into every build that no page of this site loads:
# bundle.js (site.js replaces it, overrides/main.html), lunr and the search
# worker (Pagefind searches), the PNG favicon (the SVG one is used), and its
# source maps (its minified CSS does not point to them: a test checks that
# no stylesheet or script names a map that is missing). 2.6 MB that a host
# would serve for nothing.
UNUSED_THEME_ASSETS = ("assets/javascripts/", "assets/images/favicon.png")
_THEME_DIR = Path(material_theme.__file__).parent / "templates"


def unused_theme_asset(src_uri: str, abs_src_path: str | None) -> bool:
    """A file of Material's own (not of docs/) that no page loads."""
    return (
        abs_src_path is not None
        and _THEME_DIR in Path(abs_src_path).parents
        and (src_uri.startswith(UNUSED_THEME_ASSETS) or src_uri.endswith(".map"))
    )
