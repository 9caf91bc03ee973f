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

from babel.dates import format_date
from jinja2 import FileSystemBytecodeCache

from . import i18n
from .citations import in_language
from .context import BuildContext


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
        lambda value: format_date(value, format="long", locale=locale)
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
