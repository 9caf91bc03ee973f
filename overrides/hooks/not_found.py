"""Publish one 404 page: the one rendered by the default-language build.

mkdocs-static-i18n renders every theme template once per language and the
last build would win, giving an English 404 at the root (CONTRIBUTING,
design notes). The page (overrides/404.html) speaks every language anyway;
keeping the default language's copy gives it that language's chrome and
`<html lang>`.
"""

from __future__ import annotations

from faq_source import site_languages


def on_post_template(output_content, template_name, config):
    if template_name != "404.html":
        return output_content
    _, default = site_languages(config)
    # MkDocs skips writing a template whose output is empty.
    return output_content if config.theme["language"] == default else ""
