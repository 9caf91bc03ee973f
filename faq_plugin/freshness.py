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
from mkdocs.utils.meta import get_data


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


def _front_matter_line(text: str, key: str) -> int:
    """1-based line of `key:` in the front matter (1 when it is missing)."""
    lines = text.splitlines()
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            break
        if line.startswith(f"{key}:"):
            return number
    return 1


def due_pages(pages: Iterable[Path], root: Path, today: dt.date, max_age: int) -> list[Due]:
    """Pages whose `reviewed` date is more than `max_age` days old (or missing)."""
    due = []
    for path in pages:
        text = path.read_text(encoding="utf-8")
        _, meta = get_data(text)
        rel = path.relative_to(root).as_posix()
        line = _front_matter_line(text, "reviewed")
        reviewed = _as_date(meta.get("reviewed"))
        if reviewed is None:
            due.append(Due(rel, line, "no valid `reviewed` date: review the page"))
        elif (today - reviewed).days > max_age:
            age = (today - reviewed).days
            due.append(Due(rel, line, f"reviewed {reviewed}, {age} days ago (over {max_age})"))
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

    config = load_config(config_file)
    ages = config.plugins["faq"].config.freshness
    root = Path(config.config_file_path).parent
    docs = Path(config.docs_dir)
    locales = [language.locale for language in config.plugins["i18n"].config.languages]
    pages = sorted(path for locale in locales for path in (docs / locale).glob("*.md"))
    return due_pages(pages, root, today, ages.page_max_age) + due_sources(
        root / config.plugins["faq"].config.sources_file, root, today, ages.source_max_age
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
