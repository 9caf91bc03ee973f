"""`make freshness`: pages and sources due for a re-check, as file:line, and silence when fresh."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

from faq_plugin.freshness import due_pages, due_sources
from faq_plugin.source import SourcePage

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 30)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def page(tmp_path: Path, name: str, reviewed: str | None) -> SourcePage:
    date_line = f"reviewed: {reviewed}\n" if reviewed else ""
    path = write(
        tmp_path / "docs" / "fr" / name,
        f"---\ndescription: Une page.\n{date_line}---\n\n# Titre\n",
    )
    return SourcePage.read(path, path.relative_to(tmp_path).as_posix(), "fr", name)


def test_an_old_review_is_reported_with_file_and_line(tmp_path):
    old = page(tmp_path, "data.md", "2026-08-01")  # 121 days before TODAY
    fresh = page(tmp_path, "index.md", "2026-11-01")
    due = due_pages([old, fresh], TODAY, max_age=90)
    assert [str(d) for d in due] == [
        "docs/fr/data.md:3: reviewed 2026-08-01, 121 days ago (over 90)"
    ]


def test_a_page_exactly_at_the_limit_is_still_fresh(tmp_path):
    edge = page(tmp_path, "data.md", str(TODAY - dt.timedelta(days=90)))
    assert due_pages([edge], TODAY, max_age=90) == []


def test_a_page_without_a_review_date_is_due(tmp_path):
    undated = page(tmp_path, "data.md", None)
    (due,) = due_pages([undated], TODAY, max_age=90)
    assert due.path == "docs/fr/data.md"
    assert "no valid `reviewed` date" in due.what


def test_an_old_source_is_reported_at_its_accessed_line(tmp_path):
    sources = write(
        tmp_path / "data" / "sources.yml",
        """
        fresh-source:
          publisher: CNIL
          accessed: 2026-11-01
        stale-source:
          publisher: Meta
          date: 2025-04-14
          accessed: 2026-03-01
        undated-source:
          publisher: noyb
        """,
    )
    due = [str(d) for d in due_sources(sources, tmp_path, TODAY, max_age=180)]
    assert due == [
        "data/sources.yml:7: source 'stale-source' last read 2026-03-01, 274 days ago (over 180)",
        "data/sources.yml:8: source 'undated-source' has no `accessed` date",
    ]


def test_fresh_sources_are_not_reported(tmp_path):
    sources = write(tmp_path / "data" / "sources.yml", "a:\n  accessed: 2026-11-30\n")
    assert due_sources(sources, tmp_path, TODAY, max_age=180) == []


def freshness_report(today: str) -> list[str]:
    """`python -m faq_plugin.freshness` (what `make freshness` runs) on the real project."""
    run = subprocess.run(
        [sys.executable, "-m", "faq_plugin.freshness", "--today", today],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout.splitlines()


def test_the_command_prints_nothing_when_everything_is_fresh():
    """The real project, on the day of its newest review: nothing is due."""
    assert freshness_report("2026-11-30") == []


def test_the_command_lists_what_is_due_a_year_later():
    lines = freshness_report("2027-12-01")
    assert any(line.startswith("docs/fr/opt-out.md:") for line in lines), lines
    assert any(line.startswith("data/sources.yml:") for line in lines), lines
    assert all(":" in line.split(" ", 1)[0] for line in lines), lines


# The date the site says it is current to is derived from the pages' review
# dates (the oldest FAQ page's), never typed by hand.


def test_the_site_states_the_date_its_pages_were_all_reviewed_by(site):
    from babel.dates import format_date
    from conftest import LANGUAGES, PROJECT_ROOT, STRUCTURE, ui_strings

    from faq_plugin.source import SourcePage

    for lang in LANGUAGES:
        reviewed = [
            SourcePage.read(
                PROJECT_ROOT / "docs" / lang / spec.file, spec.file, lang, spec.file
            ).meta["reviewed"]
            for spec in STRUCTURE
        ]
        words = format_date(min(reviewed), format="long", locale=ui_strings(lang)["locale"])
        for file in ("sources.md", "index.md"):
            page = site.faq_page(lang, file)
            text = " ".join(page.article().text_content().split()).replace("\u202f", " ")
            assert words.replace("\u202f", " ") in text, f"{page.rel}: does not say {words!r}"
            assert "knowledge-date" not in page.html, f"{page.rel}: marker left in the page"


def test_an_older_review_moves_the_knowledge_date_back(tmp_path):
    """Feed it a project where one page was reviewed long ago: that is the date."""
    import shutil

    from faq_plugin.context import BuildContext

    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    page = tmp_path / "docs" / "en" / "whatsapp.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        "\n".join(
            "reviewed: 2026-01-05" if line.startswith("reviewed:") else line
            for line in text.splitlines()
        ),
        encoding="utf-8",
    )
    ctx = BuildContext.load(tmp_path, tmp_path / "docs", ["fr", "en"], "fr")
    assert ctx.knowledge_date("en") == dt.date(2026, 1, 5)
    assert ctx.knowledge_date("fr") > dt.date(2026, 1, 5)
