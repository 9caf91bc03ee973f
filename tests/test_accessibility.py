"""axe-core finds no accessibility problem: WCAG 2.2 A/AA and best practices.

Every page of every language is checked on a phone in the light palette;
the three other combinations (phone dark, desktop light and dark) check the
default language's pages: the other languages use the same templates and
styles with other words, so the checks that depend on the language (its
`lang`, its text) run once per language and the rest is sampled.
Share pages all come from one template: two of each language are checked, a
plain answer and a how-to (which has Meta's form button).
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import DESKTOP, LANGUAGES, PHONE, STRUCTURE

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
EVERY_LANGUAGE = ("phone-light",)


def paths(site, combination: str) -> list[str]:
    pages = [
        p for p in site.html_pages() if combination in EVERY_LANGUAGE or p.lang == LANGUAGES[0]
    ]
    rels = [p.rel.removesuffix("index.html") for p in pages]
    rels = [p for p in rels if "q/" not in p or p.split("q/")[-1].strip("/") in SHARE_SAMPLES]
    return [p.replace("404.html", "missing-page/") for p in rels]


@pytest.mark.parametrize("combination", COMBINATIONS)
def test_no_accessibility_violation(site, open_page, combination):
    viewport, scheme = COMBINATIONS[combination]
    visit = open_page("", viewport=viewport, scheme=scheme)
    problems = []
    for path in paths(site, combination):
        visit.page.goto(
            visit.page.url.split("/", 3)[:3]
            and "/".join(visit.page.url.split("/")[:3]) + "/" + path
        )
        results = AXE.run(visit.page, options=AXE_OPTIONS)
        violations = results.response["violations"]
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
