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
import lxml.html
import pytest
import yaml
from conftest import (
    DEFAULT_LANGUAGE,
    DOC_PAGES,
    LANGUAGES,
    PROJECT_ROOT,
    STRUCTURE,
    heading_text,
    page_dir,
    ui_strings,
    url_prefix,
)
from mkdocs.utils.meta import get_data
from PIL import Image

from faq_plugin.typography import french_spacing

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
    # (heading_text folds no-break spaces into spaces: compare the same way.)
    assert " ".join(og["og:title"].split()).startswith(title), og["og:title"]
    # Its own description: the answer's first sentence, as written on the FAQ page.
    first_paragraph = " ".join(text_without_citations(h2.getnext()).split())
    description = " ".join(data["meta"]["description"].split())
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


UI = yaml.safe_load((PROJECT_ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))


def share_links(url: str, text: str) -> dict[str, str]:
    """The href each network's link must have to share `url` with `text`."""
    encoded = quote(url, safe="/")
    return {
        "WhatsApp": f"https://wa.me/?text={quote(text + ' ' + url, safe='/')}",
        "Facebook": f"https://www.facebook.com/sharer/sharer.php?u={encoded}",
        "X": f"https://x.com/intent/post?text={quote(text, safe='/')}&url={encoded}",
        "LinkedIn": f"https://www.linkedin.com/sharing/share-offsite/?url={encoded}",
        "Bluesky": f"https://bsky.app/intent/compose?text={quote(text + ' ' + url, safe='/')}",
        "e-mail": f"mailto:?subject={quote(text, safe='/')}&body={encoded}",
    }


def fold(text: str) -> str:
    """Whitespace folded, no-break spaces included (the build sets French ones)."""
    return " ".join(text.split())


def accessible_name(element) -> str:
    return fold(element.get("aria-label") or element.text_content())


def full_list_problems(where: str, root, lang: str, url: str, text: str) -> list[str]:
    """The page (`root`) has the full list of ways to share `url` exactly once,
    each link named in the page's language for what it does."""
    lists = root.cssselect(".faq-share--full")
    if len(lists) != 1:
        return [f"{where}: {len(lists)} full lists of share links (want exactly 1)"]
    ui = UI[lang]
    problems = []
    links = {a.get("href"): a for a in lists[0].cssselect("a")}
    for network, href in share_links(url, text).items():
        link = links.get(href)
        if link is None:
            problems.append(f"{where}: no {network} link {href}; found {sorted(links)}")
            continue
        name, visible = accessible_name(link), " ".join(link.text_content().split())
        if network == "e-mail":
            want = ui["share_by_email_name"]
        else:
            want = ui["share_on"].format(network=network)
            if set((link.get("rel") or "").split()) < {"noopener", "noreferrer"}:
                problems.append(f"{where}: {network} link opens a tab without noopener noreferrer")
        if name != fold(want) or visible.lower() not in name.lower():
            problems.append(f"{where}: {network} link is named {name!r}, want {want!r}")
    copy = lists[0].cssselect("button.faq-share__copy")
    if len(copy) != 1 or copy[0].get("data-share-url") != url:
        problems.append(f"{where}: no copy-link button for {url} in the full list")
    elif accessible_name(copy[0]) != fold(ui["copy_link_name"]):
        problems.append(f"{where}: copy button named {accessible_name(copy[0])!r}")
    return problems


LANDMARK_TAGS = {"nav", "aside", "main", "header", "footer", "form", "section"}
LANDMARK_ROLES = {"navigation", "region", "complementary", "banner", "contentinfo", "form", "main"}


def compact_control_problems(where: str, h2, lang: str, url: str, text: str) -> list[str]:
    """The question (`h2`) is followed by exactly one light share control: a
    small text link, "link to this question", to its share page that
    JavaScript turns into a share/copy button with the same words; both
    named with the question; a live region present from the start; not a
    landmark (a dozen per page would swamp a screen reader's list)."""
    controls = []
    for sibling in h2.itersiblings():
        if sibling.tag == "h2":
            break
        if "faq-share" in (sibling.get("class") or "").split():
            controls.append(sibling)
    if len(controls) != 1:
        return [f"{where}: {len(controls)} share controls after the question (want 1)"]
    control, ui = controls[0], UI[lang]
    problems = []
    if "faq-share--full" in control.get("class"):
        problems.append(f"{where}: the full list of share links under a question")
    if control.tag in LANDMARK_TAGS or (control.get("role") or "") in LANDMARK_ROLES:
        problems.append(f"{where}: the share control is a landmark (<{control.tag}>)")
    links, buttons = control.cssselect("a"), control.cssselect("button")
    want_name = fold(ui["question_link_name"].format(question=text))
    if len(links) != 1 or len(buttons) != 1:
        problems.append(f"{where}: {len(links)} links and {len(buttons)} buttons (want 1 and 1)")
    else:
        target = links[0].get("href")
        if not url.endswith(target.lstrip("./")):
            problems.append(f"{where}: the link goes to {target}, not to the share page")
        if buttons[0].get("data-share-url") != url:
            problems.append(f"{where}: the button shares {buttons[0].get('data-share-url')}")
        if buttons[0].get("hidden") is None:
            problems.append(f"{where}: the button shows without JavaScript")
        for kind, element in (("link", links[0]), ("button", buttons[0])):
            if fold(element.text_content()) != fold(ui["question_link"]):
                problems.append(f"{where}: the {kind} reads {element.text_content()!r}")
            if accessible_name(element) != want_name:
                problems.append(
                    f"{where}: the {kind} is named {accessible_name(element)!r}, "
                    f"not after the question ({want_name!r})"
                )
    status = control.cssselect('[role="status"]')
    if len(status) != 1 or status[0].get("hidden") is not None:
        problems.append(f"{where}: no live region for the confirmation next to the control")
    return problems


@pytest.mark.parametrize(
    ("lang", "file", "question_id"), QUESTIONS, ids=[f"{lang}/{qid}" for lang, _, qid in QUESTIONS]
)
def test_one_compact_share_control_under_each_question(site, lang, file, question_id):
    faq, h2 = faq_answer(site, lang, file, question_id)
    url = share_url(site, lang, question_id)
    # Typography (French spaces) is set by the build: compare with the built text.
    question = heading_text(h2)
    problems = compact_control_problems(f"{faq.rel}#{question_id}", h2, lang, url, question)
    assert not problems, "\n".join(problems)
    # The share page's link resolves to the real share page.
    href = (
        faq.tree.get_element_by_id(question_id)
        .getparent()
        .cssselect(f'.faq-share a[href$="q/{question_id}/"]')[0]
        .get("href")
    )
    assert (faq.path.parent / href / "index.html").resolve() == site_file(site, url).resolve()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_full_share_list_once_per_page_and_on_share_pages(site, lang):
    problems = []
    for spec in STRUCTURE:
        page = site.faq_page(lang, spec.file)
        title = heading_text(page.article().cssselect("h1")[0])
        canonical = page.tree.cssselect('link[rel="canonical"]')[0].get("href")
        problems += full_list_problems(page.rel, page.tree, lang, canonical, title)
        for question_id in spec.questions:
            share = site.page(f"{url_prefix(lang)}q/{question_id}/")
            question = heading_text(share.article().cssselect("h1")[0])
            url = share_url(site, lang, question_id)
            problems += full_list_problems(share.rel, share.tree, lang, url, question)
            compact = share.tree.cssselect(".faq-share--question")
            if compact:
                problems.append(f"{share.rel}: a compact share control on a share page")
    assert not problems, "\n".join(problems)


GOOD_CONTROL = (
    '<div class="faq-share"><a href="../q/q/" aria-label="Link to this question: Q?">'
    "Link to this question</a>"
    '<button hidden data-share-url="https://example.org/q/q/" '
    'aria-label="Link to this question: Q?">Link to this question</button>'
    '<span role="status"></span></div>'
)
BROKEN_SHARE_HTML = {
    "three rows of buttons under a question": (
        '<div><h2 id="q">Q?</h2><p>A.</p>'
        '<nav class="faq-share faq-share--full" aria-labelledby="t"><a href="x">X</a></nav>'
        f"{GOOD_CONTROL}</div>",
        "2 share controls after the question",
    ),
    "no live region": (
        '<div><h2 id="q">Q?</h2><p>A.</p>'
        + GOOD_CONTROL.replace('<span role="status"></span>', "")
        + "</div>",
        "no live region",
    ),
    "a landmark per question": (
        '<div><h2 id="q">Q?</h2><p>A.</p>'
        + GOOD_CONTROL.replace("<div", '<nav aria-label="Share: Q?"').replace("</div>", "</nav>")
        + "</div>",
        "the share control is a landmark (<nav>)",
    ),
    "a button that does not name the question": (
        '<div><h2 id="q">Q?</h2><p>A.</p>'
        + GOOD_CONTROL.replace(
            'aria-label="Link to this question: Q?">Link to this question</button>',
            ">Link to this question</button>",
        )
        + "</div>",
        "the button is named 'Link to this question', not after the question",
    ),
}


def test_compact_control_check_accepts_the_good_markup():
    root = lxml.html.fromstring(f'<div><h2 id="q">Q?</h2><p>A.</p>{GOOD_CONTROL}</div>')
    h2 = root.cssselect("h2")[0]
    assert not compact_control_problems("en/ok/#q", h2, "en", "https://example.org/q/q/", "Q?")


@pytest.mark.parametrize("case", BROKEN_SHARE_HTML)
def test_compact_control_check_rejects_broken_markup(case):
    snippet, message = BROKEN_SHARE_HTML[case]
    h2 = lxml.html.fromstring(snippet).cssselect("h2")[0]
    problems = compact_control_problems("en/broken/#q", h2, "en", "https://example.org/q/q/", "Q?")
    assert any(message in p and p.startswith("en/broken/#q") for p in problems), problems


def test_full_list_check_rejects_unnamed_or_missing_links():
    url, text = "https://example.org/q/q/", "Q?"
    links = share_links(url, text)
    snippet = (
        '<html><body><nav class="faq-share faq-share--full"><ul>'
        f'<li><a href="{links["Facebook"]}" target="_blank" rel="noopener noreferrer">'
        "Facebook</a></li></ul></nav></body></html>"
    )
    problems = full_list_problems("en/q/q/", lxml.html.fromstring(snippet), "en", url, text)
    assert any("Facebook link is named 'Facebook'" in p for p in problems), problems
    assert any("no WhatsApp link" in p for p in problems), problems
    assert all(p.startswith("en/q/q/: ") for p in problems)
    nav = snippet.removeprefix("<html><body>").removesuffix("</body></html>")
    twice = f"<html><body>{nav}{nav}</body></html>"
    problems = full_list_problems("en/", lxml.html.fromstring(twice), "en", url, text)
    assert problems == ["en/: 2 full lists of share links (want exactly 1)"]


def test_permalinks_are_titled_in_the_page_language(site):
    for page in shareable_pages(site):
        titles = {a.get("title") for a in page.tree.cssselect("a.headerlink")}
        # Only questions (h2 with an id in the article) carry a permalink.
        questions = [h for h in page.article().cssselect("h2[id]") if h.get("id") != "page-sources"]
        want = {UI[page.lang]["permalink"]} if questions else set()
        assert titles == want, f"{page.rel}: {titles}"


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


def test_quotes_ampersands_and_dashes_build_and_stay_exact_in_previews(
    site, broken_project, tmp_path
):
    """Guillemets, quotes, apostrophes, &, < and ` --- ` in titles and descriptions
    build (one build, every language) and stay exact in every tag. (After the
    real site's build: its drawn cards are reused, only the changed ones drawn.)"""
    description = 'Sources « vérifiées » & "citées" <ici>: l’essentiel --- vraiment'
    title = 'Sources & "méthode" d’ici'

    def tricky(root):
        for lang in LANGUAGES:
            page = root / "docs" / lang / "sources.md"
            text = page.read_text(encoding="utf-8")
            own = description.replace(":", " :") if french_spacing(lang) else description
            if lang == "de":  # German quotes „…“ (the build refuses « » on German pages)
                own = own.replace("« ", "„").replace(" »", "“")
            text = re.sub(
                r"^description:.*$",
                "description: '" + own.replace("'", "''") + "'",
                text,
                count=1,
                flags=re.M,
            )
            text = re.sub(r"^# .*$", "# " + title, text, count=1, flags=re.M)
            page.write_text(text, encoding="utf-8")

    result = broken_project(tricky, cards=True)
    assert result.returncode == 0, result.stderr[-3000:]
    from conftest import BuiltPage

    lang = next(code for code in LANGUAGES if not french_spacing(code))
    built = tmp_path / "site" / url_prefix(lang) / "sources" / "index.html"
    page = BuiltPage(tmp_path / "site", built)
    data = extruct.extract(page.html, syntaxes=["opengraph"], uniform=False)
    og = dict(data["opengraph"][0]["properties"])
    named = {m.get("name"): m.get("content") for m in page.tree.iter("meta") if m.get("name")}
    assert og["og:description"] == description
    assert named["description"] == description
    assert named["twitter:description"] == description
    assert og["og:title"].startswith(title), og["og:title"]
    assert named["twitter:title"].startswith(title)
    alt = f"{ui_strings(lang)['card_alt']} {title}"
    assert og["og:image:alt"].startswith(alt) and named["twitter:image:alt"].startswith(alt)


def trust_problems(where: str, article, lang: str) -> list[str]:
    """The trust statement is there once, in the page's language, above the first answer."""
    found = article.cssselect(".faq-trust")
    if len(found) != 1:
        return [f"{where}: {len(found)} trust statements (want 1)"]
    if fold(found[0].text_content()) != fold(UI[lang]["trust"]):
        return [f"{where}: trust statement reads {found[0].text_content()!r}"]
    before = list(article.iter())
    position = before.index(found[0])
    late = [e.tag for e in before[:position] if e.tag in ("h2", "ol", "ul")]
    return [f"{where}: trust statement comes after {late}"] if late else []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_trust_statement_near_the_top_of_opt_out_and_share_pages(site, lang):
    problems = []
    for spec in STRUCTURE:
        page = site.faq_page(lang, spec.file)
        meta = get_data((PROJECT_ROOT / "docs" / lang / spec.file).read_text(encoding="utf-8"))[1]
        if meta.get("trust"):
            problems += trust_problems(page.rel, page.article(), lang)
        elif page.article().cssselect(".faq-trust"):
            problems.append(f"{page.rel}: trust statement without `trust: true`")
        for question_id in spec.questions:
            share = site.page(f"{url_prefix(lang)}q/{question_id}/")
            problems += trust_problems(share.rel, share.article(), lang)
    assert site.faq_page(lang, "opt-out.md").article().cssselect(".faq-trust")
    assert not problems, "\n".join(problems)


def test_trust_check_rejects_a_late_or_missing_statement():
    late = lxml.html.fromstring(
        '<article><h1>T</h1><h2 id="q">Q</h2><p class="faq-trust">x</p></article>'
    )
    assert trust_problems("q/x/", late, "en") == ["q/x/: trust statement reads 'x'"]
    text = UI["en"]["trust"]
    late = lxml.html.fromstring(
        f'<article><h1>T</h1><h2 id="q">Q</h2><p class="faq-trust">{text}</p></article>'
    )
    assert trust_problems("q/x/", late, "en") == ["q/x/: trust statement comes after ['h2']"]
    missing = lxml.html.fromstring("<article><h1>T</h1><p>x</p></article>")
    assert trust_problems("q/x/", missing, "en") == ["q/x/: 0 trust statements (want 1)"]


def report_problems(where: str, tree, lang: str, page_url: str, email: str, tracker: str):
    """'Report an error': an e-mail (no account) and a pre-filled issue, both naming the page."""
    ui = UI[lang]
    links = tree.cssselect(".faq-report a")
    mails = [a for a in links if a.get("href", "").startswith(f"mailto:{email}?")]
    issues = [a for a in links if a.get("href", "").startswith(f"{tracker}/new?")]
    problems = []
    for kind, found in (("e-mail", mails), ("tracker", issues)):
        if len(found) != 1:
            problems.append(f"{where}: {len(found)} {kind} report links (want 1)")
            continue
        query = dict(part.split("=", 1) for part in urlsplit(found[0].get("href")).query.split("&"))
        body = unquote(query.get("body", ""))
        subject = unquote(query.get("subject") or query.get("title") or "")
        if page_url not in body or fold(ui["language_name"]) not in fold(body):
            problems.append(f"{where}: the {kind} report does not name the page and language")
        if not subject.strip():
            problems.append(f"{where}: the {kind} report has no subject")
    if mails and fold(ui["report_email"].format(email=email)) != fold(mails[0].text_content()):
        problems.append(f"{where}: the e-mail link reads {mails[0].text_content()!r}")
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_report_an_error_by_email_or_on_the_tracker(site, lang):
    email = "corrections@meta-ai-faq.example.org"  # mkdocs.yml default (CORRECTIONS_EMAIL)
    tracker = "https://github.com/meta-ai-faq/meta-ai-faq/issues"
    problems = []
    for page in shareable_pages(site):
        if page.lang != lang or not page.article().cssselect(".faq-reviewed"):
            continue
        canonical = page.tree.cssselect('link[rel="canonical"]')[0].get("href")
        problems += report_problems(page.rel, page.tree, lang, canonical, email, tracker)
    assert not problems, "\n".join(problems)


def test_report_check_rejects_a_link_without_the_page():
    tree = lxml.html.fromstring(
        '<div><section class="faq-report"><a href="mailto:a@b.org?subject=x&body=hello">'
        "Email a@b.org (no account needed)</a></section></div>"
    )
    problems = report_problems("en/x/", tree, "en", "https://e.org/en/x/", "a@b.org", "https://t")
    assert problems == [
        "en/x/: the e-mail report does not name the page and language",
        "en/x/: 0 tracker report links (want 1)",
    ]


def test_share_text_ends_at_the_sentence_not_at_a_german_day_number():
    from faq_plugin.source import first_sentence

    german = "Seit dem 27. Mai 2025 gilt das. Danach mehr."
    assert first_sentence(german) == "Seit dem 27. Mai 2025 gilt das."
    assert first_sentence("Since May 2025. Then more.") == "Since May 2025."
