"""A strict Content Security Policy on every page, from our templates alone.

Each page's policy (written by overrides/partials/security-head.html) allows
only this site's own files, 'wasm-unsafe-eval' for Pagefind's WebAssembly
search, and the sha256 hashes of Material's small inline scripts as its
templates render them for that page: never what the page happens to contain.
The finished page is then read: an inline script, event-handler attribute or
`javascript:` URL that those templates did not write stops the build. After
the build, `_headers` (read by Netlify and Cloudflare Pages) sends the same
policy as real HTTP headers, plus what only headers can say (frame-ancestors).
External links get rel="noopener noreferrer" from Material's privacy plugin.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path

from faq_templates import page_env
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# JSON data blocks (__config, JSON-LD) are not executed, so need no hash.
_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(?:ld\+)?json\")[^>]*>(.*?)</script>", re.S
)
_EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*\s(on[a-z]+)\s*=", re.I)
_SCRIPT_URL = re.compile(
    r"""\b(?:href|src|action|formaction)\s*=\s*["']?\s*(?:javascript|vbscript):""", re.I
)
# Material's templates that write inline scripts (rendered per page: they
# depend on the page's depth and the theme's features).
THEME_SCRIPT_TEMPLATES = [
    f"partials/javascripts/{name}.html"
    for name in ("base", "palette", "content")  # the ones this site's configuration uses
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
        f"{where}: inline <script> not written by the theme templates the CSP allows "
        f"(security.THEME_SCRIPT_TEMPLATES): "
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


def check_output(output: str, where: str, allowed: set[str]) -> str:
    """Stop the build if the finished page runs code that no template of ours wrote."""
    problems = unexpected_code(where, output, allowed)
    if problems:
        raise PluginError("\n".join(problems))
    _PAGE_HASHES.update(script_hashes(output))
    return output


def _add_policy(context, config, allowed: set[str]):
    """What overrides/partials/security-head.html writes."""
    context["csp"] = policy(script_hashes("".join(f"<script>{s}</script>" for s in allowed)))
    context["referrer_policy"] = REFERRER_POLICY
    return context


def on_page_context(context, page, config, nav):
    page.theme_scripts = theme_scripts(page_env(config), config, context["base_url"])
    return _add_policy(context, config, page.theme_scripts)


def on_template_context(context, template_name, config):
    allowed = theme_scripts(page_env(config), config, context["base_url"])
    _TEMPLATE_SCRIPTS[template_name] = allowed
    return _add_policy(context, config, allowed)


@event_priority(-90)  # last: after every hook that changes the page
def on_post_page(output, page, config):
    where = os.path.relpath(page.file.abs_src_path) if page.file.abs_src_path else page.url
    return check_output(output, where, page.theme_scripts)


@event_priority(-90)
def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html") and output_content:  # the 404 page
        allowed = _TEMPLATE_SCRIPTS.get(template_name, set())
        return check_output(output_content, f"template {template_name}", allowed)
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
