"""Every page carries a strict Content Security Policy; links leak nothing."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from security import harden_links, policy, script_hashes


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


def test_external_links_carry_noopener_noreferrer(site):
    own = urlsplit(site.url).netloc
    for page in site.html_pages():
        for a in page.tree.iter("a"):
            host = urlsplit(a.get("href") or "").netloc
            if host and host != own:
                assert {"noopener", "noreferrer"} <= set((a.get("rel") or "").split()), (
                    f"{page.rel}: {a.get('href')}"
                )


def test_policy_helpers_on_broken_input():
    page = (
        '<html><head><script>alert(1)</script><script src="a.js"></script>'
        '<script type="application/ld+json">{}</script></head><body>'
        '<a href="https://other.example/x">x</a><a rel="me" href="https://other.example">y</a>'
        '<a href="https://own.example/z">z</a><a href="../local/">w</a></body></html>'
    )
    hashes = script_hashes(page)
    assert hashes == ["sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI="]
    assert f"'{hashes[0]}'" in policy(hashes)
    assert "frame-ancestors" not in policy(hashes) and "frame-ancestors" in policy(hashes, True)
    hardened = harden_links(page, "own.example")
    assert '<a href="https://other.example/x" rel="noopener noreferrer">' in hardened
    assert '<a rel="me noopener noreferrer" href="https://other.example">' in hardened
    assert '<a href="https://own.example/z">' in hardened
    assert '<a href="../local/">' in hardened
