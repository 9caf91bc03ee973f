"""Shared fixtures: the real site, built once per session, and broken copies of it."""

from __future__ import annotations

import fcntl
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import lxml.html
import pytest

# Building and serving are shared with scripts/bench.py; re-exported for the tests.
from sitekit import (  # noqa: F401
    CHROMIUM,
    CHROMIUM_ARGS,
    MKDOCS,
    PROJECT_PARTS,
    PROJECT_ROOT,
    StaticHandler,
    build_env,
    copy_project,
    languages,
    run_build,
    serve,
)

from faq_plugin.source import load_structure, read_yaml

LANGUAGES = languages()
DEFAULT_LANGUAGE = LANGUAGES[0]
STRUCTURE = load_structure(PROJECT_ROOT / "data" / "faq.yml")


def ui_strings(lang: str) -> dict[str, str]:
    """The interface strings of a language (data/ui.yml)."""
    return read_yaml(PROJECT_ROOT / "data" / "ui.yml")[lang]


def _doc_pages() -> list[str]:
    """Every page of the site: data/faq.yml's FAQ pages and any other page of docs/."""
    folder = PROJECT_ROOT / "docs" / DEFAULT_LANGUAGE
    found = {p.relative_to(folder).as_posix() for p in folder.rglob("*.md")}
    return sorted(found | {spec.file for spec in STRUCTURE})


DOC_PAGES = _doc_pages()


def url_prefix(lang: str) -> str:
    """Where a language is published: '' for the default, 'en/' for English."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def page_dir(file: str) -> str:
    """'opt-out.md' -> 'opt-out/', 'index.md' -> ''."""
    stem = file.removesuffix(".md")
    return "" if stem == "index" else f"{stem}/"


@dataclass
class BuiltPage:
    site: Path
    path: Path  # the HTML file

    @property
    def rel(self) -> str:
        return self.path.relative_to(self.site).as_posix()

    @cached_property
    def html(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @cached_property
    def tree(self):
        return lxml.html.fromstring(self.html)

    @property
    def lang(self) -> str:
        return self.tree.get("lang")

    def article(self):
        return self.tree.cssselect("article.md-content__inner")[0]


@dataclass
class Site:
    root: Path

    def page(self, rel: str) -> BuiltPage:
        path = self.root / rel
        if path.is_dir() or rel.endswith("/") or rel == "":
            path = path / "index.html"
        assert path.is_file(), f"{rel}: not in the built site"
        return BuiltPage(self.root, path)

    def faq_page(self, lang: str, file: str) -> BuiltPage:
        return self.page(url_prefix(lang) + page_dir(file))

    @cached_property
    def url(self) -> str:
        """The public address the site was built for (the home page's canonical URL)."""
        return self.page("").tree.cssselect('link[rel="canonical"]')[0].get("href")

    def html_pages(self) -> list[BuiltPage]:
        return [BuiltPage(self.root, p) for p in sorted(self.root.rglob("*.html"))]


@pytest.fixture(scope="session")
def site(tmp_path_factory, worker_id) -> Site:
    """The real site, built once per run with `mkdocs build --strict`.

    With pytest-xdist (`make test` runs two workers) the first worker builds
    and the other waits for it: one build, and never two writing the
    project's .cache at once."""
    if worker_id == "master":  # a plain `pytest` run
        shared = tmp_path_factory.mktemp("built")
    else:  # the workers' common folder, new for each run
        shared = tmp_path_factory.getbasetemp().parent
    site_dir, done = shared / "site", shared / "site.built"
    with (shared / "site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            result = run_build(PROJECT_ROOT, site_dir)
            assert result.returncode == 0, f"strict build failed:\n{result.stderr[-5000:]}"
            done.touch()
    return Site(site_dir)


@pytest.fixture
def broken_project(tmp_path) -> Callable[..., subprocess.CompletedProcess]:
    """Copy the project, let a test damage it, and build it.

    Usage: `result = broken_project(lambda root: ...)`. Social cards are off
    (speed) unless `cards=True`; the result carries stdout/stderr and returncode.
    """

    def build(damage: Callable[[Path], None], cards: bool = False):
        root = tmp_path / "project"
        copy_project(root)
        if cards:  # reuse the cards already drawn for the real site
            cache = PROJECT_ROOT / ".cache"
            if cache.is_dir():
                shutil.copytree(cache, root / ".cache")
        damage(root)
        return run_build(root, tmp_path / "site", SOCIAL_CARDS=str(cards).lower())

    return build


_EXECUTABLE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(?:ld\+)?json\")[^>]*>(.*?)</script>", re.S
)


def inline_scripts(html: str) -> list[str]:
    """The bodies of a page's inline scripts that a browser would run."""
    return _EXECUTABLE_SCRIPT.findall(html)


def heading_text(element) -> str:
    """A heading's visible text, without its permalink sign."""
    parts = [element.text or ""]
    for child in element:
        if "headerlink" not in (child.get("class") or ""):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


# --- A static server and a real browser -------------------------------------


@pytest.fixture(scope="session")
def server(site):
    """The built site on http://127.0.0.1:<port>/, until the session ends."""
    with serve(site.root) as base:
        yield base


PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).is_file(), (
        f"Chromium not found at {CHROMIUM}: install Debian's chromium or set CHROMIUM_PATH"
    )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
        )
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """What happened while a page was open: the browser's own log."""

    page: object
    requests: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    responses: list = field(default_factory=list)

    def clear(self):
        """Forget what happened so far (before moving to another page)."""
        for log in (self.requests, self.failed, self.errors, self.responses):
            log.clear()


@pytest.fixture(scope="session")
def browser_context(browser, server):
    """browser_context(bypass_csp, permissions): one context per kind, kept
    for the session, each with a page of the site left open.

    Why: a page that starts Chromium's renderer for the site costs about one
    CPU-second; with a page of the site kept open, the next one reuses the
    renderer and costs a third of that (the browser tests are CPU-bound).
    open_page gives every visit an empty storage and a page of its own."""
    contexts = {}

    def get(bypass_csp: bool, permissions, mobile: bool = False) -> tuple[object, object]:
        key = (bypass_csp, tuple(sorted(permissions)), mobile)
        if key not in contexts:
            # mobile: a phone's browser, which widens the page to fit what overflows.
            context = browser.new_context(
                bypass_csp=bypass_csp,
                permissions=list(key[1]),
                is_mobile=mobile,
                has_touch=mobile,
            )
            keeper = context.new_page()
            keeper.goto(server + "assets/images/favicon.svg")
            contexts[key] = (context, keeper)
        return contexts[key]

    yield get
    for context, _ in contexts.values():
        context.close()


@pytest.fixture
def open_page(browser_context, server):
    """open_page(path, viewport=..., scheme=...) -> Visit, with logs recorded."""
    pages = []

    def open_(
        path: str, viewport=DESKTOP, scheme="light", permissions=(), bypass_csp=False, mobile=False
    ):
        context, keeper = browser_context(bypass_csp, permissions, mobile)
        # What a new context would give: no cookies or stored choices (the
        # colour scheme) from earlier visits; a new page has its own session.
        context.clear_cookies()
        keeper.evaluate("localStorage.clear()")
        page = context.new_page()
        pages.append(page)
        page.set_viewport_size(viewport)
        page.emulate_media(color_scheme=scheme)
        page.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        visit = Visit(page)
        page.on("request", lambda r: visit.requests.append(r.url))
        # An abort is Chromium cancelling a request (the favicon, when a test
        # moves on to the next page at once), not a resource the site lacks:
        # those show up as error statuses or other network errors.
        page.on(
            "requestfailed",
            lambda r: (
                r.failure != "net::ERR_ABORTED" and visit.failed.append(f"{r.url} {r.failure}")
            ),
        )
        page.on("response", lambda r: visit.responses.append((r.status, r.url)))
        page.on("console", lambda m: m.type == "error" and visit.errors.append(m.text))
        page.on("pageerror", lambda e: visit.errors.append(str(e)))
        page.goto(server + path, wait_until="load")
        return visit

    yield open_
    for page in pages:
        page.close()


# Tests that need no built site run first: while one worker builds the site
# (the `site` fixture), the other works through them instead of waiting.
NEEDS_THE_SITE = {"site", "server", "open_page", "browser"}


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: bool(NEEDS_THE_SITE & set(item.fixturenames)))
