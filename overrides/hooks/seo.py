"""Prepare what overrides/partials/seo-head.html needs for search engines and previews.

Material writes relative hreflang links and no og:locale or og:site_name
(CONTRIBUTING, design notes). The theme's head block is
overridden in overrides/main.html; this hook gives it, as `seo`: absolute
hreflang links with x-default (the default language), the Open Graph
locales, and for FAQ pages the questions with their short answers as plain
text (a schema.org FAQPage).

After the last language is built, it adds x-default alternates to the
sitemap mkdocs-static-i18n writes, and writes robots.txt pointing to it.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urljoin

from faq_source import page_questions, page_spec, plain_text, site_languages
from faq_templates import language_locale
from mkdocs.plugins import event_priority


def alternate_urls(page, site_url: str) -> dict[str, str]:
    """The page in every language, as absolute URLs (mkdocs-static-i18n's alternates)."""
    alternates = getattr(page.file, "alternates", None) or {}
    return {
        code: urljoin(site_url, "" if alt.url in (".", "./") else alt.url)
        for code, alt in sorted(alternates.items())
    }


def short_answer(answer_markdown: str) -> str:
    """An answer's first paragraph, as plain text: the short answer that opens
    every answer (the whole answer is one link away, and page weight counts)."""
    paragraph = answer_markdown.strip().split("\n\n", 1)[0]
    return plain_text(paragraph)


def faq_entries(page) -> list[dict[str, str]]:
    """The page's required questions and their short answers, in page order."""
    spec = page_spec(page)
    if spec is None:
        return []
    return [
        {"id": q.id, "name": plain_text(q.title), "answer": short_answer(q.answer_text)}
        for q in page_questions(page)
        if q.id in spec.questions
    ]


def on_page_context(context, page, config, nav):
    if not config.site_url:
        return context
    language = config.theme["language"]
    default = site_languages(config)[1]
    alternates = alternate_urls(page, config.site_url)
    context["seo"] = {
        "language": language,
        "alternates": alternates,
        "x_default": alternates.get(default) if len(alternates) > 1 else None,
        "og_locale": language_locale(language),
        "og_locale_alternates": [language_locale(c) for c in alternates if c != language],
        "questions": faq_entries(page),
    }
    return context


def add_x_default(sitemap: str, default: str) -> str:
    """Give each <url> an x-default alternate: its default-language version."""
    pattern = re.compile(
        rf'(\s*)<xhtml:link rel="alternate" hreflang="{re.escape(default)}" '
        r'href="([^"]+)"/>'
    )
    return pattern.sub(
        lambda m: (
            m.group(0) + f'{m.group(1)}<xhtml:link rel="alternate" '
            f'hreflang="x-default" href="{m.group(2)}"/>'
        ),
        sitemap,
    )


@event_priority(-150)  # after mkdocs-static-i18n has built every language
def on_post_build(config):
    if config.plugins["i18n"].building or not config.site_url:
        return  # an inner, single-language build: the sitemap is not complete yet
    site = Path(config.site_dir)
    sitemap = site / "sitemap.xml"
    # mkdocs-static-i18n's sitemap template sits before ours in the theme's
    # folders, so x-default can only be added to the file it wrote.
    if sitemap.is_file() and 'hreflang="x-default"' not in sitemap.read_text(encoding="utf-8"):
        text = add_x_default(sitemap.read_text(encoding="utf-8"), site_languages(config)[1])
        sitemap.write_text(text, encoding="utf-8")
        (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    (site / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n\nSitemap: {urljoin(config.site_url, 'sitemap.xml')}\n",
        encoding="utf-8",
    )
