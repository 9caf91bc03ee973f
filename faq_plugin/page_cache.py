"""The page pass's results, kept on disk between builds.

`page_pass.finish` is a pure function of a page's HTML, its language, the
permalink's name and the site's host, and it is the slowest step of a build
that only this site adds (a Python tokenizer over every tag of every page).
A warm build, where most pages come out of the templates the same as last
time, reads its result back instead (.cache/faq/pages/). The key also holds
a digest of the code of the pass, so a change to it empties the cache in
effect. What the pass reports (inline scripts, handlers, script URLs) is
kept with the page, and the security checks read it every build, as before.
Entries a build of every language did not use are deleted at its end (a
one-language preview keeps the others').
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from . import material, page_pass, typography
from .page_pass import FinishedPage

# The modules whose code decides what `finish` returns.
_CODE = hashlib.sha256(
    b"".join(Path(module.__file__).read_bytes() for module in (page_pass, typography, material))
).hexdigest()


class PageCache:
    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()

    def finish(
        self, document: str, language: str | None, permalink_label: str, own_host: str
    ) -> FinishedPage:
        """`page_pass.finish`, read from the cache when the same page was finished before."""
        key = hashlib.sha256(
            json.dumps([_CODE, language, permalink_label, own_host]).encode() + document.encode()
        ).hexdigest()[:32]
        self.used.add(key)
        path = self.folder / f"{key}.json"
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            return FinishedPage(
                stored["html"],
                tuple(stored["scripts"]),
                tuple(stored["handlers"]),
                stored["script_urls"],
            )
        except (OSError, ValueError, KeyError, TypeError):
            pass  # not cached yet, or unreadable: finish it again
        finished = page_pass.finish(document, language, permalink_label, own_host)
        self.folder.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(
                {
                    "html": finished.html,
                    "scripts": finished.scripts,
                    "handlers": finished.handlers,
                    "script_urls": finished.script_urls,
                },
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        return finished

    def prune(self) -> None:
        """Delete the entries this build did not use (pages since edited)."""
        if self.folder.is_dir():
            for path in self.folder.glob("*.json"):
                if path.stem not in self.used:
                    path.unlink(missing_ok=True)
        self.used.clear()
