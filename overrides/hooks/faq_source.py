"""Read the FAQ's Markdown sources and data files (shared by hooks and tests).

Not a hook itself: the hooks import it (MkDocs puts a hook's folder on the
import path while loading it) and so do the tests (pytest's pythonpath).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
STRUCTURE_FILE = PROJECT_ROOT / "data" / "faq.yml"
SOURCES_FILE = PROJECT_ROOT / "data" / "sources.yml"

# "## Question? {#the-id}" (attr_list syntax, other attributes allowed).
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{\s*([^}]*)\})?\s*#*\s*$")
_ID_ATTR = re.compile(r"(?:^|\s)#([^\s}]+)")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


class EditorError(PluginError):
    """A mistake in the content, reported as one `file:line: what` per line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Heading:
    level: int
    title: str
    id: str | None
    line: int  # 1-based line in the source file, front matter included


@dataclass
class Question:
    id: str | None
    title: str
    line: int
    answer: list[str] = field(default_factory=list)  # Markdown lines

    @property
    def answer_text(self) -> str:
        return "\n".join(self.answer).strip()


@dataclass
class PageSpec:
    file: str
    questions: list[str]
    # Pages about the site itself (sources, method) need not cite sources.
    cites_sources: bool = True
    howto: list[str] = field(default_factory=list)  # answered step by step
    kind: str = "question"  # the other questions' kind of card: question, rumour


@functools.lru_cache(maxsize=32)
def _parse_yaml(path: Path, mtime_ns: int):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def read_yaml(path: Path):
    """A data file, parsed once per version (hooks ask for it on every page).
    Shared between callers: read it, never change it."""
    return _parse_yaml(path, path.stat().st_mtime_ns)


def site_languages(config) -> tuple[list[str], str]:
    """The i18n plugin's locales (as listed in mkdocs.yml) and the default one."""
    languages = config.plugins["i18n"].config.languages
    return [lang.locale for lang in languages], next(
        lang.locale for lang in languages if lang.default
    )


def url_prefix(lang: str, default: str) -> str:
    """Where a language is published: '' for the default one, 'en/' for English."""
    return "" if lang == default else f"{lang}/"


def load_structure(path: Path = STRUCTURE_FILE) -> list[PageSpec]:
    """The required pages and question ids, in order, from data/faq.yml."""
    return [
        PageSpec(
            p["file"],
            list(p["questions"]),
            p.get("cites_sources", True),
            list(p.get("howto") or []),
            p.get("kind", "question"),
        )
        for p in read_yaml(path)["pages"]
    ]


def page_questions(page) -> list[Question]:
    """A MkDocs page's questions, parsed once and kept on the page."""
    if not hasattr(page, "faq_questions"):
        page.faq_questions = questions(page.file.content_string) if page.file.abs_src_path else []
    return page.faq_questions


_INLINE_MARKUP = [
    (re.compile(r"\[\^[^\]]+\]"), ""),  # citations
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?"), r"\1"),  # links keep their text
    (re.compile(r"(\*\*|__|\*|_|`)(.+?)\1"), r"\2"),  # emphasis, code
]
_BLOCK_MARKUP = [
    (re.compile(r"^\s*</?[a-zA-Z][^>]*>\s*$", re.M), ""),  # lines that are only a tag
    (re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s*\w+(?:\s+"([^"]*)")?\s*$', re.M), r"\1"),  # admonitions
    (re.compile(r"^\s*(?:#{1,6}|[-*+>]|\d+\.)\s+", re.M), ""),  # headings, lists, quotes
]


def plain_text(markdown: str) -> str:
    """Markdown as one line of plain text: no markup, no citations."""
    for pattern, replacement in _BLOCK_MARKUP + _INLINE_MARKUP:
        markdown = pattern.sub(replacement, markdown)
    return " ".join(markdown.split())


def page_spec(page) -> PageSpec | None:
    """The data/faq.yml entry of a MkDocs page ('en/opt-out.md' -> opt-out.md), if any."""
    src = page.file.src_uri.split("/", 1)[-1]
    return next((spec for spec in load_structure() if spec.file == src), None)


def load_sources(path: Path = SOURCES_FILE) -> dict[str, dict]:
    """Every citable source, by id, from data/sources.yml."""
    return read_yaml(path) or {}


def body_start_line(text: str) -> int:
    """1-based line where the Markdown body starts (after the front matter)."""
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        for index, line in enumerate(lines[1:], start=1):
            if line.strip() in ("---", "..."):
                return index + 2
    return 1


def source_lines(text: str):
    """Yield (line_number, line, in_code) for the body, tracking code fences."""
    start = body_start_line(text)
    fence = None
    for number, line in enumerate(text.splitlines()[start - 1 :], start=start):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * 3
            yield number, line, True
            continue
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            yield number, line, True
            continue
        yield number, line, False


def headings(text: str) -> list[Heading]:
    """Every ATX heading of the body, outside code, with its explicit id."""
    found = []
    for number, line, in_code in source_lines(text):
        if in_code or not line.startswith("#"):
            continue
        match = _HEADING.match(line)
        if not match:
            continue
        hashes, title, attrs = match.groups()
        id_match = _ID_ATTR.search(attrs or "")
        found.append(Heading(len(hashes), title.strip(), id_match and id_match.group(1), number))
    return found


def questions(text: str) -> list[Question]:
    """The page's level-2 headings with the Markdown that answers each."""
    h2_lines = {h.line: h for h in headings(text) if h.level == 2}
    stops = {h.line for h in headings(text) if h.level <= 2}
    found: list[Question] = []
    current = None
    for number, line, _ in source_lines(text):
        if number in stops:
            current = None
        if number in h2_lines:
            heading = h2_lines[number]
            current = Question(heading.id, heading.title, number)
            found.append(current)
        elif current is not None:
            current.answer.append(line)
    return found
