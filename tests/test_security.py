"""Every page carries a strict Content Security Policy; links leak nothing."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import material
import pytest
from conftest import inline_scripts
from sitekit import PROJECT_ROOT

from faq_plugin.markdown_rules import markdown_problems
from faq_plugin.material import THEME_SCRIPT_TEMPLATES
from faq_plugin.page_pass import finish_html
from faq_plugin.security import policy, script_hashes, unexpected_code
from faq_plugin.source import SourcePage


def csp_of(page) -> dict[str, list[str]]:
    metas = page.tree.cssselect('meta[http-equiv="Content-Security-Policy"]')
    assert len(metas) == 1, f"{page.rel}: {len(metas)} CSP <meta>"
    directives = {}
    for part in metas[0].get("content").split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_every_page_has_a_strict_policy_matching_its_scripts(site):
    for page in site.html_pages():
        csp = csp_of(page)
        assert csp["default-src"] == ["'self'"], page.rel
        assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'self'"], page.rel
        assert csp["form-action"] == ["'self'"], page.rel
        assert csp["img-src"] == ["'self'", "data:"], page.rel
        assert "'unsafe-inline'" not in csp["script-src"], page.rel
        assert "'unsafe-eval'" not in csp["script-src"], page.rel
        allowed = {v.strip("'") for v in csp["script-src"]} - {"self", "wasm-unsafe-eval"}
        assert allowed == set(script_hashes(page.html)), f"{page.rel}: {allowed}"
        # The policy must come before any script to apply to it.
        assert page.html.index("Content-Security-Policy") < page.html.index("<script"), page.rel
        referrer = page.tree.cssselect('meta[name="referrer"]')
        assert referrer and referrer[0].get("content") == "same-origin", page.rel


def test_headers_file_sends_the_policy_and_more(site):
    headers = (site.root / "_headers").read_text()
    lines = headers.splitlines()
    assert lines[0] == "/*"
    values = dict(line.strip().split(": ", 1) for line in lines[1:] if line.strip())
    assert "frame-ancestors 'none'" in values["Content-Security-Policy"]
    hashes = set(re.findall(r"'(sha256-[^']+)'", values["Content-Security-Policy"]))
    for page in site.html_pages():
        assert set(script_hashes(page.html)) <= hashes, page.rel
    assert values["X-Content-Type-Options"] == "nosniff"
    assert values["Referrer-Policy"] == "same-origin"
    assert "camera=()" in values["Permissions-Policy"]


def leaky_links(tree, own_host: str) -> list[str]:
    """Links to another host that would pass it this page or a handle on its window."""
    return [
        a.get("href")
        for a in tree.iter("a")
        if urlsplit(a.get("href") or "").netloc not in ("", own_host)
        and not {"noopener", "noreferrer"} <= set((a.get("rel") or "").split())
    ]


def test_external_links_carry_noopener_noreferrer(site):
    own = urlsplit(site.url).netloc
    problems = [
        f"{page.rel}: {href}" for page in site.html_pages() for href in leaky_links(page.tree, own)
    ]
    assert not problems, "links to other hosts without noopener noreferrer:\n" + "\n".join(problems)


def test_page_pass_marks_links_to_other_hosts_and_the_check_sees_a_bare_one():
    """The page pass adds rel to links elsewhere (keeping a rel already there),
    not to the site's own links; the check above catches a link left bare."""
    page = (
        '<p><a href="https://www.cnil.fr/x">a</a> <a href="//noyb.eu/">b</a>'
        ' <a rel="nofollow" href="https://edpb.europa.eu/">c</a>'
        ' <a href="https://faq.example.org/opt-out/">d</a> <a href="../data/">e</a></p>'
    )
    html = finish_html(page, "en", own_host="faq.example.org")
    tree = lxml.html.fromstring(html)
    rels = {a.get("href"): a.get("rel") for a in tree.iter("a")}
    assert rels == {
        "https://www.cnil.fr/x": "noopener noreferrer",
        "//noyb.eu/": "noopener noreferrer",
        "https://edpb.europa.eu/": "nofollow noopener noreferrer",
        "https://faq.example.org/opt-out/": None,
        "../data/": None,
    }, rels
    assert leaky_links(tree, "faq.example.org") == []
    assert leaky_links(lxml.html.fromstring(page), "faq.example.org") == [
        "https://www.cnil.fr/x",
        "//noyb.eu/",
        "https://edpb.europa.eu/",
    ]


def test_policy_helpers_on_broken_input():
    page = (
        '<html><head><script>alert(1)</script><script src="a.js"></script>'
        '<script type="application/ld+json">{}</script></head></html>'
    )
    hashes = script_hashes(page)
    assert hashes == ["sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI="]
    assert f"'{hashes[0]}'" in policy(hashes)
    assert "frame-ancestors" not in policy(hashes) and "frame-ancestors" in policy(hashes, True)


def _template_patterns() -> list[re.Pattern]:
    """The inline-script templates (ours in overrides/, else Material's) as patterns:
    Jinja expressions match anything."""
    patterns = []
    for name in THEME_SCRIPT_TEMPLATES:
        ours = PROJECT_ROOT / "overrides" / name
        template = ours if ours.is_file() else Path(material.__file__).parent / "templates" / name
        source = template.read_text(encoding="utf-8")
        for body in re.findall(r"<script>(.*?)</script>", source, re.S):
            parts = re.split(r"\{\{.*?\}\}", body)
            patterns.append(re.compile(".*?".join(re.escape(part) for part in parts) + r"\Z"))
    return patterns


def test_every_inline_script_comes_from_the_themes_templates(site):
    patterns = _template_patterns()
    assert patterns, "no inline-script template found in Material"
    assert not any(p.match("alert(document.cookie)") for p in patterns)  # the check can fail
    for page in site.html_pages():
        for body in inline_scripts(page.html):
            assert any(p.match(body) for p in patterns), f"{page.rel}: unknown script {body[:80]!r}"


def test_code_no_template_wrote_is_refused():
    allowed = {"var a=1"}
    page = (
        "<script>var a=1</script><script>alert(document.cookie)</script>"
        '<a href="#" onclick="x()">x</a><a href="javascript:alert(1)">y</a>'
        '<script type="application/ld+json">{}</script>'
    )
    problems = unexpected_code("docs/en/index.md", page, allowed)
    assert problems == [
        "docs/en/index.md: inline <script> not written by the theme templates the CSP "
        "allows (material.THEME_SCRIPT_TEMPLATES): 'alert(document.cookie)'",
        "docs/en/index.md: inline event handler 'onclick=' (not allowed by the CSP)",
        "docs/en/index.md: javascript: URL (not allowed by the CSP)",
    ]
    assert unexpected_code("x", "<script>var a=1</script>", allowed) == []


ACTIVE_CONTENT = [
    ("<script>alert(document.cookie)</script>", "<script> in a page is not allowed"),
    ('<iframe src="https://x.example/"></iframe>', "<iframe> in a page is not allowed"),
    ('<object data="x.swf"></object>', "<object> in a page is not allowed"),
    ('<embed src="x.swf">', "<embed> in a page is not allowed"),
    ('<form action="https://x.example/"><input></form>', "<form> in a page is not allowed"),
    (
        '<a href="#"\n   onclick="steal()">x</a>',
        "event handler attribute 'onclick=' is not allowed",
    ),
    ("[click](javascript:alert(1))", "'javascript:' URL is not allowed"),
    ("![pixel](data:image/png;base64,AAAA)", "'data:' URL is not allowed"),
    ('<a href="JavaScript:alert(1)">x</a>', "'javascript:' URL is not allowed"),
    ("[later]: javascript:alert(1)", "'javascript:' URL is not allowed"),
]


@pytest.mark.parametrize(("snippet", "message"), ACTIVE_CONTENT)
def test_code_typed_into_a_page_is_an_editor_error(snippet, message):
    text = "---\ndescription: x\n---\n\n# Title\n\nIntro.\n\n" + snippet + "\n"
    line = text.splitlines().index(snippet.splitlines()[0]) + 1
    if "onclick" in snippet:
        line += 1  # the attribute is on the tag's second line
    problems = markdown_problems(SourcePage("docs/en/page.md", "en", "page.md", text))
    assert any(p.startswith(f"docs/en/page.md:{line}: {message}") for p in problems), problems


def test_code_shown_as_code_is_fine():
    text = (
        "# Title\n\nType `<script>` or `javascript:` here.\n\n```html\n<script>x()</script>\n```\n"
    )
    assert markdown_problems(SourcePage("docs/en/page.md", "en", "page.md", text)) == []


def test_page_cache_gives_the_page_pass_result_and_what_it_found(tmp_path):
    """Warm builds read the page pass's result from .cache/faq/pages/: the
    same page and the same scripts and handlers the checks read, a changed
    page finished again, an unreadable entry ignored, unused entries pruned."""
    import json

    from faq_plugin.page_cache import PageCache
    from faq_plugin.page_pass import finish

    page = (
        '<p lang="fr">Vrai ?<a href="https://x.example/" onclick="steal()">x</a></p>'
        "<script>go()</script>"
    )
    args = ("fr", "Lien", "site.example")
    cache = PageCache(tmp_path)
    assert cache.finish(page, *args) == finish(page, *args)
    (entry,) = tmp_path.iterdir()
    again = PageCache(tmp_path).finish(page, *args)
    assert again == finish(page, *args)
    assert again.handlers == ("onclick",) and again.scripts == ("go()",)
    assert "Vrai\u202f?" in again.html and 'rel="noopener noreferrer"' in again.html
    # Read from disk, not made again: what the entry says is what comes back.
    stored = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps({**stored, "html": "<p>from the cache</p>"}), encoding="utf-8")
    assert PageCache(tmp_path).finish(page, *args).html == "<p>from the cache</p>"
    changed = page.replace("Vrai", "Faux")
    assert "Faux\u202f?" in cache.finish(changed, *args).html
    entry.write_text("{not json", encoding="utf-8")
    assert PageCache(tmp_path).finish(page, *args) == finish(page, *args)
    pruned = PageCache(tmp_path)
    pruned.finish(changed, *args)
    pruned.prune()
    assert len(list(tmp_path.iterdir())) == 1 and not entry.exists()


def test_a_one_language_preview_keeps_the_cache_and_links_only_what_it_built(tmp_path):
    """`make serve` builds one language: pruning then would drop every other
    language's pages and leave the next full build cold. A full build prunes.
    And what the preview shows leads somewhere: its 404 page speaks only the
    language built (it linked to the others' missing home pages)."""
    from conftest import Site
    from sitekit import copy_project, run_build
    from test_links import check_page_links

    project = tmp_path / "project"
    copy_project(project)
    stale = project / ".cache" / "faq" / "pages" / "0123456789abcdef.json"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}", encoding="utf-8")
    one = run_build(project, tmp_path / "one", I18N_ONLY="fr", SOCIAL_CARDS="false")
    assert one.returncode == 0, one.stderr[-2000:]
    assert stale.is_file(), "a one-language build pruned the page cache"
    preview = Site(tmp_path / "one")
    dead_links = [
        problem
        for page in preview.html_pages()
        for problem in check_page_links(preview.root, page, preview.url)
        if "<a> " in problem  # <link rel=alternate> tags name the other languages' addresses
    ]
    assert not dead_links, "\n".join(dead_links)
    cached = len(list(stale.parent.iterdir()))
    full = run_build(project, tmp_path / "full", SOCIAL_CARDS="false")
    assert full.returncode == 0, full.stderr[-2000:]
    assert not stale.exists(), "a full build left an entry it did not use"
    assert len(list(stale.parent.iterdir())) > cached  # every language's pages now
