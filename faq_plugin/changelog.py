"""The change log of data/changes.yml: its checks, its entries, its Atom feeds.

Each entry records one correction or new answer:

    - date: 2026-11-29
      page: data.md
      questions: [legal-basis]
      fr: Correction : …
      en: Correction: …

with one text per language of the site. The checks (`changelog_problems`,
run with every other check before the build) stop on a malformed or future
date, an unknown page or question id, a missing text for a language, an
unknown field, and on a page whose `reviewed` date is older than one of its
changes (naming both files). The entries feed the "last updated" line of each
page, the list on the updates page (overrides/partials/changes-list.html)
and one Atom feed per language (feedgen): /feed.xml, /<lang>/feed.xml.

The check functions take plain data, so tests can feed them broken input.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import yaml
from feedgen.feed import FeedGenerator

from .source import plain_text

if TYPE_CHECKING:
    from .context import BuildContext

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
        root = yaml.compose(text, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
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


def load_changes(path: Path, display: str = "data/changes.yml") -> tuple[list[Change], list[str]]:
    if not path.is_file():
        return [], []
    return parse_changes(path.read_text(encoding="utf-8"), display)


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
        for name in sorted(set(change.fields) - {*FIELDS, *languages}):
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


def reviewed_dates(ctx: BuildContext) -> dict[str, list[Reviewed]]:
    """Each page's `reviewed` date in every language, keyed by page file."""
    found: dict[str, list[Reviewed]] = {}
    for language in ctx.languages:
        for page in ctx.pages(language):
            date = page.meta.get("reviewed")
            if isinstance(date, dt.date):  # else the front matter check reports it
                found.setdefault(page.name, []).append(
                    Reviewed(page.rel, page.meta_line("reviewed"), date)
                )
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


def changelog_problems(ctx: BuildContext, today: dt.date) -> list[str]:
    """Every problem of the change log, and pages reviewed before their latest change."""
    changes, problems = ctx.changes, list(ctx.changes_problems)
    if problems:
        return problems
    where = ctx.rel(ctx.files["changes"])
    first = ctx.languages[0]
    pages = {
        name: (ctx.spec(name).questions if ctx.spec(name) else []) for name in ctx.page_names(first)
    }
    if ctx.updates_page not in pages:
        problems = [
            f"{ctx.rel(ctx.docs_dir / first / ctx.updates_page)}: missing; the changes of "
            f"{where} are listed there"
        ]
    problems += change_problems(changes, pages, ctx.languages, today, where)
    if not problems:
        problems += reviewed_problems(changes, reviewed_dates(ctx), where)
    return problems


# --- What readers see ------------------------------------------------------------


def newest_first(changes: list[Change]) -> list[Change]:
    """By date, newest first; of two changes on the same day, the later entry first."""
    order = sorted(enumerate(changes), key=lambda item: (item[1].date, item[0]), reverse=True)
    return [change for _, change in order]


def last_updated(changes: list[Change], page: str | None, reviewed: dt.date) -> dt.date:
    """A page's newest change (any page's, for `page=None`: the updates page), else `reviewed`."""
    dates = [c.date for c in changes if c.date and (page is None or c.page == page)]
    return max([*dates, reviewed])


def entries(ctx: BuildContext, changes: list[Change], language: str) -> list[dict]:
    """What the updates page and the feed show for each change, in one language.

    URLs are site-relative ('data/#legal-basis'); callers make them relative
    to a page or absolute.
    """
    found = []
    for change in newest_first([c for c in changes if c.date]):
        page = ctx.page(language, change.page)
        question_titles = {q.id: plain_text(q.title) for q in page.questions if q.id}
        url = ctx.page_path(language, change.page)
        found.append(
            {
                "date": change.date,
                "page": change.page,
                "page_title": plain_text(page.title.title) if page.title else change.page,
                "url": url,
                "questions": [
                    {"id": qid, "title": question_titles.get(qid, qid), "url": f"{url}#{qid}"}
                    for qid in change.questions
                ],
                "text": change.text(language),
            }
        )
    return found


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


def build_feed(ctx: BuildContext, changes: list[Change], language: str, site_name: str) -> bytes:
    """The Atom feed of one language: one entry per change, newest first."""
    ui = ctx.ui[language]
    updates = ctx.absolute(ctx.page_path(language, ctx.updates_page))
    listed = entries(ctx, changes, language)
    feed = FeedGenerator()
    feed.id(updates)
    feed.title(ui["feed_title"])
    feed.subtitle(ui["feed_subtitle"])
    feed.author({"name": site_name})
    feed.link(href=updates, rel="alternate", type="text/html", hreflang=language)
    feed.link(href=ctx.absolute(ctx.feed_path(language)), rel="self", type="application/atom+xml")
    feed.language(language)
    feed.updated(_datetime(max((e["date"] for e in listed), default=dt.date(1970, 1, 1))))
    seen: dict[str, int] = {}
    for entry in listed:
        target = entry["questions"][0]["url"] if entry["questions"] else entry["url"]
        title = (
            entry["questions"][0]["title"] if len(entry["questions"]) == 1 else entry["page_title"]
        )
        item = feed.add_entry(order="append")
        item.id(entry_id(ctx.site_url, entry["date"], target, seen))
        item.title(title)
        item.link(href=ctx.absolute(target), rel="alternate", type="text/html")
        item.updated(_datetime(entry["date"]))
        item.published(_datetime(entry["date"]))
        item.content(entry["text"], type="text")
    return feed.atom_str(pretty=True)
