"""axe-core finds no accessibility problem: WCAG 2.2 A/AA and best practices.

Every page of the default language, and the answer pages of the others,
are checked on a phone in the light palette (one test per language, so the
two workers share them). The three other
combinations (phone dark, desktop light and dark) check the default
language's pages that each bring components of their own: the home page,
/opt-out/ (buttons, authorities, copy control), the rumours (verdicts), the
guide (QR code), the updates list, the 404 page and a how-to share page (on
a desktop, whose own components are the sidebars and the table of contents:
the home page, /opt-out/, the 404 and the share page). The
other pages are prose and notes, which these pages already contain, and the
other languages use the same templates and styles with other words: what
depends on the language (its `lang`, its text) is checked on the phone,
and the colour rules (contrast, links told apart from text), which depend on
the palette and take most of axe's time, run on the default language: on
the whole page on a phone (except /whatsapp/ and /sources/, prose and notes
like /data/), and on what only a desktop shows (the sidebars) on a desktop.
Share pages all come from one template: two are checked with the default
language, a plain answer and a how-to (which has Meta's form button).
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import DESKTOP, DOC_PAGES, LANGUAGES, PHONE, STRUCTURE, page_dir, url_prefix

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": [
            "wcag2a",
            "wcag2aa",
            "wcag21a",
            "wcag21aa",
            "wcag22a",
            "wcag22aa",
            "best-practice",
        ],
    },
    "resultTypes": ["violations"],
}
# The colour rules (nearly all of axe's time on a long page) depend on the
# palette, not on the words: other languages skip them, the default runs them.
COLOUR_RULES = ("color-contrast", "link-in-text-block")
WORDS_ONLY = {**AXE_OPTIONS, "rules": {rule: {"enabled": False} for rule in COLOUR_RULES}}
COLOURS_ONLY = {**AXE_OPTIONS, "runOnly": {"type": "rule", "values": list(COLOUR_RULES)}}
DESKTOP_ONLY = ".md-sidebar"
COMBINATIONS = {
    "phone-light": (PHONE, "light"),
    "phone-dark": (PHONE, "dark"),
    "desktop-light": (DESKTOP, "light"),
    "desktop-dark": (DESKTOP, "dark"),
}
AXE = Axe()


def describe(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary'].splitlines()[-1]}")
    return "\n".join(lines)


SHARE_SAMPLES = {STRUCTURE[0].questions[0], "instagram"}
# Pages whose components appear nowhere else (see the module's docstring).
SCHEME_PAGES = {"index.md", "opt-out.md", "true-or-false.md", "guide.md", "updates.md"}
# Prose and notes only, like /data/: its colours stand for theirs.
PROSE_PAGES = {"whatsapp.md", "sources.md"}


def phone_light_paths(lang: str) -> list[str]:
    """Every page of the default language, two share pages and the 404 page;
    the pages with answers of the other languages."""
    if lang != LANGUAGES[0]:  # the FAQ pages: the words of the guide, sources, updates are few
        return [url_prefix(lang) + page_dir(spec.file) for spec in STRUCTURE if spec.cites_sources]
    paths = [page_dir(name) for name in DOC_PAGES]
    return paths + [f"q/{qid}/" for qid in sorted(SHARE_SAMPLES)] + ["missing-page/"]


# On a desktop, what is new is the sidebars and the table of contents, on every page.
DESKTOP_PAGES = {"index.md", "opt-out.md"}


def scheme_paths(combination: str) -> list[str]:
    names = DESKTOP_PAGES if combination.startswith("desktop") else SCHEME_PAGES
    return [page_dir(name) for name in sorted(names)] + ["q/instagram/", "missing-page/"]


CHECKS = [("phone-light", lang) for lang in LANGUAGES] + [
    (combination, LANGUAGES[0]) for combination in COMBINATIONS if combination != "phone-light"
]


@pytest.mark.parametrize(("combination", "lang"), CHECKS, ids=[f"{c}-{lang}" for c, lang in CHECKS])
def test_no_accessibility_violation(site, open_page, combination, lang):
    viewport, scheme = COMBINATIONS[combination]
    visit = open_page("", viewport=viewport, scheme=scheme)
    origin = "/".join(visit.page.url.split("/")[:3])
    paths = phone_light_paths(lang) if combination == "phone-light" else scheme_paths(combination)
    # The phone's palettes are checked on the phone; on a desktop, the colour
    # rules look at what only a desktop shows (sidebars, table of contents).
    colours = lang == LANGUAGES[0] and combination.startswith("phone")
    prose = {page_dir(name) for name in PROSE_PAGES}
    problems = []
    for path in paths:
        visit.page.goto(f"{origin}/{path}")
        options = AXE_OPTIONS if colours and path not in prose else WORDS_ONLY
        violations = AXE.run(visit.page, options=options).response["violations"]
        if combination.startswith("desktop") and visit.page.locator(DESKTOP_ONLY).count():
            violations += AXE.run(
                visit.page, context={"include": [[DESKTOP_ONLY]]}, options=COLOURS_ONLY
            ).response["violations"]
        if violations:
            problems.append(f"{path or '/'} [{combination}]\n{describe(violations)}")
    assert not problems, "\n".join(problems)


def test_axe_reports_a_broken_page(open_page):
    """The check can fail: an image without alt text and a low-contrast text are found."""
    visit = open_page("")
    visit.page.evaluate("""() => {
        const img = document.createElement('img');
        img.src = 'assets/images/favicon.svg';
        document.querySelector('article').append(img);
        const p = document.createElement('p');
        p.textContent = 'faint'; p.style.color = '#eee'; p.style.background = '#fff';
        document.querySelector('article').append(p);
    }""")
    violations = {v["id"] for v in AXE.run(visit.page, options=AXE_OPTIONS).response["violations"]}
    assert {"image-alt", "color-contrast"} <= violations, violations
