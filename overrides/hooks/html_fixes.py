"""Correct the few spots where Material's markup is not valid HTML.

The Nu Html Checker (tests/test_html.py) rejects:
- `autocomplete` on checkbox and radio inputs, which Material puts on its
  drawer, search and palette toggles (browsers ignore it there);
- a `<label for="__toc">` whose checkbox Material only renders for pages in
  the navigation (not for share pages): that dangling `for` is dropped. Only
  that one: a dangling `for` of our own templates stays for the checker.
These come from Material's compiled partials, so the finished page is the
one place to correct them.
"""

from __future__ import annotations

import re

_TOGGLE_INPUT = re.compile(r"<input\b[^>]*\btype=\"(?:checkbox|radio)\"[^>]*>")
_AUTOCOMPLETE = re.compile(r'\s+autocomplete="[^"]*"')
_TOC_LABEL_FOR = re.compile(r'(<label\b[^>]*?)\s+for="__toc"')


def fix_html(html: str) -> str:
    html = _TOGGLE_INPUT.sub(lambda m: _AUTOCOMPLETE.sub("", m.group(0)), html)
    if 'id="__toc"' in html:
        return html
    return _TOC_LABEL_FOR.sub(r"\1", html)


def on_post_page(output, page, config):
    return fix_html(output)


def on_post_template(output_content, template_name, config):
    return fix_html(output_content) if template_name.endswith(".html") else output_content
