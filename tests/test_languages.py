"""Languages come from configuration, and CONTRIBUTING's "Add a language" works as written.

The real site already has three languages, and every test iterates over
them. This test follows the recipe for a fourth (Italian, "it") on a copy
of the project: first as a newcomer who copied the English files and forgot
to write them in Italian, which the build must refuse, naming each borrowed
interface string and each borrowed paragraph with file:line; then with
every string and page written (placeholder "Italian"), which must pass
every check the build runs.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from conftest import LANGUAGES
from sitekit import copy_project, run_build

NEW, MODEL = "it", "en"  # the recipe starts from English (French has its own spacing)


def follow_the_recipe(root: Path, write: bool) -> None:
    """CONTRIBUTING.md "Add a language", step by step. With `write`, the
    translator also rewrote every page and string (marked "[it]")."""
    # 1. mkdocs.yml: the language, at the end of the list, with its name,
    #    site_name and site_description.
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "  # This site's build (faq_plugin/"
    assert anchor in text, f"test setup: no {anchor!r} after the languages in mkdocs.yml"
    entry = (
        f"        - locale: {NEW}\n          name: Italiano\n          build: true\n"
        '          site_name: "FAQ: Meta, i tuoi dati e l’IA"\n'
        "          site_description: Cosa fa Meta con i post di Facebook e Instagram.\n"
    )
    config.write_text(text.replace(anchor, entry + anchor, 1), encoding="utf-8")

    # 2. Copy docs/en/ to docs/it/, then write each page in the language.
    shutil.copytree(root / "docs" / MODEL, root / "docs" / NEW)
    if write:
        for page in (root / "docs" / NEW).glob("*.md"):
            page.write_text(written(page.read_text(encoding="utf-8")), encoding="utf-8")

    # 3. data/ui.yml: the English block copied, locale and name set, every string written.
    ui_file = root / "data" / "ui.yml"
    ui = yaml.safe_load(ui_file.read_text(encoding="utf-8"))
    ui[NEW] = dict(ui[MODEL], locale="it_IT", language_name="Italiano")
    if write:
        for key, value in ui[NEW].items():
            if isinstance(value, str) and key not in {"locale", "language_name"}:
                ui[NEW][key] = f"{value} [it]"
    ui_file.write_text(yaml.safe_dump(ui, allow_unicode=True), encoding="utf-8")

    # 4-7. Verdict words, change-log texts, per-language publishers, authority notes.
    def per_language(path: Path, each) -> None:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        each(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    def verdicts(faq):
        for labels in faq["verdicts"].values():
            labels[NEW] = ITALIAN_VERDICTS[labels[MODEL]]

    def changes(entries):
        for change in entries:
            change[NEW] = f"{change[MODEL]} [it]"

    def publishers(sources):
        for source in sources.values():
            if isinstance(source.get("publisher"), dict):
                source["publisher"][NEW] = source["publisher"][MODEL]

    def notes(authorities):
        for entry in authorities.values():
            if f"note_{MODEL}" in entry:
                entry[f"note_{NEW}"] = f"{entry[f'note_{MODEL}']} [it]"

    per_language(root / "data" / "faq.yml", verdicts)
    per_language(root / "data" / "changes.yml", changes)
    per_language(root / "data" / "sources.yml", publishers)
    # Quoted country codes stay strings ("NO" is Norway, not false): safe_dump quotes them.
    per_language(root / "data" / "authorities.yml", notes)


ITALIAN_VERDICTS = {"False": "Falso", "Misleading": "Fuorviante", "True": "Vero"}
VERDICT = re.compile(r"^(#+ )(False|Misleading|True)(:)")  # English verdict words
PROSE = re.compile(r"^(\s*(?:#+ |[-*] |\d+\. )?)(?=[\w*“\"(\[])")


def written(markdown: str) -> str:
    """A page "written in Italian": each line of prose gets a word of its own
    ("[it]"), after the heading or list mark, and the verdict words are the
    new language's ("Falso", see `verdicts`)."""
    front, body = markdown.split("\n---\n", 1)
    lines = []
    for line in body.splitlines():
        if VERDICT.match(line):
            line = VERDICT.sub(lambda m: m[1] + ITALIAN_VERDICTS[m[2]] + m[3], line)
        else:
            line = PROSE.sub(r"\1[it] ", line, count=1)
        lines.append(line)
    return front + "\n---\n" + "\n".join(lines) + "\n"


def test_a_copied_language_is_refused_with_each_borrowed_string_and_paragraph(tmp_path):
    root = tmp_path / "project"
    copy_project(root)
    follow_the_recipe(root, write=False)
    result = run_build(root, tmp_path / "site", SOCIAL_CARDS="false")
    output = result.stdout + result.stderr
    assert result.returncode != 0, "a language copied from English was published"
    # An interface sentence, and a paragraph of a page, each named where it is.
    assert "data/ui.yml: 'disclaimer' in 'it' is the 'en' text word for word" in output, output
    assert re.search(r"docs/it/opt-out\.md:\d+: this paragraph is the 'en' text", output), output


def test_a_written_fourth_language_passes_every_check_the_build_runs(tmp_path):
    """Written, the new language passes the checks the build runs first, with
    the languages mkdocs.yml now lists. (What the build then makes of a
    language, its pages, hreflang, menu, feed and sitemap, is what every
    other test checks for the three real ones.)"""
    from mkdocs.config import load_config

    from faq_plugin.checks import project_problems
    from faq_plugin.i18n import site_languages

    root = tmp_path / "project"
    copy_project(root)
    follow_the_recipe(root, write=True)
    config = load_config(str(root / "mkdocs.yml"))
    languages, default = site_languages(config)
    assert languages == [*LANGUAGES, NEW] and default == LANGUAGES[0], languages
    names = {lang.locale: lang.name for lang in config.plugins["i18n"].config.languages}
    assert names[NEW] == "Italiano", names
    problems = project_problems(root, root / "docs", languages)
    assert not problems, "\n".join(problems)
