"""Index the built site with Pagefind: one search index per language.

Material's lunr search puts both languages in one index and cannot match
"donnees" to "données" (pitfalls 1.5). Pagefind (PyPI `pagefind`, binary
from `pagefind-bin`) reads each page's <html lang>, keeps one index per
language, stems French and English, and ignores accents. Only elements marked
`data-pagefind-body` are indexed (the FAQ pages, not share pages or the 404).

Material's `search` plugin stays enabled only for its header button and
dialog; overrides/partials/search.html drives them with Pagefind, so the lunr
index it writes is unused and removed here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


@event_priority(-150)  # after mkdocs-static-i18n has built every language
def on_post_build(config):
    if config.plugins["i18n"].building:
        return  # an inner, single-language build: the site is not complete yet
    site = Path(config.site_dir)
    shutil.rmtree(site / "search", ignore_errors=True)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(site),
            "--quiet",
            "--exclude-selectors",
            ".headerlink",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        raise PluginError(f"Pagefind could not index {site}:\n{result.stdout}{result.stderr}")
