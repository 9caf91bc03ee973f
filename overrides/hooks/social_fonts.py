"""Supply the social cards' fonts from the repository, so the build never downloads.

Material's social plugin looks for `<cache_dir>/fonts/<Family>/` and, when it
is absent, downloads the family from Google Fonts (and an empty folder makes
it recurse forever: CONTRIBUTING, design notes). This hook copies the committed static TTF
files from overrides/fonts/<Family>/ there before any card is drawn, and
stops the build with a clear message when they are missing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

FONTS_DIR = Path(__file__).resolve().parents[2] / "fonts" / "social"
STYLES = ("Regular.ttf", "Bold.ttf")


def install_fonts(family: str, fonts_dir: Path, cache_dir: Path) -> None:
    source = fonts_dir / family
    for style in STYLES:
        font = source / style
        if not font.is_file() or font.stat().st_size == 0:
            raise PluginError(
                f"{os.path.relpath(font)}: social card font missing or empty; commit the "
                f"static TTF files {', '.join(STYLES)} of '{family}' there "
                "(the build must not download fonts)"
            )
    target = cache_dir / "fonts" / family
    target.mkdir(parents=True, exist_ok=True)
    for style in STYLES:
        copy = target / style
        if not copy.is_file() or copy.read_bytes() != (source / style).read_bytes():
            shutil.copyfile(source / style, copy)


def on_config(config):
    social = config.plugins.get("material/social")
    if social is None or not social.config.enabled:
        return config
    family = social.config.cards_layout_options.get("font_family", "Roboto")
    install_fonts(family, FONTS_DIR, Path(social.config.cache_dir))
    return config
