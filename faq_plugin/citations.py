"""Inline citations from data/sources.yml, and links to Meta's forms from the same file.

Editors cite a source right after the claim with a footnote reference whose
label is a source id: `Training began on 27 May 2025.[^meta-newsroom-2025-04]`.
The checks hold every reference to data/sources.yml and require at least one
in every answer (unless data/faq.yml says the page need not cite); every
source must be cited in every language (or in each of its `editions`) and
carry its fields and an https URL. While building, each reference becomes a
numbered marker, and the page gets a "Sources" heading with a note for each
source it cites, in its language (overrides/partials/cited-source.html): a
page's source list is what it cites. This extension does it, not
python-markdown's footnotes: notes written as footnote definitions made
Markdown read every note's HTML again on every page, a third of the build's
Markdown time.
`[text](source:meta-form-instagram)` links to a source's URL, so each form
address is written once.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from .source import CODE_SPAN, SourcePage

_CITATION = re.compile(r"\[\^([^\]\s]+)\]")
_SOURCE_LINK = re.compile(r"\]\(source:([^)\s]*)\)")

SOURCES_ID = "page-sources"  # the "Sources" heading's id: the notes follow it
WORD_JOINER = "\u2060"  # no line break on either side
NBSP = "\u00a0"
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


def resolve_source_links(markdown: str, sources: dict) -> str:
    """`[text](source:id)` -> the source's URL (the checks ran before the build)."""
    return _SOURCE_LINK.sub(lambda m: f"]({sources[m.group(1)]['url']})", markdown)


class CitationPattern(InlineProcessor):
    """`[^source-id]` -> a marker; CitationMarkup numbers it in page order."""

    def __init__(self, sources: dict):
        super().__init__(_CITATION.pattern)
        self.sources = sources

    def handleMatch(self, m, data):
        key = m.group(1)
        if key not in self.sources:
            return None, None, None  # the checks report it; left as typed
        sup = etree.Element("sup")
        link = etree.SubElement(sup, "a", {"class": "footnote-ref", "href": f"#fn:{key}"})
        link.text = key  # numbered by CitationMarkup
        return sup, m.start(0), m.end(0)


class CitationMarkup(Treeprocessor):
    """The citations as a thumb and a screen reader need them (issue 17).

    Numbers the markers in the order of the page (the inline pass does not
    meet the text in that order), joins each to the word before it by a word
    joiner (U+2060: no line break on either side, so "[1]" never starts a
    line, and "[6][7]" stays together) and names it "source 1: publisher",
    in the page's language. Then ends the page with a "Sources" heading
    (`ui["page_sources"]`, id SOURCES_ID; before the toc extension, so the
    table of contents has it) and the notes: each source once, drawn by
    overrides/partials/cited-source.html (`note_html`; kept raw, as Markdown
    has nothing to read in it), with one back-link, to the first mention,
    named in words. A page that cites nothing gets neither. The heading and
    the markers and notes are kept out of Pagefind's index. The markup is that of python-markdown's
    footnotes (ids fn:<id> and fnref:<id>, classes footnote-ref and
    footnote-backref), which Material styles.
    """

    def __init__(self, md, extension: CitationExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        ui, sources = self.extension.ui, self.extension.sources
        numbers: dict[str, int] = {}  # source id -> its number, in page order
        mentions: dict[str, int] = {}  # source id -> mentions so far
        for sup in root.iter("sup"):
            link = next(iter(sup), None)
            if link is None or link.get("class") != "footnote-ref":
                continue
            key = link.get("href", "").removeprefix("#fn:")
            number = numbers.setdefault(key, len(numbers) + 1)
            mentions[key] = mention = mentions.get(key, 0) + 1
            sup.set("id", f"fnref:{key}" if mention == 1 else f"fnref{mention}:{key}")
            sup.set("data-pagefind-ignore", "all")
            sup.text = WORD_JOINER
            link.text = f"[{number}]"  # [1][2], never "12" for two side by side
            publisher = in_language(sources[key].get("publisher"), self.extension.language)
            link.set("aria-label", ui["citation_name"].format(number, publisher))
        if numbers:
            self._add_notes(root, numbers)
        return None

    def _add_notes(self, root, numbers: dict[str, int]) -> None:
        notes = etree.Element("div", {"class": "footnote", "data-pagefind-ignore": "all"})
        notes.text = "\n"  # one element a line, as python-markdown writes them
        etree.SubElement(notes, "hr").tail = "\n"
        listing = etree.SubElement(notes, "ol")
        listing.text = listing.tail = "\n"
        for key, number in numbers.items():
            item = etree.SubElement(listing, "li", {"id": f"fn:{key}"})
            item.tail = "\n"
            paragraph = etree.SubElement(item, "p")
            paragraph.text = self.md.htmlStash.store(self.extension.note_html(key)) + NBSP
            back = etree.SubElement(
                paragraph, "a", {"class": "footnote-backref", "href": f"#fnref:{key}"}
            )
            back.text = self.extension.ui["citation_back"].format(number)
        heading = etree.SubElement(root, "h2", {"id": SOURCES_ID, "data-pagefind-ignore": "all"})
        heading.text = self.extension.ui["page_sources"]
        heading.tail = "\n"
        root.append(notes)


def in_language(value, language: str):
    """A data value given per language (a source's `publisher`), or one for all."""
    return value.get(language) if isinstance(value, dict) else value


class CitationExtension(Extension):
    """Citations for every page of a build; the plugin sets, for each
    language, `language`, `ui` (data/ui.yml) and `note_html` (a source id ->
    its note, in that language)."""

    def __init__(self, sources: dict):
        super().__init__()
        self.sources = sources
        self.language = ""
        self.ui: dict = {}
        self.note_html = lambda key: ""

    def extendMarkdown(self, md):
        # Before links (160), as python-markdown's footnotes: "[^a]" is not a link.
        md.inlinePatterns.register(CitationPattern(self.sources), "faq-citation", 175)
        # After the inline pass (20), before the toc extension (5): the
        # "Sources" heading it adds is in the table of contents.
        md.treeprocessors.register(CitationMarkup(md, self), "faq-citations", 7)
