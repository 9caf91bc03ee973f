"""`make freshness`: pages and sources due for a re-check, as file:line, and silence when fresh."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

from faq_plugin.freshness import due_pages, due_sources

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 30)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def page(tmp_path: Path, name: str, reviewed: str | None) -> Path:
    date_line = f"reviewed: {reviewed}\n" if reviewed else ""
    return write(
        tmp_path / "docs" / "fr" / name,
        f"---\ndescription: Une page.\n{date_line}---\n\n# Titre\n",
    )


def test_an_old_review_is_reported_with_file_and_line(tmp_path):
    old = page(tmp_path, "data.md", "2026-08-01")  # 121 days before TODAY
    fresh = page(tmp_path, "index.md", "2026-11-01")
    due = due_pages([old, fresh], tmp_path, TODAY, max_age=90)
    assert [str(d) for d in due] == [
        "docs/fr/data.md:3: reviewed 2026-08-01, 121 days ago (over 90)"
    ]


def test_a_page_exactly_at_the_limit_is_still_fresh(tmp_path):
    edge = page(tmp_path, "data.md", str(TODAY - dt.timedelta(days=90)))
    assert due_pages([edge], tmp_path, TODAY, max_age=90) == []


def test_a_page_without_a_review_date_is_due(tmp_path):
    undated = page(tmp_path, "data.md", None)
    (due,) = due_pages([undated], tmp_path, TODAY, max_age=90)
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


def test_the_command_prints_nothing_when_everything_is_fresh():
    """The real project, on the day of its newest review: nothing is due."""
    run = subprocess.run(
        [sys.executable, "-m", "faq_plugin.freshness", "--today", "2026-11-30"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""


def test_the_command_lists_what_is_due_a_year_later():
    run = subprocess.run(
        [sys.executable, "-m", "faq_plugin.freshness", "--today", "2027-12-01"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert any(line.startswith("docs/fr/opt-out.md:") for line in lines), run.stdout
    assert any(line.startswith("data/sources.yml:") for line in lines), run.stdout
    assert all(":" in line.split(" ", 1)[0] for line in lines), run.stdout
