"""Complete the head of every page for search engines and link previews.

Material writes relative hreflang links and no og:locale, og:site_name or
og:image:alt, and its social plugin writes titles into attributes unescaped
(pitfalls 1.9, 2.1, 2.6). This hook replaces both with one block rendered
from overrides/partials/seo-head.html: absolute hreflang links with
x-default (the default language), the full Open Graph and Twitter set (the
card image from the social plugin), `noindex` where a page asks for it, and
a schema.org FAQPage (one Question per h2) on pages that have questions.

After the last language is built, it adds x-default alternates to the
sitemap mkdocs-static-i18n writes, and writes robots.txt pointing to it.
"""

from __future__ import annotations

import gzip
import html
import re
from pathlib import Path
from urllib.parse import urljoin

from faq_source import load_structure, site_languages
from faq_templates import page_env
from mkdocs.plugins import event_priority

OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
# Material's `<link rel="alternate" href="…" hreflang="…">` (relative URLs).
_MATERIAL_ALTERNATE = re.compile(
    r'^\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n', re.M
)
# The social plugin's tags: one per line, `<meta property="og:…" content="…" />`.
_SOCIAL_TAG = re.compile(r'^<meta property="((?:og|twitter):[^"]+)" content="(.*)" />\n?', re.M)
_H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>(.*?)(?=<h2 |\Z)', re.S)
_TAGS = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|ol|ul|div|h\d|blockquote|table|tr)>")


def _text(fragment: str) -> str:
    fragment = re.sub(r'<a class="headerlink".*?</a>', "", fragment, flags=re.S)
    fragment = re.sub(r'<nav class="faq-share".*?</nav>', "", fragment, flags=re.S)
    return " ".join(html.unescape(_TAGS.sub("", _BLOCK_END.sub(" ", fragment))).split())


def faq_questions(content: str, ids: list[str]) -> list[dict[str, str]]:
    """The page's questions and their answers as plain text, in page order."""
    return [
        {"id": qid, "name": _text(title), "answer": _text(body)}
        for qid, title, body in _H2.findall(content)
        if qid in ids
    ]


def alternate_urls(page, site_url: str) -> dict[str, str]:
    alternates = getattr(page.file, "alternates", None) or {}
    return {
        code: urljoin(site_url, "" if alt.url in (".", "./") else alt.url)
        for code, alt in sorted(alternates.items())
    }


@event_priority(-50)  # after the social plugin (50) has written its tags
def on_post_page(output, page, config):
    if not config.site_url:
        return output
    language = config.theme["language"]
    default = site_languages(config)[1]
    social = {name: value for name, value in _SOCIAL_TAG.findall(output)}
    output = _SOCIAL_TAG.sub("", _MATERIAL_ALTERNATE.sub("", output))
    required = {spec.file: spec.questions for spec in load_structure()}
    src = page.file.src_uri.split("/", 1)[-1]
    head = (
        page_env(config)
        .get_template("partials/seo-head.html")
        .render(
            page=page,
            config=config,
            og_locale=OG_LOCALES.get(language, language),
            og_locale_alternates=[
                OG_LOCALES.get(c, c) for c in alternate_urls(page, config.site_url) if c != language
            ],
            alternates=alternate_urls(page, config.site_url),
            x_default=alternate_urls(page, config.site_url).get(default),
            image=social.get("og:image"),
            image_width=social.get("og:image:width"),
            image_height=social.get("og:image:height"),
            questions=faq_questions(page.content or "", required.get(src, [])),
            language=language,
        )
    )
    return output.replace("</head>", head + "</head>", 1)


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
    if sitemap.is_file() and 'hreflang="x-default"' not in sitemap.read_text(encoding="utf-8"):
        text = add_x_default(sitemap.read_text(encoding="utf-8"), site_languages(config)[1])
        sitemap.write_text(text, encoding="utf-8")
        (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    (site / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n\nSitemap: {urljoin(config.site_url, 'sitemap.xml')}\n",
        encoding="utf-8",
    )
