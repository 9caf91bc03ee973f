"""The built site answers every required question, in both languages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml
from conftest import LANGUAGES, PROJECT_ROOT, STRUCTURE, heading_text, ui_strings
from mkdocs.utils.meta import get_data

from faq_plugin.source import headings
from faq_plugin.typography import fix_french, french_spacing

PAGES = [(lang, spec) for lang in LANGUAGES for spec in STRUCTURE]
PAGE_IDS = [f"{lang}/{spec.file}" for lang, spec in PAGES]


def question_headings(page):
    """The h2 elements written in the page's Markdown (not template additions)."""
    return [h for h in page.article().iter("h2") if h.get("id") != "page-sources"]


# An answer is a short answer and at least one detail (CONTRIBUTING, writing
# rules): 15 words of its own, the share control under it not counted.
MIN_ANSWER_WORDS = 15


def answer_text(h2) -> str:
    text = []
    for sibling in h2.itersiblings():
        if sibling.tag in ("h1", "h2") or "footnote" in (sibling.get("class") or ""):
            break
        if "faq-share" not in (sibling.get("class") or ""):
            text.append(sibling.text_content())
    return " ".join(" ".join(text).split())


@pytest.mark.parametrize(("lang", "spec"), PAGES, ids=PAGE_IDS)
def test_required_questions_in_order_with_answers(site, lang, spec):
    page = site.faq_page(lang, spec.file)
    found = [h.get("id") for h in question_headings(page)]
    assert found == spec.questions, f"{page.rel}: questions {found}, want {spec.questions}"
    for h2 in question_headings(page):
        words = answer_text(h2).split()
        assert len(words) >= MIN_ANSWER_WORDS, f"{page.rel}#{h2.get('id')}: too short: {words}"


@pytest.mark.parametrize(("lang", "spec"), PAGES, ids=PAGE_IDS)
def test_page_is_published_in_its_own_language(site, lang, spec):
    """No fallback: /en/x/ carries docs/en/x.md's title and lang="en"."""
    page = site.faq_page(lang, spec.file)
    assert page.lang == lang, f"{page.rel}: <html lang={page.lang!r}>, want {lang!r}"
    source = (PROJECT_ROOT / "docs" / lang / spec.file).read_text(encoding="utf-8")
    title = next(h.title for h in headings(source) if h.level == 1)
    h1 = heading_text(page.article().cssselect("h1")[0])
    assert h1 == " ".join(title.split()), f"{page.rel}: h1 {h1!r} is not docs/{lang}/{spec.file}'s"


def test_languages_have_the_same_pages_and_questions(site):
    for spec in STRUCTURE:
        ids = {
            lang: [h.get("id") for h in question_headings(site.faq_page(lang, spec.file))]
            for lang in LANGUAGES
        }
        assert len({tuple(v) for v in ids.values()}) == 1, f"{spec.file}: {ids}"
    docs = {
        lang: sorted(
            p.relative_to(PROJECT_ROOT / "docs" / lang).as_posix()
            for p in (PROJECT_ROOT / "docs" / lang).rglob("*.md")
        )
        for lang in LANGUAGES
    }
    assert len({tuple(v) for v in docs.values()}) == 1, f"different files per language: {docs}"


@pytest.mark.parametrize(("lang", "spec"), PAGES, ids=PAGE_IDS)
def test_page_has_description_and_reviewed_date(site, lang, spec):
    page = site.faq_page(lang, spec.file)
    description = page.tree.cssselect('meta[name="description"]')[0].get("content")
    source = (PROJECT_ROOT / "docs" / lang / spec.file).read_text(encoding="utf-8")
    own = get_data(source)[1]["description"]
    if french_spacing(lang):  # the page pass sets French no-break spaces
        own = fix_french(own)
    assert description == own, f"{page.rel}: description {description!r} is not its own"
    time = page.article().cssselect(".faq-reviewed time.faq-reviewed__date")
    assert time, f"{page.rel}: no 'last reviewed' line under the title"
    reviewed = dt.date.fromisoformat(time[0].get("datetime"))
    assert reviewed <= dt.date.today(), f"{page.rel}: reviewed {reviewed} is in the future"
    # The line is the language's own phrase (data/ui.yml), dates filled in.
    # One date when reviewed and updated fall on the same day ("page_date").
    labels = [
        ui_strings(lang)[key].split("{reviewed}")[0].strip() for key in ("page_dates", "page_date")
    ]
    line = time[0].getparent().text_content()
    assert any(label in line for label in labels), f"{page.rel}: none of {labels} in {line!r}"


# Pages about the site itself (data/faq.yml: cites_sources: false) are exempt.
CITING = [(lang, spec) for lang, spec in PAGES if spec.cites_sources]


@pytest.mark.parametrize(("lang", "spec"), CITING, ids=[f"{lang}/{s.file}" for lang, s in CITING])
def test_every_answer_cites_dated_sources_listed_at_the_end(site, lang, spec):
    """Wikipedia-style: numbered citations in each answer, each leading to its
    source (publisher, linked title, date) under the page's "Sources" heading."""
    page = site.faq_page(lang, spec.file)
    notes = {li.get("id"): li for li in page.article().cssselect("div.footnote li")}
    heading = page.tree.get_element_by_id("page-sources")
    assert heading.tag == "h2" and notes, f"{page.rel}: no sources at the end"
    for h2 in question_headings(page):
        refs = []
        for sibling in h2.itersiblings():
            if sibling.tag in ("h1", "h2"):
                break
            refs += sibling.cssselect("a.footnote-ref")
        assert refs, f"{page.rel}#{h2.get('id')}: the answer cites no source"
        for ref in refs:
            note = notes.get(ref.get("href").removeprefix("#"))
            assert note is not None, f"{page.rel}: {ref.get('href')} leads nowhere"
            assert note.cssselect("a[href^='https://'] cite"), f"{page.rel}: {note.get('id')}"
            assert note.cssselect("time[datetime]"), f"{page.rel}: {note.get('id')} undated"
    problems = citation_markup_problems(page.article(), ui_strings(lang), page.rel)
    assert not problems, "\n".join(problems)


WORD_JOINER = "\u2060"


def citation_markup_problems(article, ui: dict, where: str) -> list[str]:
    """A marker leads to the note of its number, sources are numbered in the
    order the page first cites them, and the notes follow the "Sources"
    heading. Issue 17: a marker is named "source N: publisher" (as its note prints
    the publisher, in the page's language), joined to the word
    before (a word joiner: no line break) and kept out of search; each note
    has one back-link, named in words in the page's language; the notes and
    their heading are kept out of search."""
    problems = []
    notes = article.cssselect("div.footnote li[id]")
    # The publisher as the note prints it: what the marker's name must say.
    publishers = {
        note.get("id"): (span[0].text or "").strip().rstrip(",")
        for note in notes
        if (span := note.cssselect(".faq-source"))
    }
    for number, note in enumerate(notes, start=1):
        back = note.cssselect("a.footnote-backref")
        if len(back) != 1:
            problems.append(f"{where}: note {number} has {len(back)} back-links, want one")
        want = ui["citation_back"].format(number)
        for link in back:
            name = " ".join(link.text_content().split())
            if fix_french(name) != fix_french(want) or "↩" in name:
                problems.append(f"{where}: note {number}'s back-link reads {name!r}, want {want!r}")
    positions = {note.get("id"): index for index, note in enumerate(notes, start=1)}
    firsts = []  # each source's number at its first mention, in page order
    for ref in article.cssselect("a.footnote-ref"):
        number = ref.text_content().strip("[]")
        target = ref.get("href", "")[1:]
        if str(positions.get(target)) != number:
            problems.append(
                f"{where}: marker [{number}] leads to note {positions.get(target)} ({target})"
            )
        if number not in firsts:
            firsts.append(number)
    if firsts != [str(n) for n in range(1, len(firsts) + 1)]:
        problems.append(f"{where}: sources numbered {firsts} in page order, want 1, 2, 3…")
    heading = article.cssselect("#page-sources")
    block = article.cssselect("div.footnote")
    if block and (not heading or heading[0].getnext() is not block[0]):
        problems.append(f"{where}: the notes do not follow the “Sources” heading")
    for ref in article.cssselect("a.footnote-ref"):
        sup = ref.getparent()
        number = ref.text_content().strip("[]")
        want = ui["citation_name"].format(number, publishers.get(ref.get("href", "")[1:]))
        if fix_french(ref.get("aria-label") or "") != fix_french(want):
            problems.append(f"{where}: marker [{number}] is named {ref.get('aria-label')!r}")
        if not (sup.text or "").startswith(WORD_JOINER):
            problems.append(f"{where}: marker [{number}] can wrap away from the word before it")
        if sup.get("data-pagefind-ignore") is None:
            problems.append(f"{where}: search indexes marker [{number}]")
    for block in article.cssselect("div.footnote, #page-sources"):
        if block.get("data-pagefind-ignore") is None:
            problems.append(f"{where}: search indexes the sources block <{block.tag}>")
    return problems


def test_citation_check_fails_on_the_old_markup():
    """python-markdown's footnotes as they were: a "↩" per mention, titled, a
    bare marker, everything indexed."""
    import lxml.html

    old = lxml.html.fromstring(
        '<article><p>Vrai.<sup id="fnref:a">'
        '<a class="footnote-ref" href="#fn:meta-newsroom-2025-04">[1]</a></sup>'
        '</p><h2 id="page-sources">Sources</h2><div class="footnote"><ol><li id="fn:a"><p>'
        '<span class="faq-source">Meta, <a href="https://x.example/"><cite>T</cite></a></span>'
        '<a class="footnote-backref" href="#fnref:a" title="Revenir">↩</a>'
        '<a class="footnote-backref" href="#fnref2:a" title="Revenir">↩</a></p></li></ol></div>'
        "</article>"
    )
    problems = "\n".join(citation_markup_problems(old, ui_strings("fr"), "old.html"))
    for expected in (
        "note 1 has 2 back-links",
        "note 1's back-link reads '↩'",
        "marker [1] is named None",
        "marker [1] can wrap",
        "search indexes marker [1]",
        "search indexes the sources block <div>",
        "search indexes the sources block <h2>",
    ):
        assert f"old.html: {expected}" in problems, problems


def test_citation_check_fails_on_misnumbered_markers_and_misplaced_notes():
    import lxml.html

    def note(key: str, number: int) -> str:
        return (
            f'<li id="fn:{key}"><p><span class="faq-source">Meta, <a href="https://x.example/">'
            f'<cite>T</cite></a></span> <a class="footnote-backref" href="#fnref:{key}">'
            f"Retour au texte (source {number})</a></p></li>"
        )

    def marker(key: str, number: int) -> str:
        return (
            f'<sup id="fnref:{key}" data-pagefind-ignore="all">\u2060<a class="footnote-ref" '
            f'href="#fn:{key}" aria-label="source {number} : Meta">[{number}]</a></sup>'
        )

    def article(text: str, notes: str, heading_first: bool = True) -> str:
        heading = '<h2 id="page-sources" data-pagefind-ignore="all">Sources</h2>'
        block = f'<div class="footnote" data-pagefind-ignore="all"><ol>{notes}</ol></div>'
        ending = heading + block if heading_first else block + heading
        return lxml.html.fromstring(f"<article><p>{text}</p>{ending}</article>")

    broken = article(
        f"Vrai.{marker('b', 2)} Faux.{marker('a', 1)}",
        note("a", 1) + note("b", 2),
        heading_first=False,
    )
    problems = citation_markup_problems(broken, ui_strings("fr"), "broken.html")
    assert problems == [
        "broken.html: sources numbered ['2', '1'] in page order, want 1, 2, 3…",
        "broken.html: the notes do not follow the “Sources” heading",
    ], problems
    swapped = article(f"Vrai.{marker('a', 2)}", note("a", 1))
    problems = citation_markup_problems(swapped, ui_strings("fr"), "swapped.html")
    assert "swapped.html: marker [2] leads to note 1 (fn:a)" in problems, problems


def test_citations_in_markdown_are_numbered_in_page_order_with_one_note_each():
    """The extension on its own: a source cited twice keeps its number (the
    second mention gets its own id), the notes come last under the heading,
    an id that is not a source is left as typed, and a page citing nothing
    gets no "Sources" heading."""
    import lxml.html
    import markdown

    from faq_plugin.citations import CitationExtension

    sources = {key: {"publisher": key.upper()} for key in ("a", "b")}
    extension = CitationExtension(sources)
    extension.language, extension.ui = "fr", ui_strings("fr")
    extension.note_html = lambda key: (
        f'<span class="faq-source">{key.upper()}, <a href="https://x.example/{key}">'
        "<cite>T</cite></a></span>"
    )
    text = (
        "Intro.[^b]\n\n- Item.[^a]\n\n    - Nested.[^b][^zz]\n\nEnd.[^a]\n\n"
        "`code [^a]`\n\n## Question\n\nLater.[^b]\n"
    )
    html = markdown.Markdown(extensions=[extension, "toc"]).convert(text)
    article = lxml.html.fromstring(f"<article>{html}</article>")
    refs = [(a.text_content(), a.getparent().get("id")) for a in article.cssselect(".footnote-ref")]
    assert refs == [
        ("[1]", "fnref:b"), ("[2]", "fnref:a"), ("[1]", "fnref2:b"), ("[2]", "fnref2:a"),
        ("[1]", "fnref3:b"),
    ], refs  # fmt: skip
    assert "[^zz]" in html and "<code>code [^a]</code>" in html
    assert article[-2].get("id") == "page-sources" and article[-1].get("class") == "footnote"
    assert [li.get("id") for li in article.cssselect(".footnote li")] == ["fn:b", "fn:a"]
    assert citation_markup_problems(article, ui_strings("fr"), "unit.html") == []
    plain = markdown.Markdown(extensions=[extension]).convert("Nothing cited.")
    assert "page-sources" not in plain and "footnote" not in plain


def test_citation_check_fails_on_a_marker_named_with_every_language():
    """A publisher given per language, printed whole in the marker's name
    (a bug this site had): a screen reader read "source 1: {'fr': …}"."""
    import lxml.html

    broken = lxml.html.fromstring(
        '<article><p>Vrai.<sup id="fnref:a" data-pagefind-ignore="all">\u2060'
        '<a class="footnote-ref"'
        " href=\"#fn:a\" aria-label=\"source 1 : {'fr': 'Meta', 'en': 'Meta'}\">[1]</a></sup></p>"
        '<h2 id="page-sources" data-pagefind-ignore="all">Sources</h2>'
        '<div class="footnote" data-pagefind-ignore="all"><ol><li id="fn:a"><p>'
        '<span class="faq-source">Meta, <a href="https://x.example/"><cite>T</cite></a></span>'
        '<a class="footnote-backref" href="#fnref:a">Retour au texte (source 1)</a></p></li></ol>'
        "</div></article>"
    )
    problems = citation_markup_problems(broken, ui_strings("fr"), "broken.html")
    assert problems == [
        "broken.html: marker [1] is named \"source 1 : {'fr': 'Meta', 'en': 'Meta'}\""
    ], problems


def search_excerpt_problems(fragments: dict[str, str], ui: dict) -> list[str]:
    """What Pagefind indexed of a page (its excerpts) holds no citation
    marker, no note's "(accessed …)" and not the sources heading."""
    import re

    problems = []
    for url, text in fragments.items():
        for pattern in (
            r"\[\d+\]",
            re.escape(f"({ui['accessed']} "),
            re.escape(ui["page_sources"]),
        ):
            found = re.search(pattern, fix_french(text))
            if found:
                problems.append(f"{url}: search excerpts carry {found.group(0)!r}")
    return problems


def pagefind_fragments(site, lang: str) -> dict[str, str]:
    """The text Pagefind stored for each page of a language (gzip'd JSON)."""
    import gzip
    import json

    fragments = {}
    for path in (site.root / "pagefind" / "fragment").glob(f"{lang}_*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[data.index(b"{") :])
        fragments[record["url"]] = record["content"]
    return fragments


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_excerpts_read_as_prose(site, lang):
    fragments = pagefind_fragments(site, lang)
    assert len(fragments) >= len(STRUCTURE) - 1, f"{lang}: {sorted(fragments)}"
    problems = search_excerpt_problems(fragments, ui_strings(lang))
    assert not problems, "\n".join(problems)


def test_search_excerpt_check_fails_on_indexed_notes():
    ui = ui_strings("fr")
    indexed = {"/data/": "Meta AI.[1] Vos messages. Sources de cette page Meta, T (consulté le 28)"}
    problems = "\n".join(search_excerpt_problems(indexed, ui))
    assert "'[1]'" in problems and "(consulté le" in problems, problems
    assert "Sources de cette page" in problems, problems


def test_sources_page_lists_every_source(site):
    from faq_plugin.source import read_yaml

    sources = read_yaml(PROJECT_ROOT / "data" / "sources.yml")
    for lang in LANGUAGES:
        page = site.faq_page(lang, "sources.md")
        listed = {li.get("id") for li in page.article().cssselect("#sources ~ ul.faq-sources li")}
        # A source with `editions` (a German guide) is listed in those editions only.
        wanted = {
            f"source-{key}"
            for key, source in sources.items()
            if lang in (source.get("editions") or LANGUAGES)
        }
        assert listed == wanted, f"{page.rel}: missing {wanted - listed}, extra {listed - wanted}"


def test_disclaimer_on_every_page(site):
    disclaimers = {lang: ui_strings(lang)["disclaimer"] for lang in LANGUAGES}
    assert len(set(disclaimers.values())) == len(LANGUAGES), "a language borrows a disclaimer"
    assert "Meta" in disclaimers[LANGUAGES[0]]
    for page in site.html_pages():
        footer = page.tree.cssselect("footer .md-copyright")
        assert footer, f"{page.rel}: no footer"
        text = " ".join(footer[0].text_content().split())
        assert text == disclaimers[page.lang], f"{page.rel}: footer {text!r}"


def test_home_page_answers_and_links_to_opt_out_first(site):
    """What is happening and what to do: in the lead, before the first question."""
    for lang in LANGUAGES:
        page = site.faq_page(lang, "index.md")
        lead = page.article().cssselect("h1 ~ p:not(.faq-reviewed)")[0]
        assert "27" in lead.text_content(), f"{page.rel}: lead does not say since when"
        links = [a.get("href") for a in lead.cssselect("a")]
        assert any(href.startswith("opt-out/") for href in links), f"{page.rel}: {links}"


def test_interface_strings_exist_in_every_language():
    strings = yaml.safe_load((PROJECT_ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))
    keys = {lang: set(strings.get(lang, {})) for lang in LANGUAGES}
    reference = keys[LANGUAGES[0]]
    for lang, found in keys.items():
        assert found == reference, (
            f"data/ui.yml: {lang} lacks {sorted(reference - found)}, "
            f"has extra {sorted(found - reference)}"
        )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_navigation_titles_are_in_the_page_language(site, lang):
    """Nav entries carry each language's own page titles (nav: has bare paths)."""
    titles = {
        spec.file: heading_text(site.faq_page(lang, spec.file).article().cssselect("h1")[0])
        for spec in STRUCTURE
    }
    page = site.faq_page(lang, "data.md")
    nav = [
        " ".join(a.text_content().split())
        for a in page.tree.cssselect(".md-sidebar--primary .md-nav__link")
    ]
    for file, title in titles.items():
        assert title in nav, f"{page.rel}: nav lacks {title!r} ({file}); nav is {nav}"


def test_sitemap_dates_each_page_by_its_review(site):
    """<lastmod> is when the page was last checked, not when the site was built."""
    from lxml import etree

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = etree.parse(str(site.root / "sitemap.xml"))
    urls = sitemap.findall("s:url", ns)
    published = {
        p.rel for p in site.html_pages() if "/q/" not in f"/{p.rel}" and p.rel != "404.html"
    }
    listed = {
        site.page(u.findtext("s:loc", namespaces=ns).removeprefix(site.url)).rel for u in urls
    }
    assert listed == published, "the sitemap does not list exactly the published pages"
    for url in urls:
        loc = url.findtext("s:loc", namespaces=ns)
        page = site.page(loc.removeprefix(site.url))
        reviewed = page.article().cssselect(".faq-reviewed time")[0].get("datetime")
        assert url.findtext("s:lastmod", namespaces=ns) == reviewed, loc


def test_the_404_page_speaks_every_language(site):
    """One page for every missing address: each language's text and links."""
    page = site.page("404.html")
    sections = page.tree.cssselect("section.faq-not-found")
    assert [s.get("lang") for s in sections] == LANGUAGES, "404: not one section per language"
    for section, lang in zip(sections, LANGUAGES, strict=True):
        heading = section.cssselect("h1, h2")[0].text_content()
        assert heading == ui_strings(lang)["not_found"], f"404 [{lang}]: {heading!r}"
        home = "/" + (f"{lang}/" if lang != LANGUAGES[0] else "")
        assert home in [a.get("href") for a in section.iter("a")], f"404 [{lang}]: no link home"


# --- Rumours lead with their verdict (data/faq.yml `verdicts:`, faq_plugin/verdicts.py)

RUMOURS = next(spec for spec in STRUCTURE if spec.kind == "rumour")


def verdict_labels(lang: str) -> set[str]:
    data = yaml.safe_load((PROJECT_ROOT / "data/faq.yml").read_text(encoding="utf-8"))
    return {labels[lang] for labels in data["verdicts"].values()}


def verdict_first_problems(where: str, heading, labels: set[str]) -> list[str]:
    """A rumour heading starts with its verdict: first in the text a screen
    reader reads, and shown as a label (a class for its colour, its word)."""
    text = heading_text(heading)
    first = next(iter(heading), None)
    if not any(text.startswith(f"{label} :") or text.startswith(f"{label}:") for label in labels):
        return [f"{where}: {text!r} does not start with its verdict ({', '.join(sorted(labels))})"]
    if (
        (heading.text or "").strip()
        or first is None
        or "faq-verdict" not in (first.get("class") or "").split()
        or first.text_content() not in labels
        or not any(c.startswith("faq-verdict--") for c in first.get("class").split())
    ):
        return [f"{where}: the verdict of {text!r} is not its first, coloured label"]
    return []


def test_verdict_check_rejects_a_rumour_that_hides_or_trails_its_verdict():
    from lxml import html as lxml_html

    labels = {"False", "Misleading"}

    def h2(markup):
        return lxml_html.fragment_fromstring(markup)

    good = '<h2><span class="faq-verdict faq-verdict--false">False</span>: “Claim”</h2>'
    assert verdict_first_problems("x", h2(good), labels) == []
    for broken in (
        "<h2>“Claim”: False</h2>",
        "<h2>Fake: “Claim”</h2>",
        "<h2>False: “Claim”</h2>",  # the word without its label
        '<h2><span class="faq-verdict">False</span>: “Claim”</h2>',  # no colour
    ):
        assert verdict_first_problems("x", h2(broken), labels), broken


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rumours_lead_with_their_verdict_everywhere(site, lang):
    """Heading, table of contents, share page (<title>, h1, og:title), share
    text and the updates page all name the verdict before the rumour."""
    labels = verdict_labels(lang)
    page = site.faq_page(lang, RUMOURS.file)
    problems = []

    def starts_with_verdict(text: str) -> bool:
        text = " ".join(text.split())
        return any(
            text.startswith(f"{label} :") or text.startswith(f"{label}:") for label in labels
        )

    headings_by_id = {h.get("id"): h for h in question_headings(page)}
    assert list(headings_by_id) == RUMOURS.questions
    for qid, heading in headings_by_id.items():
        problems += verdict_first_problems(f"{page.rel}#{qid}", heading, labels)
        toc = page.tree.cssselect(f'.md-sidebar--secondary a.md-nav__link[href="#{qid}"]')
        if not toc or not starts_with_verdict(toc[0].text_content()):
            problems.append(f"{page.rel}: table of contents entry of {qid} lacks its verdict")
        share = page.tree.cssselect(f'[data-share-url$="/q/{qid}/"]')
        if not share or not starts_with_verdict(share[0].get("data-share-text")):
            problems.append(f"{page.rel}: share text of {qid} lacks its verdict")
        prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
        shared = site.page(f"{prefix}q/{qid}/")
        problems += verdict_first_problems(shared.rel, shared.article().cssselect("h1")[0], labels)
        og = shared.tree.cssselect('meta[property="og:title"]')[0].get("content")
        for what, text in (("<title>", shared.tree.findtext(".//title")), ("og:title", og)):
            if not starts_with_verdict(text):
                problems.append(f"{shared.rel}: {what} {text!r} lacks its verdict")
    updates = site.faq_page(lang, "updates.md")
    listed = [
        a
        for a in updates.article().iter("a")
        if any((a.get("href") or "").endswith(f"#{qid}") for qid in RUMOURS.questions)
    ]
    assert listed, f"{updates.rel}: no rumour listed (the test would prove nothing)"
    problems += [
        f"{updates.rel}: {a.text_content()!r} lacks its verdict"
        for a in listed
        if not starts_with_verdict(a.text_content())
    ]
    assert not problems, "\n".join(problems)


# --- Words and details: what a French reader meets in French -----------------


def publisher_problems(where: str, article, lang: str, sources: dict) -> list[str]:
    """Each listed source opens with its publisher in the page's language
    (data/sources.yml gives one name, or one per language)."""
    problems = []
    for item in article.cssselect("li[id^='source-']"):
        key = item.get("id").removeprefix("source-")
        publisher = sources[key]["publisher"]
        want = publisher[lang] if isinstance(publisher, dict) else publisher
        shown = " ".join(item.text_content().split())
        if not fix_french(shown).startswith(fix_french(" ".join(want.split())) + ","):
            problems.append(f"{where}: source '{key}' shows {shown[:60]!r}, want {want!r}")
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sources_name_their_publishers_in_the_page_language(site, lang):
    from faq_plugin.source import read_yaml

    sources = read_yaml(PROJECT_ROOT / "data" / "sources.yml")
    page = site.faq_page(lang, "sources.md")
    problems = publisher_problems(page.rel, page.article(), lang, sources)
    assert not problems, "\n".join(problems)
    # At least one publisher needs a gloss of its own in each language.
    assert any(isinstance(s["publisher"], dict) for s in sources.values())


def test_publisher_check_rejects_an_english_gloss_on_a_french_page():
    import lxml.html

    sources = {"olg": {"publisher": {"fr": "OLG (cour d’appel)", "en": "OLG (Court of Appeal)"}}}
    article = lxml.html.fromstring(
        '<ul><li id="source-olg"><span>OLG (Court of Appeal), <a>Urteil</a></span></li></ul>'
    )
    assert publisher_problems("sources/", article, "fr", sources) == [
        "sources/: source 'olg' shows 'OLG (Court of Appeal), Urteil', want 'OLG (cour d’appel)'"
    ]


def dates_line_problems(where: str, article) -> list[str]:
    """The dates under the title: one date when "reviewed" and "updated" are the same day."""
    line = article.cssselect(".faq-reviewed")
    if not line:
        return [f"{where}: no dates line"]
    dates = [time.get("datetime") for time in line[0].cssselect("time")]
    if len(dates) != len(set(dates)):
        return [f"{where}: the dates line repeats {dates[0]}"]
    return []


def test_dates_line_shows_one_date_for_one_day(site):
    problems = []
    for lang in LANGUAGES:
        for spec in STRUCTURE:
            page = site.faq_page(lang, spec.file)
            problems += dates_line_problems(page.rel, page.article())
    assert not problems, "\n".join(problems)


def test_dates_line_check_rejects_the_same_day_twice():
    import lxml.html

    article = lxml.html.fromstring(
        '<article><p class="faq-reviewed">Vérifié le <time datetime="2026-11-30">30</time>'
        ' · Mis à jour le <time datetime="2026-11-30">30</time></p></article>'
    )
    assert dates_line_problems("opt-out/", article) == [
        "opt-out/: the dates line repeats 2026-11-30"
    ]


OPENING_CONJUNCTIONS = ("or ", "ou ", "oder ")


def report_block_problems(where: str, article) -> list[str]:
    """The corrections block reads on its own: its first way to report does
    not start with "Or…" / "Ou…"."""
    links = article.cssselect(".faq-report li a")
    if not links:
        return [f"{where}: no way to report an error"]
    first = " ".join(links[0].text_content().split())
    if first.lower().startswith(OPENING_CONJUNCTIONS):
        return [f"{where}: the corrections block starts with {first!r}"]
    return []


def test_corrections_block_does_not_start_with_or(site):
    problems = []
    for lang in LANGUAGES:
        page = site.faq_page(lang, "opt-out.md")
        problems += report_block_problems(page.rel, page.article())
    assert not problems, "\n".join(problems)


def test_corrections_check_rejects_an_opening_or():
    import lxml.html

    article = lxml.html.fromstring(
        '<article><section class="faq-report"><ul><li><a href="mailto:a@b.org">'
        "Or email a@b.org</a></li></ul></section></article>"
    )
    assert report_block_problems("en/opt-out/", article) == [
        "en/opt-out/: the corrections block starts with 'Or email a@b.org'"
    ]


def permalink_problems(where: str, article, question_ids: list[str]) -> list[str]:
    """ "Link to this question" on every question, not on the page title or the sources."""
    problems = []
    for heading in article.cssselect("h1, #page-sources"):
        if heading.cssselect(".headerlink"):
            problems.append(f"{where}: <{heading.tag} id={heading.get('id')}> has a permalink")
    for qid in question_ids:
        found = article.cssselect(f"h2#{qid}")
        if found and not found[0].cssselect(".headerlink"):
            problems.append(f"{where}: question '{qid}' has no permalink")
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_permalinks_are_on_questions_only(site, lang):
    problems = []
    for spec in STRUCTURE:
        page = site.faq_page(lang, spec.file)
        problems += permalink_problems(page.rel, page.article(), spec.questions)
    assert not problems, "\n".join(problems)


def test_permalink_check_rejects_a_linked_title_and_an_unlinked_question():
    import lxml.html

    article = lxml.html.fromstring(
        '<article><h1 id="t">T<a class="headerlink" href="#t">¶</a></h1>'
        '<h2 id="q">Q?</h2><h2 id="page-sources">S<a class="headerlink" href="#page-sources">'
        "¶</a></h2></article>"
    )
    assert permalink_problems("x/", article, ["q"]) == [
        "x/: <h1 id=t> has a permalink",
        "x/: <h2 id=page-sources> has a permalink",
        "x/: question 'q' has no permalink",
    ]


def test_updates_page_says_what_an_atom_feed_is(site):
    for lang in LANGUAGES:
        page = site.faq_page(lang, "updates.md")
        feed = page.article().cssselect(".faq-feed")
        assert feed, page.rel
        text = " ".join(feed[0].text_content().split())
        assert fix_french(" ".join(ui_strings(lang)["feed_what"].split())) in fix_french(text), (
            f"{page.rel}: the feed link is not explained: {text!r}"
        )


# Words that only an English phrase would hold, in a French page's quotes.
ENGLISH_WORDS = {"the", "for", "of", "your", "and", "used", "with", "sharing", "chat", "privacy"}
QUOTED = re.compile(r"«\s*([^»]+?)\s*»")


def foreign_quote_problems(where: str, article) -> list[str]:
    """A French page marks each quoted English phrase with lang="en" (and glosses it)."""
    problems = []
    for element in article.iter("p", "li"):
        for quote in QUOTED.findall(element.text_content()):
            words = set(re.findall(r"[a-z]+", quote.lower()))
            if len(words & ENGLISH_WORDS) < 1 or len(words) < 2:
                continue
            marked = [
                " ".join(e.text_content().split()) for e in element.iter() if e.get("lang") == "en"
            ]
            if not any(text in " ".join(quote.split()) for text in marked):
                problems.append(f'{where}: « {quote} » is not marked lang="en"')
    return problems


def test_french_pages_mark_quoted_english(site):
    problems = []
    for spec in STRUCTURE:
        page = site.faq_page("fr", spec.file)
        problems += foreign_quote_problems(page.rel, page.article())
    assert not problems, "\n".join(problems)


def test_foreign_quote_check_rejects_an_unmarked_title():
    import lxml.html

    article = lxml.html.fromstring(
        "<article><p>Le formulaire « Data subject rights for third parties » "
        "(« Droits des personnes »).</p></article>"
    )
    assert foreign_quote_problems("opt-out/", article) == [
        'opt-out/: « Data subject rights for third parties » is not marked lang="en"'
    ]
