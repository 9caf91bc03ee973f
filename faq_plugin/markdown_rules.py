"""Markdown that would publish something broken, insecure or inaccessible.

One `file:line: what` per mistake: an `http://` link, an image without alt
text, an emoji shortcode (rendered as an image from a CDN), code or embeds
typed into a page (`<script>`, `<iframe>`, `<object>`, `<embed>`, `<form>`,
`on…=` event handlers, `javascript:`/`data:` URLs: the Content Security
Policy must never have to allow them), a skipped heading level, a page
without exactly one `#` title, or an id used twice. Links and anchors
themselves are checked by MkDocs' `validation:` settings under `--strict`.
"""

from __future__ import annotations

import re

from .source import SourcePage

_INSECURE = re.compile(r"http://[^\s)>\]\"']+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(")
_HTML_IMG = re.compile(r"<img\b(?![^>]*\balt=\"[^\"]+\")[^>]*>", re.IGNORECASE)
_EMOJI = re.compile(r"(?<![\w:/]):[a-z0-9_+-]+:(?![\w/])")
_ACTIVE_TAG = re.compile(r"<\s*(script|iframe|object|embed|form)\b", re.I)
_EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*?\s(on[a-zA-Z]+)\s*=", re.S)
_SCRIPT_URL = re.compile(
    r"""(?:\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?|\b(?:href|src|action|formaction|data|srcset)\s*=\s*["']?)"""
    r"\s*((?:javascript|vbscript|data):)",
    re.I | re.M,
)


def active_content_problems(page: SourcePage) -> list[str]:
    """Scripts, embeds, forms, event handlers and script/data URLs typed into a page."""
    kept = [""] * len(page.text.splitlines())
    for number, line in page.prose():
        kept[number - 1] = line
    prose = "\n".join(kept)  # tags may span lines: search the whole body, lines kept

    def line(offset: int) -> int:
        return prose.count("\n", 0, offset) + 1

    path = page.rel
    problems = [
        (line(m.start()), f"<{m.group(1).lower()}> in a page is not allowed "
         "(the site's Content Security Policy only runs its own templates' code)")
        for m in _ACTIVE_TAG.finditer(prose)
    ]  # fmt: skip
    problems += [
        (line(m.start(1)), f"event handler attribute '{m.group(1)}=' is not allowed")
        for m in _EVENT_HANDLER.finditer(prose)
    ]
    problems += [
        (line(m.start(1)), f"'{m.group(1).lower()}' URL is not allowed: link to "
         "an https:// address or a page of the site")
        for m in _SCRIPT_URL.finditer(prose)
    ]  # fmt: skip
    return [f"{path}:{number}: {what}" for number, what in sorted(problems, key=lambda p: p[0])]


def markdown_problems(page: SourcePage) -> list[str]:
    path = page.rel
    problems = []
    for number, prose in page.prose():
        for url in _INSECURE.findall(prose):
            problems.append(f"{path}:{number}: insecure link '{url}': use https://")
        for alt in _IMAGE.findall(prose):
            if not alt.strip():
                problems.append(
                    f"{path}:{number}: image without alt text: describe it inside ![…](…)"
                )
        if _HTML_IMG.search(prose):
            problems.append(f"{path}:{number}: <img> without alt text")
        for code in _EMOJI.findall(prose):
            problems.append(
                f"{path}:{number}: emoji shortcode '{code}' would load an "
                "image from a CDN: type the emoji itself"
            )
    problems += active_content_problems(page)
    titles = [h for h in page.headings if h.level == 1]
    if len(titles) != 1:
        lines = ", ".join(str(h.line) for h in titles) or "none"
        problems.append(f"{path}: needs exactly one '# Title' heading (found: {lines})")
    previous = 0
    seen: dict[str, int] = {}
    for heading in page.headings:
        if previous and heading.level > previous + 1:
            problems.append(
                f"{path}:{heading.line}: heading level skipped (h{previous} then h{heading.level})"
            )
        previous = heading.level
        if heading.id:
            if heading.id in seen:
                problems.append(
                    f"{path}:{heading.line}: duplicate id '{heading.id}' "
                    f"(first at line {seen[heading.id]})"
                )
            seen.setdefault(heading.id, heading.line)
    return problems
