"""The public change log (data/changes.yml): feeds, updates page, "last updated" lines.

Expected values are read from data/changes.yml with plain PyYAML, not with the
plugin's own reader; the build rules are also fed broken input directly.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.etree
import lxml.html
import pytest
import yaml
from conftest import (
    DOC_PAGES,
    LANGUAGES,
    PROJECT_ROOT,
    STRUCTURE,
    heading_text,
    page_dir,
    url_prefix,
)
from mkdocs.utils.meta import get_data

from faq_plugin.changelog import (
    build_feed,
    changelog_problems,
    load_changes,
    parse_changes,
    reviewed_dates,
    reviewed_problems,
)
from faq_plugin.changelog import (
    change_problems as _change_problems,
)
from faq_plugin.context import BuildContext

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
UPDATES = "updates.md"
CHANGES = yaml.safe_load((PROJECT_ROOT / "data" / "changes.yml").read_text(encoding="utf-8"))
FAQ_IDS = {spec.file: spec.questions for spec in STRUCTURE}


def newest_first(changes: list[dict]) -> list[dict]:
    """Newest first; on the same day, the entry written later first."""
    return [c for _, c in sorted(enumerate(changes), key=lambda i: (i[1]["date"], i[0]))][::-1]


def reviewed(lang: str, file: str) -> dt.date:
    text = (PROJECT_ROOT / "docs" / lang / file).read_text(encoding="utf-8")
    return get_data(text)[1]["reviewed"]


def expected_updated(lang: str, file: str) -> dt.date:
    concerned = CHANGES if file == UPDATES else [c for c in CHANGES if c["page"] == file]
    return max([c["date"] for c in concerned] + [reviewed(lang, file)])


def resolve(site, base_rel: str, href: str) -> tuple[Path | None, str]:
    """The built file a link leads to (relative to a page, or absolute on the site)."""
    if href.startswith(site.url):
        absolute = href
    else:
        absolute = urljoin(site.url + base_rel.removesuffix("index.html"), href)
    parts = urlsplit(absolute)
    path = unquote(parts.path).removeprefix(urlsplit(site.url).path)
    target = site.root / path
    if path == "" or path.endswith("/"):
        target = target / "index.html"
    return (target if target.is_file() else None), parts.fragment


def ids_in(path: Path) -> set[str]:
    tree = lxml.html.fromstring(path.read_text(encoding="utf-8"))
    return {e.get("id") for e in tree.iter() if e.get("id")}


def question_title(site, lang: str, file: str, question_id: str) -> str:
    return heading_text(site.faq_page(lang, file).tree.get_element_by_id(question_id))


def test_change_log_is_not_empty():
    assert CHANGES, "data/changes.yml has no entry: these tests would check nothing"


# --- Feeds ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feed_is_atom_in_its_language_with_one_entry_per_change(site, lang):
    path = site.root / url_prefix(lang) / "feed.xml"
    assert path.is_file(), f"no {path.relative_to(site.root)}"
    feed = lxml.etree.parse(str(path)).getroot()
    where = path.relative_to(site.root).as_posix()
    assert feed.tag == f"{ATOM}feed", f"{where}: root is {feed.tag}"
    assert feed.get(XML_LANG) == lang, f"{where}: xml:lang={feed.get(XML_LANG)!r}"
    for name in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{name}") is not None, f"{where}: no <{name}>"
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == f"{site.url}{url_prefix(lang)}feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(CHANGES), f"{where}: {len(entries)} entries for {len(CHANGES)}"
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids), f"{where}: duplicate entry ids {ids}"
    for entry, change, entry_id in zip(entries, newest_first(CHANGES), ids, strict=True):
        href = entry.find(f"{ATOM}link").get("href")
        anchor = change["questions"][0] if change.get("questions") else ""
        want = f"{site.url}{url_prefix(lang)}{page_dir(change['page'])}"
        assert href == want + (f"#{anchor}" if anchor else ""), f"{where}: link {href}"
        target, fragment = resolve(site, "", href)
        assert target is not None, f"{where}: {href} is not a built page"
        assert not fragment or fragment in ids_in(target), f"{where}: no #{fragment} in {href}"
        updated = dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert updated.date() == change["date"] and updated.tzinfo, f"{where}: {updated}"
        assert entry.findtext(f"{ATOM}content").split() == change[lang].split()
        assert entry.findtext(f"{ATOM}title").strip(), f"{where}: entry without title"
        assert entry_id.startswith("tag:"), f"{where}: id {entry_id}"
    newest = dt.datetime.fromisoformat(feed.findtext(f"{ATOM}updated")).date()
    assert newest == max(c["date"] for c in CHANGES)


def test_feed_entry_ids_stay_the_same_across_builds_and_languages_differ(site):
    ids = {
        lang: [
            e.findtext(f"{ATOM}id")
            for e in lxml.etree.parse(str(site.root / url_prefix(lang) / "feed.xml")).iter(
                f"{ATOM}entry"
            )
        ]
        for lang in LANGUAGES
    }
    for lang, found in ids.items():
        for change, tag in zip(newest_first(CHANGES), found, strict=True):
            assert f",{change['date'].isoformat()}:" in tag, f"{lang}: {tag} lacks its date"
    every = [tag for found in ids.values() for tag in found]
    assert len(set(every)) == len(every), f"the same id in two feeds: {ids}"


def test_every_page_links_its_language_feed_in_its_head(site):
    problems = []
    for page in site.html_pages():
        links = page.tree.cssselect('head link[rel="alternate"][type="application/atom+xml"]')
        want = f"{site.url}{url_prefix(page.lang)}feed.xml"
        if [link.get("href") for link in links] != [want]:
            problems.append(f"{page.rel}: feed links {[lk.get('href') for lk in links]}")
        elif not links[0].get("title"):
            problems.append(f"{page.rel}: feed link without title")
    assert not problems, "\n".join(problems)


# --- The updates page and the "last updated" lines -----------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_updates_page_lists_every_change_in_its_language(site, lang):
    page = site.faq_page(lang, UPDATES)
    assert page.lang == lang
    items = page.article().cssselect("li.faq-change")
    assert len(items) == len(CHANGES), f"{page.rel}: {len(items)} items for {len(CHANGES)}"
    for item, change in zip(items, newest_first(CHANGES), strict=True):
        text = " ".join(item.text_content().split())
        times = [t.get("datetime") for t in item.cssselect("time")]
        assert times == [change["date"].isoformat()], f"{page.rel}: {times} in {text!r}"
        assert " ".join(change[lang].split()) in text, f"{page.rel}: no {change[lang]!r}"
        links = {a.get("href"): " ".join(a.text_content().split()) for a in item.iter("a")}
        title = heading_text(site.faq_page(lang, change["page"]).article().cssselect("h1")[0])
        targets = {}
        for href, label in links.items():
            target, fragment = resolve(site, page.rel, href)
            assert target is not None, f"{page.rel}: {href} leads nowhere"
            assert not fragment or fragment in ids_in(target), f"{page.rel}: no #{fragment}"
            targets[(target, fragment)] = label
        faq = site.faq_page(lang, change["page"]).path
        assert targets.get((faq, "")) == title, f"{page.rel}: no link to {title!r}: {links}"
        for question_id in change.get("questions") or []:
            want = question_title(site, lang, change["page"], question_id)
            assert targets.get((faq, question_id)) == want, (
                f"{page.rel}: no link to #{question_id} titled {want!r}: {links}"
            )


def dated_pages(site):
    """Every page written in docs/ and every share page, with its docs file."""
    for lang in LANGUAGES:
        for file in DOC_PAGES:
            yield lang, file, site.faq_page(lang, file)
        for spec in STRUCTURE:
            for question_id in spec.questions:
                yield lang, spec.file, site.page(f"{url_prefix(lang)}q/{question_id}/")


def test_every_page_shows_when_it_was_last_updated_and_links_all_updates(site):
    problems = []
    for lang, file, page in dated_pages(site):
        line = page.article().cssselect("p.faq-reviewed")
        updated = page.article().cssselect("p.faq-reviewed time.faq-updated__date")
        if not line or not updated:
            problems.append(f"{page.rel}: no 'last updated' line")
            continue
        want = expected_updated(lang, file)
        if updated[0].get("datetime") != want.isoformat():
            problems.append(f"{page.rel}: updated {updated[0].get('datetime')}, want {want}")
        if not updated[0].text_content().strip():
            problems.append(f"{page.rel}: updated date without text")
        links = [a.get("href") for a in line[0].iter("a")]
        if file == UPDATES:
            if links:
                problems.append(f"{page.rel}: the updates page links to itself: {links}")
            continue
        updates = site.faq_page(lang, UPDATES).path
        if [resolve(site, page.rel, href)[0] for href in links] != [updates]:
            problems.append(f"{page.rel}: 'see all updates' leads to {links}, not {updates}")
    assert not problems, "\n".join(problems)


def test_updates_page_is_in_the_navigation_of_every_language(site):
    for lang in LANGUAGES:
        page = site.faq_page(lang, "index.md")
        title = heading_text(site.faq_page(lang, UPDATES).article().cssselect("h1")[0])
        nav = [" ".join(a.text_content().split()) for a in page.tree.cssselect(".md-nav__link")]
        assert title in nav, f"{page.rel}: no {title!r} in {nav}"


# --- Build rules, fed broken input ---------------------------------------------------

TODAY = dt.date(2026, 11, 29)
PAGES = {**{file: [] for file in DOC_PAGES}, **FAQ_IDS}
OK = """\
# a comment
- date: 2026-11-29
  page: data.md
  questions: [legal-basis]
{texts}
"""


def texts(indent: str = "  ", skip: str | None = None) -> str:
    return "\n".join(f"{indent}{lang}: Text in {lang}." for lang in LANGUAGES if lang != skip)


def change_problems(source: str) -> list[str]:
    changes, problems = parse_changes(source)
    return problems + _change_problems(changes, PAGES, LANGUAGES, TODAY)


def test_the_real_change_log_passes_its_checks():
    changes, problems = load_changes(PROJECT_ROOT / "data" / "changes.yml")
    assert not problems
    assert not _change_problems(changes, PAGES, LANGUAGES, dt.date.today())
    context = BuildContext.load(PROJECT_ROOT, PROJECT_ROOT / "docs", LANGUAGES)
    assert changelog_problems(context, dt.date.today()) == []


def test_a_correct_change_passes():
    assert change_problems(OK.format(texts=texts())) == []


BROKEN = [
    ("unknown-page", "page: data.md", "page: nowhere.md", r"3: unknown page 'nowhere\.md'"),
    (
        "unknown-question",
        "[legal-basis]",
        "[legal-basis, no-such-question]",
        r"4: question id 'no-such-question' is not on data\.md",
    ),
    (
        "question-on-a-page-without-questions",
        "page: data.md",
        "page: updates.md",
        r"4: question id 'legal-basis' is not on updates\.md",
    ),
    ("questions-not-a-list", "[legal-basis]", "legal-basis", r"4: 'questions' must be a list"),
    ("date-not-iso", "2026-11-29", "29/11/2026", r"2: 'date: 29/11/2026' is not a date"),
    ("date-impossible", "2026-11-29", "2026-13-01", r"2: 'date: 2026-13-01' is not a date"),
    ("date-in-future", "2026-11-29", "2999-01-01", r"2: 'date: 2999-01-01' is in the future"),
    ("date-missing", "- date: 2026-11-29\n  page", "- page", r"2: change needs a 'date'"),
    ("page-missing", "  page: data.md\n", "", r"2: change needs a 'page'"),
    ("unknown-field", "questions:", "question:", r"4: unknown field 'question'"),
    ("entry-not-fields", "- date", "- just text\n- date", r"2: a change must be 'date:', 'page:'"),
    ("invalid-yaml", "[legal-basis]", "[legal-basis", r"\d+: not valid YAML"),
]


@pytest.mark.parametrize(
    ("old", "new", "message"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN]
)
def test_a_broken_change_is_reported_with_its_line(old, new, message):
    source = OK.format(texts=texts())
    assert old in source, f"test setup: {old!r}"
    problems = change_problems(source.replace(old, new, 1))
    pattern = r"data/changes\.yml:" + message
    assert any(re.match(pattern, p) for p in problems), f"no {pattern!r} in {problems}"


def test_a_change_log_that_is_not_a_list_is_reported():
    problems = change_problems("# a comment\npage: data.md\n")
    assert problems and problems[0].startswith("data/changes.yml:2: must be a list"), problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_change_without_a_text_in_a_language_is_reported(lang):
    problems = change_problems(OK.format(texts=texts(skip=lang)))
    want = f"data/changes.yml:2: change needs a text in '{lang}'"
    assert any(p.startswith(want) for p in problems), problems


def test_a_change_in_an_unknown_language_is_reported():
    problems = change_problems(OK.format(texts=texts() + "\n  xx: Texte."))
    assert any("unknown field 'xx'" in p for p in problems), problems


def test_a_page_reviewed_before_its_change_is_reported(tmp_path):
    docs = tmp_path / "docs"
    for lang in LANGUAGES:
        (docs / lang).mkdir(parents=True)
        date = "2026-11-01" if lang == LANGUAGES[-1] else "2026-11-29"
        (docs / lang / "data.md").write_text(
            f"---\ndescription: x\nreviewed: {date}\n---\n\n# Data\n", encoding="utf-8"
        )
    source = OK.format(texts=texts()) + OK.format(texts=texts()).replace("# a comment\n", "")
    source = source.replace("2026-11-29", "2026-11-20", 1)  # the newest is the second entry
    changes, problems = parse_changes(source)
    assert not problems
    context = BuildContext.load(PROJECT_ROOT, docs, LANGUAGES)
    found = reviewed_problems(changes, reviewed_dates(context))
    late = docs / LANGUAGES[-1] / "data.md"
    newest_line = 5 + len(LANGUAGES)  # the second entry's first line
    want = (
        f"{os.path.relpath(late)}:3: 'reviewed: 2026-11-01' is older than the change of "
        f"2026-11-29 to data.md (data/changes.yml:{newest_line})"
    )
    assert len(found) == 1 and found[0].startswith(want), found


def test_a_change_newer_than_reviewed_stops_the_build(broken_project):
    """End to end: a change recorded after the page's `reviewed` date."""

    def damage(root):
        page = root / "docs" / LANGUAGES[-1] / "opt-out.md"
        text = page.read_text(encoding="utf-8")
        old = next(line for line in text.splitlines() if line.startswith("reviewed:"))
        page.write_text(text.replace(old, "reviewed: 2025-01-01", 1), encoding="utf-8")
        log = root / "data" / "changes.yml"
        entry = "- date: 2025-06-01\n  page: opt-out.md\n  questions: [instagram]\n" + texts()
        log.write_text(log.read_text(encoding="utf-8") + "\n" + entry + "\n", encoding="utf-8")

    result = broken_project(damage)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build accepted the mistake:\n{output[-3000:]}"
    want = (
        rf"docs/{LANGUAGES[-1]}/opt-out\.md:\d+: 'reviewed: 2025-01-01' is older than the "
        r"change of \d{4}-\d\d-\d\d to opt-out\.md \(data/changes\.yml:\d+\)"
    )
    assert re.search(want, output), f"no {want!r} in:\n{output[-3000:]}"


def test_feed_links_a_change_without_questions_to_its_page_and_keeps_ids_unique():
    """Entries of the same page and day get distinct ids; no question: the page's URL."""
    entry = "- date: 2026-11-20\n  page: opt-out.md\n  questions: {questions}\n" + texts()
    source = "\n".join(
        entry.format(questions=q) for q in ("[]", "[]", "[instagram, facebook]", "[instagram]")
    )
    changes, problems = parse_changes(source)
    assert not problems
    lang = LANGUAGES[-1]
    context = BuildContext.load(
        PROJECT_ROOT, PROJECT_ROOT / "docs", LANGUAGES, site_url="https://faq.example.org/sub/"
    )
    feed = lxml.etree.fromstring(build_feed(context, changes, lang, "X"))
    entries = feed.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    page = f"https://faq.example.org/sub/{url_prefix(lang)}opt-out/"
    # Newest first: on the same day, the entry written last comes first.
    assert links == [page + "#instagram", page + "#instagram", page, page], links
    assert len(set(ids)) == 4, ids
    assert all(i.startswith("tag:faq.example.org,2026-11-20:/sub/") for i in ids), ids
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    h1 = next(
        line for line in (PROJECT_ROOT / "docs" / lang / "opt-out.md").open() if line[:2] == "# "
    )
    assert titles[1] == titles[2] == titles[3] == h1[2:].strip(), titles
    assert titles[0] != titles[1], titles  # one question: its own title
