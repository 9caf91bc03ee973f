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
    # The content_checks hook has checked the front matter before the build.
    if isinstance(page.meta["reviewed"], str):
        page.meta["reviewed"] = dt.date.fromisoformat(page.meta["reviewed"])
    page.meta["description"] = html.escape(page.meta["description"], quote=True)
    return markdown
