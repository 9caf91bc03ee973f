"""Check every page of every language before anything is built.

Editors get every mistake at once, one `file:line: what` per line, instead
of one page at a time: a missing page or translation, required questions
(data/faq.yml) missing, out of order or unanswered, front matter, unsafe or
inaccessible Markdown, answers without citations, unknown or uncited sources,
interface strings missing in a language (data/ui.yml), and data/changes.yml
(changelog hook).
The checks themselves live with the hook they belong to; the tests call
`project_problems` on broken copies of the project.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import yaml
from changelog import changelog_problems
from citations import citation_problems, sources_problems, uncited_sources
from faq_source import EditorError, load_sources, load_structure, read_yaml, site_languages
from front_matter import front_matter_problems
from markdown_rules import markdown_problems
from required_questions import check_questions, check_translations


def front_matter(text: str) -> dict:
    if not text.startswith("---"):
        return {}
    try:
        return yaml.safe_load(text.split("---", 2)[1]) or {}
    except yaml.YAMLError as error:
        return {"__error__": str(error).replace("\n", " ")}


def page_problems(rel: str, text: str, spec, known_sources: set[str], today: dt.date) -> list:
    """Everything an editor can get wrong in one Markdown file."""
    meta = front_matter(text)
    if "__error__" in meta:
        return [f"{rel}:1: front matter is not valid YAML: {meta['__error__']}"]
    problems = front_matter_problems(rel, meta, today)
    problems += markdown_problems(rel, text)
    if spec is not None:
        problems += check_questions(rel, text, spec.questions)
    must_cite = spec is not None and spec.cites_sources
    problems += citation_problems(rel, text, known_sources, answers_must_cite=must_cite)
    return problems


def ui_problems(ui_file: Path, languages: list[str], rel) -> list[str]:
    """Every language has every interface string any language has."""
    ui = read_yaml(ui_file) or {}
    reference = {key for lang in languages for key in ui.get(lang) or {}}
    problems = []
    for lang in languages:
        missing = sorted(reference - set(ui.get(lang) or {}))
        if missing:
            problems.append(
                f"{rel(ui_file)}: language '{lang}' lacks interface strings: {', '.join(missing)}"
            )
    return problems


def project_problems(root: Path, docs_dir: Path, languages: list[str], today=None) -> list[str]:
    """Every content mistake in a project (its data/ and docs folders)."""
    today = today or dt.date.today()
    structure = load_structure(root / "data" / "faq.yml")
    sources_file = root / "data" / "sources.yml"
    sources = load_sources(sources_file)
    specs = {spec.file: spec for spec in structure}

    def rel(path: Path) -> str:
        return os.path.relpath(path, root)

    problems = check_translations(docs_dir, languages, list(specs), rel)
    problems += ui_problems(root / "data" / "ui.yml", languages, rel)
    problems += sources_problems(sources, sources_file, rel)
    problems += uncited_sources(docs_dir, languages, sources, sources_file, rel)
    for lang in languages:
        for path in sorted((docs_dir / lang).rglob("*.md")):
            name = path.relative_to(docs_dir / lang).as_posix()
            text = path.read_text(encoding="utf-8")
            problems += page_problems(rel(path), text, specs.get(name), set(sources), today)
    problems += changelog_problems(root, docs_dir, languages, today, rel)
    return problems


def on_config(config):
    root = Path(config.config_file_path).parent
    problems = project_problems(root, Path(config.docs_dir), site_languages(config)[0])
    if problems:
        raise EditorError(problems)
