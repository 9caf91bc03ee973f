"""Check each page's front matter; give templates its `reviewed` date as a date.

Every page needs a `description` (its own, used by search engines and link
previews) and a `reviewed` date (YYYY-MM-DD, not in the future) shown on the
page; sources are cited inline (citations hook). The checks run before the
build (content_checks); templates escape the description where they write it.
"""

from __future__ import annotations

import contextlib
import datetime as dt


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
    if "sources" in meta:
        problems.append(
            f"{path}: remove 'sources' from the front matter: a page's sources are the "
            "ones its answers cite ([^source-id])"
        )
    return problems


def on_page_markdown(markdown, page, config, files):
    # The content_checks hook has checked the front matter before the build.
    if isinstance(page.meta.get("reviewed"), str):
        page.meta["reviewed"] = dt.date.fromisoformat(page.meta["reviewed"])
    if page.meta.get("reviewed"):
        page.update_date = page.meta["reviewed"].isoformat()  # the sitemap's <lastmod>
    return markdown
