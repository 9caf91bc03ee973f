"""Give every question a page of its own to share, and share controls.

Crawlers ignore #fragments, so a link to /opt-out/#instagram previews as the
whole page. Each question therefore also gets /q/<id>/ (and /en/q/<id>/),
made here at build time from the FAQ page (never written twice by hand): the
question as title (so its social card shows the question), its answer, the
answer's first sentence as description, the card's kind (`howto` for the
questions data/faq.yml lists under `howto`, else the page's `kind`:
`question` or `rumour`), and a link to
the full page at the question's anchor. Share pages stay out of the navigation, the search index
and the sitemap, and are `noindex` so search engines keep the full pages.

Every question of a FAQ page is followed by one compact share control
(overrides/partials/share-question.html). The full list of ways to share
(overrides/partials/share.html) comes once per page, from overrides/main.html.
Share pages also carry the trust statement (front matter `trust: true`).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

import yaml
from faq_source import (
    headings,
    load_structure,
    page_questions,
    page_spec,
    plain_text,
    questions,
    site_languages,
    url_prefix,
)
from faq_templates import page_env, ui_strings
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

SHARE_DIR = "q"
_MD_LINK = re.compile(r"\]\((?![a-z][a-z0-9+.-]*:|/)([^)\s]*)")
_H2 = re.compile(r'<h2 id="([^"]+)"')
_SUBHEADING = re.compile(r"^(#{3,6})(\s)", re.M)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀ-ÖØ-Þ«“\"(0-9])")


def share_path(lang: str, default: str, question_id: str) -> str:
    """Site-relative URL of a question's share page: 'q/instagram/', 'en/q/instagram/'."""
    return f"{url_prefix(lang, default)}{SHARE_DIR}/{question_id}/"


def first_sentence(answer_markdown: str) -> str:
    """The answer's first sentence (editors make it stand alone), with the next
    one when it is only a verdict ("False.", "Vrai.")."""
    paragraph = []
    for line in answer_markdown.strip().splitlines():
        if not line.strip():
            if paragraph:
                break
            continue
        paragraph.append(line)
    sentences = _SENTENCE_END.split(plain_text(" ".join(paragraph)))
    text = sentences[0]
    if len(text.split()) == 1 and len(sentences) > 1:
        text += " " + sentences[1]
    return text


def relink(answer_markdown: str, page_file: str) -> str:
    """Make the answer's relative links work one folder deeper (q/<id>.md)."""

    def fix(match: re.Match) -> str:
        target = match.group(1)
        if target.startswith("#"):
            target = page_file + target
        return f"]({'../' + target}"

    return _MD_LINK.sub(fix, answer_markdown)


def promote_headings(answer_markdown: str) -> str:
    """On a share page the question is the h1: its answer's h3s become h2s."""
    return _SUBHEADING.sub(lambda m: m.group(1)[1:] + m.group(2), answer_markdown)


def share_page_markdown(
    question, page_file: str, page_title: str, reviewed, ui, card_kind: str = "question"
) -> str:
    meta = {
        "title": plain_text(question.title),
        "description": first_sentence(question.answer_text),
        "reviewed": reviewed,
        "generated": True,
        "robots": "noindex",
        "share_id": question.id,
        "card_kind": card_kind,  # the social card's look (card_fit hook)
        "search": {"exclude": True},
        "hide": ["toc"],  # a single answer: no table of contents
        "trust": True,  # readers arrive here from a shared link
    }
    full_page = f"../{page_file}#{question.id}"
    return (
        f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)}---\n\n"
        f"# {question.title}\n\n{promote_headings(relink(question.answer_text, page_file))}\n\n"
        f"[{ui['full_page'].format(title=page_title)}]({full_page})"
        "{ .md-button .md-button--primary }\n"
    )


@event_priority(-200)  # after mkdocs-static-i18n has laid out this language's files
def on_files(files, config):
    languages, default = site_languages(config)
    lang = config.theme["language"]
    docs = Path(config.docs_dir)
    for spec in load_structure():
        text = (docs / lang / spec.file).read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}
        page_title = next((h.title for h in headings(text) if h.level == 1), "")
        for question in questions(text):
            if not question.id:
                continue  # the required_questions hook reports it
            content = share_page_markdown(
                question,
                spec.file,
                page_title,
                meta.get("reviewed"),
                ui_strings(lang),
                "howto" if question.id in spec.howto else spec.kind,
            )
            file = File.generated(
                config,
                f"{lang}/{SHARE_DIR}/{question.id}.md",
                content=content,
                inclusion=InclusionLevel.NOT_IN_NAV,
            )
            file.dest_uri = f"{share_path(lang, default, question.id)}index.html"
            # What mkdocs-static-i18n gives its own files: the switcher and
            # hreflang lead to the twin share page in the other language.
            file.alternates = {
                code: SimpleNamespace(url=share_path(code, default, question.id))
                for code in languages
            }
            file.locale = file.locale_alternate_of = lang
            files.append(file)
    return files


def _render_control(config, page, question_id: str, title: str) -> str:
    _, default = site_languages(config)
    path = share_path(config.theme["language"], default, question_id)
    return (
        page_env(config)
        .get_template("partials/share-question.html")
        .render(
            url=urljoin(config.site_url or "/", path),
            href=get_relative_url(path, page.url),
            text=title,
        )
    )


def on_page_content(html, page, config, files):
    """Follow each question of a FAQ page with its compact share control.
    (Into the page's HTML: the Markdown has no place for template output.)"""
    spec = page_spec(page)
    if spec is None:
        return html
    titles = {q.id: plain_text(q.title) for q in page_questions(page)}
    cuts = [(m.start(), m.group(1)) for m in _H2.finditer(html)] + [(len(html), None)]
    pieces, last = [], 0
    for (start, _), (end, _) in itertools.pairwise(cuts):
        pieces.append(html[last:end])
        last = end
        question_id = _H2.match(html, start).group(1)
        if question_id in spec.questions:
            pieces.append(_render_control(config, page, question_id, titles[question_id]))
    pieces.append(html[last:])
    return "".join(pieces)
