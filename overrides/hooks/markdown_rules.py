"""Reject Markdown that would publish something broken, insecure or inaccessible.

One `file:line: what` per mistake: an `http://` link, an image without alt
text, an emoji shortcode (rendered as an image from a CDN), a skipped heading
level, a page without exactly one `#` title, a heading without an explicit id
where one is needed, or an id used twice. Links and anchors themselves are
checked by MkDocs' `validation:` settings under `--strict`.
"""

from __future__ import annotations

import os
import re

from faq_source import EditorError, headings, source_lines

_INSECURE = re.compile(r"http://[^\s)>\]\"']+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(")
_HTML_IMG = re.compile(r"<img\b(?![^>]*\balt=\"[^\"]+\")[^>]*>", re.IGNORECASE)
_EMOJI = re.compile(r"(?<![\w:/]):[a-z0-9_+-]+:(?![\w/])")
_CODE_SPAN = re.compile(r"`[^`]*`")


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


def on_page_markdown(markdown, page, config, files):
    if page.meta.get("generated") or not page.file.abs_src_path:
        return markdown
    problems = markdown_problems(os.path.relpath(page.file.abs_src_path), page.file.content_string)
    if problems:
        raise EditorError(problems)
    return markdown
