"""The tools for people who help others object (issue 16): "which steps for my
situation" and the reason to copy on /opt-out/, the authorities to complain
to, and the printable one-sheet guide with its QR code."""

from __future__ import annotations

import re
import unicodedata

import pytest
import segno
from conftest import LANGUAGES, PROJECT_ROOT, url_prefix

from faq_plugin.authorities import ALL_COUNTRIES
from faq_plugin.source import read_yaml

AUTHORITIES = read_yaml(PROJECT_ROOT / "data" / "authorities.yml")


def section(page, question_id: str) -> list:
    """The elements of one answer: from its heading to the next level-2 heading."""
    heading = page.article().get_element_by_id(question_id)
    elements = []
    for element in heading.itersiblings():
        if element.tag == "h2":
            break
        if isinstance(element.tag, str):  # not a comment
            elements.append(element)
    return elements


def links(elements) -> list[str]:
    return [a.get("href") for element in elements for a in element.iter("a")]


# --- #which-form ---------------------------------------------------------------


# Each situation of the aid and the answer it must lead to, in one tap.
SITUATIONS = {
    "instagram",
    "facebook",
    "several-accounts",
    "no-account",
    "pages-and-businesses",
    "cant-log-in",
    "objection-refused",
    "complain",
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_which_form_opens_the_page_and_each_link_lands_on_an_answer(site, lang):
    page = site.faq_page(lang, "opt-out.md")
    headings = page.article().cssselect("h2[id]")
    assert headings[0].get("id") == "which-form", "the aid is not the first question"
    answers = section(page, "which-form")
    items = [li for element in answers if element.tag == "ul" for li in element.iter("li")]
    assert len(items) == 8, [li.text_content() for li in items]
    for item in items:  # each situation: a label, a link, a citation where it says more
        assert item.cssselect("strong") and item.cssselect("a:not(.footnote-ref)")
    local = {href[1:] for href in links(answers) if href.startswith("#") and "fn:" not in href}
    assert local == SITUATIONS
    ids = set(page.tree.xpath("//@id"))
    assert local <= ids
    guide = [href for href in links(answers) if href.endswith("guide/")]
    assert guide == ["../guide/"], guide
    site.page(f"{url_prefix(lang)}guide/")  # the guide is built


@pytest.mark.parametrize("lang", LANGUAGES)
def test_objection_refused_leads_to_the_authorities(site, lang):
    page = site.faq_page(lang, "opt-out.md")
    assert "#complain" in links(section(page, "objection-refused"))


# --- #reason ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reason_offers_a_sentence_in_the_page_language_with_a_copy_control(site, lang):
    page = site.faq_page(lang, "opt-out.md")
    answer = section(page, "reason")
    buttons = [b for element in answer for b in element.cssselect("button.faq-copy")]
    assert len(buttons) == 1
    target = page.tree.get_element_by_id(buttons[0].get("data-copy-from"))
    sentence = target.text_content().strip()
    assert target in answer and 30 < len(sentence) < 140, sentence
    # Names the right and the law, as each language abbreviates it.
    assert "21" in sentence and {"fr": "RGPD", "en": "GDPR", "de": "DSGVO"}[lang] in sentence
    # Hidden without JavaScript (the sentence can still be selected); the
    # confirmation goes to a live region next to the button.
    control = buttons[0].getparent()
    assert control.get("hidden") is not None
    assert control.cssselect("[role=status]")


def test_copy_puts_the_reason_sentence_on_the_clipboard(open_page):
    visit = open_page("en/opt-out/#reason", permissions=["clipboard-read", "clipboard-write"])
    page = visit.page
    button = page.get_by_role("button", name="Copy the sentence")
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == "I object to the use of my personal data for AI at Meta (Article 21 GDPR)."
    assert page.locator(".faq-copy-item [role=status]").inner_text() == "Sentence copied"
    assert not visit.errors


# --- #complain ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_authority_is_listed_with_its_https_link(site, lang):
    page = site.faq_page(lang, "opt-out.md")
    answer = section(page, "complain")
    items = [li for element in answer for li in element.cssselect(".faq-authorities li[id]")]
    listed = {li.get("id").removeprefix("authority-").upper(): li for li in items}
    assert sorted(listed) == sorted(ALL_COUNTRIES) and len(items) == len(ALL_COUNTRIES)
    for code, item in listed.items():
        entry = AUTHORITIES[code]
        link = item.cssselect("a[href]")[0]
        assert link.get("href") == entry["complaint_url"]
        assert link.get("href").startswith("https://")
        name = link.cssselect("span[lang]")[0]  # the name in its own language
        assert (name.get("lang"), name.text_content()) == (entry["lang"], entry["name"])
    # Each group in the order of the reader's alphabet (accents aside): the
    # country is findable by name.
    for group in page.article().cssselect(".faq-authorities__group"):
        countries = [c.text_content() for c in group.cssselect(".faq-authorities__country")]
        plain = [unicodedata.normalize("NFKD", c.casefold()) for c in countries]
        assert countries and plain == sorted(plain), countries
    assert (
        listed["DE"].cssselect(".faq-authorities__country")[0].text_content()
        == ({"fr": "Allemagne", "en": "Germany", "de": "Deutschland"}[lang])
    )


# --- /guide/ ------------------------------------------------------------------------


def qr_modules(svg_path: str) -> set[tuple[int, int]]:
    """The dark modules of a QR code drawn by segno as one stroked SVG path
    (`M x y` then `h n` runs and relative `m dx dy` moves, lines at y + 0.5)."""
    dark, x, y = set(), 0.0, 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:[ ,](-?[\d.]+))?", svg_path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            dark |= {(int(x) + i, int(y)) for i in range(int(float(a)))}
            x += float(a)
    return dark


@pytest.mark.parametrize("lang", LANGUAGES)
def test_guide_shows_the_opt_out_address_in_full_and_as_a_qr_code(site, lang):
    page = site.page(f"{url_prefix(lang)}guide/")
    url = site.url + f"{url_prefix(lang)}opt-out/"
    figure = page.article().cssselect("figure.faq-qr")
    assert len(figure) == 1
    assert figure[0].cssselect("figcaption")[0].text_content().strip() == url
    svg = figure[0].cssselect("svg")[0]  # inline: no image file, nothing fetched
    assert svg.cssselect("title")[0].text_content()
    drawn = qr_modules(svg.cssselect("path[stroke]")[0].get("d"))
    expected = segno.make(url, error="m", micro=False)
    border = 4
    modules = {
        (x + border, y + border)
        for y, row in enumerate(expected.matrix)
        for x, value in enumerate(row)
        if value
    }
    assert drawn == modules, "the QR code does not encode the address of the objection steps"
    # The date it was checked, and the way there from the menu.
    assert page.tree.cssselect(".faq-reviewed time[datetime]")
    opt_out = site.faq_page(lang, "opt-out.md")
    nav = [a.get("href") for a in opt_out.tree.cssselect(".md-nav--primary a[href]")]
    assert "../guide/" in nav, nav


GUIDE_NOT_ON_PAPER = (
    ".md-header, .md-sidebar, .md-footer, nav, button, .md-button, .faq-share,"
    " .faq-report, .md-top, .faq-top, .faq-updated__more, .md-search"
)


def guide_print_problems(page, lang: str) -> list[str]:
    """The guide on A4: no controls, a black-on-white QR code, and one sheet:
    the steps and the QR code on the front, the sources on the back (they
    start a new page, so a front that overflows makes a third page)."""
    page.emulate_media(media="print")
    shown = page.eval_on_selector_all(
        GUIDE_NOT_ON_PAPER,
        "els => els.filter(e => getComputedStyle(e).display !== 'none'"
        " && e.getBoundingClientRect().height > 0).map(e => e.outerHTML.slice(0, 80))",
    )
    problems = [f"{lang} guide: printed: {element}" for element in shown]
    colours = page.eval_on_selector(
        ".faq-qr__code",
        "s => [...s.querySelectorAll('path')].map(p => p.getAttribute('fill')"
        " || p.getAttribute('stroke'))",
    )
    if colours != ["#fff", "#000"]:
        problems.append(f"{lang} guide: the QR code is not black on white: {colours}")
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    if pages != 2:
        problems.append(f"{lang} guide: {pages} A4 pages, not 2 (front: steps, QR; back: sources)")
    return problems


def test_guide_prints_on_one_a4_sheet_without_controls(open_page):
    for lang in LANGUAGES:
        visit = open_page(f"{url_prefix(lang)}guide/")
        assert guide_print_problems(visit.page, lang) == []


def test_guide_print_check_fails_on_a_long_front_and_a_printed_control(open_page):
    visit = open_page("de/guide/", bypass_csp=True)
    visit.page.add_style_tag(
        content="@media print { .md-typeset h2 { margin-top: 8em !important }"
        " .faq-top { display: block !important } }"
    )
    problems = "\n".join(guide_print_problems(visit.page, "de"))
    assert 'de guide: printed: <p class="faq-top">' in problems, problems
    assert re.search(r"de guide: [3-9] A4 pages, not 2", problems), problems
