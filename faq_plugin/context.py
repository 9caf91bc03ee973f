"""What a build knows before it starts, made once per `mkdocs build`.

mkdocs-static-i18n runs the build once per language; the context is made by
the first (outer) one and reused by the nested ones, so data files and
Markdown sources are read, and every language checked, once. `mkdocs serve`
starts a new outer build on each change, hence a fresh context. Modules get
it as an argument; nothing is kept in module globals.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from . import authorities as authority_list
from . import verdicts
from .changelog import Change, load_changes
from .source import PageSpec, SourcePage, load_structure, read_yaml

DATA_FILES = {
    "structure": "data/faq.yml",
    "sources": "data/sources.yml",
    "changes": "data/changes.yml",
    "ui": "data/ui.yml",
    "authorities": "data/authorities.yml",
}


@dataclass
class BuildContext:
    root: Path  # the folder of mkdocs.yml: messages name files relative to it
    docs_dir: Path
    languages: list[str]  # default first
    default_language: str
    files: dict[str, Path]  # the data files (DATA_FILES keys)
    structure: list[PageSpec]
    verdicts: dict[str, dict[str, str]]  # data/faq.yml `verdicts:` id -> {language: label}
    sources: dict[str, dict]
    ui: dict[str, dict]  # interface strings by language (data/ui.yml)
    changes: list[Change]  # data/changes.yml, as written
    changes_problems: list[str]  # its shape's problems (file:line)
    authorities: dict  # data/authorities.yml, by country code (authorities.py)
    authorities_problems: list[str]  # its problems (file:line)
    site_url: str = "http://localhost/"
    updates_page: str = "updates.md"
    share_dir: str = "q"
    # Filled while building.
    env: object = None  # the Jinja environment of the language being built
    script_hashes: set[str] = field(default_factory=set)  # every page's, for _headers
    # The theme's inline scripts, by page depth (base_url) or template name.
    script_cache: dict[str, set[str]] = field(default_factory=dict)
    _pages: dict[tuple[str, str], SourcePage] = field(default_factory=dict)

    @classmethod
    def load(
        cls,
        root: Path,
        docs_dir: Path,
        languages: list[str],
        default: str | None = None,
        files: dict[str, str] | None = None,
        **options,
    ) -> BuildContext:
        paths = {key: root / value for key, value in {**DATA_FILES, **(files or {})}.items()}
        default = default or languages[0]
        changes, changes_problems = load_changes(
            paths["changes"], os.path.relpath(paths["changes"], root)
        )
        authorities, authorities_problems = authority_list.load(
            paths["authorities"], os.path.relpath(paths["authorities"], root)
        )
        return cls(
            root=root,
            docs_dir=docs_dir,
            languages=sorted(languages, key=lambda code: code != default),
            default_language=default,
            files=paths,
            structure=load_structure(paths["structure"]),
            verdicts=verdicts.load(paths["structure"]),
            sources=read_yaml(paths["sources"]) or {},
            ui=read_yaml(paths["ui"]) or {},
            changes=changes,
            changes_problems=changes_problems,
            authorities=authorities,
            authorities_problems=authorities_problems,
            **options,
        )

    def rel(self, path: Path) -> str:
        return os.path.relpath(path, self.root)

    def spec(self, name: str) -> PageSpec | None:
        return next((spec for spec in self.structure if spec.file == name), None)

    def page_names(self, language: str) -> list[str]:
        folder = self.docs_dir / language
        return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))

    def page(self, language: str, name: str) -> SourcePage:
        """A page's source, read once per build."""
        key = (language, name)
        if key not in self._pages:
            path = self.docs_dir / language / name
            self._pages[key] = SourcePage.read(path, self.rel(path), language, name)
        return self._pages[key]

    def knowledge_date(self, language: str) -> dt.date | None:
        """The date the site's knowledge is current to, in a language: the oldest
        `reviewed` date of its FAQ pages (each was checked on or after it)."""
        dates = []
        for spec in self.structure:
            reviewed = self.page(language, spec.file).meta.get("reviewed")
            if isinstance(reviewed, str):
                reviewed = dt.date.fromisoformat(reviewed)
            if isinstance(reviewed, dt.date):
                dates.append(reviewed)
        return min(dates, default=None)

    def pages(self, language: str) -> list[SourcePage]:
        return [self.page(language, name) for name in self.page_names(language)]

    # --- Addresses ----------------------------------------------------------

    def prefix(self, language: str) -> str:
        """Where a language is published: '' for the default one, 'en/' for English."""
        return "" if language == self.default_language else f"{language}/"

    def page_path(self, language: str, name: str) -> str:
        """Site-relative URL of a page: 'data/', 'en/data/', '' for the home page."""
        stem = name.removesuffix(".md")
        if stem == "index":
            return self.prefix(language)
        return f"{self.prefix(language)}{stem.removesuffix('/index')}/"

    def share_path(self, language: str, question_id: str) -> str:
        """A question's share page: 'q/instagram/', 'en/q/instagram/'."""
        return f"{self.prefix(language)}{self.share_dir}/{question_id}/"

    def feed_path(self, language: str) -> str:
        return f"{self.prefix(language)}feed.xml"

    def absolute(self, path: str) -> str:
        return urljoin(self.site_url, path)

    @property
    def own_host(self) -> str:
        """The site's host: a link to any other gets rel="noopener noreferrer"."""
        return urlsplit(self.site_url).netloc
