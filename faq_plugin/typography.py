"""Spacing around punctuation, per language: the rules, for the page pass and the checks.

French puts a narrow no-break space (U+202F) before ; ! ? and a no-break
space (U+00A0) before : and inside « »; a number's groups of digits are held
together by narrow no-break spaces ("1 052", never "1" at the end of a line
and "052" on the next) and a no-break space ties it to € or %. Editors type
ordinary spaces (or none): the page pass (page_pass.py) sets the right ones
with `fix_french` in every built page. Other languages (English, German)
never have a space before : ; ! ?; an English page typed with French spacing
("word :") is an editor error with file:line (`markdown_problems`), and so
is a German page with « » or ” (German quotes „…“). `punctuation_problems`
states both rules; tests/test_typography.py applies it to every built page.
"""

from __future__ import annotations

import re

from .source import SourcePage

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
# A number written in groups of three ("1 052", "100 000"): one to three
# digits first, so a year and the number after it ("en 2025 300 plaintes")
# stay two numbers. And € or % after a number.
_GROUPED_NUMBER = re.compile(r"(?<![\d,.])\d{1,3}(?:[ \u00a0]\d{3})+(?![\d,])")
_UNIT = re.compile(r"(?<=\d)[ \u202f](?=[€%])")
# What fix_french may change: text without any of these is left as it is.
MARKS = re.compile(r"[;!?:«»]|\d[ \u00a0\u202f](?:\d{3}(?!\d)|[€%])")
_HTML_COMMENT = re.compile(r"<!--.*?-->")


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
    text = _CLOSE_GUILLEMET.sub(NBSP + "»", text)
    text = _GROUPED_NUMBER.sub(lambda m: re.sub(r"[ \u00a0]", NNBSP, m.group(0)), text)
    return _UNIT.sub(NBSP, text)


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
                "space (U+202F) before ; ! ? and between groups of digits, no-break space "
                "(U+00A0) before : and € % and inside « »"
            )
    else:
        for match in _SPACE_BEFORE.finditer(text):
            problems.append(
                f"space before '{match['mark']}' near {excerpt(match.start(), match.end())}"
                f" ({language} text: no space before : ; ! ?)"
            )
    return problems


# Quotation marks another language uses, and what to type instead, per
# language: German quotes are „so“, never « » or the English closing ”.
FOREIGN_QUOTES = {"de": {"«": "„", "»": "“", "”": "“"}}


def markdown_problems(page: SourcePage) -> list[str]:
    """`file:line: ...` for each space before : ; ! ? in a page whose language
    has none, and each quotation mark of another language (FOREIGN_QUOTES)."""
    if french_spacing(page.language):
        return []
    front = list(enumerate(page.text.splitlines()[: page.body_start - 1], start=1))
    problems = []
    foreign = FOREIGN_QUOTES.get((page.language or "").split("-")[0].lower(), {})
    for number, line in [*front, *page.prose(code="x")]:  # code counts as a word
        # A comment can be a marker the build replaces with words (the knowledge date).
        prose = _HTML_COMMENT.sub("x", line)
        for mark in sorted({m for m in prose if m in foreign}):
            problems.append(
                f"{page.rel}:{number}: '{mark}' in {page.language} text: "
                f"{page.language} quotes are „…“ (type '{foreign[mark]}' instead)"
            )
        for match in _SPACE_BEFORE.finditer(prose):
            word = prose[max(0, match.start() - 12) : match.end()].split()[-2:]
            problems.append(
                f"{page.rel}:{number}: space before '{match['mark']}' in {page.language} text "
                f"(“{' '.join(word)}”): write it without the space (French spacing is "
                "for French pages, and the build adds it there)"
            )
    return problems
