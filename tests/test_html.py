"""Built HTML passes the Nu Html Checker (vnu.jar from npm `vnu-jar`).

Every page of every language is checked, and of the share pages (one
template, 54 per language), one of each kind of card per language.
"""

from __future__ import annotations

import json
import shutil
import subprocess

from conftest import PROJECT_ROOT
from test_browser import one_share_page_per_kind

from faq_plugin.page_pass import finish_html

VNU = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def validate(*paths) -> list[str]:
    """Errors as 'file:line: message', from the Nu Html Checker."""
    java = shutil.which("java")
    assert java, "java not found: install a JRE (Debian: default-jre-headless)"
    assert VNU.is_file(), f"{VNU} missing: run `npm ci`"
    result = subprocess.run(
        [
            java,
            # Quick start: no optimising compiler (a few seconds of work),
            # and the deep stack the HTML schema needs.
            "-XX:TieredStopAtLevel=1",
            "-Xss8m",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{m['url'].removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]


def test_every_page_is_valid_html(site):
    samples = tuple(f"{path}index.html" for path in one_share_page_per_kind())
    pages = [
        page.path
        for page in site.html_pages()
        if "/q/" not in f"/{page.rel}" or page.rel.endswith(samples)
    ]
    errors = validate(*pages)
    assert not errors, "\n".join(errors)


def test_the_checker_reports_invalid_html_with_file_and_line(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text(
        '<!doctype html><html lang="fr"><head><title>x</title></head><body>\n'
        '<p id="a">one</p>\n<p id="a">two</p>\n</body></html>\n'
    )
    errors = validate(page)
    assert any(e.startswith(f"{page}:3: Duplicate ID") for e in errors), errors


def test_materials_invalid_markup_is_corrected():
    broken = (
        '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
        '<input type="text" autocomplete="off">'
        '<label for="__drawer">menu</label><label class="x" for="__toc">toc</label>'
    )
    fixed = finish_html(broken, None)
    assert '<input class="md-toggle" type="checkbox" id="__drawer">' in fixed
    assert '<input type="text" autocomplete="off">' in fixed  # allowed there
    assert '<label for="__drawer">menu</label>' in fixed
    assert '<label class="x">toc</label>' in fixed
