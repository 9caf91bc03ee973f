"""Say the Markdown extensions' own words in the language being built.

`markdown_extensions` cannot be overridden per language by mkdocs-static-i18n,
so toc's permalink title and the footnotes' "back to the text" title would be
one string for every language. MkDocs creates a Markdown converter for each
page from `mdx_configs`, so setting them before a page renders is enough.
"""

from __future__ import annotations

from faq_templates import ui_strings


def on_page_markdown(markdown, page, config, files):
    ui = ui_strings(config.theme["language"])
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = ui["permalink"]
    config.mdx_configs.setdefault("footnotes", {})["BACKLINK_TITLE"] = ui["citation_back"]
    return markdown
