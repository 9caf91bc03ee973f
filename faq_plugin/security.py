"""A strict Content Security Policy on every page, from the theme's templates alone.

Each page's policy (written by overrides/partials/security-head.html) allows
only this site's own files, 'wasm-unsafe-eval' for Pagefind's WebAssembly
search, and the sha256 hashes of Material's small inline scripts as its
templates render them for that page (material.THEME_SCRIPT_TEMPLATES): never
what the page happens to contain. The page pass reads the finished page: an
inline script, event-handler attribute or `javascript:` URL that those
templates did not write stops the build. After the build, `_headers` (read
by Netlify and Cloudflare Pages) sends the same policy as real HTTP headers,
plus what only headers can say (frame-ancestors). External links get
rel="noopener noreferrer" in the page pass.
"""

from __future__ import annotations

import base64
import hashlib
import re

from . import material
from .page_pass import FinishedPage, finish

# JSON data blocks (__config, JSON-LD) are not executed, so need no hash.
_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(?:ld\+)?json\")[^>]*>(.*?)</script>", re.S
)

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


def hash_of(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


def script_hashes(html: str) -> list[str]:
    """The hashes of a page's inline scripts, read from its HTML."""
    return [hash_of(body) for body in _INLINE_SCRIPT.findall(html)]


def theme_scripts(env, config, base_url: str) -> set[str]:
    """The inline scripts the theme's templates write on a page at this depth."""
    context = material.theme_script_context(config, base_url)
    return {
        body
        for name in material.THEME_SCRIPT_TEMPLATES
        for body in _INLINE_SCRIPT.findall(env.get_template(name).render(context))
    }


def head_values(allowed: set[str]) -> dict:
    """What overrides/partials/security-head.html writes."""
    return {"csp": policy({hash_of(s) for s in allowed}), "referrer_policy": REFERRER_POLICY}


def unexpected_code(where: str, page: FinishedPage | str, allowed: set[str]) -> list[str]:
    """Inline code in a finished page that no template of the theme wrote."""
    if isinstance(page, str):
        page = finish(page, None)
    problems = [
        f"{where}: inline <script> not written by the theme templates the CSP allows "
        f"(material.THEME_SCRIPT_TEMPLATES): {' '.join(body.split())[:80]!r}"
        for body in page.scripts
        if body not in allowed
    ]
    problems += [
        f"{where}: inline event handler '{name}=' (not allowed by the CSP)"
        for name in page.handlers
    ]
    if page.script_urls:
        problems.append(f"{where}: javascript: URL (not allowed by the CSP)")
    return problems


def headers_file(hashes: set[str]) -> str:
    """`_headers`: the policy of every page as HTTP headers, and what only headers can say."""
    lines = [
        "/*",
        f"  Content-Security-Policy: {policy(hashes, header=True)}",
        "  X-Content-Type-Options: nosniff",
        f"  Referrer-Policy: {REFERRER_POLICY}",
        f"  Permissions-Policy: {PERMISSIONS_POLICY}",
        "  X-Frame-Options: DENY",
        "",
    ]
    return "\n".join(lines)
