"""The plugin's options, as written under `- faq:` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config.base import Config
from mkdocs.config.config_options import SubConfig, Type


class CardsConfig(Config):
    # The card's drawing: sizes, colours, text boxes (our own format).
    layout = Type(str, default="overrides/layouts/faq-card.yml")
    # <fonts>/<family>/{Regular,Bold}.ttf, committed: the build never downloads fonts.
    fonts_dir = Type(str, default="fonts/social")
    # Where the cards are published, under the site.
    site_dir = Type(str, default="assets/images/social")
    enabled = Type(bool, default=True)


class FreshnessConfig(Config):
    # Days after which a page's `reviewed` date, or a source's `accessed`
    # date, is reported as old (the freshness report).
    page_max_age = Type(int, default=90)
    source_max_age = Type(int, default=180)


class FaqConfig(Config):
    structure = Type(str, default="data/faq.yml")
    sources = Type(str, default="data/sources.yml")
    changes = Type(str, default="data/changes.yml")
    ui = Type(str, default="data/ui.yml")
    authorities = Type(str, default="data/authorities.yml")
    # The page that lists every change (not a FAQ page), in each language.
    updates_page = Type(str, default="updates.md")
    # Share pages: /<share_dir>/<question id>/.
    share_dir = Type(str, default="q")
    cards = SubConfig(CardsConfig)
    freshness = SubConfig(FreshnessConfig)
