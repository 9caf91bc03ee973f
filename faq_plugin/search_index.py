"""Index the built site with Pagefind: one search index per language.

Material's lunr search puts every language in one index and cannot match
"donnees" to "données" (CONTRIBUTING, design notes). Pagefind (PyPI
`pagefind`, binary from `pagefind-bin`) reads each page's <html lang>, keeps
one index per language, stems French, English and German, and ignores accents. Only
elements marked `data-pagefind-body` are indexed (the FAQ pages, not share
pages or the 404). No MkDocs search plugin runs: the header's button opens
Material's dialog (overrides/partials/search.html), driven by Pagefind.

The index is kept in .cache/pagefind/ and reused while the pages' HTML is
unchanged, so warm builds skip the indexer.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

PAGEFIND = [sys.executable, "-m", "pagefind", "--quiet", "--exclude-selectors", ".headerlink"]


def html_fingerprint(site: Path) -> str:
    """A digest of every HTML file of the site: what Pagefind's output depends on."""
    digest = hashlib.sha256()
    for page in sorted(site.rglob("*.html")):
        digest.update(page.relative_to(site).as_posix().encode())
        digest.update(page.read_bytes())
    return digest.hexdigest()[:16]


def index_site(site: Path, cache: Path) -> None:
    """Index `site`, or copy the cached index of the same pages."""
    cached = cache / html_fingerprint(site)
    if (cached / "pagefind.js").is_file():
        shutil.copytree(cached, site / "pagefind", dirs_exist_ok=True)
        return
    result = subprocess.run(
        [*PAGEFIND, "--site", str(site)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        raise PluginError(f"Pagefind could not index {site}:\n{result.stdout}{result.stderr}")
    shutil.rmtree(cache, ignore_errors=True)  # keep only the latest index
    shutil.copytree(site / "pagefind", cached)
