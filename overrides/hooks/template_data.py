"""Give templates the project's data, and render the parts every page shares.

Each build (one per language) configures its Jinja environments with the
globals and filters of faq_templates (faq_templates.page_env gives hooks the
current one). In each
page's HTML, the "last reviewed" line is inserted under the title and a
`<!-- sources:all -->` marker is replaced by the full list of sources. The
HTML itself lives in overrides/partials/.
"""

from __future__ import annotations

from faq_source import load_sources, site_languages, url_prefix
from faq_templates import configure, page_env, ui_strings

SOURCES_MARKER = "<!-- sources:all -->"


def _configure(env, config):
    """The project's globals, and every language's strings and address (the
    404 page speaks all of them, the default one first)."""
    languages, default = site_languages(config)
    env = configure(env, config.theme["language"])
    env.globals["site_languages"] = [
        {"code": code, "prefix": url_prefix(code, default), "ui": ui_strings(code)}
        for code in sorted(languages, key=lambda code: code != default)
    ]
    return env


def on_pre_build(config):
    # Hooks render partials while pages are read, before MkDocs hands its
    # environment to on_env: they get one of their own until then.
    _configure(config.theme.get_env(), config)


def on_env(env, config, files):
    # From here on, MkDocs' environment (plugins have added their extensions
    # to it) serves the hooks and the theme alike.
    return _configure(env, config)


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
