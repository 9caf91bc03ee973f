"""Jinja set-up shared by the hooks and the theme (not a hook itself).

Templates get `faq_sources` (data/sources.yml), `ui` (data/ui.yml strings in
the language being built) and a `long_date` filter ("28 novembre 2026").
Each language's full locale (`fr_FR`, for dates and og:locale) is its
`locale` entry in data/ui.yml, beside its interface strings.
"""

from __future__ import annotations

from babel.dates import format_date
from faq_source import PROJECT_ROOT, load_sources, read_yaml
from jinja2 import FileSystemBytecodeCache

JINJA_CACHE = PROJECT_ROOT / ".cache" / "jinja"
UI_FILE = PROJECT_ROOT / "data" / "ui.yml"

# The Jinja environment of the build in progress (one build per language):
# the template_data hook sets it before pages are read, then MkDocs' own.
_build = {}


def ui_strings(language: str) -> dict[str, str]:
    return read_yaml(UI_FILE)[language]


def language_locale(language: str) -> str:
    """'fr' -> 'fr_FR' (og:locale, dates), from data/ui.yml."""
    return ui_strings(language)["locale"]


def configure(env, language: str):
    """Add the project's globals and filters to the build's Jinja environment,
    and a bytecode cache so warm builds do not compile the theme's templates
    again (keyed by each template's source, so edits are picked up)."""
    JINJA_CACHE.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(JINJA_CACHE))
    env.globals["faq_sources"] = load_sources()
    env.globals["ui"] = ui_strings(language)
    env.filters["long_date"] = lambda value: format_date(
        value, format="long", locale=language_locale(language)
    )
    _build.update(env=env, language=language)
    return env


def page_env(config):
    """The build's environment, for hooks that render partials while pages are
    processed (the template_data hook keeps it current)."""
    if _build.get("language") != config.theme["language"]:
        raise RuntimeError("page_env() called before on_env configured this build's templates")
    return _build["env"]
