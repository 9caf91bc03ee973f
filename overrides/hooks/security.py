"""A strict Content Security Policy on every page, and links that leak nothing.

Each page gets a CSP `<meta>` allowing only this site's own files, with the
sha256 hash of each of Material's small inline scripts (no 'unsafe-inline'),
and 'wasm-unsafe-eval' for Pagefind's WebAssembly search. The hashes come
from what the theme's templates render for that page, never from what the
page happens to contain: an inline script, event-handler attribute or
`javascript:` URL that no template of ours emits stops the build. External links get
rel="noopener noreferrer" and pages a `same-origin` referrer policy. After the
build, `_headers` (read by Netlify and Cloudflare Pages) sends the same policy
as real HTTP headers, plus what only headers can say (frame-ancestors…).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from faq_templates import page_env
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# JSON data blocks (__config, JSON-LD) are not executed, so need no hash.
_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(?:ld\+)?json\")[^>]*>(.*?)</script>", re.S
)
_ANCHOR = re.compile(r"<a\b[^>]*>")
_HREF = re.compile(r'\bhref="([^"]*)"')
_REL = re.compile(r'\brel="([^"]*)"')
_EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*\s(on[a-z]+)\s*=", re.I)
_SCRIPT_URL = re.compile(
    r"""\b(?:href|src|action|formaction)\s*=\s*["']?\s*(?:javascript|vbscript):""", re.I
)
# Material's templates that write inline scripts (rendered per page: they
# depend on the page's depth and the theme's features).
THEME_SCRIPT_TEMPLATES = [
    f"partials/javascripts/{name}.html"
    for name in ("base", "palette", "content", "announce", "outdated", "consent")
]
_PAGE_HASHES: set[str] = set()
_TEMPLATE_SCRIPTS: dict[str, set[str]] = {}

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


def theme_scripts(env, config, base_url: str) -> set[str]:
    """The inline scripts the theme's templates write on a page at this depth."""
    context = {"config": config, "base_url": base_url, "features": config.theme.get("features")}
    return {
        body
        for name in THEME_SCRIPT_TEMPLATES
        for body in _INLINE_SCRIPT.findall(env.get_template(name).render(context))
    }


def unexpected_code(where: str, html: str, allowed: set[str]) -> list[str]:
    """Inline code in a finished page that no template of ours wrote."""
    problems = [
        f"{where}: inline <script> that no template emits (not allowed by the CSP): "
        f"{' '.join(body.split())[:80]!r}"
        for body in _INLINE_SCRIPT.findall(html)
        if body not in allowed
    ]
    problems += [
        f"{where}: inline event handler '{name}=' (not allowed by the CSP)"
        for name in _EVENT_HANDLER.findall(html)
    ]
    if _SCRIPT_URL.search(html):
        problems.append(f"{where}: javascript: URL (not allowed by the CSP)")
    return problems


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


def secure(output: str, config, where: str, allowed: set[str]) -> str:
    """The page with its CSP and referrer policy, and its external links hardened."""
    problems = unexpected_code(where, output, allowed)
    if problems:
        raise PluginError("\n".join(problems))
    hashes = script_hashes(output)
    _PAGE_HASHES.update(hashes)
    head = (
        f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">\n'
        f'<meta name="referrer" content="{REFERRER_POLICY}">\n'
    )
    output = output.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n' + head, 1)
    return harden_links(output, urlsplit(config.site_url or "").netloc)


def on_page_context(context, page, config, nav):
    page.theme_scripts = theme_scripts(page_env(config), config, context["base_url"])
    return context


def on_template_context(context, template_name, config):
    _TEMPLATE_SCRIPTS[template_name] = theme_scripts(page_env(config), config, context["base_url"])
    return context


@event_priority(-90)  # last: after every hook that changes the page
def on_post_page(output, page, config):
    where = os.path.relpath(page.file.abs_src_path) if page.file.abs_src_path else page.url
    return secure(output, config, where, page.theme_scripts)


@event_priority(-90)
def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html") and output_content:  # the 404 page
        allowed = _TEMPLATE_SCRIPTS.get(template_name, set())
        return secure(output_content, config, f"template {template_name}", allowed)
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
