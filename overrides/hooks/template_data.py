"""Give templates the project's data, and render the parts every page shares.

Each build (one per language) configures its Jinja environments with the
globals and filters of faq_templates (faq_templates.page_env gives hooks the
current one). In each
page's HTML, the "last reviewed" line is inserted under the title and a
`<!-- sources:all -->` marker is replaced by the full list of sources. The
HTML itself lives in overrides/partials/.
"""

from __future__ import annotations

from faq_source import load_sources
from faq_templates import configure, page_env

SOURCES_MARKER = "<!-- sources:all -->"


def on_pre_build(config):
    # Hooks render partials while pages are read, before MkDocs hands its
    # environment to on_env: they get one of their own until then.
    configure(config.theme.get_env(), config.theme["language"])


def on_env(env, config, files):
    # From here on, MkDocs' environment (plugins have added their extensions
    # to it) serves the hooks and the theme alike.
    return configure(env, config.theme["language"])


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
