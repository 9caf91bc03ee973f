"""Each mistake an editor can make stops the build with a message naming the file.

Every case copies the project, damages one thing, runs the strict build and
checks it fails saying what and where (file, and line when there is one).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typography import french_spacing


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"test setup: {needle!r} not in {path}")


def substitute(path: Path, pattern: str, replacement: str, flags=re.M) -> None:
    """Replace the first match of a regex (front-matter lines, whole sections)."""
    text = path.read_text(encoding="utf-8")
    assert re.search(pattern, text, flags), f"test setup: {pattern!r} not in {path}"
    path.write_text(re.sub(pattern, replacement, text, count=1, flags=flags), encoding="utf-8")


def insert_after_heading(path: Path, heading_id: str, text: str) -> None:
    edit(path, f"{{#{heading_id}}}\n", f"{{#{heading_id}}}\n\n{text}\n")


OPT_OUT = "docs/en/opt-out.md"

# (name, damage(root), expected message parts: regexes matched against stderr)
CASES = [
    (
        "missing translation file",
        lambda root: (root / "docs/en/whatsapp.md").unlink(),
        [r"docs/en/whatsapp\.md: missing"],
    ),
    (
        "extra page without its translation",
        lambda root: (root / "docs/fr/nouveau.md").write_text(
            "---\ndescription: x\nreviewed: 2026-11-01\nsources: [dpc-2025-05]\n---\n# Nouveau\n"
        ),
        [r"docs/en/nouveau\.md: missing translation of docs/fr/nouveau\.md"],
    ),
    (
        "question id missing",
        lambda root: edit(root / OPT_OUT, "{#instagram}", ""),
        [
            r"docs/en/opt-out\.md:\d+: question '.*' has no id",
            r"docs/en/opt-out\.md: required question id 'instagram' is missing",
        ],
    ),
    (
        "question id renamed",
        lambda root: edit(root / OPT_OUT, "{#instagram}", "{#insta}"),
        [r"docs/en/opt-out\.md:\d+: question id 'insta' is not in data/faq\.yml"],
    ),
    (
        "question id duplicated",
        lambda root: edit(root / OPT_OUT, "{#facebook}", "{#instagram}"),
        [r"docs/en/opt-out\.md:\d+: duplicate question id 'instagram' \(first at line \d+\)"],
    ),
    (
        "questions out of order",
        lambda root: (
            edit(root / OPT_OUT, "{#instagram}", "{#tmp}"),
            edit(root / OPT_OUT, "{#facebook}", "{#instagram}"),
            edit(root / OPT_OUT, "{#tmp}", "{#facebook}"),
        ),
        [r"docs/en/opt-out\.md: questions are out of order"],
    ),
    (
        "empty answer",
        lambda root: substitute(
            root / OPT_OUT, r"(\{#third-party\}\n)(.*?)(\n## )", r"\1\n\3", flags=re.S
        ),
        [r"docs/en/opt-out\.md:\d+: question 'third-party' has an empty answer"],
    ),
    (
        "broken link",
        lambda root: insert_after_heading(root / OPT_OUT, "third-party", "See [this](nowhere.md)."),
        [r"en/opt-out\.md.*nowhere\.md"],
    ),
    (
        "broken anchor",
        lambda root: insert_after_heading(
            root / OPT_OUT, "third-party", "See [this](data.md#not-a-question)."
        ),
        [r"en/opt-out\.md.*#not-a-question"],
    ),
    (
        "missing description",
        lambda root: substitute(root / OPT_OUT, r"^description:.*\n", ""),
        [r"docs/en/opt-out\.md: front matter needs a non-empty 'description'"],
    ),
    (
        "missing reviewed date",
        lambda root: substitute(root / OPT_OUT, r"^reviewed:.*\n", ""),
        [r"docs/en/opt-out\.md: front matter needs a 'reviewed' date"],
    ),
    (
        "malformed reviewed date",
        lambda root: substitute(root / OPT_OUT, r"^reviewed:.*$", "reviewed: 28/11/2026"),
        [r"docs/en/opt-out\.md: 'reviewed: 28/11/2026' is not a date"],
    ),
    (
        "future reviewed date",
        lambda root: substitute(root / OPT_OUT, r"^reviewed:.*$", "reviewed: 2999-01-01"),
        [r"docs/en/opt-out\.md: 'reviewed: 2999-01-01' is in the future"],
    ),
    (
        "unknown source id",
        lambda root: edit(root / OPT_OUT, "sources: [", "sources: [no-such-source, "),
        [r"docs/en/opt-out\.md: unknown source 'no-such-source'"],
    ),
    (
        "insecure http link",
        lambda root: insert_after_heading(
            root / OPT_OUT, "third-party", "See [Meta](http://www.facebook.com/privacy)."
        ),
        [r"docs/en/opt-out\.md:LINE: insecure link 'http://www\.facebook\.com/privacy'"],
    ),
    (
        "image without alt text",
        lambda root: insert_after_heading(
            root / OPT_OUT, "third-party", "![](../assets/images/favicon.svg)"
        ),
        [r"docs/en/opt-out\.md:LINE: image without alt text"],
    ),
    (
        "HTML image without alt text",
        lambda root: insert_after_heading(
            root / OPT_OUT, "third-party", '<img src="../assets/images/favicon.svg">'
        ),
        [r"docs/en/opt-out\.md:LINE: <img> without alt text"],
    ),
    (
        "insecure source URL",
        lambda root: edit(
            root / "data/sources.yml", "url: https://noyb.eu/", "url: http://noyb.eu/"
        ),
        [r"data/sources\.yml: source 'noyb-survey-2025-08' has an insecure URL"],
    ),
    (
        "emoji shortcode",
        lambda root: insert_after_heading(root / OPT_OUT, "third-party", "Good news :smile:"),
        [r"docs/en/opt-out\.md:LINE: emoji shortcode ':smile:'"],
    ),
    (
        "skipped heading level",
        lambda root: insert_after_heading(root / OPT_OUT, "third-party", "#### Too deep"),
        [r"docs/en/opt-out\.md:LINE: heading level skipped \(h2 then h4\)"],
    ),
    (
        "second page title",
        lambda root: insert_after_heading(
            root / OPT_OUT, "third-party", "Text first.\n\n# Another title"
        ),
        [r"docs/en/opt-out\.md: needs exactly one '# Title' heading"],
    ),
    (
        "duplicate heading id",
        lambda root: insert_after_heading(root / OPT_OUT, "third-party", "### Note {#instagram}"),
        [r"docs/en/opt-out\.md:LINE: duplicate id 'instagram'"],
    ),
    (
        "page left out of the navigation",
        lambda root: (
            (root / "docs/fr/extra.md").write_text(
                "---\ndescription: Une page en plus.\nreviewed: 2026-11-01\n"
                "sources: [dpc-2025-05]\n---\n# En plus\n\nTexte.\n"
            ),
            (root / "docs/en/extra.md").write_text(
                "---\ndescription: One more page.\nreviewed: 2026-11-01\nsources: [dpc-2025-05]\n"
                "---\n# Extra\n\nText.\n"
            ),
        ),
        [r"not included in the \"nav\" configuration", r"extra\.md"],
    ),
    (
        "missing social card font",
        lambda root: (root / "fonts/social/Roboto/Bold.ttf").unlink(),
        [r"fonts/social/Roboto/Bold\.ttf: social card font missing or empty"],
    ),
]


@pytest.mark.parametrize(("damage", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_mistake_stops_the_build_with_a_clear_message(broken_project, damage, expected):
    inserted = {}

    def damage_and_locate(root):
        before = (root / OPT_OUT).read_text(encoding="utf-8").splitlines()
        damage(root)
        if (root / OPT_OUT).exists():
            after = (root / OPT_OUT).read_text(encoding="utf-8").splitlines()
            new = [n for n, line in enumerate(after, 1) if n > len(before) or line != before[n - 1]]
            inserted["line"] = new[0] if new else None

    cards = any("font" in pattern for pattern in expected)
    result = broken_project(damage_and_locate, cards=cards)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build accepted the mistake:\n{output[-3000:]}"
    for pattern in expected:
        pattern = pattern.replace("LINE", str(inserted.get("line")))
        assert re.search(pattern, output), f"no {pattern!r} in:\n{output[-3000:]}"


def test_a_correct_page_with_quotes_and_ampersands_builds(broken_project):
    """Guillemets, quotes, apostrophes and & in titles and descriptions are fine."""

    def add_tricky_text(root):
        for lang in ("fr", "en"):
            page = root / "docs" / lang / "sources.md"
            text = page.read_text(encoding="utf-8")
            colon = " :" if french_spacing(lang) else ":"  # English: no space before
            text = re.sub(
                r"^description:.*$",
                f"description: 'Sources « vérifiées » & \"citées\" <ici>{colon} l’essentiel'",
                text,
                count=1,
                flags=re.M,
            )
            text = text.replace("\n# ", '\n# « Sources » & "méthode" d’<em>ici</em> — ', 1)
            page.write_text(text, encoding="utf-8")

    result = broken_project(add_tricky_text)
    assert result.returncode == 0, result.stderr[-3000:]
