"""What a reader arriving on a phone sees: "on this page", bold full-contrast
titles, a palette of the site's own, and no untranslated theme line."""

from __future__ import annotations

from urllib.parse import urlsplit

import lxml.html
import pytest
from conftest import DESKTOP, LANGUAGES, PHONE, PROJECT_ROOT, STRUCTURE, page_dir, url_prefix

LONG_PAGE = 4  # more questions than this: "on this page" on phones


def onpage_problems(where: str, article, question_ids: list[str]) -> list[str]:
    """Long pages list their questions, in order, before the first one; short pages do not."""
    lists = article.cssselect("nav.faq-onpage")
    if len(question_ids) <= LONG_PAGE:
        return [f"{where}: 'on this page' on a short page"] if lists else []
    if len(lists) != 1:
        return [f"{where}: {len(lists)} 'on this page' lists (want 1)"]
    hrefs = [a.get("href") for a in lists[0].cssselect("a")]
    problems = []
    if hrefs != [f"#{qid}" for qid in question_ids]:
        problems.append(f"{where}: 'on this page' links {hrefs}, want the questions in order")
    first = article.get_element_by_id(question_ids[0])
    if first not in list(lists[0].itersiblings()):
        problems.append(f"{where}: 'on this page' is not before the first question")
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_long_pages_list_their_questions(site, lang):
    problems = []
    for spec in STRUCTURE:
        page = site.faq_page(lang, spec.file)
        problems += onpage_problems(page.rel, page.article(), spec.questions)
    assert not problems, "\n".join(problems)
    assert any(len(spec.questions) > LONG_PAGE for spec in STRUCTURE)


def test_onpage_check_rejects_a_wrong_list():
    ids = ["a", "b", "c", "d", "e"]
    article = lxml.html.fromstring(
        '<article><h1>T</h1><h2 id="a">A</h2><nav class="faq-onpage">'
        + "".join(f'<a href="#{q}">{q}</a>' for q in reversed(ids))
        + "</nav></article>"
    )
    assert onpage_problems("x/", article, ids) == [
        f"x/: 'on this page' links {['#' + q for q in reversed(ids)]}, want the questions in order",
        "x/: 'on this page' is not before the first question",
    ]
    none = lxml.html.fromstring('<article><h1>T</h1><h2 id="a">A</h2></article>')
    assert onpage_problems("x/", none, ids) == ["x/: 0 'on this page' lists (want 1)"]


def test_onpage_shows_on_phones_only(open_page):
    long_page = next(spec for spec in STRUCTURE if len(spec.questions) > LONG_PAGE)
    for viewport, shown in ((PHONE, True), (DESKTOP, False)):
        visit = open_page(page_dir(long_page.file), viewport=viewport)
        assert visit.page.locator("nav.faq-onpage").is_visible() == shown, viewport


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_titles_are_bold_full_contrast_and_the_palette_is_not_materials(open_page, scheme):
    visit = open_page("opt-out/", viewport=PHONE, scheme=scheme)
    h1 = visit.page.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector('article h1'));"
        " return [s.fontWeight, s.color]; })()"
    )
    weight, color = h1
    assert int(weight) >= 700, f"h1 weight {weight}"
    assert color.startswith("rgb("), f"h1 colour {color} is translucent"
    header = visit.page.evaluate(
        "getComputedStyle(document.querySelector('.md-header')).backgroundColor"
    )
    assert header != "rgb(64, 81, 181)", "Material's indigo header"


def generator_problems(page) -> list[str]:
    text = " ".join(page.tree.text_content().split())
    return [f"{page.rel}: theme credit in English: 'Made with'"] if "Made with" in text else []


def test_no_untranslated_theme_credit(site):
    problems = [p for page in site.html_pages() for p in generator_problems(page)]
    assert not problems, "\n".join(problems)
    assert not site.page(url_prefix(LANGUAGES[0])).tree.cssselect(".md-copyright a")


def test_generator_check_names_the_page(tmp_path):
    from conftest import BuiltPage

    path = tmp_path / "index.html"
    path.write_text(
        '<html lang="fr"><body><div class="md-copyright">Made with <a>Material</a></div>'
        "</body></html>",
        encoding="utf-8",
    )
    assert generator_problems(BuiltPage(tmp_path, path)) == [
        "index.html: theme credit in English: 'Made with'"
    ]


# --- The first screen of a phone ---------------------------------------------

READER_PHONE = {"width": 390, "height": 844}  # what most readers hold
FIRST_SCREEN_JS = """(hrefs) => hrefs.map(href => {
    const links = [...document.querySelectorAll('article a[href]')]
        .filter(a => a.getAttribute('href') === href || a.href === href);
    const seen = links.map(a => a.getBoundingClientRect())
        .filter(r => r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight);
    return seen.length > 0;
})"""


def first_screen_problems(page, where: str, hrefs: list[str]) -> list[str]:
    """Links (by href) that are not fully visible on the first screen, unscrolled."""
    page.evaluate("window.scrollTo(0, 0)")
    visible = page.evaluate(FIRST_SCREEN_JS, hrefs)
    return [
        f"{where}: no link to {h} on the first screen"
        for h, ok in zip(hrefs, visible, strict=True)
        if not ok
    ]


def form_url(question_id: str) -> str:
    """Meta's form for a how-to question, from data/sources.yml (meta-form-<id>)."""
    from faq_plugin.source import read_yaml

    return read_yaml(PROJECT_ROOT / "data" / "sources.yml")[f"meta-form-{question_id}"]["url"]


HOWTOS = [qid for spec in STRUCTURE for qid in spec.howto]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_opt_out_offers_its_choices_on_the_first_phone_screen(open_page, lang):
    """Instagram, Facebook or the direct form: one tap away when the page opens."""
    visit = open_page(url_prefix(lang) + "opt-out/", viewport=READER_PHONE)
    hrefs = [f"#{qid}" for qid in HOWTOS] + ["#direct-links"]
    assert HOWTOS, "data/faq.yml lists no how-to"
    problems = first_screen_problems(visit.page, f"/{url_prefix(lang)}opt-out/", hrefs)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_how_to_share_pages_show_metas_form_on_the_first_screen(open_page, lang):
    problems = []
    for qid in HOWTOS:
        path = f"{url_prefix(lang)}q/{qid}/"
        visit = open_page(path, viewport=READER_PHONE)
        problems += first_screen_problems(visit.page, f"/{path}", [form_url(qid)])
    assert not problems, "\n".join(problems)


def test_first_screen_check_fails_when_the_choice_is_pushed_down(open_page):
    visit = open_page("q/instagram/", viewport=READER_PHONE)
    # (The page's CSP blocks style attributes; the CSSOM is allowed.)
    visit.page.evaluate(
        """() => {
        const block = document.createElement('p');
        block.textContent = 'Pushed down.';
        block.style.height = '900px';
        document.querySelector('article h1').after(block);
    }"""
    )
    problems = first_screen_problems(visit.page, "/q/instagram/", [form_url("instagram")])
    assert problems == [f"/q/instagram/: no link to {form_url('instagram')} on the first screen"]


# --- Acting on /opt-out/ -----------------------------------------------------


def action_problems(where: str, article, forms: dict[str, str]) -> list[str]:
    """/opt-out/: the first-screen buttons say what they do (more than the
    app's name) and the direct link does not compete with them; before each
    form button, "keep this page open" as a plain line (no tip box); right
    after it, what to do on a login page, naming the form's own domain.
    `forms` maps each how-to id to its form's address."""
    problems = []
    lead = [el for el in article.iter("a") if el.get("href") in {f"#{q}" for q in forms}]
    for qid in forms:
        buttons = [
            a for a in lead if a.get("href") == f"#{qid}" and "md-button" in a.get("class", "")
        ]
        label = " ".join(buttons[0].text_content().split()) if buttons else ""
        if not buttons or len(label.split()) < 2:
            problems.append(f"{where}: the first-screen button to #{qid} reads {label!r}")
    for link in article.cssselect('a[href="#direct-links"]'):
        if "md-button" in (link.get("class") or ""):
            problems.append(f"{where}: the direct link is a button, competing with the others")
    for qid, url in forms.items():
        domain = ".".join(urlsplit(url).hostname.split(".")[-2:])
        buttons = article.cssselect(f'a.md-button[href="{url}"]')
        if not buttons:
            problems.append(f"{where}: no button to the {qid} form")
            continue
        block = buttons[0].getparent()
        before, after = block.getprevious(), block.getnext()
        if before is None or "faq-keep-open" not in (before.get("class") or ""):
            problems.append(f"{where}: no 'keep this page open' line before the {qid} form button")
        if after is None or "faq-login-check" not in (after.get("class") or ""):
            problems.append(f"{where}: nothing about a login page beside the {qid} form button")
        elif domain not in after.text_content():
            problems.append(f"{where}: the login-page advice for {qid} does not name {domain}")
    for box in article.cssselect(".admonition.tip"):
        problems.append(f"{where}: a tip box: {' '.join(box.text_content().split())[:40]!r}")
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_opt_out_buttons_say_what_they_do_and_prepare_the_reader(site, lang):
    page = site.faq_page(lang, "opt-out.md")
    forms = {qid: form_url(qid) for qid in HOWTOS}
    problems = action_problems(page.rel, page.article(), forms)
    assert not problems, "\n".join(problems)


def test_action_check_rejects_the_old_opt_out_markup():
    url = "https://help.instagram.com/contact/1"
    article = lxml.html.fromstring(
        '<article><p><a class="md-button" href="#instagram">Instagram</a>'
        '<a class="md-button" href="#direct-links">Direct link</a></p>'
        f'<h2 id="instagram">How?</h2><p><a class="md-button" href="{url}">Open</a></p>'
        '<div class="admonition tip"><p class="admonition-title">Keep this page open</p></div>'
        "</article>"
    )
    assert action_problems("en/opt-out/", article, {"instagram": url}) == [
        "en/opt-out/: the first-screen button to #instagram reads 'Instagram'",
        "en/opt-out/: the direct link is a button, competing with the others",
        "en/opt-out/: no 'keep this page open' line before the instagram form button",
        "en/opt-out/: nothing about a login page beside the instagram form button",
        "en/opt-out/: a tip box: 'Keep this page open'",
    ]


KEEP_OPEN_JS = """() => {
    const line = document.querySelector('article .faq-keep-open');
    const body = document.querySelector('article .faq-login-check');
    if (!line || !body) return null;
    const icon = getComputedStyle(line, '::before');
    return {size: getComputedStyle(line).fontSize, body: getComputedStyle(body).fontSize,
            icon: icon.maskImage !== 'none' && parseFloat(icon.width) > 0
                && icon.display !== 'none'};
}"""


def keep_open_problems(page, where: str) -> list[str]:
    """ "Keep this page open" is at body size, with its icon."""
    found = page.evaluate(KEEP_OPEN_JS)
    if found is None:
        return [f"{where}: no 'keep this page open' line"]
    problems = []
    if found["size"] != found["body"]:
        problems.append(
            f"{where}: 'keep this page open' at {found['size']}, body at {found['body']}"
        )
    if not found["icon"]:
        problems.append(f"{where}: 'keep this page open' has no icon")
    return problems


def test_keep_this_page_open_is_at_body_size_with_an_icon(open_page):
    visit = open_page("opt-out/", viewport=READER_PHONE)
    assert not keep_open_problems(visit.page, "/opt-out/")
    # Broken: the old 12.8 px tip text.
    visit.page.evaluate(
        """() => { const s = new CSSStyleSheet();  // (the CSP refuses <style>)
        s.replaceSync('.md-typeset .faq-keep-open { font-size: 12.8px }');
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, s]; }"""
    )
    assert keep_open_problems(visit.page, "/opt-out/") == [
        "/opt-out/: 'keep this page open' at 12.8px, body at 16px"
    ]


# Text a reader acts on is never small: on a phone, nothing in the article
# under this size but the source notes (Material's footnote size) and the
# citation markers.
SMALLEST_TEXT_PX = 13.5
SMALL_TEXT_JS = """(smallest) => {
  const found = new Set();
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode()); ) {
    const element = node.parentElement;
    if (!node.textContent.trim() || !element.checkVisibility()) continue;
    if (element.closest('.footnote, sup')) continue;
    const size = parseFloat(getComputedStyle(element).fontSize);
    if (size < smallest)
      found.add(`${size.toFixed(1)} px: ${element.tagName.toLowerCase()}.${element.className}`
        + ` “${node.textContent.trim().slice(0, 40)}”`);
  }
  return [...found];
}"""


def small_text_problems(page, where: str) -> list[str]:
    return [f"{where}: {found}" for found in page.evaluate(SMALL_TEXT_JS, SMALLEST_TEXT_PX)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_a_reader_acts_on_is_not_small_on_a_phone(open_page, lang):
    problems = []
    for file in ("opt-out.md", "data.md", "whatsapp.md"):
        where = f"/{url_prefix(lang)}{page_dir(file)}"
        visit = open_page(where.lstrip("/"), viewport=READER_PHONE)
        problems += small_text_problems(visit.page, where)
    assert not problems, "\n".join(problems)


def test_small_text_check_names_what_is_small(open_page):
    """Material's admonition size (0.64rem) brought back on the authorities and warnings."""
    visit = open_page("opt-out/", viewport=READER_PHONE, bypass_csp=True)
    visit.page.add_style_tag(
        content=".md-typeset details.faq-authorities__group,"
        " .md-typeset .admonition.warning { font-size: 0.64rem !important }"
    )
    problems = "\n".join(small_text_problems(visit.page, "/opt-out/"))
    assert "/opt-out/: 10.9 px: span.faq-authorities__note" in problems, problems
    assert "px: p. “Des consignes qui circulent encore" in problems, problems
