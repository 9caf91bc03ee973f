"""Checks: every language has every page, every page its required questions.

The required pages and question ids live in data/faq.yml. Every language of
the i18n plugin must have the same Markdown files (so mkdocs-static-i18n never
silently publishes a French page under /en/), and each required page must
hold its questions as `## … {#id}` headings, in order, once each, each with a
non-empty answer. Run by the content_checks hook before the build.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from faq_source import questions


def check_translations(
    docs_dir: Path, languages: list[str], required: list[str], rel: Callable = os.path.relpath
) -> list[str]:
    """Problems with the set of files: every language needs every page."""
    problems = []
    pages = {
        lang: {p.relative_to(docs_dir / lang).as_posix() for p in (docs_dir / lang).rglob("*.md")}
        for lang in languages
    }
    for lang in languages:
        for name in required:
            if name not in pages[lang]:
                problems.append(
                    f"{rel(docs_dir / lang / name)}: missing; "
                    "data/faq.yml requires this page in every language"
                )
        for other in languages:
            for name in sorted(pages[other] - pages[lang] - set(required)):
                problems.append(
                    f"{rel(docs_dir / lang / name)}: missing translation of "
                    f"{rel(docs_dir / other / name)}"
                )
    return problems


def check_questions(path: str, text: str, required: list[str]) -> list[str]:
    """Problems with a page's questions compared with the required ids."""
    problems = []
    found = questions(text)
    seen: dict[str, int] = {}
    for question in found:
        where = f"{path}:{question.line}"
        if question.id is None:
            problems.append(
                f"{where}: question '{question.title}' has no id; "
                "write it as '## Question? {#an-id}'"
            )
            continue
        if question.id in seen:
            problems.append(
                f"{where}: duplicate question id '{question.id}' "
                f"(first at line {seen[question.id]})"
            )
        seen.setdefault(question.id, question.line)
        if question.id not in required:
            problems.append(
                f"{where}: question id '{question.id}' is not in data/faq.yml "
                f"for this page (expected one of: {', '.join(required)})"
            )
        if not question.answer_text:
            problems.append(f"{where}: question '{question.id}' has an empty answer")
    for missing in [q for q in required if q not in seen]:
        problems.append(
            f"{path}: required question id '{missing}' is missing (listed in data/faq.yml)"
        )
    present = [q for q in seen if q in required]
    expected = [q for q in required if q in seen]
    if not problems and present != expected:
        problems.append(
            f"{path}: questions are out of order: found {', '.join(present)}; "
            f"data/faq.yml wants {', '.join(expected)}"
        )
    return problems
