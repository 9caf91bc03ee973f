"""Every check of every page of every language, before anything is built.

Editors get every mistake at once, one `file:line: what` per line: a missing
page or translation; required questions (data/faq.yml) missing, renamed,
duplicated, out of order or unanswered; front matter; unsafe or inaccessible
Markdown (markdown_rules); citations and sources (citations); French spacing
in another language's page (typography); interface strings missing in a
language (data/ui.yml); the change log (changelog); the list of
data protection authorities (authorities). The plugin runs them once
per build; the tests call `project_problems` on broken copies of the project.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from pathlib import Path

import yaml

from . import authorities, changelog, citations, markdown_rules, typography, verdicts
from .context import BuildContext
from .source import PageSpec, SourcePage

# libyaml's composer when PyYAML has it: only the node tree (with lines) is needed.
ComposeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def front_matter_problems(page: SourcePage, today: dt.date) -> list[str]:
    """A `description` (search engines, link previews) and a `reviewed` date
    (YYYY-MM-DD, not in the future); no `sources` (they are cited inline)."""
    path, meta = page.rel, page.meta
    if page.meta_error:
        return [f"{path}:1: front matter is not valid YAML: {page.meta_error}"]
    problems = []
    description = meta.get("description")
    if not isinstance(description, str) or not description.strip():
        problems.append(f"{path}: front matter needs a non-empty 'description'")
    reviewed = meta.get("reviewed")
    if isinstance(reviewed, str):  # quoted: "2026-11-28"
        with contextlib.suppress(ValueError):
            reviewed = dt.date.fromisoformat(reviewed)
    if reviewed is None:
        problems.append(f"{path}: front matter needs a 'reviewed' date (YYYY-MM-DD)")
    elif not isinstance(reviewed, dt.date):
        problems.append(f"{path}: 'reviewed: {reviewed}' is not a date (YYYY-MM-DD)")
    elif reviewed > today:
        problems.append(f"{path}: 'reviewed: {reviewed}' is in the future")
    if "sources" in meta:
        problems.append(
            f"{path}: remove 'sources' from the front matter: a page's sources are the "
            "ones its answers cite ([^source-id])"
        )
    return problems


def question_problems(page: SourcePage, required: list[str]) -> list[str]:
    """A page's questions compared with its required ids: each once, in order, answered."""
    problems = []
    seen: dict[str, int] = {}
    for question in page.questions:
        where = f"{page.rel}:{question.line}"
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
            f"{page.rel}: required question id '{missing}' is missing (listed in data/faq.yml)"
        )
    present = [q for q in seen if q in required]
    expected = [q for q in required if q in seen]
    if not problems and present != expected:
        problems.append(
            f"{page.rel}: questions are out of order: found {', '.join(present)}; "
            f"data/faq.yml wants {', '.join(expected)}"
        )
    return problems


def translation_problems(ctx: BuildContext) -> list[str]:
    """Every language has every page (so i18n never publishes a fallback)."""
    problems = []
    pages = {lang: set(ctx.page_names(lang)) for lang in ctx.languages}
    required = [spec.file for spec in ctx.structure]
    for lang in ctx.languages:
        for name in required:
            if name not in pages[lang]:
                problems.append(
                    f"{ctx.rel(ctx.docs_dir / lang / name)}: missing; "
                    "data/faq.yml requires this page in every language"
                )
        for other in ctx.languages:
            for name in sorted(pages[other] - pages[lang] - set(required)):
                problems.append(
                    f"{ctx.rel(ctx.docs_dir / lang / name)}: missing translation of "
                    f"{ctx.rel(ctx.docs_dir / other / name)}"
                )
    return problems


def ui_problems(ctx: BuildContext) -> list[str]:
    """Every language has every interface string any language has."""
    reference = {key for lang in ctx.languages for key in ctx.ui.get(lang) or {}}
    problems = []
    for lang in ctx.languages:
        missing = sorted(reference - set(ctx.ui.get(lang) or {}))
        if missing:
            problems.append(
                f"{ctx.rel(ctx.files['ui'])}: language '{lang}' lacks interface strings: "
                f"{', '.join(missing)}"
            )
    return problems


# A paragraph of this many words, the same in two languages, was not written
# in the second one (a page copied to start a translation, and forgotten).
BORROWED_PARAGRAPH_WORDS = 8


def borrowed_text_problems(ctx: BuildContext) -> list[str]:
    """`file:line` of each paragraph that is another language's, word for word."""
    problems = []
    for index, lang in enumerate(ctx.languages):
        for name in ctx.page_names(lang):
            for other in ctx.languages[:index]:
                if name not in ctx.page_names(other):
                    continue
                theirs = {text for _, text in _paragraphs(ctx.page(other, name))}
                for line, text in _paragraphs(ctx.page(lang, name)):
                    if text in theirs:
                        problems.append(
                            f"{ctx.page(lang, name).rel}:{line}: this paragraph is the "
                            f"'{other}' text word for word ({text[:50]!r}…): each "
                            "language needs its own"
                        )
    return problems


def _paragraphs(page: SourcePage) -> list[tuple[int, str]]:
    """(first line, text) of each paragraph of prose with enough words to be a sentence."""
    groups: list[tuple[int, list[str]]] = []
    previous = None
    for number, line in page.prose(code="x"):
        if not line.strip():
            previous = None
            continue
        if previous is None or number != previous + 1:
            groups.append((number, []))
        groups[-1][1].append(line.strip())
        previous = number
    texts = [(line, " ".join(lines)) for line, lines in groups]
    return [
        (line, text) for line, text in texts if len(_WORD.findall(text)) >= BORROWED_PARAGRAPH_WORDS
    ]


# A string of this many words, the same in two languages, was copied, not
# written: "Menu" or "Question" may be the same word, a sentence never is.
BORROWED_MIN_WORDS = 3
_WORD = re.compile(r"(?<![{\w])[^\W\d_]{2,}(?![\w}])")


def borrowed_ui_problems(ctx: BuildContext) -> list[str]:
    """An interface string that is another language's, word for word: a page
    would speak the wrong language (a translator copied the block and missed it)."""
    problems = []
    where = ctx.rel(ctx.files["ui"])
    for index, lang in enumerate(ctx.languages):
        for other in ctx.languages[:index]:
            for key, value in (ctx.ui.get(lang) or {}).items():
                if key in {"locale", "language_name"} or not isinstance(value, str):
                    continue
                if value == (ctx.ui.get(other) or {}).get(key) and (
                    len(_WORD.findall(value)) >= BORROWED_MIN_WORDS
                ):
                    problems.append(
                        f"{where}: '{key}' in '{lang}' is the '{other}' text word for word "
                        f"({value[:60]!r}): each language needs its own"
                    )
    return problems


def publisher_problems(ctx: BuildContext, where: str, lines: dict[str, int]) -> list[str]:
    """A source's `publisher` is one name for every language, or one per
    language (`fr:`, `en:`) so a page never shows another language's gloss."""
    problems = []
    for key, source in ctx.sources.items():
        publisher = (source or {}).get("publisher")
        if not isinstance(publisher, dict):
            continue
        missing = [lang for lang in ctx.languages if not publisher.get(lang)]
        if missing:
            problems.append(
                f"{where}:{lines.get(key, '?')}: source '{key}' has no publisher in "
                f"{', '.join(missing)}: give every language's name, or one plain name"
            )
    return problems


def howto_problems(structure: list[PageSpec]) -> list[str]:
    """A `howto:` id of data/faq.yml must be one of its page's questions."""
    return [
        f"data/faq.yml: howto '{qid}' of {spec.file} is not one of its questions"
        for spec in structure
        for qid in spec.howto
        if qid not in spec.questions
    ]


def page_problems(
    page: SourcePage, spec: PageSpec | None, known: set[str], today, verdict_labels=None
) -> list[str]:
    """Everything an editor can get wrong in one Markdown file."""
    problems = front_matter_problems(page, today)
    if page.meta_error:
        return problems
    problems += markdown_rules.markdown_problems(page)
    problems += typography.markdown_problems(page)
    if spec is not None:
        problems += question_problems(page, spec.questions)
        if spec.kind == "rumour":
            problems += verdicts.problems(page, verdict_labels or {})
    must_cite = spec is not None and spec.cites_sources
    problems += citations.citation_problems(page, known, answers_must_cite=must_cite)
    return problems


def duplicate_key_problems(path: Path, where: str) -> list[str]:
    """A key written twice in one entry of a data file. YAML keeps the last
    one without a word: a source's lines pasted into the one above it once
    gave that source another's address and date."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=ComposeLoader)
    except (OSError, yaml.YAMLError):
        return []  # reported where the file is read
    problems, nodes, seen = [], [root] if root is not None else [], set()
    while nodes:
        node = nodes.pop()
        if id(node) in seen:  # an alias: the same node again
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            nodes += node.value
        if not isinstance(node, yaml.MappingNode):
            continue
        first: dict[tuple[str, str], int] = {}
        for key, value in node.value:
            nodes.append(value)
            if not isinstance(key, yaml.ScalarNode):
                continue
            line = key.start_mark.line + 1
            name = (key.tag, key.value)  # `1:` and `'1':` are two keys
            if name in first:
                problems.append(
                    f"{where}:{line}: '{key.value}' is given twice in the same entry (first at "
                    f"line {first[name]}); only this one would count: remove one"
                )
            first.setdefault(name, line)
    return sorted(problems, key=lambda problem: int(problem.split(":")[1]))


def context_problems(ctx: BuildContext, today: dt.date | None = None) -> list[str]:
    """Every content mistake of the project the context was made from."""
    today = today or dt.date.today()
    sources_file = ctx.files["sources"]
    lines = citations.key_lines(sources_file)
    where = ctx.rel(sources_file)
    pages = {lang: ctx.pages(lang) for lang in ctx.languages}
    problems = [
        problem
        for path in dict.fromkeys(ctx.files.values())
        for problem in duplicate_key_problems(path, ctx.rel(path))
    ]
    problems += translation_problems(ctx)
    problems += ui_problems(ctx)
    problems += borrowed_ui_problems(ctx)
    problems += borrowed_text_problems(ctx)
    problems += howto_problems(ctx.structure)
    structure = ctx.files["structure"]
    problems += verdicts.data_problems(ctx.verdicts, ctx.languages, structure, ctx.rel(structure))
    problems += citations.sources_problems(ctx.sources, where, lines)
    problems += publisher_problems(ctx, where, lines)
    problems += citations.uncited_sources(
        pages, ctx.sources, where, lines, lambda lang: ctx.rel(ctx.docs_dir / lang)
    )
    for lang in ctx.languages:
        for page in pages[lang]:
            problems += page_problems(
                page, ctx.spec(page.name), set(ctx.sources), today, ctx.verdicts
            )
    problems += changelog.changelog_problems(ctx, today)
    problems += ctx.authorities_problems
    problems += authorities.note_problems(
        ctx.authorities, ctx.languages, ctx.rel(ctx.files["authorities"])
    )
    return problems


def project_problems(root: Path, docs_dir: Path, languages: list[str], today=None) -> list[str]:
    """Every content mistake in a project (its data/ and docs folders)."""
    return context_problems(BuildContext.load(root, docs_dir, languages), today)
