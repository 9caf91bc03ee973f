"""Inline citations from data/sources.yml, and links to Meta's forms from the same file.

Editors cite a source right after the claim with a footnote reference whose
label is a source id: `Training began on 27 May 2025.[^meta-newsroom-2025-04]`.
The checks hold every reference to data/sources.yml and require at least one
in every answer (unless data/faq.yml says the page need not cite); every
source must be cited in every language (or in each of its `editions`) and
carry its fields and an https URL. While building, the page's Markdown gets
the footnote definitions, rendered in its language by overrides/partials/cited-source.html, under a
"Sources" heading: a page's source list is what it cites.
`[text](source:meta-form-instagram)` links to a source's URL, so each form
address is written once.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .source import CODE_SPAN, SourcePage

FOOTNOTES_MARKER = "///Footnotes Go Here///"  # python-markdown's footnotes PLACE_MARKER
_CITATION = re.compile(r"\[\^([^\]\s]+)\]")
_SOURCE_LINK = re.compile(r"\]\(source:([^)\s]*)\)")

SEARCH_IGNORED = "data-pagefind-ignore=all"  # the sources heading: not an excerpt
WORD_JOINER = "\u2060"  # no line break on either side
REQUIRED_FIELDS = ("publisher", "title", "lang", "url")


def _is_date(value) -> bool:
    if isinstance(value, dt.date):
        return True
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def key_lines(path: Path) -> dict[str, int]:
    """Line of each top-level key of a YAML file (for file:line messages)."""
    lines = {}
    if path.is_file():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = re.match(r"^([A-Za-z0-9][\w.-]*):", line)
            if match:
                lines.setdefault(match.group(1), number)
    return lines


def sources_problems(sources: dict, where: str, lines: dict[str, int]) -> list[str]:
    """Every source needs publisher, title, language, an https URL, and a
    publication date or (for documents without one) an access date."""
    problems = []
    for key, source in sources.items():
        source = source or {}
        at = f"{where}:{lines.get(key, '?')}"
        missing = [f for f in REQUIRED_FIELDS if not source.get(f)]
        if missing:
            problems.append(f"{at}: source '{key}' lacks {', '.join(missing)}")
        if not (source.get("date") or source.get("accessed")):
            problems.append(f"{at}: source '{key}' needs a 'date' (published) or 'accessed'")
        for name in ("date", "accessed"):
            if source.get(name) and not _is_date(source[name]):
                problems.append(f"{at}: source '{key}' has a bad {name} (use YYYY-MM-DD)")
        url = str(source.get("url") or "")
        if url and not url.startswith("https://"):
            problems.append(f"{at}: source '{key}' has an insecure URL '{url}': use https://")
    return problems


def cited_ids(page: SourcePage) -> list[tuple[int, str]]:
    """(line, id) of every citation and source: link in a page's body, outside code."""
    found = []
    for number, prose in page.prose():
        found += [(number, key) for key in _CITATION.findall(prose)]
        found += [(number, key) for key in _SOURCE_LINK.findall(prose)]
    return found


def citation_problems(page: SourcePage, known: set[str], answers_must_cite: bool) -> list[str]:
    """Unknown ids anywhere; with `answers_must_cite`, answers that cite nothing."""
    problems = [
        f"{page.rel}:{line}: unknown source '{key}' (not an id of data/sources.yml)"
        for line, key in cited_ids(page)
        if key not in known
    ]
    if answers_must_cite:
        for question in page.questions:
            if not _CITATION.search(CODE_SPAN.sub("", question.answer_text)):
                problems.append(
                    f"{page.rel}:{question.line}: answer '{question.id}' cites no source; add "
                    "[^source-id] after the claim it supports"
                )
    return problems


def editions(source: dict, languages) -> list[str]:
    """The languages whose pages cite a source: all of them, unless the source
    lists `editions` (a document in its readers' language, cited beside the
    original that every edition cites)."""
    return list(source.get("editions") or languages)


def uncited_sources(
    pages: dict[str, list[SourcePage]], sources: dict, where: str, lines: dict[str, int], rel
) -> list[str]:
    """Sources that a page of a language should cite and none does, or that a
    page cites outside the source's `editions` (`pages` by language)."""
    problems = []
    citing_lines: dict[tuple[str, str], list[str]] = {}  # (language, id) -> ["file:line"]
    for language, language_pages in pages.items():
        for page in language_pages:
            for line, cited in cited_ids(page):
                citing_lines.setdefault((language, cited), []).append(f"{page.rel}:{line}")
    for key, source in sources.items():
        at = f"{where}:{lines.get(key, '?')}"
        wanted = editions(source or {}, pages)
        unknown = [lang for lang in wanted if lang not in pages]
        if unknown:
            problems.append(
                f"{at}: source '{key}' lists editions {unknown} that the site does not have "
                f"(languages: {', '.join(pages)})"
            )
        for language in pages:
            citing = citing_lines.get((language, key), [])
            if language in wanted and not citing:
                problems.append(
                    f"{at}: source '{key}' is cited by no page in {rel(language)}/: "
                    "cite it or remove it"
                )
            elif language not in wanted and citing:
                problems.append(
                    f"{citing[0]}: source '{key}' is only for the {', '.join(wanted)} "
                    f"edition (data/sources.yml `editions`): cite another source here, "
                    "or add this language to its editions"
                )
    return problems


def add_sources(markdown: str, sources: dict, heading: str, env) -> str:
    """The page's Markdown with `source:` links resolved and its cited sources
    as footnotes under a "Sources" heading (the checks ran before the build)."""
    markdown = _SOURCE_LINK.sub(lambda m: f"]({sources[m.group(1)]['url']})", markdown)
    body = SourcePage("", "", "", markdown)  # a FAQ page's body, or a share page's
    ids = list(dict.fromkeys(key for _, key in cited_ids(body) if key in sources))
    ids = [key for key in ids if f"[^{key}]" in markdown]  # footnotes, not plain links
    if not ids:
        return markdown
    template = env.get_template("partials/cited-source.html")
    definitions = [
        f"[^{key}]: " + " ".join(template.render(source=sources[key]).split()) for key in ids
    ]
    return (
        f"{markdown}\n\n## {heading} {{#page-sources {SEARCH_IGNORED}}}\n\n"
        f"{FOOTNOTES_MARKER}\n\n" + "\n".join(definitions)
    )


class CitationMarkup(Treeprocessor):
    """The citations as a thumb and a screen reader need them (issue 17).

    Runs after python-markdown's footnotes (their duplicate back-links are
    added at priority 15): each marker is joined to the word before it by a
    word joiner (U+2060: no line break on either side, so "[1]" never starts
    a line, and "[6][7]" stays together) and named "source 1: publisher";
    each note keeps one back-link, to the first mention, named in words in
    the page's language; markers and notes are kept out of Pagefind's index.
    """

    def __init__(self, md, sources: dict, ui: dict):
        super().__init__(md)
        self.sources, self.ui = sources, ui

    def run(self, root):
        for sup in root.iter("sup"):
            link = next(iter(sup), None)
            if link is None or link.get("class") != "footnote-ref":
                continue
            key = link.get("href", "").removeprefix("#fn:")
            number = (link.text or "").strip("[]")
            publisher = (self.sources.get(key) or {}).get("publisher", "")
            sup.text = WORD_JOINER + (sup.text or "")
            sup.set("data-pagefind-ignore", "all")
            link.set("aria-label", self.ui["citation_name"].format(number, publisher))
        for notes in root.iter("div"):
            if notes.get("class") != "footnote":
                continue
            notes.set("data-pagefind-ignore", "all")
            for number, item in enumerate(notes.iter("li"), start=1):
                kept = False
                for parent in list(item.iter()):
                    for child in list(parent):
                        if child.tag != "a" or child.get("class") != "footnote-backref":
                            continue
                        if kept:  # "back to the 3rd mention" eight times is noise
                            _remove(parent, child)
                            continue
                        kept = True
                        child.attrib.pop("title", None)
                        child.text = self.ui["citation_back"].format(number)
        return None


def _remove(parent, child) -> None:
    """Drop `child` from `parent`, keeping the text after it."""
    if child.tail:
        index = list(parent).index(child)
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


class CitationExtension(Extension):
    def __init__(self, sources: dict):
        super().__init__()
        self.sources = sources
        self.ui: dict = {}

    def extendMarkdown(self, md):
        md.treeprocessors.register(CitationMarkup(md, self.sources, self.ui), "faq-citations", 5)
