"""The FAQ plugin: the build of this site, in one place, in the order MkDocs runs it.

Each event hands the build context (context.py) to the module that does the
work; this file only says when. mkdocs-static-i18n runs the whole build once
per language (i18n.py), so what concerns every language (reading the
sources, every check, the site-wide files) happens in the outer build only.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import InclusionLevel
from mkdocs.utils import get_relative_url

from . import (
    authorities,
    cards,
    changelog,
    checks,
    citations,
    i18n,
    material,
    page_cache,
    qr,
    search_index,
    security,
    seo,
    share_pages,
    templates,
    verdicts,
)
from .config import FaqConfig
from .context import BuildContext
from .source import EditorError, headings, plain_text

CHANGES_MARKER = "<!-- changes:all -->"  # where updates.md lists every change
SOURCES_MARKER = "<!-- sources:all -->"  # where sources.md lists every source
# Where a page states the date the site is current to, derived, never typed.
KNOWLEDGE_MARKER = "<!-- knowledge-date -->"
AUTHORITIES_MARKER = "<!-- authorities:all -->"  # where opt-out.md lists data/authorities.yml
# "Copy" for the paragraph with that id: <!-- copy:reason-sentence -->
COPY_MARKER = re.compile(r"<!-- copy:([A-Za-z][\w-]*) -->")
_LINE_BREAKS = re.compile(r"[ \t\r\n]+")  # not str.split(): it eats no-break spaces
QR_MARKER = "<!-- qr:opt-out -->"  # where guide.md shows the opt-out page's address as a QR code


class FaqPlugin(BasePlugin[FaqConfig]):
    def __init__(self):
        super().__init__()
        self.ctx: BuildContext | None = None
        self.card_layout: cards.CardLayout | None = None
        # Cards are drawn beside the build (Pillow encodes PNGs outside the GIL)
        # and awaited before the language's build ends.
        self.card_jobs: list[Future] = []
        self._pool: ThreadPoolExecutor | None = None
        self.citation_markup: citations.CitationExtension | None = None
        self.pages: page_cache.PageCache | None = None

    # --- Before the build: the context and every check, once ------------------

    def on_config(self, config):
        if i18n.in_nested_build(config):
            return config  # the outer build made the context and checked everything
        root = Path(config.config_file_path).parent
        languages, default = i18n.site_languages(config)
        self.ctx = ctx = BuildContext.load(
            root,
            Path(config.docs_dir),
            languages,
            default,
            files={
                "structure": self.config.structure,
                "sources": self.config.sources,
                "changes": self.config.changes,
                "ui": self.config.ui,
                "authorities": self.config.authorities,
            },
            site_url=config.site_url or "http://localhost/",
            updates_page=self.config.updates_page,
            share_dir=self.config.share_dir,
        )
        self.pages = page_cache.PageCache(root / ".cache" / "faq" / "pages")
        # Markers, notes and back-links as readers need them (citations.py).
        self.citation_markup = citations.CitationExtension(ctx.sources)
        config.markdown_extensions.append(self.citation_markup)
        layout = root / self.config.cards.layout
        self.card_layout = cards.load_layout(
            layout, root / self.config.cards.fonts_dir, ctx.rel(layout)
        )
        if self.config.cards.enabled:
            cards.check_fonts(self.card_layout, ctx.rel)
        problems = checks.context_problems(ctx)
        card_list = [
            card
            for language in ctx.languages
            for spec in ctx.structure
            if (ctx.docs_dir / language / spec.file).is_file()  # else reported above
            for card in cards.card_sources(ctx.page(language, spec.file), spec, ctx.verdicts)
        ]
        # Every card's text measured here; each page's card then reuses the widths.
        problems += cards.fit_problems(card_list, self.card_layout)
        if problems:
            raise EditorError(problems)
        return config

    def on_pre_build(self, config):
        """This language's Jinja environment and Markdown extension words."""
        language = i18n.current_language(config)
        self.ctx.env = templates.make_env(self.ctx, config, language)
        self.ctx.script_cache = {}
        ui = self.ctx.ui[language]
        # Extension options cannot differ per language in mkdocs-static-i18n;
        # MkDocs makes each page's converter from these, so this is enough.
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = ui["permalink"]
        note = self.ctx.env.get_template("partials/cited-source.html")
        self.citation_markup.language = language
        self.citation_markup.ui = ui
        # Each source's note is the same on every page of the language: drawn
        # once, on one line (ASCII whitespace only: its no-break spaces stay).
        self.citation_markup.note_html = functools.cache(
            lambda key: _LINE_BREAKS.sub(" ", note.render(source=self.ctx.sources[key])).strip()
        )

    @event_priority(-200)  # after mkdocs-static-i18n has laid out this language's files
    def on_files(self, files, config):
        layout_dir = (self.ctx.root / self.config.cards.layout).parent.resolve()
        for file in files:
            # The card layout sits in the theme's folder, but is not a page;
            # Material's scripts are not loaded (material.UNUSED_THEME_ASSETS).
            if (
                file.abs_src_path and layout_dir in Path(file.abs_src_path).parents
            ) or material.unused_theme_asset(file.src_uri, file.abs_src_path):
                file.inclusion = InclusionLevel.EXCLUDED
        share_pages.add_share_pages(self.ctx, files, config, i18n.current_language(config))
        return files

    # --- Each page: its Markdown, from the source model --------------------------

    def on_page_markdown(self, markdown, page, config, files):
        ctx, language = self.ctx, i18n.current_language(config)
        name = page.meta.get("share_of") or page.file.src_uri.split("/", 1)[-1]
        spec = ctx.spec(name)
        reviewed = page.meta.get("reviewed")
        if isinstance(reviewed, str):
            reviewed = page.meta["reviewed"] = dt.date.fromisoformat(reviewed)
        if reviewed:
            page.update_date = reviewed.isoformat()  # the sitemap's <lastmod>
            is_updates = name == ctx.updates_page
            page.meta["updated"] = changelog.last_updated(
                ctx.changes, None if is_updates else name, reviewed
            )
            page.meta["updates_url"] = (
                None
                if is_updates
                else get_relative_url(ctx.page_path(language, ctx.updates_page), page.url)
            )
        if spec is not None and not page.meta.get("share_id"):
            markdown = share_pages.add_share_controls(ctx, markdown, spec, page.url, language)
        if page.meta.get("card_kind", spec.kind if spec else None) == "rumour":
            # After the share controls: their share text is the heading as plain text.
            markdown = verdicts.mark_headings(markdown, language, ctx.verdicts, ctx.env)
        if CHANGES_MARKER in markdown:
            markdown = markdown.replace(CHANGES_MARKER, self._changes_list(page, language))
        if KNOWLEDGE_MARKER in markdown:
            date = ctx.env.filters["long_date"](ctx.knowledge_date(language))
            markdown = markdown.replace(KNOWLEDGE_MARKER, date)
        if SOURCES_MARKER in markdown:
            listing = ctx.env.get_template("partials/sources-list.html").render(
                ids=[
                    key
                    for key, source in ctx.sources.items()
                    if language in citations.editions(source, ctx.languages)
                ],
                anchors=True,
            )
            markdown = markdown.replace(SOURCES_MARKER, _html_block(listing))
        if AUTHORITIES_MARKER in markdown:
            listing = ctx.env.get_template("partials/authorities-list.html").render(
                groups=authorities.groups(ctx.authorities, language)
            )
            markdown = markdown.replace(AUTHORITIES_MARKER, _html_block(listing))
        if QR_MARKER in markdown:
            url = ctx.absolute(ctx.page_path(language, "opt-out.md"))
            figure = ctx.env.get_template("partials/qr-code.html").render(
                url=url, svg=qr.svg(url, ctx.ui[language]["qr_title"])
            )
            markdown = markdown.replace(QR_MARKER, _html_block(figure))
        markdown = COPY_MARKER.sub(
            lambda match: _html_block(
                ctx.env.get_template("partials/copy-text.html").render(target=match.group(1))
            ),
            markdown,
        )
        markdown = citations.resolve_source_links(markdown, ctx.sources)
        self._card(page, markdown, config, language)
        return markdown

    def _changes_list(self, page, language: str) -> str:
        listed = changelog.entries(self.ctx, self.ctx.changes, language)
        for entry in listed:
            entry["url"] = get_relative_url(entry["url"], page.url)
            for question in entry["questions"]:
                question["url"] = get_relative_url(question["url"], page.url)
        listing = self.ctx.env.get_template("partials/changes-list.html").render(
            entries=listed,
            feed_url=get_relative_url(self.ctx.feed_path(language), page.url),
        )
        return _html_block(listing)

    def _card(self, page, markdown: str, config, language: str) -> None:
        """The social card's text, in the page's language, for the layout."""
        if "title" in page.meta:  # share pages
            title = page.meta["title"]
        else:
            h1 = next((h for h in headings(markdown) if h.level == 1), None)
            title = plain_text(h1.title) if h1 else page.title
        kind = page.meta.get("card_kind", "page")
        card = cards.card_text(
            self.card_layout,
            self.ctx.ui[language],
            kind,
            title,
            page.meta.get("description") or config.site_description or "",
            verdicts.split(title, language, self.ctx.verdicts) if kind == "rumour" else None,
        )
        if self.config.cards.enabled:  # the head's og:image tags (partials/seo-head.html)
            card["file"] = cards.card_file(page.file.dest_uri, page.is_index)
            card["url"] = self.ctx.absolute(f"{self.config.cards.site_dir}/{card['file']}")
            card["width"], card["height"] = self.card_layout.size
        page.meta["card"] = card

    # --- Templates --------------------------------------------------------------

    @event_priority(-100)  # last: the theme renders with this build's environment
    def on_env(self, env, config, files):
        return self.ctx.env

    def _allowed_scripts(self, config, base_url: str) -> set[str]:
        """The theme's inline scripts at this depth (rendered once per depth)."""
        cache = self.ctx.script_cache
        if base_url not in cache:
            cache[base_url] = security.theme_scripts(self.ctx.env, config, base_url)
        return cache[base_url]

    def on_page_context(self, context, page, config, nav):
        language = i18n.current_language(config)
        name = page.meta.get("share_of") or page.file.src_uri.split("/", 1)[-1]
        is_faq = self.ctx.spec(name) is not None and not page.meta.get("share_id")
        context["seo"] = seo.head(self.ctx, page, language, name if is_faq else None)
        page.theme_scripts = self._allowed_scripts(config, context["base_url"])
        context.update(security.head_values(page.theme_scripts))
        return context

    def on_template_context(self, context, template_name, config):
        allowed = self._allowed_scripts(config, context["base_url"])
        self.ctx.script_cache[template_name] = allowed
        context.update(security.head_values(allowed))
        return context

    # --- Finished pages: one pass each ------------------------------------------

    def _finish(self, html: str, where: str, allowed: set[str], language: str) -> str:
        finished = self.pages.finish(
            html, language, self.ctx.ui[language]["permalink"], self.ctx.own_host
        )
        problems = security.unexpected_code(where, finished, allowed)
        if problems:
            raise EditorError(problems)
        # Hashed after the last serialisation: nothing changes the page after this.
        self.ctx.script_hashes.update(security.hash_of(s) for s in finished.scripts)
        return finished.html

    @event_priority(-90)  # after every other plugin has changed the page
    def on_post_page(self, output, page, config):
        where = self.ctx.rel(Path(page.file.abs_src_path)) if page.file.abs_src_path else page.url
        if self.config.cards.enabled:
            self.card_jobs.append(
                self._card_pool().submit(
                    cards.write_card,
                    self.card_layout,
                    page.meta["card"],
                    config.site_name,
                    Path(config.site_dir) / self.config.cards.site_dir / page.meta["card"]["file"],
                    self.ctx.root / ".cache" / "faq" / "cards",
                )
            )
        return self._finish(output, where, page.theme_scripts, i18n.current_language(config))

    @event_priority(-90)
    def on_post_template(self, output_content, template_name, config):
        if template_name != "404.html" or not output_content:
            return output_content
        language = i18n.current_language(config)
        # Every language renders the 404 page and the last would win: keep the
        # default language's (it speaks every language). MkDocs skips an empty output.
        if language != self.ctx.default_language:
            return ""
        allowed = self.ctx.script_cache.get(template_name, set())
        return self._finish(output_content, f"template {template_name}", allowed, language)

    # --- After the build -------------------------------------------------------------

    def _card_pool(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 1)
        return self._pool

    def _write_feed(self, config):
        """This language's cards done and Atom feed written (before i18n starts
        the next language's build)."""
        for job in self.card_jobs:
            job.result()  # a drawing error stops the build here
        self.card_jobs.clear()
        language = i18n.current_language(config)
        target = Path(config.site_dir) / self.ctx.feed_path(language)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(
            changelog.build_feed(self.ctx, self.ctx.changes, language, config.site_name)
        )

    @event_priority(-150)  # after mkdocs-static-i18n has built every language
    def _write_site_files(self, config):
        """The site-wide outputs, once the last language is built."""
        if i18n.in_nested_build(config):
            return
        if self._pool is not None:  # every language's cards are done
            self._pool.shutdown()
            self._pool = None
        if i18n.builds_every_language(config):  # else the other languages' pages are kept
            self.pages.prune()
        site = Path(config.site_dir)
        seo.write_site_files(self.ctx, site)
        search_index.index_site(site, self.ctx.root / ".cache" / "pagefind")
        (site / "_headers").write_text(
            security.headers_file(self.ctx.script_hashes), encoding="utf-8"
        )

    on_post_build = CombinedEvent(_write_feed, _write_site_files)


def _html_block(html: str) -> str:
    """Template output as a raw HTML block of the Markdown: blank lines around, none inside."""
    return "\n\n" + "\n".join(line for line in html.splitlines() if line.strip()) + "\n\n"
