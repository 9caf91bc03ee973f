"""Each mistake an editor can make stops the build with a message naming the file.

The build first runs faq_plugin.checks over every page of every language
(`project_problems` on a project), so most cases damage a copy of docs/ and
data/ and call it directly (fast). A few cases run the real strict build: the
wiring of those checks, MkDocs' own link, anchor and navigation checks, and
the checks the plugin makes while pages are built.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import LANGUAGES, PROJECT_ROOT

from faq_plugin.checks import project_problems


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


def strip_citations(path: Path, heading_id: str) -> None:
    """Remove the citations of one answer (and a legacy `sources:` list)."""
    text = re.sub(r"^sources:.*\n", "", path.read_text(encoding="utf-8"), count=1, flags=re.M)
    start = text.index(f"{{#{heading_id}}}")
    end = text.find("\n## ", start)
    end = len(text) if end < 0 else end
    answer = re.sub(r"\[\^[^\]]+\]", "", text[start:end])
    path.write_text(text[:start] + answer + text[end:], encoding="utf-8")


def append_source(root: Path, entry: str) -> None:
    with (root / "data/sources.yml").open("a", encoding="utf-8") as sources:
        sources.write(entry)


OPT_OUT = "docs/en/opt-out.md"
RUMOURS = "docs/en/true-or-false.md"

# (name, damage(root), expected message parts: regexes; LINE = the first changed line)
CHECK_CASES = [
    (
        "missing translation file",
        lambda root: (root / "docs/en/whatsapp.md").unlink(),
        [r"docs/en/whatsapp\.md: missing"],
    ),
    (
        "extra page without its translation",
        lambda root: (root / "docs/fr/nouveau.md").write_text(
            "---\ndescription: x\nreviewed: 2026-11-01\n---\n# Nouveau\n"
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
        "French quotes on a German page",
        lambda root: edit(root / "docs/de/opt-out.md", "„", "« "),
        [r"docs/de/opt-out\.md:\d+: '«' in de text: de quotes are „…“"],
    ),
    (
        "an interface sentence borrowed from another language",
        lambda root: substitute(
            root / "data/ui.yml",
            r"(?s)(\nde:\n.*?\n  disclaimer: >-\n)(    .*?\n)(?=  \w)",
            r"\1    Independent site, not affiliated with Meta. General information, not legal\n"
            r"    advice. Code under the MIT licence, content under CC BY 4.0.\n",
        ),
        [r"data/ui\.yml: 'disclaimer' in 'de' is the 'en' text word for word"],
    ),
    (
        "a German-only source cited on a French page",
        lambda root: insert_after_heading(
            root / "docs/fr/opt-out.md", "third-party", "Voir aussi.[^ldi-nrw-meta-ki-2025-05]"
        ),
        [
            r"docs/fr/opt-out\.md:\d+: source 'ldi-nrw-meta-ki-2025-05' is only for the de "
            r"edition"
        ],
    ),
    (
        "a source for an edition the site does not have",
        lambda root: append_source(
            root,
            "svenska-guide:\n  publisher: X\n  title: Y\n  lang: sv\n  date: 2025-05-01\n"
            "  url: https://example.org/\n  editions: [sv]\n",
        ),
        [r"data/sources\.yml:\d+: source 'svenska-guide' lists editions \['sv'\]"],
    ),
    (
        "an authority's note missing in one language",
        lambda root: substitute(root / "data/authorities.yml", r"^  note_de: Beschwerden.*\n", ""),
        [r"data/authorities\.yml:\d+: 'DE' has a note in fr, en but lacks note_de"],
    ),
    (
        "rumour without its verdict",
        lambda root: edit(root / RUMOURS, "## False: “Posting", "## “Posting"),
        [r"docs/en/true-or-false\.md:\d+: rumour 'no-permission-post' must start with its verdict"],
    ),
    (
        "rumour with an unknown verdict",
        lambda root: edit(root / RUMOURS, "## False: “Posting", "## Fake: “Posting"),
        [
            r"docs/en/true-or-false\.md:\d+: rumour 'no-permission-post' must start with "
            r"its verdict, one of False, Misleading, True"
        ],
    ),
    (
        "verdict without a label in a language",
        lambda root: edit(root / "data/faq.yml", ', en: "False",', ","),
        [r"data/faq\.yml:\d+: verdict 'false' has no label for language 'en'"],
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
        lambda root: insert_after_heading(root / OPT_OUT, "third-party", "Said.[^no-such-source]"),
        [r"docs/en/opt-out\.md:LINE: unknown source 'no-such-source'"],
    ),
    (
        "sources listed in the front matter",
        lambda root: substitute(root / OPT_OUT, r"^reviewed:", "sources: [dpc-2025-05]\nreviewed:"),
        [r"docs/en/opt-out\.md: remove 'sources' from the front matter"],
    ),
    (
        "interface string missing in a language",
        lambda root: substitute(root / "data/ui.yml", r"^  permalink: .*\n(?=(?:.*\n)*?^en:)", ""),
        [r"data/ui\.yml: language '\w+' lacks interface strings: .*\bpermalink\b"],
    ),
    (
        "unknown source in a form link",
        lambda root: insert_after_heading(
            root / OPT_OUT, "third-party", "[The form](source:no-such-form)"
        ),
        [r"docs/en/opt-out\.md:LINE: unknown source 'no-such-form'"],
    ),
    (
        "answer without citation",
        lambda root: strip_citations(root / OPT_OUT, "third-party"),
        [r"docs/en/opt-out\.md:\d+: answer 'third-party' cites no source"],
    ),
    (
        "source cited by no page",
        lambda root: append_source(
            root,
            "\nunused-source:\n  publisher: X\n  title: Y\n  lang: en\n"
            "  date: 2025-01-01\n  url: https://example.org/\n",
        ),
        [r"data/sources\.yml:\d+: source 'unused-source' is cited by no page in docs/\w+/"],
    ),
    (
        "source without date",
        lambda root: append_source(
            root,
            "\nundated:\n  publisher: X\n  title: Y\n  lang: en\n  url: https://example.org/\n",
        ),
        [r"data/sources\.yml:\d+: source 'undated' needs a 'date' \(published\) or 'accessed'"],
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
        "publisher given in one language only",
        lambda root: edit(
            root / "data/sources.yml",
            "    en: Oberlandesgericht Köln (Cologne Higher Regional Court)\n",
            "",
        ),
        [r"data/sources\.yml:\d+: source 'olg-koeln-2025-05' has no publisher in en"],
    ),
    (
        "insecure source URL",
        lambda root: edit(
            root / "data/sources.yml",
            "url: https://www.dataprotection.ie/",
            "url: http://www.dataprotection.ie/",
        ),
        [r"data/sources\.yml:\d+: source 'dpc-2025-05' has an insecure URL"],
    ),
    (
        "a source's field written twice (YAML would keep the second silently)",
        lambda root: edit(
            root / "data/sources.yml",
            "url: https://www.dataprotection.ie/",
            "url: https://www.dataprotection.ie/\n  url: https://www.example.org/",
        ),
        [r"data/sources\.yml:\d+: 'url' is given twice in the same entry \(first at line \d+\)"],
    ),
    (
        "script typed into a page",
        lambda root: insert_after_heading(
            root / OPT_OUT, "third-party", "<script>alert(document.cookie)</script>"
        ),
        [r"docs/en/opt-out\.md:LINE: <script> in a page is not allowed"],
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
]

# Caught while the site is built: run the real strict build.
BUILD_CASES = [
    (
        "script written by a template",
        lambda root: edit(
            root / "overrides/main.html",
            "{% block content %}",
            "{% block content %}<script>alert(document.cookie)</script>",
        ),
        [r"docs/(fr|en)/\S+\.md: inline <script> not written by the theme templates"],
    ),
    (
        "missing social card font",
        lambda root: (root / "fonts/social/Roboto/Bold.ttf").unlink(),
        [r"fonts/social/Roboto/Bold\.ttf: social card font missing or empty"],
    ),
]


def _damage_and_locate(damage, root: Path) -> int | None:
    """Apply the damage; return the first line it changed in OPT_OUT."""
    page = root / OPT_OUT
    before = page.read_text(encoding="utf-8").splitlines()
    damage(root)
    if not page.exists():
        return None
    after = page.read_text(encoding="utf-8").splitlines()
    changed = [n for n, line in enumerate(after, 1) if n > len(before) or line != before[n - 1]]
    return changed[0] if changed else None


def _assert_reported(output: str, expected: list[str], line) -> None:
    for pattern in expected:
        pattern = pattern.replace("LINE", str(line))
        assert re.search(pattern, output), f"no {pattern!r} in:\n{output[-3000:]}"


@pytest.mark.parametrize(
    ("damage", "expected"), [c[1:] for c in CHECK_CASES], ids=[c[0] for c in CHECK_CASES]
)
def test_content_mistake_is_reported_with_file_and_line(tmp_path, damage, expected):
    root = tmp_path / "project"
    for part in ("docs", "data"):
        shutil.copytree(PROJECT_ROOT / part, root / part)
    assert project_problems(root, root / "docs", LANGUAGES) == [], "the real content has mistakes"
    line = _damage_and_locate(damage, root)
    problems = project_problems(root, root / "docs", LANGUAGES)
    assert problems, "the checks accepted the mistake"
    _assert_reported("\n".join(problems), expected, line)


@pytest.mark.parametrize(
    ("damage", "expected"), [c[1:] for c in BUILD_CASES], ids=[c[0] for c in BUILD_CASES]
)
def test_build_mistake_stops_the_build_with_a_clear_message(broken_project, damage, expected):
    located = {}
    cards = any("font" in pattern for pattern in expected)
    result = broken_project(
        lambda root: located.update(line=_damage_and_locate(damage, root)), cards=cards
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build accepted the mistake:\n{output[-3000:]}"
    _assert_reported(output, expected, located.get("line"))


def test_the_build_runs_the_content_checks_and_reports_them_all(broken_project):
    """Two mistakes in two files: one strict build names both."""

    def damage(root):
        (root / "docs/en/whatsapp.md").unlink()
        insert_after_heading(root / OPT_OUT, "third-party", "<script>alert(1)</script>")

    result = broken_project(damage)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    assert re.search(r"docs/en/whatsapp\.md: missing", output), output[-3000:]
    assert re.search(r"docs/en/opt-out\.md:\d+: <script> in a page is not allowed", output)


def test_a_description_with_three_dashes_is_no_mistake(tmp_path):
    """` --- ` inside a description is text: MkDocs' own front matter parser reads it."""
    root = tmp_path / "project"
    for part in ("docs", "data"):
        shutil.copytree(PROJECT_ROOT / part, root / part)
    substitute(root / OPT_OUT, r"^description:.*$", "description: Object --- it takes a minute.")
    assert project_problems(root, root / "docs", LANGUAGES) == []


def test_mkdocs_reports_broken_links_anchors_and_pages_left_out_of_nav(broken_project):
    """MkDocs' own validation (strict): three mistakes, one build, each named."""

    def damage(root):
        insert_after_heading(root / OPT_OUT, "third-party", "See [this](nowhere.md).")
        insert_after_heading(
            root / OPT_OUT, "other-measures", "See [that](data.md#not-a-question)."
        )
        for lang in LANGUAGES:  # in every language: only the nav is missing
            (root / "docs" / lang / "extra.md").write_text(
                f"---\ndescription: One more page ({lang}).\nreviewed: 2026-11-01\n---\n"
                f"# Extra {lang}\n\nText {lang}.\n"
            )

    result = broken_project(damage)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build accepted the mistakes:\n{output[-3000:]}"
    for pattern in (
        r"en/opt-out\.md.*nowhere\.md",
        r"en/opt-out\.md.*#not-a-question",
        r"not included in the \"nav\" configuration.*\n?.*extra\.md|extra\.md.*not included",
    ):
        assert re.search(pattern, output), f"no {pattern!r} in:\n{output[-3000:]}"


# --- data/authorities.yml (faq_plugin/authorities.py) -----------------------------

AUTHORITIES = "data/authorities.yml"


def _drop_entry(path: Path, code: str) -> None:
    """Remove one country's entry (its key line and indented fields)."""
    text = path.read_text(encoding="utf-8")
    new = re.sub(rf'^"{code}":\n(?:  .*\n|\s*#.*\n)*', "", text, count=1, flags=re.M)
    assert new != text, f"test setup: no entry {code}"
    path.write_text(new, encoding="utf-8")


AUTHORITY_CASES = [
    (
        "country missing",
        lambda path: _drop_entry(path, "PT"),
        lambda path: len(path.read_text(encoding="utf-8").splitlines()),
        r"data/authorities\.yml:LINE: country 'PT' is missing",
    ),
    (
        "country twice",
        lambda path: path.write_text(
            path.read_text(encoding="utf-8") + '\n"FR":\n  name: CNIL\n  lang: fr\n'
            "  complaint_url: https://www.cnil.fr/\n",
            encoding="utf-8",
        ),
        lambda path: line_of(path, "name: CNIL") - 1,
        r"data/authorities\.yml:LINE: duplicate country 'FR' \(first at line \d+\)",
    ),
    (
        "http link",
        lambda path: edit(
            path, "https://www.cnil.fr/fr/adresser", "http://www.cnil.fr/fr/adresser"
        ),
        lambda path: line_of(path, "http://www.cnil.fr/"),
        r"data/authorities\.yml:LINE: 'FR' has an insecure address 'http://",
    ),
    (
        "required field missing",
        lambda path: edit(path, "  name: Datatilsynet\n  lang: nb\n", "  lang: nb\n"),
        lambda path: line_of(path, '"NO":'),
        r"data/authorities\.yml:LINE: 'NO' lacks name",
    ),
    (
        "unquoted NO read as false",
        lambda path: edit(path, '"NO":', "NO:"),
        lambda path: line_of(path, "NO:"),
        r"data/authorities\.yml:LINE: 'NO' is not a country of the list; keys are quoted",
    ),
]


@pytest.mark.parametrize(
    ("damage", "locate", "expected"),
    [c[1:] for c in AUTHORITY_CASES],
    ids=[c[0] for c in AUTHORITY_CASES],
)
def test_authorities_mistake_is_reported_with_file_and_line(tmp_path, damage, locate, expected):
    root = tmp_path / "project"
    for part in ("docs", "data"):
        shutil.copytree(PROJECT_ROOT / part, root / part)
    assert project_problems(root, root / "docs", LANGUAGES) == [], "the real content has mistakes"
    path = root / AUTHORITIES
    damage(path)
    problems = project_problems(root, root / "docs", LANGUAGES)
    _assert_reported("\n".join(problems), [expected], locate(path))
