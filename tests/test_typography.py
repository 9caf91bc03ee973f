"""Spacing before punctuation, per language, in every built page.

French text has a narrow no-break space before ; ! ? and a no-break space
before : and inside « » (the page pass sets them); English text has
no space before : ; ! ?. Read with lxml: the visible text and the text
attributes (aria-label, title, alt, placeholder, description/Open Graph meta
content), each in the language of its nearest `lang` attribute, never inside
code, pre, script or style. An English page typed with French spacing stops
the build with file:line.
"""

from __future__ import annotations

import re
import shutil

import lxml.html
import pytest
from conftest import LANGUAGES, PROJECT_ROOT, BuiltPage

from faq_plugin.checks import project_problems
from faq_plugin.page_pass import BLOCKS, TEXT_META, finish_html
from faq_plugin.source import SourcePage
from faq_plugin.typography import (
    NBSP,
    NNBSP,
    fix_french,
    punctuation_problems,
)
from faq_plugin.typography import markdown_problems as _markdown_problems


def markdown_problems(path: str, text: str, language: str) -> list[str]:
    return _markdown_problems(SourcePage(path, language, path.rsplit("/", 1)[-1], text))


def fix_html(document: str, language: str) -> str:
    return finish_html(document, language)


SKIP = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math"}
# Text runs stop at the blocks the build knows (no rule applies across two paragraphs).
ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")


def text_runs(root) -> list[tuple[str, str]]:
    """(language, text) of each run of visible text: a paragraph's text in one language."""
    runs: list[list[str]] = []  # [language, text]

    def add(lang: str, text: str) -> None:
        if runs and runs[-1][0] == lang and runs[-1][2]:
            runs[-1][1] += text
        else:
            runs.append([lang, text, True])

    def cut() -> None:
        if runs:
            runs[-1][2] = False

    def walk(element, lang: str, skipped: bool) -> None:
        if not isinstance(element.tag, str):  # comment, processing instruction
            return
        lang = element.get("lang") or lang
        skipped = skipped or element.tag in SKIP
        if element.tag in BLOCKS:
            cut()
        if element.text:
            add(lang, "x" if skipped else element.text)  # code reads as a word
        for child in element:
            walk(child, lang, skipped)
            if child.tail:
                add(lang, "x" if skipped else child.tail)
        if element.tag in BLOCKS:
            cut()

    walk(root, root.get("lang") or "", False)
    return [(lang, text) for lang, text, _ in runs if text.strip()]


def attribute_texts(root) -> list[tuple[str, str, str]]:
    """(language, where, text) of each text attribute outside code."""
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        ancestors = [element, *element.iterancestors()]
        if any(a.tag in SKIP for a in ancestors):
            continue
        lang = next((a.get("lang") for a in ancestors if a.get("lang")), "")
        for name in ATTRIBUTES:
            if element.get(name):
                found.append((lang, f"<{element.tag} {name}>", element.get(name)))
        kind = element.get("property") or element.get("name")
        if element.tag == "meta" and kind in TEXT_META and element.get("content"):
            found.append((lang, f'<meta "{kind}">', element.get("content")))
    return found


def date_problems(page: BuiltPage) -> list[str]:
    """A written date (<time>) never ends a line on its day ("30 | November"),
    and French writes the first of the month "1er"."""
    problems = []
    for time in page.tree.iter("time"):
        text = time.text_content().strip()
        lang = next((e.get("lang") for e in time.iterancestors() if e.get("lang")), page.lang)
        if re.match(r"\d{1,2}\.? ", text):
            problems.append(f"{page.rel}: date {text!r} can break after its day (no-break space)")
        if (lang or "").startswith("fr") and re.match(r"1[ \u00a0]", text):
            problems.append(f"{page.rel}: date {text!r}: the first of the month is '1er' in French")
    return problems


def page_problems(page: BuiltPage) -> list[str]:
    problems = date_problems(page)
    for lang, text in text_runs(page.tree):
        problems += [f"{page.rel}: {p}" for p in punctuation_problems(text, lang)]
    for lang, where, text in attribute_texts(page.tree):
        problems += [f"{page.rel}: {where}: {p}" for p in punctuation_problems(text, lang)]
    return problems


def test_every_page_follows_its_language_spacing(site):
    problems = []
    for page in site.html_pages():
        problems += page_problems(page)
    assert not problems, "\n".join(problems[:40])


BROKEN_PAGES = {
    "French text with ordinary spaces": (
        "fr",
        "<p>Puis-je m’opposer ? Oui : « vite »</p>",
        "French spacing wrong near",
    ),
    "French attribute": (
        "fr",
        '<p><a href="#x" aria-label="Partager : la question">x</a></p>',
        '<a aria-label>: French spacing wrong near "Partager : la',
    ),
    "French number split across lines": (
        "fr",
        "<p>Il a reçu 1 052 plaintes, sous peine de 100 000 € par jour.</p>",
        "French spacing wrong near 'Il a reçu 1 052",
    ),
    "A date that can break after its day": (
        "en",
        '<p>Published on <time datetime="2026-11-30">30 November 2026</time>.</p>',
        "date '30 November 2026' can break after its day",
    ),
    "The first of the month in French": (
        "fr",
        '<p>Publié le <time datetime="2025-07-01">1\u00a0juillet 2025</time>.</p>',
        "the first of the month is '1er' in French",
    ),
    "English text with French spacing": (
        "en",
        "<p>Can I object ? Yes.</p>",
        "space before '?' near",
    ),
    "English quoted inside a French page": (
        "fr",
        '<p>Titre <cite lang="en">Making AI work : for you</cite></p>',
        "space before ':' near",
    ),
    "French quoted inside an English page": (
        "en",
        '<p>Label <q lang="fr">Centre de confidentialité : IA</q></p>',
        "French spacing wrong near",
    ),
}


@pytest.mark.parametrize("case", BROKEN_PAGES)
def test_check_names_the_page_of_broken_text(tmp_path, case):
    lang, body, message = BROKEN_PAGES[case]
    path = tmp_path / lang / "broken" / "index.html"
    path.parent.mkdir(parents=True)
    path.write_text(
        f'<!doctype html><html lang="{lang}"><head><title>T</title></head>'
        f"<body>{body}<pre>code : kept ?</pre></body></html>",
        encoding="utf-8",
    )
    problems = page_problems(BuiltPage(tmp_path, path))
    assert problems, f"{case}: not detected"
    assert all(p.startswith(f"{lang}/broken/index.html: ") for p in problems), problems
    assert any(message.replace('"', "'") in p for p in problems), problems
    assert not any("kept" in p for p in problems), "code is not text"


def test_the_build_fix_satisfies_the_check():
    """What the page pass writes is what the check wants, and fixing twice changes nothing."""
    raw = (
        "<p>FAQ : Meta, vraiment? Oui ! « vous opposer » et <strong>Envoyer</strong>? "
        "https://x.org/?a=1 à 10:30 ; fin</p>"
        '<a title="Lien : x" href="https://x.org/?q=a :b">y</a>'
        '<span lang="en">Yes: ok</span><code>a ?</code><script>b = "c ?"</script>'
    )
    fixed = fix_html(raw, "fr")
    assert fix_html(fixed, "fr") == fixed
    assert f"FAQ{NBSP}: Meta, vraiment{NNBSP}? Oui{NNBSP}! «{NBSP}vous opposer{NBSP}»" in fixed
    assert f"<strong>Envoyer</strong>{NNBSP}?" in fixed
    assert "https://x.org/?a=1 à 10:30" in fixed and f"10:30{NNBSP}; fin" in fixed
    assert f'title="Lien{NBSP}: x" href="https://x.org/?q=a :b"' in fixed
    assert "<code>a ?</code>" in fixed and 'b = "c ?"' in fixed
    assert '<span lang="en">Yes: ok</span>' in fixed
    root = lxml.html.fromstring(f'<html lang="fr"><body>{fixed}</body></html>')
    assert not [p for lang, text in text_runs(root) for p in punctuation_problems(text, lang)]
    assert fix_french("Bonjour :") == f"Bonjour{NBSP}:"
    # Digit groups stay together, and with € or %; a year and a day are no group.
    assert fix_french("1 052 plaintes, 100 000 € et 50 %") == (
        f"1{NNBSP}052 plaintes, 100{NNBSP}000{NBSP}€ et 50{NBSP}%"
    )
    assert fix_french("le 27 mai 2025 à 10:30, en 2024 (386), en 2025 300 plaintes") == (
        "le 27 mai 2025 à 10:30, en 2024 (386), en 2025 300 plaintes"
    )
    assert fix_html("<p>Hello : x</p>", "en") == "<p>Hello : x</p>"  # English: checked, not fixed


def test_english_page_with_french_spacing_is_an_editor_error(tmp_path):
    """Checked with every other rule before the build (project_problems)."""
    root = tmp_path / "project"
    for part in ("docs", "data"):
        shutil.copytree(PROJECT_ROOT / part, root / part)
    page = root / "docs" / "en" / "opt-out.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("## ")) + 3
    lines.insert(number - 1, "Can I object ? Yes : always. `code : ok`")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = "\n".join(project_problems(root, root / "docs", LANGUAGES))
    for mark in "?:":
        pattern = rf"docs/en/opt-out\.md:{number}: space before '\{mark}'"
        assert re.search(pattern, output), output[-2000:]
    assert "code : ok" not in output


def test_editor_check_skips_code_and_french_pages():
    text = (
        "---\ndescription: Fine: yes\n---\n# Title\n\nA `b : c` d.\n\n```\nx ?\n```\n"
        "<!-- note : ok -->\nBad ! here\n"
    )
    assert markdown_problems("docs/en/x.md", text, "en") == [
        "docs/en/x.md:12: space before '!' in en text (“Bad !”): write it without the "
        "space (French spacing is for French pages, and the build adds it there)"
    ]
    assert markdown_problems("docs/fr/x.md", "# Titre\n\nOui ? Non !\n", "fr") == []
    front = markdown_problems("docs/en/x.md", "---\ndescription: Why ?\n---\n# T\n", "en")
    assert [p.split(": space")[0] for p in front] == ["docs/en/x.md:2"]
