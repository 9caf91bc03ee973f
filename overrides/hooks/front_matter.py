"""Check each page's front matter and make its description safe for meta tags.

Every page needs a `description` (its own, used by search engines and link
previews) and a `reviewed` date (YYYY-MM-DD, not in the future) shown on the
page; sources are cited inline (citations hook). Material writes the
description into `content="…"` attributes unescaped, so quotes, `&` and `<`
are escaped here (pitfalls 2.5).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import os

from faq_source import EditorError


def front_matter_problems(path: str, meta: dict, today: dt.date) -> list[str]:
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
    return problems


def on_page_markdown(markdown, page, config, files):
    if page.meta.get("generated"):  # made by a hook from pages checked here
        page.meta["description"] = html.escape(page.meta["description"], quote=True)
        return markdown
    path = os.path.relpath(page.file.abs_src_path) if page.file.abs_src_path else page.file.src_uri
    problems = front_matter_problems(path, page.meta, dt.date.today())
    if problems:
        raise EditorError(problems)
    if isinstance(page.meta["reviewed"], str):
        page.meta["reviewed"] = dt.date.fromisoformat(page.meta["reviewed"])
    page.meta["description"] = html.escape(page.meta["description"], quote=True)
    return markdown
