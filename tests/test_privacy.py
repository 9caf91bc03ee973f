"""Zero third parties by construction: nothing in the built site loads from elsewhere.

The browser tests watch the network; this scans every built file, so a
resource that only some reader would load (a font, an emoji image, a
polyfill) is caught too.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from conftest import PROJECT_ROOT

# Attributes that make the browser fetch something, per element.
LOADING = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "track": ["src"],
    "input": ["src"],
}
FETCHED_LINK_RELS = {
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "manifest",
    "mask-icon",
}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)|@import\s+['\"]([^'\"]+)")


def is_external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme in ("http", "https")


def external_resources_in_html(page) -> list[str]:
    found = []
    for tag, attributes in LOADING.items():
        for element in page.tree.iter(tag):
            for attribute in attributes:
                for url in (element.get(attribute) or "").split(","):
                    if url.strip() and is_external(url.split()[0]):
                        found.append(f"{page.rel}: <{tag} {attribute}={url.strip()!r}>")
    for link in page.tree.iter("link"):
        rels = set((link.get("rel") or "").lower().split())
        if rels & FETCHED_LINK_RELS and is_external(link.get("href") or ""):
            found.append(f"{page.rel}: <link rel={link.get('rel')!r} href={link.get('href')!r}>")
    for element in page.tree.xpath("//*[@style]"):
        found += [
            f"{page.rel}: style url {u}"
            for u, _ in CSS_URL.findall(element.get("style"))
            if is_external(u)
        ]
    return found


def test_html_loads_nothing_from_another_host(site):
    found = [f for page in site.html_pages() for f in external_resources_in_html(page)]
    assert not found, "\n".join(found)


def test_scan_catches_an_external_font_image_and_script(site, tmp_path):
    from conftest import BuiltPage

    page = tmp_path / "index.html"
    page.write_text(
        '<html><head><link rel="stylesheet" href="https://fonts.googleapis.com/css">'
        '<script src="//cdn.example/x.js"></script></head><body>'
        '<img src="https://cdn.jsdelivr.net/gh/twemoji/1f604.svg" alt="">'
        '<p style="background:url(https://t.example/p.gif)">x</p></body></html>'
    )
    found = external_resources_in_html(BuiltPage(tmp_path, page))
    assert len(found) == 4, found


def test_css_loads_nothing_from_another_host(site):
    found = []
    for css in site.root.rglob("*.css"):
        for url, imported in CSS_URL.findall(css.read_text(encoding="utf-8")):
            if is_external(url or imported):
                found.append(f"{css.relative_to(site.root)}: {url or imported}")
    assert not found, "\n".join(found)


def test_no_google_fonts_anywhere(site):
    hits = [
        p.rel
        for p in site.html_pages()
        if "fonts.googleapis" in p.html or "fonts.gstatic" in p.html
    ]
    assert not hits, hits


def test_our_scripts_name_no_other_host():
    for script in (PROJECT_ROOT / "docs" / "assets" / "javascripts").glob("*.js"):
        urls = re.findall(r"https?://[^\s'\")]+", script.read_text(encoding="utf-8"))
        assert not urls, f"{script.relative_to(PROJECT_ROOT)}: {urls}"


def test_nothing_triggers_materials_lazy_third_party_loads(site):
    """Material's bundle can fetch Mermaid and a polyfill from unpkg.com, and
    repository facts from api.github.com; only Mermaid diagrams and `repo_url`
    trigger them, and the site has neither."""
    for page in site.html_pages():
        assert not page.tree.cssselect(".mermaid, pre.mermaid"), f"{page.rel}: Mermaid"
        assert not page.tree.cssselect(".md-source"), f"{page.rel}: repository widget"
