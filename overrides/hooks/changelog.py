"""Publish the change log of data/changes.yml: "last updated" lines, updates page, feeds.

Each entry of data/changes.yml records one correction or new answer:

    - date: 2026-11-29
      page: data.md
      questions: [legal-basis]
      fr: Correction : …
      en: Correction: …

with one text per language of the i18n plugin (the key is the locale). The
build:

- stops on a bad entry (`change_problems`): a missing or malformed date, or
  one in the future; a page that is not in docs/; a question id that
  data/faq.yml does not list for that page; a missing text for a language; an
  unknown field. And on a page whose `reviewed` date is older than one of its
  changes (`reviewed_problems`), naming both files. The content_checks hook
  runs these (`changelog_problems`) with every other check, before the build;
- gives every page `updated` (its newest change, else its `reviewed` date)
  and the link to the updates page, for overrides/partials/reviewed.html;
- replaces `<!-- changes:all -->` (on updates.md) with every change, newest
  first, in the page's language (overrides/partials/changes-list.html);
- writes one Atom feed per language with feedgen: /feed.xml for the default
  language, /<lang>/feed.xml for the others, one entry per change linking to
  the changed question. overrides/partials/feed-link.html links each page's
  head to its language's feed.

The check functions take plain data, so tests can feed them broken input.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml
from faq_source import (
    PROJECT_ROOT,
    STRUCTURE_FILE,
    body_start_line,
    headings,
    load_structure,
    plain_text,
    questions,
    site_languages,
)
from faq_templates import page_env, ui_strings
from feedgen.feed import FeedGenerator
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

CHANGES_FILE = PROJECT_ROOT / "data" / "changes.yml"
UPDATES_PAGE = "updates.md"  # the page that lists every change, in each language
CHANGES_MARKER = "<!-- changes:all -->"
FEED_FILE = "feed.xml"
FIELDS = ("date", "page", "questions")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Change:
    """One entry of data/changes.yml, as written (strings), with its line numbers."""

    line: int  # 1-based line of the entry's first field
    fields: dict = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # field name -> line

    @property
    def date(self) -> dt.date | None:
        value = self.fields.get("date")
        if isinstance(value, str) and _ISO_DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return None
        return None

    @property
    def page(self) -> str:
        return self.fields.get("page") or ""

    @property
    def questions(self) -> list[str]:
        value = self.fields.get("questions") or []
        return value if isinstance(value, list) else []

    def text(self, language: str) -> str:
        return self.fields.get(language) or ""

    def where(self, name: str | None = None) -> int:
        return self.lines.get(name, self.line)


def parse_changes(text: str, path: str = "data/changes.yml") -> tuple[list[Change], list[str]]:
    """The entries of a change log, and the problems of its shape (`path:line: what`).

    Every value is read as a string (YAML's BaseLoader), so a malformed date
    is reported here with its line instead of failing inside the YAML parser.
    """
    try:
        root = yaml.compose(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        return [], [f"{path}{line}: not valid YAML ({getattr(error, 'problem', error)})"]
    if root is None:
        return [], []
    if not isinstance(root, yaml.SequenceNode):
        return [], [
            f"{path}:{root.start_mark.line + 1}: must be a list of changes ('- date: …' entries)"
        ]
    changes, problems = [], []
    for item in root.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            problems.append(f"{path}:{line}: a change must be 'date:', 'page:', … fields")
            continue
        change = Change(line)
        for key_node, value_node in item.value:
            key = key_node.value
            change.lines[key] = key_node.start_mark.line + 1
            if isinstance(value_node, yaml.ScalarNode):
                change.fields[key] = value_node.value.strip()
            elif isinstance(value_node, yaml.SequenceNode) and all(
                isinstance(v, yaml.ScalarNode) for v in value_node.value
            ):
                change.fields[key] = [v.value.strip() for v in value_node.value]
            else:
                problems.append(f"{path}:{change.lines[key]}: '{key}' must be text or a list")
        changes.append(change)
    return changes, problems


@functools.lru_cache(maxsize=8)
def _load(path: Path, mtime_ns: int, display: str) -> tuple[list[Change], list[str]]:
    return parse_changes(path.read_text(encoding="utf-8"), display)


def load_changes(
    path: Path = CHANGES_FILE, rel: Callable = os.path.relpath
) -> tuple[list[Change], list[str]]:
    """data/changes.yml, parsed once per version (every page asks for it)."""
    if not path.is_file():
        return [], []
    return _load(path, path.stat().st_mtime_ns, rel(path))


def change_problems(
    changes: list[Change],
    pages: dict[str, list[str]],
    languages: list[str],
    today: dt.date,
    path: str = "data/changes.yml",
) -> list[str]:
    """Problems with the entries: `pages` maps each page of docs/ to its question ids."""
    problems = []
    for change in changes:
        unknown = sorted(set(change.fields) - {*FIELDS, *languages})
        for name in unknown:
            problems.append(
                f"{path}:{change.where(name)}: unknown field '{name}' (a change has "
                f"{', '.join(FIELDS)} and a text per language: {', '.join(languages)})"
            )
        raw_date = change.fields.get("date")
        if not raw_date:
            problems.append(f"{path}:{change.line}: change needs a 'date' (YYYY-MM-DD)")
        elif change.date is None:
            problems.append(
                f"{path}:{change.where('date')}: 'date: {raw_date}' is not a date (YYYY-MM-DD)"
            )
        elif change.date > today:
            problems.append(f"{path}:{change.where('date')}: 'date: {raw_date}' is in the future")
        if not change.page:
            problems.append(f"{path}:{change.line}: change needs a 'page' (a file of docs/)")
        elif not isinstance(change.page, str) or change.page not in pages:
            problems.append(
                f"{path}:{change.where('page')}: unknown page '{change.page}' "
                f"(expected one of: {', '.join(sorted(pages))})"
            )
        elif "questions" in change.fields and not isinstance(change.fields["questions"], list):
            problems.append(
                f"{path}:{change.where('questions')}: 'questions' must be a list of ids, "
                "e.g. [legal-basis]"
            )
        else:
            for question_id in change.questions:
                if question_id not in pages[change.page]:
                    listed = ", ".join(pages[change.page]) or "none"
                    problems.append(
                        f"{path}:{change.where('questions')}: question id '{question_id}' "
                        f"is not on {change.page} (data/faq.yml lists: {listed})"
                    )
        for language in languages:
            if not isinstance(change.fields.get(language), str) or not change.text(language):
                problems.append(
                    f"{path}:{change.line}: change needs a text in '{language}' "
                    f"(a '{language}:' field)"
                )
    return problems


@dataclass
class Reviewed:
    path: str  # the Markdown file, for messages
    line: int  # line of its `reviewed:` field
    date: dt.date


def reviewed_dates(
    docs_dir: Path, languages: list[str], rel: Callable = os.path.relpath
) -> dict[str, list[Reviewed]]:
    """Each page's `reviewed` date in every language, keyed by page file."""
    found: dict[str, list[Reviewed]] = {}
    for language in languages:
        folder = docs_dir / language
        for file in sorted(folder.rglob("*.md")):
            text = file.read_text(encoding="utf-8")
            end = body_start_line(text)
            if end == 1:
                continue
            try:
                meta = yaml.safe_load("\n".join(text.splitlines()[1 : end - 2])) or {}
            except (yaml.YAMLError, ValueError):
                continue  # the front_matter hook reports it
            date = meta.get("reviewed") if isinstance(meta, dict) else None
            if not isinstance(date, dt.date):
                continue
            line = next(
                n
                for n, text_line in enumerate(text.splitlines(), start=1)
                if text_line.startswith("reviewed:")
            )
            page = file.relative_to(folder).as_posix()
            found.setdefault(page, []).append(Reviewed(rel(file), line, date))
    return found


def reviewed_problems(
    changes: list[Change], reviewed: dict[str, list[Reviewed]], path: str = "data/changes.yml"
) -> list[str]:
    """A page whose `reviewed` date is older than one of its changes."""
    problems = []
    for page, files in reviewed.items():
        dated = [c for c in changes if c.page == page and c.date]
        if not dated:
            continue
        newest = max(dated, key=lambda c: c.date)
        for file in files:
            if file.date < newest.date:
                problems.append(
                    f"{file.path}:{file.line}: 'reviewed: {file.date}' is older than the "
                    f"change of {newest.date} to {page} ({path}:{newest.line}); check the "
                    f"page and set 'reviewed: {newest.date}' or later"
                )
    return problems


# --- Pages and their titles ---------------------------------------------------


def page_path(lang: str, default: str, file: str) -> str:
    """Site-relative URL of a page: 'data/', 'en/data/', '' for the home page."""
    prefix = "" if lang == default else f"{lang}/"
    stem = file.removesuffix(".md")
    if stem == "index":
        return prefix
    return f"{prefix}{stem.removesuffix('/index')}/"


def doc_pages(
    docs_dir: Path, language: str, structure_file: Path = STRUCTURE_FILE
) -> dict[str, list[str]]:
    """Every page of docs/<language>/ with the question ids data/faq.yml gives it."""
    required = {spec.file: spec.questions for spec in load_structure(structure_file)}
    folder = docs_dir / language
    return {
        p.relative_to(folder).as_posix(): required.get(p.relative_to(folder).as_posix(), [])
        for p in sorted(folder.rglob("*.md"))
    }


def titles(docs_dir: Path, language: str, page: str) -> tuple[str, dict[str, str]]:
    """A page's title and its questions' titles (plain text), in one language."""
    text = (docs_dir / language / page).read_text(encoding="utf-8")
    title = next((h.title for h in headings(text) if h.level == 1), page)
    return plain_text(title), {q.id: plain_text(q.title) for q in questions(text) if q.id}


def newest_first(changes: list[Change]) -> list[Change]:
    """By date, newest first; of two changes on the same day, the later entry first."""
    order = sorted(enumerate(changes), key=lambda item: (item[1].date, item[0]), reverse=True)
    return [change for _, change in order]


def entries(changes: list[Change], docs_dir: Path, language: str, default: str) -> list[dict]:
    """What the updates page and the feed show for each change, in one language.

    URLs are site-relative ('data/#legal-basis'); callers make them relative
    to a page or absolute.
    """
    found = []
    for change in newest_first([c for c in changes if c.date]):
        title, question_titles = titles(docs_dir, language, change.page)
        url = page_path(language, default, change.page)
        found.append(
            {
                "date": change.date,
                "page": change.page,
                "page_title": title,
                "url": url,
                "questions": [
                    {"id": qid, "title": question_titles.get(qid, qid), "url": f"{url}#{qid}"}
                    for qid in change.questions
                ],
                "text": change.text(language),
            }
        )
    return found


# --- MkDocs events --------------------------------------------------------------


def _changes() -> list[Change]:
    return load_changes()[0]


def changelog_problems(
    root: Path, docs_dir: Path, languages: list[str], today=None, rel: Callable = os.path.relpath
) -> list[str]:
    """Every problem of a project's data/changes.yml, and pages reviewed before
    their latest change (run by the content_checks hook before the build)."""
    path = root / "data" / "changes.yml"
    changes, problems = load_changes(path, rel)
    if problems:
        return problems
    pages = doc_pages(docs_dir, languages[0], root / "data" / "faq.yml")
    if UPDATES_PAGE not in pages:
        problems.append(
            f"{rel(docs_dir / languages[0] / UPDATES_PAGE)}: missing; the changes of "
            f"{rel(path)} are listed there"
        )
    problems += change_problems(changes, pages, languages, today or dt.date.today(), rel(path))
    if not problems:
        problems += reviewed_problems(changes, reviewed_dates(docs_dir, languages, rel), rel(path))
    return problems


def feed_path(language: str, default: str) -> str:
    """Site-relative URL of a language's feed: 'feed.xml', 'en/feed.xml'."""
    return ("" if language == default else f"{language}/") + FEED_FILE


def feed_url(config, language: str) -> str:
    return urljoin(config.site_url or "/", feed_path(language, site_languages(config)[1]))


@event_priority(-10)  # after template_data has handed over the build's environment
def on_env(env, config, files):
    """`faq_feed` (url, title) for overrides/partials/feed-link.html."""
    language = config.theme["language"]
    env.globals["faq_feed"] = {
        "url": feed_url(config, language),
        "title": ui_strings(language)["feed_title"],
    }
    return env


def _page_file(page) -> str:
    """'data.md' for docs/<lang>/data.md; a share page's FAQ page."""
    if page.meta.get("share_id"):
        for spec in load_structure():
            if page.meta["share_id"] in spec.questions:
                return spec.file
    return page.file.src_uri.split("/", 1)[-1]


def on_page_markdown(markdown, page, config, files):
    """Give the page its `updated` date and the link to the updates page."""
    reviewed = page.meta.get("reviewed")
    if not isinstance(reviewed, dt.date):
        return markdown
    language = config.theme["language"]
    _, default = site_languages(config)
    file = _page_file(page)
    dates = [c.date for c in _changes() if c.page == file and c.date]
    page.meta["updated"] = max([*dates, reviewed])
    if file == UPDATES_PAGE:
        page.meta["updated"] = max([c.date for c in _changes() if c.date] + [reviewed])
        page.meta["updates_url"] = None  # this is the updates page
    else:
        page.meta["updates_url"] = get_relative_url(
            page_path(language, default, UPDATES_PAGE), page.url
        )
    return markdown


def on_page_content(html, page, config, files):
    """Replace the updates page's marker with the list of changes."""
    if CHANGES_MARKER not in html:
        return html
    language = config.theme["language"]
    _, default = site_languages(config)
    listed = entries(_changes(), Path(config.docs_dir), language, default)
    for entry in listed:
        entry["url"] = get_relative_url(entry["url"], page.url)
        for question in entry["questions"]:
            question["url"] = get_relative_url(question["url"], page.url)
    listing = (
        page_env(config)
        .get_template("partials/changes-list.html")
        .render(entries=listed, feed_url=get_relative_url(feed_path(language, default), page.url))
    )
    return html.replace(CHANGES_MARKER, listing)


def _datetime(date: dt.date) -> dt.datetime:
    return dt.datetime.combine(date, dt.time(0, 0), tzinfo=dt.UTC)


def entry_id(site_url: str, date: dt.date, url: str, seen: dict[str, int]) -> str:
    """A tag: URI (RFC 4151) that stays the same while the entry does:
    tag:<host>,<date>:/<page path>#<question>, numbered if it repeats."""
    host = urlsplit(site_url).hostname or "localhost"
    tag = f"tag:{host},{date.isoformat()}:{urlsplit(urljoin(site_url, url)).path}"
    fragment = urlsplit(url).fragment
    tag += f"#{fragment}" if fragment else ""
    seen[tag] = seen.get(tag, 0) + 1
    return tag if seen[tag] == 1 else f"{tag}-{seen[tag]}"


def build_feed(config, language: str, default: str, changes: list[Change]) -> bytes:
    """The Atom feed of one language: one entry per change, newest first."""
    site_url = config.site_url or "http://localhost/"
    ui = ui_strings(language)
    updates = urljoin(site_url, page_path(language, default, UPDATES_PAGE))
    listed = entries(changes, Path(config.docs_dir), language, default)
    feed = FeedGenerator()
    feed.id(updates)
    feed.title(ui["feed_title"])
    feed.subtitle(ui["feed_subtitle"])
    feed.author({"name": config.site_name})
    feed.link(href=updates, rel="alternate", type="text/html", hreflang=language)
    feed.link(
        href=urljoin(site_url, feed_path(language, default)),
        rel="self",
        type="application/atom+xml",
    )
    feed.language(language)
    newest = max((e["date"] for e in listed), default=dt.date(1970, 1, 1))
    feed.updated(_datetime(newest))
    seen: dict[str, int] = {}
    for entry in listed:
        target = entry["questions"][0]["url"] if entry["questions"] else entry["url"]
        title = (
            entry["questions"][0]["title"] if len(entry["questions"]) == 1 else entry["page_title"]
        )
        item = feed.add_entry(order="append")
        item.id(entry_id(site_url, entry["date"], target, seen))
        item.title(title)
        item.link(href=urljoin(site_url, target), rel="alternate", type="text/html")
        item.updated(_datetime(entry["date"]))
        item.published(_datetime(entry["date"]))
        item.content(entry["text"], type="text")
    return feed.atom_str(pretty=True)


def on_post_build(config):
    """Write this language's feed (mkdocs-static-i18n builds each language in turn)."""
    language = config.theme["language"]
    _, default = site_languages(config)
    target = Path(config.site_dir) / feed_path(language, default)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(build_feed(config, language, default, _changes()))
