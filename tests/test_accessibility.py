"""axe-core finds no accessibility problem: WCAG 2.2 A/AA and best practices.

What is checked where (axe takes seconds per long page, on two cores):
- phone, light: every page of the default language, two share pages (one
  template: a plain answer and a how-to with Meta's form button) and the 404
  page; in the other languages, the pages where readers act (home, steps,
  rumours), whose words differ but not their markup or styles;
- phone, dark: the default language's pages with components of their own:
  home, /opt-out/ (buttons, authorities, copy control), rumours (verdicts),
  updates list, a how-to share page, the 404 page;
- desktop: what a desktop adds, the sidebars and the table of contents, on
  the home page, /opt-out/, a share page and the 404 page: every rule in the
  dark palette, the colour rules on the sidebars in the light one.
The colour rules (contrast, links told apart from text) depend on the
palette, not the words, and take most of axe's time: they run with the
default language, except on /whatsapp/ and /sources/ (prose and notes, like
/data/). The other rules run everywhere listed.
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
SCHEME_PAGES = {"index.md", "opt-out.md", "true-or-false.md", "updates.md"}
# Prose and notes only, like /data/: its colours stand for theirs.
PROSE_PAGES = {"whatsapp.md", "sources.md"}


def phone_light_paths(lang: str) -> list[str]:
    """Every page of the default language, two share pages and the 404 page;
    the pages with answers of the other languages."""
    if lang != LANGUAGES[0]:  # where readers act: home, steps, rumours
        return [url_prefix(lang) + page_dir(name) for name in OTHER_LANGUAGE_PAGES]
    paths = [page_dir(name) for name in DOC_PAGES]
    return paths + [f"q/{qid}/" for qid in sorted(SHARE_SAMPLES)] + ["missing-page/"]


OTHER_LANGUAGE_PAGES = ("index.md", "opt-out.md", "true-or-false.md")
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
        violations = []
        if combination != "desktop-light":  # its markup is desktop dark's
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
