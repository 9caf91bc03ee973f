"""Jinja set-up shared by the hooks and the theme (not a hook itself).

Templates get `faq_sources` (data/sources.yml), `ui` (data/ui.yml strings in
the language being built) and a `long_date` filter ("28 novembre 2026").
"""

from __future__ import annotations

from babel.dates import format_date
from faq_source import PROJECT_ROOT, load_sources, read_yaml
from jinja2 import FileSystemBytecodeCache

JINJA_CACHE = PROJECT_ROOT / ".cache" / "jinja"

_BABEL_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
_envs: dict[tuple[int, str], object] = {}


def ui_strings(language: str) -> dict[str, str]:
    return read_yaml(PROJECT_ROOT / "data" / "ui.yml")[language]


def configure(env, language: str):
    """Add the project's globals and filters to a Jinja environment, and a
    bytecode cache so warm builds do not compile the theme's templates again
    (keyed by each template's source, so edits are picked up)."""
    JINJA_CACHE.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(JINJA_CACHE))
    env.globals["faq_sources"] = load_sources()
    env.globals["ui"] = ui_strings(language)
    env.filters["long_date"] = lambda value: format_date(
        value, format="long", locale=_BABEL_LOCALES.get(language, language)
    )
    return env


def page_env(config):
    """An environment for hooks that render partials while pages are processed
    (MkDocs builds its own only after the pages' HTML exists)."""
    language = config.theme["language"]
    key = (id(config), language)
    if key not in _envs:
        _envs[key] = configure(config.theme.get_env(), language)
    return _envs[key]
