"""Give templates the project's data, and render the parts every page shares.

Each build (one per language) gets one Jinja environment with the globals and
filters of faq_templates, used by the hooks and for the theme. In each
page's HTML, the "last reviewed" line is inserted under the title and a
`<!-- sources:all -->` marker is replaced by the full list of sources. The
HTML itself lives in overrides/partials/.
"""

from __future__ import annotations

from faq_source import load_sources
from faq_templates import configure, page_env

SOURCES_MARKER = "<!-- sources:all -->"


def on_pre_build(config):
    # Hooks render partials while pages are read, before MkDocs hands its own
    # environment to on_env: make the build's one environment here.
    configure(config.theme.get_env(), config.theme["language"])


def on_env(env, config, files):
    return page_env(config)  # the same environment renders the theme's templates


def on_page_content(html, page, config, files):
    env = page_env(config)
    if page.meta.get("reviewed") and "</h1>" in html:
        line = env.get_template("partials/reviewed.html").render(page=page)
        html = html.replace("</h1>", "</h1>\n" + line, 1)
    if SOURCES_MARKER in html:
        listing = env.get_template("partials/sources-list.html").render(
            ids=list(load_sources()), anchors=True
        )
        html = html.replace(SOURCES_MARKER, listing)
    return html
