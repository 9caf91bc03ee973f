"""One model of a Markdown source page, and the data files it is checked against.

Every part of the build that reads a page (the checks, the cards, the share
pages, the change log) reads it through `SourcePage`: the front matter as
MkDocs itself parses it (`mkdocs.utils.meta.get_data`), the body's line
numbers (so every message says `file:line`), its headings, its questions and
their answers. What counts as code (fences and spans) is defined here once.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import YAML_RE, get_data

# "## Question? {#the-id}" (attr_list syntax, other attributes allowed).
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{\s*([^}]*)\})?\s*#*\s*$")
_ID_ATTR = re.compile(r"(?:^|\s)#([^\s}]+)")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
# Inline code, as Markdown reads it: a run of backticks to the same run.
CODE_SPAN = re.compile(r"(`+).*?\1")
# Not after a day number: German writes dates "27. Mai 2025".
_SENTENCE_END = re.compile(r"(?<=[.!?…])(?<!\b\d\.)(?<!\b\d\d\.)\s+(?=[A-ZÀ-ÖØ-Þ«“„\"(0-9])")


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

    @property
    def first_text_line(self) -> int:
        """The line where the answer's text starts (its first sentence)."""
        for offset, line in enumerate(self.answer, start=1):
            if line.strip():
                return self.line + offset
        return self.line


@dataclass
class PageSpec:
    """A page of data/faq.yml: its required questions, in order."""

    file: str
    questions: list[str]
    # Pages about the site itself (sources, method) need not cite sources.
    cites_sources: bool = True
    howto: list[str] = field(default_factory=list)  # answered step by step
    kind: str = "question"  # the other questions' kind of card: question, rumour

    def card_kind(self, question_id: str) -> str:
        return "howto" if question_id in self.howto else self.kind


@dataclass
class SourcePage:
    """A Markdown file of docs/<language>/, read once."""

    rel: str  # the path shown in messages ('docs/en/opt-out.md')
    language: str
    name: str  # the page, the same in every language ('opt-out.md')
    text: str

    @classmethod
    def read(cls, path: Path, rel: str, language: str, name: str) -> SourcePage:
        return cls(rel, language, name, path.read_text(encoding="utf-8"))

    @functools.cached_property
    def _front(self) -> tuple[dict, int, str | None]:
        body, meta = get_data(self.text)
        error = None
        match = YAML_RE.match(self.text)
        if match and not meta:  # MkDocs ignores front matter it cannot read: we say why
            try:
                yaml.safe_load(match.group(1))
            except yaml.YAMLError as problem:
                error = " ".join(str(problem).split())
        start = self.text.count("\n", 0, len(self.text) - len(body)) + 1 if match else 1
        return meta, start, error

    @property
    def meta(self) -> dict:
        return self._front[0]

    @property
    def body_start(self) -> int:
        """1-based line where the Markdown body starts (after the front matter)."""
        return self._front[1]

    @property
    def meta_error(self) -> str | None:
        return self._front[2]

    def meta_line(self, key: str) -> int:
        """The line of a front matter key (1 if absent)."""
        for number, line in enumerate(self.text.splitlines()[: self.body_start], start=1):
            if line.startswith(f"{key}:"):
                return number
        return 1

    @functools.cached_property
    def lines(self) -> list[tuple[int, str, bool]]:
        """(line number, line, in code) for the body, tracking code fences."""
        found = []
        fence = None
        start = self.body_start
        for number, line in enumerate(self.text.splitlines()[start - 1 :], start=start):
            match = _FENCE.match(line)
            if fence is None and match:
                fence = match.group(1)[0] * 3
                found.append((number, line, True))
            elif fence is not None:
                if line.strip().startswith(fence):
                    fence = None
                found.append((number, line, True))
            else:
                found.append((number, line, False))
        return found

    def prose(self, code: str = "") -> list[tuple[int, str]]:
        """(line number, line) outside code fences, with inline code replaced by `code`."""
        return [(n, CODE_SPAN.sub(code, line)) for n, line, in_code in self.lines if not in_code]

    @functools.cached_property
    def headings(self) -> list[Heading]:
        """Every ATX heading of the body, outside code, with its explicit id."""
        found = []
        for number, line, in_code in self.lines:
            if in_code or not line.startswith("#"):
                continue
            match = _HEADING.match(line)
            if match:
                hashes, title, attrs = match.groups()
                id_match = _ID_ATTR.search(attrs or "")
                found.append(
                    Heading(len(hashes), title.strip(), id_match and id_match.group(1), number)
                )
        return found

    @property
    def title(self) -> Heading | None:
        return next((h for h in self.headings if h.level == 1), None)

    @functools.cached_property
    def questions(self) -> list[Question]:
        """The level-2 headings with the Markdown that answers each."""
        h2 = {h.line: h for h in self.headings if h.level == 2}
        stops = {h.line for h in self.headings if h.level <= 2}
        found: list[Question] = []
        current = None
        for number, line, _ in self.lines:
            if number in stops:
                current = None
            if number in h2:
                current = Question(h2[number].id, h2[number].title, number)
                found.append(current)
            elif current is not None:
                current.answer.append(line)
        return found


def headings(text: str) -> list[Heading]:
    """The headings of a Markdown text (a page, or a share page being made)."""
    return SourcePage("", "", "", text).headings


# libyaml's loader when PyYAML has it (as MkDocs does): the data files are read on every build.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=32)
def _parse_yaml(path: Path, mtime_ns: int):  # mtime_ns: a new version is parsed again
    return yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)


def read_yaml(path: Path):
    """A data file, parsed once per version. Shared: read it, never change it."""
    return _parse_yaml(path, path.stat().st_mtime_ns)


def load_structure(path: Path) -> list[PageSpec]:
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


def first_paragraph(answer_markdown: str) -> str:
    """The answer's opening paragraph: the short answer every answer starts with."""
    paragraph: list[str] = []
    for line in answer_markdown.strip().splitlines():
        if not line.strip():
            if paragraph:
                break
            continue
        paragraph.append(line)
    return "\n".join(paragraph)


def first_sentence(answer_markdown: str) -> str:
    """The answer's first sentence (editors make it stand alone), with the next
    one when it is only a verdict ("False.", "Vrai.")."""
    sentences = _SENTENCE_END.split(plain_text(first_paragraph(answer_markdown)))
    text = sentences[0]
    if len(text.split()) == 1 and len(sentences) > 1:
        text += " " + sentences[1]
    return text
