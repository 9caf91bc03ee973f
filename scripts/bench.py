"""Measure build times and first-view page weights; exit 1 if a budget is exceeded.

What it measures, in one run (a measurement, not a test: it prints figures):

1. Build time. The project (mkdocs.yml, docs/, overrides/, data/, fonts/) is
   copied to a temporary folder, so the social card cache starts empty, and
   built with `mkdocs build --strict`: once cold, then warm several times (best kept).
2. Reference time: the same docs built by plain Material with the same i18n
   plugin, but without the hooks, social cards, custom_dir, extra CSS and
   JavaScript (a reduced copy of mkdocs.yml). Budget: warm / reference <= 2.0.
3. Page count of the real build.
4. First view of every page (share pages under q/ and en/q/ are represented by
   one sample): the site is served on 127.0.0.1 and each page is opened in a
   fresh headless Chromium context (Playwright). Every request is counted and
   every response body is gzip-compressed here (level 6) to estimate the bytes
   a compressing server would send, per type. Budget: <= 90 KiB, <= 12 requests.
   The Pagefind index is only fetched on search: a first search for "donnees"
   on a French page is reported separately.
5. Social cards: count, sizes and dimensions (1200 x 630) of every PNG card.
"""

from __future__ import annotations

import gzip
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ["mkdocs.yml", "docs", "overrides", "data", "fonts"]
MAX_RATIO = 2.0
WARM_RUNS = 5
MAX_PAGE_KIB = 90
MAX_REQUESTS = 12
SHARE_DIRS = ("q/", "en/q/")
SHARE_SAMPLE = "q/instagram/index.html"
SEARCH_PAGE = "data/index.html"  # a French page
SEARCH_QUERY = "donnees"
CARD_SIZE = (1200, 630)
TYPES = ("html", "css", "js", "img", "index", "other")  # table columns
IMAGE_EXTS = (".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico")


def build(project: Path, site: Path, config: str = "mkdocs.yml") -> float:
    """Run a strict MkDocs build of `project` into `site`; return its duration in seconds."""
    env = {k: v for k, v in os.environ.items() if k not in ("I18N_ONLY", "DOCS_DIR")}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", SOCIAL_CARDS="true")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config]
    start = time.perf_counter()
    result = subprocess.run(
        [*command, "--site-dir", str(site)], cwd=project, env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed ({config}):\n{result.stderr[-3000:]}")
    return elapsed


def reference_config(project: Path) -> str:
    """Write a plain-Material variant of mkdocs.yml into `project`; return its name."""

    class Loader(yaml.SafeLoader):
        pass

    def env_default(loader, node):  # !ENV [NAME, default] -> default
        if isinstance(node, yaml.SequenceNode):
            values = loader.construct_sequence(node)
            return values[-1] if len(values) > 1 else None
        return None

    Loader.add_constructor("!ENV", env_default)
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    for key in ("hooks", "extra_javascript", "extra_css"):
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)
    config["plugins"] = [
        p
        for p in config["plugins"]
        if (p if isinstance(p, str) else next(iter(p))) not in ("social", "material/social")
    ]
    (project / "reference.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return "reference.yml"


def kind(url: str) -> str:
    """Resource type of a URL, from its path."""
    path = urlsplit(url).path.lower()
    if "/pagefind/" in path and not path.endswith((".js", ".mjs", ".css")):
        return "index"
    if path.endswith("/") or path.endswith(".html"):
        return "html"
    if path.endswith(".css"):
        return "css"
    if path.endswith((".js", ".mjs")):
        return "js"
    return "img" if path.endswith(IMAGE_EXTS) else "other"


def weigh(responses) -> Counter:
    """Gzip bytes (level 6) of the response bodies, per type."""
    sizes = Counter()
    for response in responses:
        try:
            body = response.body()
        except Exception:  # redirects and failed loads have no body
            continue
        if body:
            sizes[kind(response.url)] += len(gzip.compress(body, compresslevel=6))
    return sizes


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    """Serve `site` on a free loopback port in a background thread."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def visit(browser, url: str):
    """Open `url` in a fresh context, wait for load + network idle; keep its traffic."""
    context = browser.new_context()
    requests, responses = [], []
    context.on("request", lambda request: requests.append(request))
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return context, page, requests, responses


def first_views(site: Path, pages: list[str]) -> tuple[dict[str, tuple[int, Counter]], tuple]:
    """Requests and gzip bytes per type for each page's first view, and the first search."""
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    results, search = {}, None
    args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=args
        )
        for rel in pages:
            context, page, requests, responses = visit(browser, base + url_of(rel))
            results[rel] = (len(requests), weigh(responses))
            if rel == SEARCH_PAGE:
                seen = len(requests), len(responses)
                page.focus(".md-search__input")
                page.keyboard.type(SEARCH_QUERY)
                page.wait_for_selector(".md-search-result__list li")
                page.wait_for_load_state("networkidle")
                search = (len(requests) - seen[0], weigh(responses[seen[1] :]))
            context.close()
        browser.close()
    server.shutdown()
    return results, search


def kib(size: int) -> str:
    return f"{size / 1024:.1f}"


def url_of(rel: str) -> str:
    return "/" + rel.removesuffix("index.html")


def report_pages(results: dict[str, tuple[int, Counter]]) -> list[str]:
    """Print the first-view table; return the budget breaches."""
    print(f"{'page':<22} {'req':>4} " + " ".join(f"{c:>6}" for c in TYPES) + f" {'total':>7}")
    breaches = []
    for rel, (count, sizes) in results.items():
        total = sum(sizes.values())
        cells = " ".join(f"{kib(sizes[c]):>6}" for c in TYPES)
        print(f"{url_of(rel):<22} {count:>4} {cells} {kib(total):>7}")
        if total > MAX_PAGE_KIB * 1024:
            breaches.append(f"{url_of(rel)}: {kib(total)} KiB gzip > {MAX_PAGE_KIB} KiB")
        if count > MAX_REQUESTS:
            breaches.append(f"{url_of(rel)}: {count} requests > {MAX_REQUESTS}")
    print("(KiB, gzip level 6; 'index' = Pagefind index files)")
    return breaches


def report_cards(site: Path) -> list[str]:
    """Print count, sizes and dimensions of the social cards; return the breaches."""
    cards = sorted((site / "assets" / "images" / "social").rglob("*.png"))
    if not cards:
        print("social cards: none found")
        return ["no social card was generated"]
    sizes = [card.stat().st_size for card in cards]
    wrong = []
    for card in cards:
        with Image.open(card) as image:
            if image.size != CARD_SIZE:
                wrong.append(f"{card.relative_to(site)} {image.size[0]}x{image.size[1]}")
    print(
        f"social cards: {len(cards)}, bytes min {min(sizes)} / median "
        f"{statistics.median(sizes):.0f} / max {max(sizes)}; "
        f"{len(cards) - len(wrong)}/{len(cards)} are {CARD_SIZE[0]}x{CARD_SIZE[1]}"
    )
    return [f"social card not {CARD_SIZE[0]}x{CARD_SIZE[1]}: {w}" for w in wrong]


def main() -> int:
    breaches = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        project, site = Path(tmp) / "project", Path(tmp) / "site"
        project.mkdir()
        for part in PROJECT_PARTS:
            copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copy2
            copy(ROOT / part, project / part)

        print(f"== build ({os.cpu_count()} CPUs)")
        cold = build(project, site)
        reference_yml = reference_config(project)
        # Alternate the two, so load from elsewhere on the machine hits both alike,
        # and keep the best of each (the least disturbed run).
        warm_runs, reference_runs = [], []
        for _ in range(WARM_RUNS):
            warm_runs.append(build(project, site))
            reference_runs.append(build(project, Path(tmp) / "reference", reference_yml))
        warm, reference = min(warm_runs), min(reference_runs)
        ratio = warm / reference
        print(f"cold build (no card cache): {cold:6.2f} s")
        print(f"warm build (best of {WARM_RUNS}):     {warm:6.2f} s")
        print(f"reference, plain Material:  {reference:6.2f} s (warm, best of {WARM_RUNS})")
        print(f"warm / reference:           {ratio:6.2f} (budget <= {MAX_RATIO})")
        if ratio > MAX_RATIO:
            breaches.append(f"build: warm / reference = {ratio:.2f} > {MAX_RATIO}")

        html = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
        shares = [p for p in html if p.startswith(SHARE_DIRS)]
        pages = [p for p in html if p not in shares] + [SHARE_SAMPLE]
        print(f"\n== pages: {len(html)} HTML files ({len(html) - len(shares)} pages + ", end="")
        print(f"{len(shares)} share pages; {url_of(SHARE_SAMPLE)} measured as their sample)")

        print("\n== first view (fresh browser context, load + network idle)")
        results, (search_count, search_sizes) = first_views(site, pages)
        breaches += report_pages(results)
        detail = ", ".join(f"{t} {kib(search_sizes[t])}" for t in TYPES if search_sizes[t])
        print(
            f"\nfirst search for '{SEARCH_QUERY}' on {url_of(SEARCH_PAGE)}: +{search_count} "
            f"requests, +{kib(sum(search_sizes.values()))} KiB gzip ({detail})"
        )

        print("\n== social cards")
        breaches += report_cards(site)

    print()
    if not breaches:
        print("budget: OK")
        return 0
    print("budget: EXCEEDED")
    for breach in breaches:
        print(f"  - {breach}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
