"""Accessibility fixes to Material's markup that no template block reaches.

- Icons are decorative (every one sits beside text or in a named control):
  each inline `<svg>` without a role or name gets `aria-hidden="true"`, so
  screen readers do not list unnamed images.
- Material wraps the sidebars (site navigation, table of contents) in
  `<main>`; overrides/main.html makes the content column the `<main>`, and
  here Material's outer `<main class="md-main">` becomes a `<div>`.
- Permalinks: the "¶" sign is hidden from screen readers and the link is
  named in the page's language; the heading is named by its own text only
  (aria-label), so it never reads "Question? ¶" nor "Question? Permalink".
"""

from __future__ import annotations

import re
from html import escape, unescape

from faq_templates import page_env

_SVG = re.compile(r"<svg\b(?![^>]*\b(?:aria-hidden|aria-label|aria-labelledby|role)=)")
_OUTER_MAIN = re.compile(r'<main class="md-main"')
# The toc extension's heading: `<hN id="x">text<a class="headerlink" …>¶</a></hN>`.
_HEADING = re.compile(
    r'<h([1-6]) id="([^"]+)"([^>]*)>(.*?)'
    r'<a class="headerlink" href="([^"]*)"([^>]*)>(?:&para;|¶)</a></h\1>',
    re.S,
)
_TAG = re.compile(r"<[^>]+>")


def fix_markup(html: str) -> str:
    html = _SVG.sub('<svg aria-hidden="true" focusable="false"', html)
    if _OUTER_MAIN.search(html):
        html = _OUTER_MAIN.sub('<div class="md-main"', html, count=1)
        head, _, tail = html.rpartition("</main>")
        html = head + "</div>" + tail
    return html


def name_permalinks(html: str, label: str) -> str:
    def heading(m: re.Match) -> str:
        level, hid, attrs, text, href, link_attrs = m.groups()
        name = escape(" ".join(unescape(_TAG.sub("", text)).split()), quote=True)
        # The sign is kept out of Pagefind's sub-result titles, which do not
        # honour --exclude-selectors for an element's descendants.
        return (
            f'<h{level} id="{hid}"{attrs} aria-label="{name}">{text}'
            f'<a class="headerlink" href="{href}"{link_attrs} aria-label="{label}">'
            f'<span aria-hidden="true" data-pagefind-ignore="all">¶</span></a></h{level}>'
        )

    return _HEADING.sub(heading, html)


def on_page_content(html, page, config, files):
    return name_permalinks(html, page_env(config).globals["ui"]["permalink"])


def on_post_page(output, page, config):
    return fix_markup(output)


def on_post_template(output_content, template_name, config):
    return fix_markup(output_content) if template_name.endswith(".html") else output_content
