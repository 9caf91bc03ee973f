"""The one place that touches mkdocs-static-i18n (1.3): what it knows and what it needs.

It rebuilds the whole site once per language (default language first: the
outer build, then a nested `build()` per other language from its own
`on_post_build`); `building` is true during those nested builds. Its files
carry `alternates` (the same page in every language), which the language
switcher, hreflang links and the sitemap read; the share pages we generate
need the same. CONTRIBUTING ("What depends on Material") lists these names.
"""

from __future__ import annotations

from types import SimpleNamespace


def _plugin(config):
    return config.plugins["i18n"]


def site_languages(config) -> tuple[list[str], str]:
    """The locales, default first, and the default one."""
    languages = _plugin(config).config.languages
    default = next(lang.locale for lang in languages if lang.default)
    codes = [lang.locale for lang in languages]
    return sorted(codes, key=lambda code: code != default), default


def current_language(config) -> str:
    """The language of the build in progress (Material's theme language, set by i18n)."""
    return config.theme["language"]


def in_nested_build(config) -> bool:
    """True while i18n builds a language other than the first one."""
    return bool(_plugin(config).building)


def builds_every_language(config) -> bool:
    """False when `build_only_locale` (I18N_ONLY, `make serve ONLY=…`) limits the build to one."""
    return not _plugin(config).config.build_only_locale


def set_alternates(file, language: str, urls: dict[str, str]) -> None:
    """Give a generated file what i18n gives its own: the switcher and hreflang
    lead to its twin in each language (`urls`: language -> site-relative URL)."""
    file.alternates = {code: SimpleNamespace(url=url) for code, url in urls.items()}
    file.locale = file.locale_alternate_of = language


def alternate_urls(page) -> dict[str, str]:
    """The page's site-relative URL in every language ('' for the home page)."""
    alternates = getattr(page.file, "alternates", None) or {}
    return {
        code: "" if alt.url in (".", "./") else alt.url for code, alt in sorted(alternates.items())
    }
