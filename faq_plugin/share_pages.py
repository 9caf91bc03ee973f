"""A page of its own for every question, to share, and one share control under each.

Crawlers ignore #fragments, so a link to /opt-out/#instagram previews as the
whole page. Each question therefore also gets /q/<id>/ (and /en/q/<id>/),
made at build time from the FAQ page's source (never written twice by
hand): the question as title (so its social card shows the question), its
answer, the answer's first sentence as description, the card's kind
(`howto`, `question` or `rumour`, from data/faq.yml), and a link to the full
page at the question's anchor. Share pages stay out of the navigation, the
search index and the sitemap, and are `noindex`; they carry the trust
statement (`trust: true`).

Under each question of a FAQ page, the Markdown gets one compact share
control (overrides/partials/share-question.html); the full list of ways to
share (overrides/partials/share.html) comes once per page, from
overrides/main.html.
"""

from __future__ import annotations

import re

import yaml
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from . import i18n
from .context import BuildContext
from .source import PageSpec, Question, SourcePage, first_sentence, plain_text

_MD_LINK = re.compile(r"\]\((?![a-z][a-z0-9+.-]*:|/)([^)\s]*)")
_SUBHEADING = re.compile(r"^(#{3,6})(\s)", re.M)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


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
    question: Question, page: SourcePage, ui: dict, card_kind: str = "question"
) -> str:
    meta = {
        "title": plain_text(question.title),
        "description": first_sentence(question.answer_text),
        "reviewed": page.meta.get("reviewed"),
        "generated": True,
        "robots": "noindex",
        "share_id": question.id,
        "share_of": page.name,  # the FAQ page it comes from
        "card_kind": card_kind,  # the social card's look
        "search": {"exclude": True},
        "hide": ["toc"],  # a single answer: no table of contents
        "trust": True,  # readers arrive here from a shared link
    }
    page_title = page.title.title if page.title else ""
    full_page = f"../{page.name}#{question.id}"
    return (
        f"---\n{yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)}---\n\n"
        f"# {question.title}\n\n{promote_headings(relink(question.answer_text, page.name))}\n\n"
        f"[{ui['full_page'].format(title=page_title)}]({full_page})"
        "{ .md-button .md-button--primary }\n"
    )


def add_share_pages(ctx: BuildContext, files, config, language: str) -> None:
    """Add the language's share pages to the build's files."""
    for spec in ctx.structure:
        page = ctx.page(language, spec.file)
        for question in page.questions:
            if not question.id:
                continue  # the checks report it
            content = share_page_markdown(
                question, page, ctx.ui[language], spec.card_kind(question.id)
            )
            file = File.generated(
                config,
                f"{language}/{ctx.share_dir}/{question.id}.md",
                content=content,
                inclusion=InclusionLevel.NOT_IN_NAV,
            )
            file.dest_uri = f"{ctx.share_path(language, question.id)}index.html"
            i18n.set_alternates(
                file,
                language,
                {code: ctx.share_path(code, question.id) for code in ctx.languages},
            )
            files.append(file)


def add_share_controls(
    ctx: BuildContext, markdown: str, spec: PageSpec, page_url: str, language: str
) -> str:
    """The FAQ page's Markdown with a share control after each question's answer."""
    body = SourcePage("", language, spec.file, markdown)
    template = ctx.env.get_template("partials/share-question.html")
    ends = {}  # line (0-based) before which a question's control goes -> control
    stops = [h.line for h in body.headings if h.level <= 2]
    lines = markdown.splitlines()
    for question in body.questions:
        if question.id not in spec.questions:
            continue
        end = next((line for line in stops if line > question.line), len(lines) + 1)
        path = ctx.share_path(language, question.id)
        control = template.render(
            url=ctx.absolute(path),
            href=get_relative_url(path, page_url),
            text=plain_text(question.title),
        )
        # A raw HTML block: blank lines around it, none inside.
        ends[end - 1] = "\n".join(line for line in control.splitlines() if line.strip())
    out = []
    for index, line in enumerate(lines):
        if index in ends:
            out += ["", ends.pop(index), ""]
        out.append(line)
    for control in ends.values():  # the last question's, at the end
        out += ["", control, ""]
    return "\n".join(out) + "\n"
