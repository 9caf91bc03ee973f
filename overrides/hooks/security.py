"""A strict Content Security Policy on every page, and links that leak nothing.

Each page gets a CSP `<meta>` allowing only this site's own files, with the
sha256 hash of each of Material's small inline scripts (no 'unsafe-inline'),
and 'wasm-unsafe-eval' for Pagefind's WebAssembly search. External links get
rel="noopener noreferrer" and pages a `same-origin` referrer policy. After the
build, `_headers` (read by Netlify and Cloudflare Pages) sends the same policy
as real HTTP headers, plus what only headers can say (frame-ancestors…).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

# JSON data blocks (__config, JSON-LD) are not executed, so need no hash.
_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(?:ld\+)?json\")[^>]*>(.*?)</script>", re.S
)
_ANCHOR = re.compile(r"<a\b[^>]*>")
_HREF = re.compile(r'\bhref="([^"]*)"')
_REL = re.compile(r'\brel="([^"]*)"')
_PAGE_HASHES: set[str] = set()

REFERRER_POLICY = "same-origin"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)


def policy(script_hashes, header: bool = False) -> str:
    scripts = " ".join(f"'{h}'" for h in sorted(script_hashes))
    directives = [
        "default-src 'self'",
        f"script-src 'self' 'wasm-unsafe-eval' {scripts}".rstrip(),
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    if header:  # ignored (and reported) by browsers when set in a <meta>
        directives.append("frame-ancestors 'none'")
    return "; ".join(directives)


def script_hashes(html: str) -> list[str]:
    return [
        "sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        for body in _INLINE_SCRIPT.findall(html)
    ]


def harden_links(html: str, own_host: str) -> str:
    """Add noopener noreferrer to every link that leaves the site."""

    def fix(match: re.Match) -> str:
        tag = match.group(0)
        href = _HREF.search(tag)
        host = urlsplit(href.group(1)).netloc if href else ""
        if not host or host == own_host:
            return tag
        rel = _REL.search(tag)
        tokens = dict.fromkeys((rel.group(1).split() if rel else []) + ["noopener", "noreferrer"])
        if rel:
            return tag.replace(rel.group(0), f'rel="{" ".join(tokens)}"')
        return tag[:-1] + f' rel="{" ".join(tokens)}">'

    return _ANCHOR.sub(fix, html)


def secure(output: str, config) -> str:
    """The page with its CSP and referrer policy, and its external links hardened."""
    hashes = script_hashes(output)
    _PAGE_HASHES.update(hashes)
    head = (
        f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">\n'
        f'<meta name="referrer" content="{REFERRER_POLICY}">\n'
    )
    output = output.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n' + head, 1)
    return harden_links(output, urlsplit(config.site_url or "").netloc)


@event_priority(-90)  # last: after every hook that changes the page
def on_post_page(output, page, config):
    return secure(output, config)


@event_priority(-90)
def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html") and output_content:  # the 404 page
        return secure(output_content, config)
    return output_content


@event_priority(-150)  # after mkdocs-static-i18n has built every language
def on_post_build(config):
    if config.plugins["i18n"].building:
        return
    headers = [
        "/*",
        f"  Content-Security-Policy: {policy(_PAGE_HASHES, header=True)}",
        "  X-Content-Type-Options: nosniff",
        f"  Referrer-Policy: {REFERRER_POLICY}",
        f"  Permissions-Policy: {PERMISSIONS_POLICY}",
        "  X-Frame-Options: DENY",
        "",
    ]
    (Path(config.site_dir) / "_headers").write_text("\n".join(headers), encoding="utf-8")
    _PAGE_HASHES.clear()
