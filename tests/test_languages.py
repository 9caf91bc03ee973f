"""Languages come from configuration: a third one needs no code change.

A copy of the project gets German ("de"), made from the English pages with
placeholder interface strings, as a translator would start. Its strict
build, and the content, link, sharing and card tests run on that copy (in a
child pytest, so every check iterates over the three languages), must pass.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import PROJECT_ROOT

NEW, MODEL = "de", "en"
CHECKS = ["tests/test_content.py", "tests/test_links.py", "tests/test_sharing.py"]
# Builds a copy of its own to test escaping, which has nothing to do with languages.
NOT_ABOUT_LANGUAGES = [
    "--deselect",
    "tests/test_sharing.py::test_quotes_ampersands_and_dashes_build_and_stay_exact_in_previews",
]


def add_language(root: Path, code: str = NEW, model: str = MODEL) -> None:
    """What docs/CONTRIBUTING.md asks of someone adding a language."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = f"        - locale: {model}\n"
    assert anchor in text, f"test setup: no '{anchor.strip()}' entry in mkdocs.yml"
    entry = (
        f"        - locale: {code}\n          name: Deutsch\n          build: true\n"
        f'          site_name: "FAQ: Meta, deine Daten und KI"\n'
    )
    config.write_text(text.replace(anchor, entry + anchor, 1), encoding="utf-8")
    shutil.copytree(root / "docs" / model, root / "docs" / code)

    ui_file = root / "data" / "ui.yml"
    ui = yaml.safe_load(ui_file.read_text(encoding="utf-8"))
    ui[code] = {
        key: value if key == "locale" or not isinstance(value, str) else f"{value} [{code}]"
        for key, value in ui[model].items()
    }
    ui[code]["locale"] = f"{code}_DE"
    ui_file.write_text(yaml.safe_dump(ui, allow_unicode=True), encoding="utf-8")

    faq_file = root / "data" / "faq.yml"  # every verdict has its word in every language
    faq = yaml.safe_load(faq_file.read_text(encoding="utf-8"))
    for labels in (faq.get("verdicts") or {}).values():
        labels[code] = labels[model]
    faq_file.write_text(yaml.safe_dump(faq, allow_unicode=True), encoding="utf-8")

    sources_file = root / "data" / "sources.yml"  # publishers named per language
    sources = yaml.safe_load(sources_file.read_text(encoding="utf-8"))
    for source in sources.values():
        if isinstance(source.get("publisher"), dict):
            source["publisher"][code] = source["publisher"][model]
    sources_file.write_text(yaml.safe_dump(sources, allow_unicode=True), encoding="utf-8")

    changes_file = root / "data" / "changes.yml"
    if changes_file.is_file():  # every change is told in every language
        changes = yaml.safe_load(changes_file.read_text(encoding="utf-8")) or []
        for change in changes:
            change[code] = change[model]
        changes_file.write_text(yaml.safe_dump(changes, allow_unicode=True), encoding="utf-8")


def child_pytest(root: Path, *args: str) -> subprocess.CompletedProcess:
    """pytest in the copy, in one process (this test already runs in a worker)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_a_third_language_passes_the_content_link_and_sharing_checks(site, tmp_path):
    # `site`: the real build has drawn the fr and en cards the copy reuses.
    root = tmp_path / "project"
    for part in ["mkdocs.yml", "pyproject.toml", "docs", "overrides", "data", "fonts", "tests"]:
        source = PROJECT_ROOT / part
        if source.is_dir():
            shutil.copytree(source, root / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            root.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / part)
    if (PROJECT_ROOT / ".cache").is_dir():  # cards already drawn for fr and en
        shutil.copytree(PROJECT_ROOT / ".cache", root / ".cache")
    add_language(root)

    # -rA lists every test that passed, with its parameters: one run, no second collection.
    result = child_pytest(root, "-x", "-rA", *NOT_ABOUT_LANGUAGES, *CHECKS)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"with a third language:\n{output[-6000:]}"
    # The checks really ran on the new language (they are parametrized by it).
    ran = re.findall(r"^PASSED .*$", result.stdout, re.M)
    assert any(re.search(rf"\[{NEW}[/-]", line) for line in ran), f"no test ran for '{NEW}'"
