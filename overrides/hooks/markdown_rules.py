"""Checks: Markdown that would publish something broken, insecure or inaccessible.

One `file:line: what` per mistake: an `http://` link, an image without alt
text, an emoji shortcode (rendered as an image from a CDN), code or embeds
typed into a page (`<script>`, `<iframe>`, `<object>`, `<embed>`, `<form>`,
`on…=` event handlers, `javascript:`/`data:` URLs: the Content Security
Policy must never have to allow them), a skipped heading level, a page
without exactly one `#` title, a heading without an explicit id
where one is needed, or an id used twice. Links and anchors themselves are
checked by MkDocs' `validation:` settings under `--strict`. Run by the
content_checks hook before the build.
"""

from __future__ import annotations

import re

from faq_source import headings, source_lines

_INSECURE = re.compile(r"http://[^\s)>\]\"']+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(")
_HTML_IMG = re.compile(r"<img\b(?![^>]*\balt=\"[^\"]+\")[^>]*>", re.IGNORECASE)
_EMOJI = re.compile(r"(?<![\w:/]):[a-z0-9_+-]+:(?![\w/])")
_CODE_SPAN = re.compile(r"`[^`]*`")
_ACTIVE_TAG = re.compile(r"<\s*(script|iframe|object|embed|form)\b", re.I)
_EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*?\s(on[a-zA-Z]+)\s*=", re.S)
_SCRIPT_URL = re.compile(
    r"""(?:\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?|\b(?:href|src|action|formaction|data|srcset)\s*=\s*["']?)"""
    r"\s*((?:javascript|vbscript|data):)",
    re.I | re.M,
)


def prose_only(text: str) -> str:
    """The body with code (fences, spans) and front matter blanked, lines kept."""
    lines = text.splitlines()
    kept = [""] * len(lines)
    for number, line, in_code in source_lines(text):
        kept[number - 1] = "" if in_code else _CODE_SPAN.sub("", line)
    return "\n".join(kept)


def active_content_problems(path: str, text: str) -> list[str]:
    """Scripts, embeds, forms, event handlers and script/data URLs typed into a page."""
    prose = prose_only(text)

    def line(offset: int) -> int:
        return prose.count("\n", 0, offset) + 1

    problems = [
        f"{path}:{line(m.start())}: <{m.group(1).lower()}> in a page is not allowed "
        "(the site's Content Security Policy only runs its own templates' code)"
        for m in _ACTIVE_TAG.finditer(prose)
    ]
    problems += [
        f"{path}:{line(m.start(1))}: event handler attribute '{m.group(1)}=' is not allowed"
        for m in _EVENT_HANDLER.finditer(prose)
    ]
    problems += [
        f"{path}:{line(m.start(1))}: '{m.group(1).lower()}' URL is not allowed: link to "
        "an https:// address or a page of the site"
        for m in _SCRIPT_URL.finditer(prose)
    ]
    return sorted(problems, key=lambda p: int(p.split(":")[1]))


def markdown_problems(path: str, text: str) -> list[str]:
    problems = []
    for number, line, in_code in source_lines(text):
        if in_code:
            continue
        prose = _CODE_SPAN.sub("", line)
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
    problems += active_content_problems(path, text)
    found = headings(text)
    titles = [h for h in found if h.level == 1]
    if len(titles) != 1:
        lines = ", ".join(str(h.line) for h in titles) or "none"
        problems.append(f"{path}: needs exactly one '# Title' heading (found: {lines})")
    previous = 0
    seen: dict[str, int] = {}
    for heading in found:
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
