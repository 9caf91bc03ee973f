"""Every link of the built site leads somewhere: files, anchors, external https URLs."""

from __future__ import annotations

import urllib.request
from functools import cache
from urllib.parse import unquote, urljoin, urlsplit

import pytest

# Attributes that hold a URL the reader or the browser follows.
URL_ATTRIBUTES = {
    "a": "href",
    "link": "href",
    "script": "src",
    "img": "src",
    "source": "src",
    "iframe": "src",
    "form": "action",
}
SKIPPED_SCHEMES = ("mailto", "tel", "data", "javascript")
LOCAL = "https://site.invalid/"


def page_url(page) -> str:
    return urljoin(LOCAL, page.rel.removesuffix("index.html"))


def links(page):
    """(element, url) for every URL-bearing attribute of the page."""
    for tag, attribute in URL_ATTRIBUTES.items():
        for element in page.tree.iter(tag):
            value = element.get(attribute)
            if value is not None:
                yield element, value.strip()


def resolve_internal(site_root, url: str):
    """The built file for an internal URL (or None), and its fragment."""
    parts = urlsplit(url)
    path = unquote(parts.path).lstrip("/")
    target = site_root / path
    if path == "" or path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return (target if target.is_file() else None), parts.fragment


@cache
def ids_of(path) -> set[str]:
    import lxml.html

    tree = lxml.html.fromstring(path.read_text(encoding="utf-8"))
    return {element.get("id") for element in tree.iter() if element.get("id")}


def check_page_links(site_root, page, site_url: str) -> list[str]:
    """Problems with the internal links of one built page."""
    problems = []
    own = urlsplit(site_url)
    for element, value in links(page):
        if not value or value.split(":", 1)[0] in SKIPPED_SCHEMES:
            continue
        absolute = urljoin(page_url(page), value)
        parts = urlsplit(absolute)
        if parts.netloc == own.netloc:  # a link to ourselves (canonical, og:url…)
            absolute = urljoin(LOCAL, parts.path.removeprefix(own.path.rstrip("/")) or "/")
            absolute += f"#{parts.fragment}" if parts.fragment else ""
        elif parts.netloc != urlsplit(LOCAL).netloc:
            continue
        target, fragment = resolve_internal(site_root, absolute)
        where = f"{page.rel}: <{element.tag}> {value!r}"
        if target is None:
            problems.append(f"{where}: no such file in the site")
        elif (
            fragment
            and target.suffix == ".html"
            # "#top" needs no id: the HTML standard scrolls such a link to the top.
            and unquote(fragment).lower() != "top"
            and unquote(fragment) not in ids_of(target)
        ):
            problems.append(f"{where}: no id '{fragment}' in {target.relative_to(site_root)}")
    return problems


def test_every_internal_link_and_anchor_resolves(site):
    problems = [
        p for page in site.html_pages() for p in check_page_links(site.root, page, site.url)
    ]
    assert not problems, "\n".join(problems)


def test_link_checker_catches_a_broken_file_and_anchor(site, tmp_path):
    """The check above can fail: feed it a page with a dead link and a dead anchor."""
    from conftest import BuiltPage

    broken = tmp_path / "broken" / "index.html"
    broken.parent.mkdir()
    broken.write_text(
        '<html><body><a href="../nowhere/">x</a>'
        '<a href="../opt-out/#not-a-question">y</a></body></html>'
    )
    for rel in ("opt-out/index.html",):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes((site.root / rel).read_bytes())
    problems = check_page_links(tmp_path, BuiltPage(tmp_path, broken), site.url)
    assert any("'../nowhere/'" in p and "no such file" in p for p in problems), problems
    assert any("no id 'not-a-question'" in p for p in problems), problems


def external_links(site) -> dict[str, str]:
    """Every external URL a reader can follow, with one page that has it."""
    own = urlsplit(site.url).netloc
    found = {}
    for page in site.html_pages():
        for element, value in links(page):
            parts = urlsplit(value)
            if parts.scheme in ("http", "https") and parts.netloc != own:
                found.setdefault(value, f"{page.rel}: <{element.tag}>")
    return found


def test_external_links_are_https_and_well_formed(site):
    problems = []
    for url, where in external_links(site).items():
        parts = urlsplit(url)
        if parts.scheme != "https":
            problems.append(f"{where} {url!r}: not https")
        if not parts.netloc or "." not in parts.netloc or " " in url:
            problems.append(f"{where} {url!r}: malformed")
    assert not problems, "\n".join(problems)
    assert external_links(site), "no external link found: the scan is broken"


@pytest.mark.online  # deselected by default (no internet in CI): `make test-online`
def test_external_links_answer(site):
    broken = []
    for url, where in sorted(external_links(site).items()):
        request = urllib.request.Request(
            url, method="GET", headers={"User-Agent": "Mozilla/5.0 link-check"}
        )
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                if response.status >= 400:
                    broken.append(f"{where} {url}: HTTP {response.status}")
        except Exception as error:  # report every kind of failure
            broken.append(f"{where} {url}: {error}")
    assert not broken, "\n".join(broken)


def code_file_problems(root) -> list[str]:
    """Scripts, stylesheets and source maps under assets/ that no page loads
    (a <script src>, a <link href>, or a file's sourceMappingURL), and a
    sourceMappingURL that names a missing file."""
    import re

    import lxml.html

    used, problems = set(), []
    for page in root.rglob("*.html"):
        tree = lxml.html.parse(str(page))
        for ref in tree.xpath("//script/@src | //link/@href"):
            used.add((page.parent / urlsplit(ref).path).resolve())
    for code in [*root.rglob("*.css"), *root.rglob("*.js")]:
        text = code.read_text(encoding="utf-8")
        for ref in re.findall(r"[#@]\s*sourceMappingURL=([^\s*]+)", text):
            target = (code.parent / ref).resolve()
            used.add(target)
            if not target.is_file():
                problems.append(f"{code.relative_to(root)}: names a missing source map {ref}")
    files = [p for kind in ("*.js", "*.css", "*.map") for p in (root / "assets").rglob(kind)]
    problems += [
        f"{p.relative_to(root)}: no page loads it" for p in files if p.resolve() not in used
    ]
    return sorted(problems)


def test_the_site_publishes_no_script_or_stylesheet_that_no_page_loads(site):
    """Material's bundle.js, lunr, search worker and source maps are not used
    (site.js and Pagefind replace them): they are left out of the build, not
    served for nothing; and no file points to a map that is not there."""
    problems = code_file_problems(site.root)
    assert not problems, "\n".join(problems)


def test_code_file_check_names_an_unloaded_script_and_a_missing_map(tmp_path):
    scripts = tmp_path / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    (scripts / "site.js").write_text("go()\n//# sourceMappingURL=site.js.map\n")
    (scripts / "bundle.min.js").write_text("")
    (tmp_path / "index.html").write_text(
        '<html><head><script src="assets/javascripts/site.js"></script></head></html>'
    )
    assert code_file_problems(tmp_path) == [
        "assets/javascripts/bundle.min.js: no page loads it",
        "assets/javascripts/site.js: names a missing source map site.js.map",
    ]
