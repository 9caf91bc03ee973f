"""What the head template (overrides/partials/seo-head.html) writes for search engines
and previews, and the site-wide files: the sitemap's x-default, robots.txt.

Material writes relative hreflang links and no og:locale or og:site_name;
overrides/main.html replaces its head block and gets, as `seo`: absolute
hreflang links with x-default (the default language), the Open Graph
locales, and for FAQ pages the questions with their short answers as plain
text (a schema.org FAQPage).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from . import i18n
from .context import BuildContext
from .source import first_paragraph, plain_text


def faq_entries(ctx: BuildContext, language: str, name: str) -> list[dict[str, str]]:
    """A FAQ page's required questions and their short answers, in page order."""
    spec = ctx.spec(name)
    if spec is None:
        return []
    return [
        {
            "id": q.id,
            "name": plain_text(q.title),
            "answer": plain_text(first_paragraph(q.answer_text)),
        }
        for q in ctx.page(language, name).questions
        if q.id in spec.questions
    ]


def head(ctx: BuildContext, page, language: str, name: str | None) -> dict:
    """`seo` for the page's head (`name`: its FAQ source, None for other pages)."""
    alternates = {code: ctx.absolute(url) for code, url in i18n.alternate_urls(page).items()}
    locale = {code: ctx.ui[code]["locale"] for code in ctx.languages}
    return {
        "language": language,
        "alternates": alternates,
        "x_default": alternates.get(ctx.default_language) if len(alternates) > 1 else None,
        "og_locale": locale[language],
        "og_locale_alternates": [locale[c] for c in alternates if c != language],
        "questions": faq_entries(ctx, language, name) if name else [],
    }


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


def write_site_files(ctx: BuildContext, site: Path) -> None:
    """Once every language is built: x-default in the sitemap, robots.txt."""
    sitemap = site / "sitemap.xml"
    # mkdocs-static-i18n's sitemap template sits before ours in the theme's
    # folders, so x-default can only be added to the file it wrote.
    if sitemap.is_file():
        text = sitemap.read_text(encoding="utf-8")
        if 'hreflang="x-default"' not in text:
            text = add_x_default(text, ctx.default_language)
            sitemap.write_text(text, encoding="utf-8")
            (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    (site / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n\nSitemap: {ctx.absolute('sitemap.xml')}\n", encoding="utf-8"
    )
