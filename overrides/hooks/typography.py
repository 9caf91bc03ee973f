"""Spacing around punctuation, per language: set by the build, checked for editors.

French puts a narrow no-break space (U+202F) before ; ! ? and a no-break
space (U+00A0) before : and inside « ». Editors type ordinary spaces (or
none): this hook sets the right ones in every built page, in the visible
text and in the text attributes (aria-label, title, alt, placeholder, the
share and search strings, and the text of description/Open Graph meta
tags), never inside code, pre, kbd, samp, script, style, textarea or SVG,
nor in URLs. An element with its own `lang` follows its language's rule.

Other languages (English) never have a space before : ; ! ?. An English
page typed with French spacing ("word :", "word ?") stops the build with
file:line (French spacing is never an editor error: the build sets it).

`punctuation_problems(text, lang)` states both rules; tests/test_typography.py
applies it to every built page.
"""

from __future__ import annotations

import html
import os
import re

from faq_source import EditorError, body_start_line, source_lines
from mkdocs.plugins import event_priority

# Languages whose typography puts a space before high punctuation.
SPACED_PUNCTUATION = {"fr"}

NNBSP, NBSP = "\u202f", "\u00a0"
_SPACES = " \t\n\r\u00a0\u202f"
# Punctuation ending a phrase: followed by a space, the end, or closing marks.
# (So "https://", "10:30", "?q=1" and entities like "&amp;" are left alone.)
_AFTER = r"(?=[\s\u00a0\u202f»”’\"')\].,;:!?*_]|$)"
_FRENCH_PUNCT = re.compile(rf"(?P<space>[{_SPACES}]*)(?P<mark>[;!?]+|:){_AFTER}")
_OPEN_GUILLEMET = re.compile(rf"«[{_SPACES}]*")
_CLOSE_GUILLEMET = re.compile(rf"[{_SPACES}]*»")
# A word (or a closing mark) directly before the punctuation needs a space.
_NEEDS_SPACE_AFTER = re.compile(r"[\w)\]»”’\"…%]")
_SPACE_BEFORE = re.compile(rf"(?<=[^{_SPACES}])[{_SPACES}]+(?P<mark>[:;!?]){_AFTER}")

_MARKS = re.compile(r"[;!?:«»]")
_SKIP = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math"}
_RAW_TEXT = {"script", "style", "textarea"}
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input",
    "link", "meta", "param", "source", "track", "wbr",
}  # fmt: skip
# Text starts again after these: no space is added across them.
_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "br", "button", "dd",
    "details", "div", "dl", "dt", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "label",
    "li", "main", "nav", "ol", "option", "p", "section", "summary", "table",
    "td", "th", "title", "tr", "ul",
}  # fmt: skip
TEXT_ATTRIBUTES = {
    "aria-label", "aria-description", "aria-roledescription", "title", "alt",
    "placeholder", "data-share-text", "data-share-label", "data-copy-label",
    "data-done", "data-none", "data-one", "data-other", "data-placeholder",
}  # fmt: skip
TEXT_META = {
    "description", "og:title", "og:description", "og:image:alt", "og:site_name",
    "twitter:title", "twitter:description", "twitter:image:alt",
}  # fmt: skip

_TOKEN = re.compile(
    r"<!--.*?-->|<![^>]*>|<\?.*?>"
    r"|<(?P<end>/?)(?P<tag>[a-zA-Z][a-zA-Z0-9:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.S,
)
_ATTR = re.compile(
    r"""(?P<name>[^\s=/>"']+)"""
    r"""(?:(?P<eq>\s*=\s*)(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s>"']*)))?"""
)


def _value(match: re.Match) -> str | None:
    return next((v for v in (match["dq"], match["sq"], match["uq"]) if v is not None), None)


def french_spacing(language: str | None) -> bool:
    return (language or "").split("-")[0].lower() in SPACED_PUNCTUATION


def fix_french(text: str, before: str = "") -> str:
    """French text with the right no-break spaces (idempotent).

    `before` is the text just before (in the same paragraph): a mark that
    starts this text gets its space when a word ends the previous one.
    """

    def punct(match: re.Match) -> str:
        space = NBSP if match["mark"] == ":" else NNBSP
        start = match.start()
        previous = text[start - 1] if start else before[-1:]
        if not previous or previous in _SPACES:
            # At the start of the text, after a space: keep what is there
            # (a paragraph does not start with a space).
            return (space if match["space"] else "") + match["mark"]
        if not match["space"] and not _NEEDS_SPACE_AFTER.match(previous):
            return match.group(0)
        return space + match["mark"]

    text = _FRENCH_PUNCT.sub(punct, text)
    text = _OPEN_GUILLEMET.sub("«" + NBSP, text)
    return _CLOSE_GUILLEMET.sub(NBSP + "»", text)


def punctuation_problems(text: str, language: str | None) -> list[str]:
    """What breaks the language's spacing rule in `text` (one short excerpt each)."""
    problems = []

    def excerpt(start: int, end: int) -> str:
        return repr(text[max(0, start - 15) : end + 5])

    if french_spacing(language):
        fixed = fix_french(text)
        if fixed != text:
            index = next(i for i, (a, b) in enumerate(zip(text, fixed, strict=False)) if a != b)
            problems.append(
                f"French spacing wrong near {excerpt(index, index + 1)}: narrow no-break "
                "space (U+202F) before ; ! ?, no-break space (U+00A0) before : and inside « »"
            )
    else:
        for match in _SPACE_BEFORE.finditer(text):
            problems.append(
                f"space before '{match['mark']}' near {excerpt(match.start(), match.end())}"
                f" ({language} text: no space before : ; ! ?)"
            )
    return problems


# --- Built pages ------------------------------------------------------------


def _fix_attrs(attrs: str, tag: str, language: str | None) -> str:
    if not _MARKS.search(attrs) or not french_spacing(language):
        return attrs
    found = {m["name"].lower(): m for m in _ATTR.finditer(attrs)}
    names = set(TEXT_ATTRIBUTES)
    if tag == "meta":
        kind = found.get("property") or found.get("name")
        if kind and _value(kind) in TEXT_META:
            names.add("content")

    def fix(match: re.Match) -> str:
        if match["name"].lower() not in names or not match["eq"]:
            return match.group(0)
        value = html.unescape(_value(match))
        fixed = fix_french(value)
        if fixed == value:
            return match.group(0)
        quote = "'" if match["sq"] is not None else '"'
        return f"{match['name']}{match['eq']}{quote}{html.escape(fixed, quote=True)}{quote}"

    return _ATTR.sub(fix, attrs)


def fix_html(document: str, language: str | None) -> str:
    """Set French spacing in `document` (a page or a fragment of one).

    `language` is the language of text outside any element with a `lang`.
    """
    out: list[str] = []
    stack: list[tuple[str, str | None, bool]] = []  # (tag, language, skipped)
    previous = ""  # text so far in the current paragraph, same language
    position = 0

    def current() -> tuple[str | None, bool]:
        return (stack[-1][1], stack[-1][2]) if stack else (language, False)

    def text(raw: str) -> None:
        nonlocal previous
        lang, skipped = current()
        if skipped or not raw:
            out.append(raw)
            previous = "x" if raw.strip() else previous  # code counts as a word
            return
        if not _MARKS.search(raw):  # nothing to do: most text
            out.append(raw)
            previous = (previous + (html.unescape(raw) if "&" in raw else raw))[-2:]
            return
        plain = html.unescape(raw)
        fixed = fix_french(plain, previous) if french_spacing(lang) else plain
        out.append(raw if fixed == plain else html.escape(fixed, quote=False))
        previous = (previous + fixed)[-2:]

    for match in _TOKEN.finditer(document):
        if match.start() < position:
            continue  # inside a raw-text element already copied
        text(document[position : match.start()])
        position = match.end()
        tag = (match["tag"] or "").lower()
        if not tag:
            out.append(match.group(0))  # comment, doctype
            continue
        if tag in _BLOCKS:
            previous = ""
        if match["end"]:
            out.append(match.group(0))
            names = [entry[0] for entry in stack]
            if tag in names:
                del stack[len(names) - 1 - names[::-1].index(tag) :]
            continue
        attrs = match["attrs"]
        lang_attr = None
        if "lang" in attrs:
            lang_attr = next(
                (_value(m) for m in _ATTR.finditer(attrs) if m["name"].lower() == "lang"), None
            )
        lang, skipped = current()
        lang = lang_attr if lang_attr is not None else lang
        out.append(f"<{match['tag']}{_fix_attrs(attrs, tag, lang)}>")
        if tag in _RAW_TEXT:
            close = re.compile(rf"</{tag}\s*>", re.I).search(document, position)
            end = close.start() if close else len(document)
            out.append(document[position:end])
            position = end
            continue
        if tag not in _VOID and not attrs.rstrip().endswith("/"):
            stack.append((tag, lang, skipped or tag in _SKIP))
    text(document[position:])
    return "".join(out)


@event_priority(-80)  # after the seo hook's tags, before security hashes scripts
def on_post_page(output, page, config):
    return fix_html(output, config.theme["language"])


@event_priority(-80)
def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html") or not output_content:
        return output_content
    return fix_html(output_content, config.theme["language"])


# --- Editors: French spacing in a page of another language ------------------

_CODE_SPAN = re.compile(r"(`+).*?\1")
_HTML_COMMENT = re.compile(r"<!--.*?-->")


def markdown_problems(path: str, text: str, language: str) -> list[str]:
    """`file:line: ...` for each space before : ; ! ? in a page whose language has none."""
    if french_spacing(language):
        return []
    body = body_start_line(text)
    front = [(n, line, False) for n, line in enumerate(text.splitlines()[: body - 1], 1)]
    problems = []
    for number, line, in_code in [*front, *source_lines(text)]:
        if in_code:
            continue
        prose = _HTML_COMMENT.sub("", _CODE_SPAN.sub("x", line))
        for match in _SPACE_BEFORE.finditer(prose):
            word = prose[max(0, match.start() - 12) : match.end()].split()[-2:]
            problems.append(
                f"{path}:{number}: space before '{match['mark']}' in {language} text "
                f"(“{' '.join(word)}”): write it without the space (French spacing is "
                "for French pages, and the build adds it there)"
            )
    return problems


def on_page_markdown(markdown, page, config, files):
    if page.meta.get("generated") or not page.file.abs_src_path:
        return markdown
    problems = markdown_problems(
        os.path.relpath(page.file.abs_src_path), page.file.content_string, config.theme["language"]
    )
    if problems:
        raise EditorError(problems)
    return markdown
