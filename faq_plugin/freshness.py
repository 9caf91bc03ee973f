"""What is due for a re-check: pages not reviewed and sources not read for too long.

`make freshness` prints one `file:line: what` per item due, and nothing when
everything is fresh. The two ages are options of the `faq` plugin in
mkdocs.yml (`freshness: page_max_age`, `source_max_age`, in days), so the
report and anyone reading the configuration agree on them. The weekly link
check runs it too and keeps one open issue listing what is due.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .source import SourcePage


@dataclass(frozen=True)
class Due:
    """One page or source to re-check, where its date is written."""

    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def due_pages(pages: Iterable[SourcePage], today: dt.date, max_age: int) -> list[Due]:
    """Pages whose `reviewed` date is more than `max_age` days old (or missing)."""
    due = []
    for page in pages:
        line = page.meta_line("reviewed")
        reviewed = _as_date(page.meta.get("reviewed"))
        if reviewed is None:
            due.append(Due(page.rel, line, "no valid `reviewed` date: review the page"))
        elif (today - reviewed).days > max_age:
            age = (today - reviewed).days
            due.append(Due(page.rel, line, f"reviewed {reviewed}, {age} days ago (over {max_age})"))
    return due


def due_sources(sources_file: Path, root: Path, today: dt.date, max_age: int) -> list[Due]:
    """Sources whose `accessed` date is more than `max_age` days old (or missing)."""
    rel = sources_file.relative_to(root).as_posix()
    document = yaml.compose(sources_file.read_text(encoding="utf-8"))
    due = []
    for key_node, record in document.value if document else []:
        fields = {k.value: v for k, v in record.value} if hasattr(record, "value") else {}
        accessed_node = fields.get("accessed")
        if accessed_node is None:
            line = key_node.start_mark.line + 1
            due.append(Due(rel, line, f"source '{key_node.value}' has no `accessed` date"))
            continue
        accessed = _as_date(accessed_node.value)
        line = accessed_node.start_mark.line + 1
        if accessed is None:
            due.append(Due(rel, line, f"source '{key_node.value}': `accessed` is not a date"))
        elif (today - accessed).days > max_age:
            age = (today - accessed).days
            due.append(
                Due(
                    rel,
                    line,
                    f"source '{key_node.value}' last read {accessed}, "
                    f"{age} days ago (over {max_age})",
                )
            )
    return due


def report(config_file: str, today: dt.date) -> list[Due]:
    """Everything due in the project of `config_file`, with the plugin's ages."""
    from mkdocs.config import load_config

    from .i18n import site_languages

    config = load_config(config_file)
    options = config.plugins["faq"].config
    root = Path(config.config_file_path).parent
    docs = Path(config.docs_dir)
    languages, _ = site_languages(config)
    pages = [
        SourcePage.read(path, path.relative_to(root).as_posix(), language, path.name)
        for language in languages
        for path in sorted((docs / language).glob("*.md"))
    ]
    ages = options.freshness
    return due_pages(pages, today, ages.page_max_age) + due_sources(
        root / options.sources, root, today, ages.source_max_age
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", default="mkdocs.yml")
    parser.add_argument(
        "--today", type=dt.date.fromisoformat, default=dt.date.today(), help="YYYY-MM-DD"
    )
    args = parser.parse_args(argv)
    for item in report(args.config_file, args.today):
        print(item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
