"""Give templates the project's data, and render the parts pages share.

Templates get `faq_sources` (data/sources.yml), `ui` (data/ui.yml strings in
the language being built) and a `long_date` filter ("28 novembre 2026").
In each page's HTML, the "last reviewed" line is inserted under the title
and a `<!-- sources:all -->` marker is replaced by the full list of sources.
The HTML itself lives in overrides/partials/.
"""

from __future__ import annotations

import yaml
from babel.dates import format_date
from faq_source import PROJECT_ROOT, load_sources

SOURCES_MARKER = "<!-- sources:all -->"
_BABEL_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
_page_env = None  # pages are rendered before on_env, so they get their own


def ui_strings(language: str) -> dict[str, str]:
    data = yaml.safe_load((PROJECT_ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))
    return data[language]


def on_env(env, config, files):
    language = config.theme["language"]
    env.globals["faq_sources"] = load_sources()
    env.globals["ui"] = ui_strings(language)
    env.filters["long_date"] = lambda value: format_date(
        value, format="long", locale=_BABEL_LOCALES.get(language, language)
    )
    return env


def on_pre_build(config):
    global _page_env
    _page_env = None  # each language build starts afresh


def on_page_content(html, page, config, files):
    global _page_env
    if _page_env is None:
        _page_env = on_env(config.theme.get_env(), config, files)
    if "reviewed" in page.meta and "</h1>" in html:
        line = _page_env.get_template("partials/reviewed.html").render(page=page)
        html = html.replace("</h1>", "</h1>\n" + line, 1)
    if SOURCES_MARKER in html:
        listing = _page_env.get_template("partials/sources-list.html").render(
            ids=list(load_sources()), config=config
        )
        html = html.replace(SOURCES_MARKER, listing)
    return html
