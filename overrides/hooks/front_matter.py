"""Check each page's front matter and make its description safe for meta tags.

Every page needs a `description` (its own, used by search engines and link
previews), a `reviewed` date (YYYY-MM-DD, not in the future) shown on the
page, and `sources` naming ids of data/sources.yml, whose entries need their
fields and an https URL. Material writes the
description into `content="…"` attributes unescaped, so quotes, `&` and `<`
are escaped here (pitfalls 2.5).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import os

from faq_source import EditorError, load_sources


def front_matter_problems(
    path: str, meta: dict, known_sources: set[str], today: dt.date
) -> list[str]:
    problems = []
    description = meta.get("description")
    if not isinstance(description, str) or not description.strip():
        problems.append(f"{path}: front matter needs a non-empty 'description'")
    reviewed = meta.get("reviewed")
    if isinstance(reviewed, str):
        with contextlib.suppress(ValueError):
            reviewed = dt.date.fromisoformat(reviewed)
    if reviewed is None:
        problems.append(f"{path}: front matter needs a 'reviewed' date (YYYY-MM-DD)")
    elif not isinstance(reviewed, dt.date):
        problems.append(f"{path}: 'reviewed: {reviewed}' is not a date (YYYY-MM-DD)")
    elif reviewed > today:
        problems.append(f"{path}: 'reviewed: {reviewed}' is in the future")
    sources = meta.get("sources")
    if not isinstance(sources, list) or not sources:
        problems.append(
            f"{path}: front matter needs 'sources', a list of ids from data/sources.yml"
        )
    else:
        for source in sources:
            if source not in known_sources:
                problems.append(
                    f"{path}: unknown source '{source}' (not an id of data/sources.yml)"
                )
    return problems


REQUIRED_SOURCE_FIELDS = ("publisher", "title", "lang", "accessed", "url")


def sources_problems(sources: dict) -> list[str]:
    """Problems in data/sources.yml: every source needs its fields and an https URL."""
    problems = []
    for key, source in sources.items():
        missing = [f for f in REQUIRED_SOURCE_FIELDS if not (source or {}).get(f)]
        if missing:
            problems.append(f"data/sources.yml: source '{key}' lacks {', '.join(missing)}")
        elif not str(source["url"]).startswith("https://"):
            problems.append(
                f"data/sources.yml: source '{key}' has an insecure URL "
                f"'{source['url']}': use https://"
            )
    return problems


def on_config(config):
    problems = sources_problems(load_sources())
    if problems:
        raise EditorError(problems)


def on_page_markdown(markdown, page, config, files):
    if page.meta.get("generated"):  # made by a hook from pages checked here
        page.meta["description"] = html.escape(page.meta["description"], quote=True)
        return markdown
    path = os.path.relpath(page.file.abs_src_path) if page.file.abs_src_path else page.file.src_uri
    problems = front_matter_problems(path, page.meta, set(load_sources()), dt.date.today())
    if problems:
        raise EditorError(problems)
    if isinstance(page.meta["reviewed"], str):
        page.meta["reviewed"] = dt.date.fromisoformat(page.meta["reviewed"])
    page.meta["description"] = html.escape(page.meta["description"], quote=True)
    return markdown
