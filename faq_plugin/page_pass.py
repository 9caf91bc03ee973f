"""The one pass over each finished page: what no template or Markdown can reach.

Every built page (and the 404 page) is read once, tag by tag, and written
once. Each fix says why it is here:

- `autocomplete` is dropped from checkbox and radio inputs: Material puts it
  on its toggles and the Nu Html Checker rejects it there;
- `for="__toc"` is dropped when the page has no such checkbox: Material
  renders the label on pages it leaves the checkbox off (share pages);
- Material's empty table of contents (pages with no questions: /updates/,
  the 404) is dropped: an empty "table of contents" landmark says nothing;
- the current page's link in the site navigation gets `aria-current="page"`:
  Material marks it with a class (a colour) only;
- inline `<svg>` without a role or name gets `aria-hidden`: every icon sits
  beside text or in a named control, and Material's icons are compiled in;
- Material's outer `<main class="md-main">` (it wraps the sidebars too)
  becomes a `<div>`: overrides/main.html makes the content column the `<main>`;
- a heading's permalink is named in the page's language and its "¶" hidden,
  and dropped from the page title and the sources heading (the toc
  extension links every heading; only questions get "link to this question");
  and the heading is named by its own text: the toc extension writes
  the sign as the link's text;
- French text and text attributes get their no-break spaces
  (typography.fix_french), never in code, scripts or URLs; an element with
  its own `lang` follows its language;
- a link to another host gets `rel="noopener noreferrer"`: the page it
  opens learns neither this page nor a handle on its window (a page about
  privacy leaks no referrer);
- inline scripts are collected (the CSP hashes them, after this last
  serialisation) and event-handler attributes and `javascript:` URLs
  reported (security refuses them).
"""

from __future__ import annotations

import functools
import html as html_lib
import re
from dataclasses import dataclass

from . import material
from .typography import MARKS, fix_french, french_spacing

_SKIP = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math"}
_RAW_TEXT = {"script", "style", "textarea"}
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input",
    "link", "meta", "param", "source", "track", "wbr",
}  # fmt: skip
# Text starts again after these: no space is added across them.
BLOCKS = {
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
# Headings that are not questions, besides the page title: no permalink.
UNLINKED_HEADINGS = {"page-sources"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction"}
_DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}  # not run: no hash

_TOKEN = re.compile(
    r"<!--.*?-->|<![^>]*>|<\?.*?>"
    r"|<(?P<end>/?)(?P<tag>[a-zA-Z][a-zA-Z0-9:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.S,
)
_ATTR = re.compile(
    r"""(?P<name>[^\s=/>"']+)"""
    r"""(?:(?P<eq>\s*=\s*)(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s>"']*)))?"""
)
_EMPTY_TOC = re.compile(r'<nav class="md-nav md-nav--secondary"[^>]*>\s*</nav>')
_AUTOCOMPLETE = re.compile(r'\s+autocomplete="[^"]*"')
_SCRIPT_URL = re.compile(r"^\s*(?:javascript|vbscript):", re.I)
_OTHER_HOST = re.compile(r"^\s*(?:https?:)?//([^/?#\s]+)", re.I)
EXTERNAL_REL = ("noopener", "noreferrer")
# Tags whose attributes a fix reads; any other tag's are read only when they
# may hold a handler, a script URL or a language (most tags hold none).
_PARSED = {"input", "label", "svg", "main", "a", "script", *_HEADINGS}
_ATTRIBUTE_HINT = re.compile(r"\son[a-z]+\s*=|script:|\blang\s*=", re.I)


def _value(match: re.Match) -> str | None:
    return next((v for v in (match["dq"], match["sq"], match["uq"]) if v is not None), None)


@dataclass(frozen=True)
class FinishedPage:
    html: str
    scripts: tuple[str, ...] = ()  # inline scripts a browser runs
    handlers: tuple[str, ...] = ()  # on…= attribute names
    script_urls: int = 0  # javascript:/vbscript: URLs


def _fix_text_attributes(attrs: str, tag: str, language: str | None) -> str:
    if not MARKS.search(attrs) or not french_spacing(language):
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
        value = html_lib.unescape(_value(match))
        fixed = fix_french(value)
        if fixed == value:
            return match.group(0)
        quote = "'" if match["sq"] is not None else '"'
        return f"{match['name']}{match['eq']}{quote}{html_lib.escape(fixed, quote=True)}{quote}"

    return _ATTR.sub(fix, attrs)


# A pure function of its arguments: `mkdocs serve` rebuilds every page on
# each edit, and all but the edited one come out the same.
@functools.lru_cache(maxsize=1024)
def finish(
    document: str, language: str | None, permalink_label: str = "", own_host: str = ""
) -> FinishedPage:
    """The page (or a fragment of one) with every fix applied, and its code.

    `language` is the language of text outside any element with a `lang`;
    `own_host` is the site's host (links elsewhere get EXTERNAL_REL).
    """
    scripts: list[str] = []
    handlers: list[str] = []
    script_urls = 0
    has_toc_toggle = f'id="{material.TOC_TOGGLE_ID}"' in document
    document = _EMPTY_TOC.sub("", document)
    out: list[str] = []
    # (tag, language, inside code, written as)
    stack: list[tuple[str, str | None, bool, str]] = []
    previous = ""  # text so far in the current paragraph, same language
    position = 0
    outer_main_done = False
    heading: dict | None = None  # the open heading: its start tag's index, its text

    def current() -> tuple[str | None, bool]:
        return (stack[-1][1], stack[-1][2]) if stack else (language, False)

    def text(raw: str) -> None:
        start = len(out)
        write_text(raw)
        if heading is not None and not heading["in_link"]:
            heading["text"] += out[start:]  # as written: with its French spacing

    def write_text(raw: str) -> None:
        nonlocal previous
        lang, skipped = current()
        if skipped or not raw:
            out.append(raw)
            previous = "x" if raw.strip() else previous  # code counts as a word
            return
        if not MARKS.search(raw):  # nothing to do: most text
            out.append(raw)
            previous = (previous + (html_lib.unescape(raw) if "&" in raw else raw))[-2:]
            return
        plain = html_lib.unescape(raw)
        fixed = fix_french(plain, previous) if french_spacing(lang) else plain
        out.append(raw if fixed == plain else html_lib.escape(fixed, quote=False))
        previous = (previous + fixed)[-2:]

    for match in _TOKEN.finditer(document):
        if match.start() < position:
            continue  # inside a raw-text element already copied
        if match.start() > position:  # most tags follow another tag
            text(document[position : match.start()])
        position = match.end()
        tag = (match["tag"] or "").lower()
        if not tag:
            out.append(match.group(0))  # comment, doctype
            continue
        if tag in BLOCKS:
            previous = ""
        if match["end"]:
            names = [entry[0] for entry in stack]
            written = tag
            if tag in names:
                index = len(names) - 1 - names[::-1].index(tag)
                written = stack[index][3]
                del stack[index:]
            out.append(f"</{written}>" if written != tag else match.group(0))
            if heading is not None:
                if tag == "a" and heading["in_link"]:
                    heading["in_link"] = False
                elif tag == heading["tag"] and not heading["linked"]:
                    heading = None
                elif tag == heading["tag"]:
                    name = " ".join(html_lib.unescape("".join(heading["text"])).split())
                    if french_spacing(heading["lang"]):  # split() took its no-break spaces
                        name = fix_french(name)
                    start = out[heading["index"]]
                    out[heading["index"]] = (
                        f'{start[:-1]} aria-label="{html_lib.escape(name, quote=True)}">'
                    )
                    heading = None
            continue
        attrs = match["attrs"]
        names_found = {}
        if "=" in attrs and (tag in _PARSED or _ATTRIBUTE_HINT.search(attrs)):
            names_found = {m["name"].lower(): m for m in _ATTR.finditer(attrs)}
            handlers += [name for name in names_found if name.startswith("on")]
            script_urls += sum(
                1
                for name in _URL_ATTRIBUTES & names_found.keys()
                if _SCRIPT_URL.match(_value(names_found[name]) or "")
            )
        lang, skipped = current()
        if "lang" in names_found:
            lang = _value(names_found["lang"])
        written = match["tag"]
        if tag == "input" and "autocomplete" in names_found:
            kind = _value(names_found.get("type")) if "type" in names_found else ""
            if kind in ("checkbox", "radio"):
                attrs = _AUTOCOMPLETE.sub("", attrs)
        elif tag == "label" and not has_toc_toggle and "for" in names_found:
            if _value(names_found["for"]) == material.TOC_TOGGLE_ID:
                attrs = attrs.replace(f' for="{material.TOC_TOGGLE_ID}"', "")
        elif tag == "svg" and not {"aria-hidden", "aria-label", "aria-labelledby", "role"} & set(
            names_found
        ):
            attrs = ' aria-hidden="true" focusable="false"' + attrs
        elif tag == "main" and not outer_main_done and "class" in names_found:
            if _value(names_found["class"]) == material.OUTER_MAIN_CLASS:
                written, outer_main_done = "div", True
        elif tag in _HEADINGS and "id" in names_found and heading is None:
            heading = {"tag": tag, "index": len(out), "text": [], "lang": lang}
            heading.update(in_link=False, linked=False, id=_value(names_found["id"]))
        elif (
            tag == "a"
            and heading is not None
            and "headerlink" in (_value(names_found.get("class")) if "class" in names_found else "")
            and (heading["tag"] == "h1" or heading["id"] in UNLINKED_HEADINGS)
        ):
            # Only questions get "link to this question": not the page title, not the sources.
            position = document.find("</a>", position) + len("</a>")
            continue
        elif (
            tag == "a"
            and heading is not None
            and "headerlink" in (_value(names_found.get("class")) if "class" in names_found else "")
        ):
            heading["in_link"] = heading["linked"] = True
            link_end = document.find("</a>", position)
            # The sign is kept out of Pagefind's sub-result titles, which do
            # not honour --exclude-selectors for an element's descendants.
            out.append(
                f'<a{attrs} aria-label="{html_lib.escape(permalink_label, quote=True)}">'
                '<span aria-hidden="true" data-pagefind-ignore="all">¶</span>'
            )
            stack.append(("a", lang, skipped, "a"))
            position = link_end
            continue
        elif (
            tag == "a"
            and "class" in names_found
            and "aria-current" not in names_found
            and material.NAV_ACTIVE_CLASS in (_value(names_found["class"]) or "").split()
        ):
            attrs += ' aria-current="page"'
        if tag == "a" and "href" in names_found:
            attrs = _external_rel(attrs, names_found, own_host)
        out.append(f"<{written}{_fix_text_attributes(attrs, tag, lang)}>")
        if tag in _RAW_TEXT:
            close = re.compile(rf"</{tag}\s*>", re.I).search(document, position)
            end = close.start() if close else len(document)
            body = document[position:end]
            script_type = _value(names_found["type"]) if "type" in names_found else ""
            if (
                tag == "script"
                and "src" not in names_found
                and script_type not in _DATA_SCRIPT_TYPES
            ):
                scripts.append(body)
            out.append(body)
            position = end
            continue
        if tag not in _VOID and not attrs.rstrip().endswith("/"):
            stack.append((tag, lang, skipped or tag in _SKIP, written))
    text(document[position:])
    return FinishedPage("".join(out), tuple(scripts), tuple(handlers), script_urls)


def _external_rel(attrs: str, found: dict[str, re.Match], own_host: str) -> str:
    """A link's attributes, with EXTERNAL_REL added when it leads to another host."""
    host = _OTHER_HOST.match(_value(found["href"]) or "")
    if not host or host.group(1).lower() == own_host.lower():
        return attrs
    rel = found.get("rel")
    values = (_value(rel) or "").split() if rel else []
    wanted = " ".join(values + [v for v in EXTERNAL_REL if v not in values])
    if rel is None:
        return f'{attrs} rel="{wanted}"'
    return attrs[: rel.start()] + f'rel="{wanted}"' + attrs[rel.end() :]


def finish_html(
    document: str, language: str | None, permalink_label: str = "", own_host: str = ""
) -> str:
    return finish(document, language, permalink_label, own_host).html
