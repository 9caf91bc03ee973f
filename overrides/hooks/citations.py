"""Inline citations from data/sources.yml, and links to Meta's forms from the same file.

Editors cite a source right after the claim with a footnote reference whose
label is a source id: `Training began on 27 May 2025.[^meta-newsroom-2025-04]`.
This hook checks every reference against data/sources.yml, requires at least
one in every answer (unless data/faq.yml says the page need not cite), and
appends the footnote definitions, rendered in the page's language by
overrides/partials/source.html, under a "Sources" heading: the page's source
list is derived from what it cites. `[text](source:meta-form-instagram)`
links to a source's URL, so each form address is written once.

Checks (run by the content_checks hook before the build): every source is
cited (or linked) in every language and carries its fields and an https URL.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path

from faq_source import SOURCES_FILE, load_sources, questions, source_lines
from faq_templates import page_env

FOOTNOTES_MARKER = "///Footnotes Go Here///"  # python-markdown's footnotes PLACE_MARKER
_CITATION = re.compile(r"\[\^([^\]\s]+)\]")
_SOURCE_LINK = re.compile(r"\]\(source:([^)\s]*)\)")
_CODE_SPAN = re.compile(r"`[^`]*`")

REQUIRED_FIELDS = ("publisher", "title", "lang", "url")


def _is_date(value) -> bool:
    if isinstance(value, dt.date):
        return True
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _key_lines(path: Path) -> dict[str, int]:
    """Line of each top-level key of a YAML file (for file:line messages)."""
    lines = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = re.match(r"^([A-Za-z0-9][\w.-]*):", line)
        if match:
            lines.setdefault(match.group(1), number)
    return lines


def sources_problems(
    sources: dict, path: Path = SOURCES_FILE, rel: Callable = os.path.relpath
) -> list[str]:
    """Every source needs publisher, title, language, an https URL, and a
    publication date or (for documents without one) an access date."""
    where = rel(path)
    lines = _key_lines(path) if path.is_file() else {}
    problems = []
    for key, source in sources.items():
        source = source or {}
        at = f"{where}:{lines.get(key, '?')}"
        missing = [f for f in REQUIRED_FIELDS if not source.get(f)]
        if missing:
            problems.append(f"{at}: source '{key}' lacks {', '.join(missing)}")
        if not (source.get("date") or source.get("accessed")):
            problems.append(f"{at}: source '{key}' needs a 'date' (published) or 'accessed'")
        for field in ("date", "accessed"):
            if source.get(field) and not _is_date(source[field]):
                problems.append(f"{at}: source '{key}' has a bad {field} (use YYYY-MM-DD)")
        url = str(source.get("url") or "")
        if url and not url.startswith("https://"):
            problems.append(f"{at}: source '{key}' has an insecure URL '{url}': use https://")
    return problems


def cited_ids(text: str) -> list[tuple[int, str]]:
    """(line, id) of every citation and source: link in a page's body, outside code."""
    found = []
    for number, line, in_code in source_lines(text):
        if in_code:
            continue
        prose = _CODE_SPAN.sub("", line)
        found += [(number, key) for key in _CITATION.findall(prose)]
        found += [(number, key) for key in _SOURCE_LINK.findall(prose)]
    return found


def citation_problems(path: str, text: str, known: set[str], answers_must_cite: bool) -> list[str]:
    """Unknown ids anywhere; with `answers_must_cite`, answers that cite nothing."""
    problems = [
        f"{path}:{line}: unknown source '{key}' (not an id of data/sources.yml)"
        for line, key in cited_ids(text)
        if key not in known
    ]
    if answers_must_cite:
        for question in questions(text):
            if not _CITATION.search(_CODE_SPAN.sub("", question.answer_text)):
                problems.append(
                    f"{path}:{question.line}: answer '{question.id}' cites no source; add "
                    "[^source-id] after the claim it supports"
                )
    return problems


def uncited_sources(
    docs_dir: Path,
    languages: list[str],
    sources: dict,
    path: Path = SOURCES_FILE,
    rel: Callable = os.path.relpath,
) -> list[str]:
    """Sources that no page of a language cites or links to."""
    lines = _key_lines(path) if path.is_file() else {}
    problems = []
    for lang in languages:
        used = {
            key
            for page in sorted((docs_dir / lang).rglob("*.md"))
            for _, key in cited_ids(page.read_text(encoding="utf-8"))
        }
        for key in sources:
            if key not in used:
                problems.append(
                    f"{rel(path)}:{lines.get(key, '?')}: source '{key}' is cited by no page "
                    f"in {rel(docs_dir / lang)}/: cite it or remove it"
                )
    return problems


def _footnotes(ids: list[str], heading: str, env) -> str:
    template = env.get_template("partials/source.html")
    sources = load_sources()
    definitions = [
        f"[^{key}]: " + " ".join(template.render(source=sources[key]).split()) for key in ids
    ]
    return f"\n\n## {heading} {{#page-sources}}\n\n{FOOTNOTES_MARKER}\n\n" + "\n".join(definitions)


def on_page_markdown(markdown, page, config, files):
    # The content_checks hook has checked every citation before the build.
    sources = load_sources()
    markdown = _SOURCE_LINK.sub(lambda m: f"]({sources[m.group(1)]['url']})", markdown)
    ids = list(dict.fromkeys(key for _, key in cited_ids(markdown) if key in sources))
    ids = [key for key in ids if f"[^{key}]" in markdown]  # footnotes, not plain links
    if not ids:
        return markdown
    env = page_env(config)
    return markdown + _footnotes(ids, env.globals["ui"]["page_sources"], env)
