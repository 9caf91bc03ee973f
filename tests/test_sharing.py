"""Link previews, share pages, share controls and discovery files, read as a crawler would.

Metadata is read with extruct (Open Graph, JSON-LD), the same way link-preview
services parse static HTML.
"""

from __future__ import annotations

import gzip
import json
import re
from copy import deepcopy as copy_element
from urllib.parse import quote, unquote, urlsplit

import extruct
import pytest
from conftest import (
    DEFAULT_LANGUAGE,
    DOC_PAGES,
    LANGUAGES,
    STRUCTURE,
    heading_text,
    page_dir,
    url_prefix,
)
from faq_templates import ui_strings
from PIL import Image

QUESTIONS = [
    (lang, spec.file, qid) for lang in LANGUAGES for spec in STRUCTURE for qid in spec.questions
]
MAX_CARD_BYTES = 300 * 1024


def locale(lang: str) -> str:
    """og:locale of a language: its full locale (data/ui.yml), e.g. fr_FR."""
    locale = ui_strings(lang)["locale"]
    assert re.fullmatch(r"[a-z]{2}_[A-Z]{2}", locale), f"data/ui.yml: {lang}: locale {locale!r}"
    return locale


def shareable_pages(site):
    return [p for p in site.html_pages() if p.rel != "404.html"]


def metadata(page, site) -> dict:
    data = extruct.extract(
        page.html, base_url=site.url + page.rel, syntaxes=["opengraph", "json-ld"], uniform=False
    )
    og: dict[str, list[str]] = {}
    for block in data["opengraph"]:
        for name, value in block["properties"]:
            og.setdefault(name, []).append(value)
    named = {m.get("name"): m.get("content") for m in page.tree.iter("meta") if m.get("name")}
    return {"og": og, "meta": named, "json-ld": data["json-ld"]}


def site_file(site, url: str):
    """The built file an absolute URL of the site points to."""
    assert url.startswith(site.url), f"{url} is not on {site.url}"
    path = unquote(urlsplit(url).path).removeprefix(urlsplit(site.url).path)
    target = site.root / path
    return target / "index.html" if url.endswith("/") else target


def share_url(site, lang: str, question_id: str) -> str:
    return f"{site.url}{url_prefix(lang)}q/{question_id}/"


def test_every_page_has_complete_preview_tags_in_its_language(site):
    problems = []
    for page in shareable_pages(site):
        data, lang = metadata(page, site), page.lang
        og = {name: values[0] for name, values in data["og"].items()}
        canonical = page.tree.cssselect('link[rel="canonical"]')[0].get("href")
        want = [
            "og:title",
            "og:description",
            "og:type",
            "og:url",
            "og:image",
            "og:image:width",
            "og:image:height",
            "og:image:alt",
            "og:locale",
            "og:locale:alternate",
            "og:site_name",
        ]
        problems += [f"{page.rel}: no {name}" for name in want if not og.get(name)]
        if problems:
            continue
        site_name = page.tree.findtext(".//title").rsplit(" – ", 1)[-1]
        checks = {
            "og:url is the canonical URL": og["og:url"] == canonical,
            "canonical is absolute": canonical.startswith(site.url),
            "og:locale matches <html lang>": og["og:locale"] == locale(lang),
            "og:locale:alternate is the other language": set(data["og"]["og:locale:alternate"])
            == {locale(c) for c in LANGUAGES} - {locale(lang)},
            "og:site_name in the page's language": og["og:site_name"] == site_name,
            "og:title names the page": (
                og["og:title"] == site_name or og["og:title"].endswith(f" – {site_name}")
            ),
            "description matches og:description": data["meta"].get("description")
            == og["og:description"],
            "twitter:card is summary_large_image": data["meta"].get("twitter:card")
            == "summary_large_image",
            "card is 1200x630": (og["og:image:width"], og["og:image:height"]) == ("1200", "630"),
        }
        problems += [f"{page.rel}: not true that {what}" for what, ok in checks.items() if not ok]
        card = site_file(site, og["og:image"])
        if not card.is_file():
            problems.append(f"{page.rel}: og:image {og['og:image']} is not in the site")
            continue
        with Image.open(card) as image:
            if image.format != "PNG" or image.size != (1200, 630):
                problems.append(f"{page.rel}: card {card.name} is {image.format} {image.size}")
        if card.stat().st_size > MAX_CARD_BYTES:
            problems.append(f"{page.rel}: card {card.name} weighs {card.stat().st_size} bytes")
    assert not problems, "\n".join(problems)


def test_each_page_has_its_own_card(site):
    cards = {}
    for page in shareable_pages(site):
        image = metadata(page, site)["og"]["og:image"][0]
        assert image not in cards, f"{page.rel} and {cards.get(image)} share the card {image}"
        cards[image] = page.rel


def text_without_citations(element) -> str:
    """An element's text without its citation numbers ([1])."""
    copy = copy_element(element)
    for ref in copy.cssselect("sup[id^='fnref']"):
        ref.drop_tree()
    return copy.text_content()


def faq_answer(site, lang: str, file: str, question_id: str):
    page = site.faq_page(lang, file)
    h2 = page.tree.get_element_by_id(question_id)
    return page, h2


@pytest.mark.parametrize(
    ("lang", "file", "question_id"), QUESTIONS, ids=[f"{lang}/{qid}" for lang, _, qid in QUESTIONS]
)
def test_question_has_a_share_page(site, lang, file, question_id):
    faq, h2 = faq_answer(site, lang, file, question_id)
    share = site.page(f"{url_prefix(lang)}q/{question_id}/")
    data = metadata(share, site)
    og = {name: values[0] for name, values in data["og"].items()}
    assert share.lang == lang
    # The question is the title (and so the card's text).
    title = heading_text(share.article().cssselect("h1")[0])
    assert title == heading_text(h2), f"{share.rel}: h1 {title!r}"
    assert og["og:title"].startswith(title), og["og:title"]
    # Its own description: the answer's first sentence, as written on the FAQ page.
    first_paragraph = " ".join(text_without_citations(h2.getnext()).split())
    description = data["meta"]["description"]
    assert len(description) >= 20 and first_paragraph.startswith(description), (
        f"{share.rel}: description {description!r} is not the start of {first_paragraph!r}"
    )
    # Its own card, and a clear link to the full answer.
    assert site_file(site, og["og:image"]).is_file()
    full = f"{page_dir(file)}#{question_id}"
    links = [a.get("href") for a in share.article().cssselect("a.md-button")]
    assert any(href.endswith(full) for href in links), f"{share.rel}: no link to {full}: {links}"
    # noindex, alternates to its twin, out of navigation.
    assert data["meta"].get("robots") == "noindex", f"{share.rel}: not noindex"
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in share.tree.cssselect('link[rel="alternate"][hreflang]')
    }
    assert alternates == {
        **{c: share_url(site, c, question_id) for c in LANGUAGES},
        "x-default": share_url(site, DEFAULT_LANGUAGE, question_id),
    }
    assert faq.lang == lang


def test_share_pages_stay_out_of_sitemap_and_navigation(site):
    sitemap = (site.root / "sitemap.xml").read_text()
    assert "/q/" not in sitemap
    for page in shareable_pages(site):
        nav = [a.get("href") or "" for a in page.tree.cssselect(".md-nav a")]
        assert not [href for href in nav if "q" in href.split("#")[0].split("/")], page.rel
    assert len(list((site.root / "q").iterdir())) == sum(len(s.questions) for s in STRUCTURE)


@pytest.mark.parametrize(
    ("lang", "file", "question_id"), QUESTIONS, ids=[f"{lang}/{qid}" for lang, _, qid in QUESTIONS]
)
def test_share_controls_under_each_question(site, lang, file, question_id):
    faq, h2 = faq_answer(site, lang, file, question_id)
    share = site.page(f"{url_prefix(lang)}q/{question_id}/")
    url = share_url(site, lang, question_id)
    question = heading_text(h2)
    # The controls that follow this question on the FAQ page (before the next one).
    controls = None
    for sibling in h2.itersiblings():
        if sibling.tag == "h2":
            break
        if "faq-share" in (sibling.get("class") or ""):
            controls = sibling
    assert controls is not None, f"{faq.rel}#{question_id}: no share controls"
    for where, nav in (
        (faq.rel, controls),
        (share.rel, share.article().cssselect("nav.faq-share")[0]),
    ):
        hrefs = [a.get("href") for a in nav.cssselect("a")]
        encoded = quote(url, safe="/")
        expected = {
            "WhatsApp": f"https://wa.me/?text={quote(question + ' ' + url, safe='/')}",
            "Facebook": f"https://www.facebook.com/sharer/sharer.php?u={encoded}",
            "X": f"https://x.com/intent/post?text={quote(question, safe='/')}&url={encoded}",
            "LinkedIn": f"https://www.linkedin.com/sharing/share-offsite/?url={encoded}",
            "Bluesky": f"https://bsky.app/intent/compose?text="
            f"{quote(question + ' ' + url, safe='/')}",
            "e-mail": f"mailto:?subject={quote(question, safe='/')}&body={encoded}",
        }
        for name, href in expected.items():
            assert href in hrefs, f"{where}: no {name} link {href}; found {hrefs}"
        copy = nav.cssselect("button.faq-share__copy")[0]
        assert copy.get("data-share-url") == url
        assert nav.get("aria-label", "").endswith(question)
        for a in nav.cssselect('a[target="_blank"]'):
            assert set(a.get("rel").split()) >= {"noopener", "noreferrer"}


def test_permalinks_are_titled_in_the_page_language(site):
    words = {lang: ui_strings(lang)["permalink"] for lang in LANGUAGES}
    assert len(set(words.values())) == len(LANGUAGES), "a language borrows a permalink title"
    for page in shareable_pages(site):
        titles = {a.get("title") for a in page.tree.cssselect("a.headerlink")}
        assert titles == {words[page.lang]}, f"{page.rel}: {titles}"


def test_sitemap_has_absolute_alternates_and_x_default(site):
    sitemap = (site.root / "sitemap.xml").read_text()
    assert gzip.decompress((site.root / "sitemap.xml.gz").read_bytes()).decode() == sitemap
    entries = re.findall(r"<url>(.*?)</url>", sitemap, re.S)
    assert len(entries) == len(DOC_PAGES) * len(LANGUAGES)
    for entry in entries:
        loc = re.search(r"<loc>(.*?)</loc>", entry).group(1)
        alternates = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entry))
        assert loc.startswith(site.url), loc
        assert set(alternates) == {*LANGUAGES, "x-default"}, f"{loc}: {alternates}"
        assert alternates["x-default"] == alternates[DEFAULT_LANGUAGE]
        assert all(url.startswith(site.url) for url in alternates.values())
        assert site_file(site, loc).is_file(), loc


def test_robots_txt_points_to_the_sitemap(site):
    robots = (site.root / "robots.txt").read_text()
    assert f"Sitemap: {site.url}sitemap.xml" in robots.splitlines()
    assert "Disallow: /assets" not in robots  # cards must stay reachable


def test_head_hreflang_links_are_absolute_with_x_default(site):
    for page in shareable_pages(site):
        links = {
            link.get("hreflang"): link.get("href")
            for link in page.tree.cssselect('head link[rel="alternate"][hreflang]')
        }
        assert set(links) == {*LANGUAGES, "x-default"}, f"{page.rel}: {links}"
        assert all(href.startswith(site.url) for href in links.values()), f"{page.rel}: {links}"
        assert site_file(site, links[page.lang]) == page.path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_faq_pages_carry_faqpage_structured_data(site, lang):
    for spec in STRUCTURE:
        page = site.faq_page(lang, spec.file)
        scripts = page.tree.cssselect('script[type="application/ld+json"]')
        assert len(scripts) == 1, f"{page.rel}: {len(scripts)} JSON-LD blocks"
        assert "</" not in scripts[0].text, f"{page.rel}: unescaped '</' in JSON-LD"
        data = json.loads(scripts[0].text)
        assert metadata(page, site)["json-ld"] == [data]  # extruct reads the same
        assert data["@type"] == "FAQPage" and data["inLanguage"] == lang
        names = [q["name"] for q in data["mainEntity"]]
        headings = [heading_text(page.tree.get_element_by_id(q)) for q in spec.questions]
        assert names == headings, f"{page.rel}: {names}"
        for question in data["mainEntity"]:
            assert question["@type"] == "Question"
            # The short answer: the answer's opening words, as the page shows them.
            qid = question["url"].rsplit("#", 1)[-1]
            opening = text_without_citations(page.tree.get_element_by_id(qid).getnext())
            answer = question["acceptedAnswer"]["text"]
            assert len(answer.split()) >= 3, question["name"]
            assert " ".join(opening.split()).startswith(answer), f"{page.rel}#{qid}: {answer!r}"


def test_quotes_and_ampersands_are_escaped_in_previews(broken_project, tmp_path):
    """A description and title with quotes, & and < stay exact in every tag."""
    description = 'Sources « vérifiées » & "citées" <ici> : l’essentiel'
    title = 'Sources & "méthode" d’ici'

    def tricky(root):
        page = root / "docs" / "en" / "sources.md"
        text = page.read_text(encoding="utf-8")
        text = re.sub(
            r"^description:.*$",
            "description: '" + description.replace("'", "''") + "'",
            text,
            count=1,
            flags=re.M,
        )
        text = re.sub(r"^# .*$", "# " + title, text, count=1, flags=re.M)
        page.write_text(text, encoding="utf-8")

    result = broken_project(tricky, cards=True)
    assert result.returncode == 0, result.stderr[-3000:]
    from conftest import BuiltPage

    page = BuiltPage(tmp_path / "site", tmp_path / "site" / "en" / "sources" / "index.html")
    data = extruct.extract(page.html, syntaxes=["opengraph"], uniform=False)
    og = dict(data["opengraph"][0]["properties"])
    named = {m.get("name"): m.get("content") for m in page.tree.iter("meta") if m.get("name")}
    assert og["og:description"] == description
    assert named["description"] == description
    assert named["twitter:description"] == description
    assert og["og:title"].startswith(title), og["og:title"]
    assert named["twitter:title"].startswith(title)
