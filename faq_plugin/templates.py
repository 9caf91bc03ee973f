"""The Jinja environment of each language's build: the theme's, with the project's data.

Templates get `faq_sources` (data/sources.yml), `ui` (data/ui.yml strings in
the language being built), `site_languages` (every built language's code,
address and strings: the 404 page speaks all of them, the default one first;
a one-language preview, `make serve`, has only its own),
`faq_feed` (the language's Atom feed) and a `long_date` filter
("28 novembre 2026", in the language's `locale` from data/ui.yml), and an
`in_language` filter (a value of data/*.yml given per language, or one for all). The same
environment renders the partials the plugin inserts while pages are read and,
from `on_env` on, the theme itself.
"""

from __future__ import annotations

import functools
import re

from babel.dates import format_date
from jinja2 import FileSystemBytecodeCache

from . import i18n
from .citations import in_language
from .context import BuildContext
from .typography import NBSP

# The day a long date starts with ("30", "30." in German, "1er" in French).
_DAY_FIRST = re.compile(r"^(\d{1,2}\.?|1er) ")


def long_date(value, locale: str) -> str:
    """ "30 November 2026" as the locale writes it, the day held to its month
    by a no-break space (never "30" alone at the end of a line); in French,
    the first of the month is "1er" ("1er juillet 2025", not "1 juillet")."""
    text = format_date(value, format="long", locale=locale)
    if locale.split("_")[0] == "fr":
        text = re.sub(r"^1 ", "1er ", text)
    return _DAY_FIRST.sub(lambda day: day[1] + NBSP, text)


def make_env(ctx: BuildContext, config, language: str):
    env = config.theme.get_env()
    # mkdocs-static-i18n's sitemap template uses `continue` (it adds this in its on_env).
    env.add_extension("jinja2.ext.loopcontrols")
    # Warm builds do not compile the theme's templates again (keyed by each
    # template's source, so edits are picked up).
    cache = ctx.root / ".cache" / "jinja"
    cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    locale = ctx.ui[language]["locale"]
    # Each date is written on many pages (dates lines, change list): formatted once.
    env.filters["long_date"] = functools.lru_cache(maxsize=512)(
        lambda value: long_date(value, locale)
    )
    # A data value given per language (a source's `publisher`), or the same in all.
    env.filters["in_language"] = lambda value: in_language(value, language)
    built = ctx.languages if i18n.builds_every_language(config) else [language]
    env.globals.update(
        faq_sources=ctx.sources,
        ui=ctx.ui[language],
        site_languages=[
            {"code": code, "prefix": ctx.prefix(code), "ui": ctx.ui[code]} for code in built
        ],
        faq_feed={
            "url": ctx.absolute(ctx.feed_path(language)),
            "title": ctx.ui[language]["feed_title"],
        },
    )
    return env
