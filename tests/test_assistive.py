"""What screen-reader and keyboard users get, in real Chromium.

From the accessibility tree (Chrome's, through the DevTools protocol): every
link, button and image has a name, no heading's name ends in a permalink
sign, the language control says whether it is open and which language is
current, search results are named links. From the keyboard: Tab and
Shift+Tab through each page; every focused element is visible, in the
viewport and not covered (by the sticky header, "back to top", an overlay),
and never inside the closed drawer or the closed search. Each page has its
own title. Every check is also run on a broken copy of the markup, to show
that it fails.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import DEFAULT_LANGUAGE, DESKTOP, LANGUAGES, ui_strings, url_prefix

PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
QUESTION = "instagram"  # a question of opt-out.md (data/faq.yml), same id everywhere
NOT_FOUND = "no-such-page/"
PAGES = [
    url_prefix(DEFAULT_LANGUAGE),
    *(url_prefix(lang) + "opt-out/" for lang in LANGUAGES),
    *(url_prefix(lang) + f"q/{QUESTION}/" for lang in LANGUAGES),
    NOT_FOUND,
]
NAMED_ROLES = {"link", "button", "image", "img"}
SYMBOLS = ("¶", "#", "§")
# A link a screen reader would read as "[1]" or "left-hooked arrow": a bare
# citation number or a back-link sign (issue 17).
BARE_LINK = re.compile(r"^(\[?\d+\]?|[↩↑^]+)$")
CITING_PAGES = [url_prefix(lang) + page for lang in LANGUAGES for page in ("data/", "opt-out/")]
SMALL_PHONE = {"width": 320, "height": 640}
TARGET = 24  # px, WCAG 2.5.8
TABS_FORWARD = 24  # presses per page from the top: header, search, sidebars
TABS_BACK = 12  # and from the end of the content upwards (bounded: fast)
SEARCH_QUERY = "WhatsApp"  # a word of every language's pages


# --- Accessibility tree ------------------------------------------------------


def ax_tree(page) -> list[dict]:
    """Chrome's accessibility tree: the nodes a screen reader is given."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    return [
        {
            "role": node.get("role", {}).get("value"),
            "name": (node.get("name", {}).get("value") or "").strip(),
            "props": {p["name"]: p["value"].get("value") for p in node.get("properties", [])},
        }
        for node in nodes
        if not node.get("ignored")
    ]


def ax_node(page, selector: str) -> dict:
    """The accessibility node of the first element matching selector."""
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node_id = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node_id, f"no element {selector}"
        node = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node_id})["nodes"][0]
    finally:
        cdp.detach()
    return {
        "role": node.get("role", {}).get("value"),
        "name": (node.get("name", {}).get("value") or "").strip(),
        "props": {p["name"]: p["value"].get("value") for p in node.get("properties", [])},
    }


def tree_problems(nodes: list[dict]) -> list[str]:
    problems = [
        f"{n['role']} without a name" for n in nodes if n["role"] in NAMED_ROLES and not n["name"]
    ]
    problems += [
        f"heading {n['name']!r} ends in a symbol"
        for n in nodes
        if n["role"] == "heading" and n["name"].endswith(SYMBOLS)
    ]
    problems += [
        f"link named only {n['name']!r}"
        for n in nodes
        if n["role"] == "link" and BARE_LINK.match(n["name"])
    ]
    return problems


def language_problems(page) -> list[str]:
    """The header's language control: its state, the languages in words, the current one."""
    selector = ".md-header .md-select button"
    node = ax_node(page, selector)
    dom = page.evaluate(
        """(selector) => ({
            lang: document.documentElement.lang,
            shown: document.querySelector(selector).textContent,
            links: [...document.querySelectorAll('.md-header a.md-select__link')].map(a => ({
                text: a.textContent.trim(), hreflang: a.hreflang, lang: a.getAttribute('lang'),
                current: a.getAttribute('aria-current')}))
        })""",
        selector,
    )
    problems = []
    if not node["name"]:
        problems.append("language button has no name")
    if "expanded" not in node["props"]:
        problems.append("language button does not expose whether it is open (aria-expanded)")
    others = [code for code in LANGUAGES if code != dom["lang"]]
    shown = " ".join(dom["shown"].split())
    if not any(code.upper() in shown.upper() for code in others):
        problems.append(f"language button shows {shown!r}, not the other language in words")
    for link in dom["links"]:
        if link["lang"] != link["hreflang"]:
            problems.append(f"language link {link['text']!r} has lang={link['lang']!r}")
    current = [link["hreflang"] for link in dom["links"] if link["current"] not in (None, "false")]
    if current != [dom["lang"]]:
        problems.append(f"aria-current marks {current}, not the page's language {dom['lang']!r}")
    return problems


def theme_problems(page) -> list[str]:
    """The theme button (wide screens) is named in the page's language and its
    pressed state is the page's actual scheme."""
    button = ".md-header .faq-theme__button"
    if not page.locator(button).is_visible():
        return ["no visible theme button"]
    node = ax_node(page, button)
    lang = page.get_attribute("html", "lang")
    problems = []
    if node["name"] != ui_strings(lang)["dark_theme"]:
        problems.append(f"theme button named {node['name']!r} on a {lang!r} page")
    dark = page.evaluate("getComputedStyle(document.body).colorScheme.includes('dark')")
    pressed = str(node["props"].get("pressed")).lower() == "true"  # a tristate token
    if pressed != dark:
        problems.append(f"theme button pressed={pressed}, page dark={dark}")
    return problems


# --- Keyboard ----------------------------------------------------------------

# Records, before each Tab, what is wrong with the element that has focus.
FOCUS_WATCH = """() => {
  window.__focusProblems = [];
  window.__focusCheck = (el) => {
    if (!el || el === document.body || el === document.documentElement) return null;
    document.getAnimations().forEach((a) => a.finish());  // judge the settled state
    const what = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
      ' "' + (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40) + '"';
    const narrow = matchMedia('(max-width: 76.234375em)').matches;
    const drawer = document.getElementById('__drawer');
    if (el.closest('.md-sidebar--primary') && narrow && !drawer.checked)
      return what + ': inside the closed drawer';
    const search = document.getElementById('__search');
    if (el.closest('.md-search') && search && !search.checked)
      return what + ': inside the closed search';
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) < 0.1)
        return what + ': invisible';
    }
    const rects = [...el.getClientRects()].filter(r => r.width >= 1 && r.height >= 1);
    if (!rects.length) return what + ': invisible (no size)';
    const r = rects[0];
    const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
    if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return what + ': outside the viewport';
    const hit = document.elementFromPoint(x, y);
    if (hit && hit !== el && !el.contains(hit)) {
      const by = hit.closest('header') || hit.closest('.md-top') || hit;
      const classes = String(by.className).trim().split(/\\s+/).join('.');
      return what + ': covered by ' + by.tagName.toLowerCase() + (classes ? '.' + classes : '');
    }
    return null;
  };
  window.__focusRecord = () => {
    const problem = window.__focusCheck(document.activeElement);
    if (problem) window.__focusProblems.push(problem);
  };
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Tab') window.__focusRecord();
  }, true);
}"""


def keyboard_problems(page, forward: int = TABS_FORWARD, back: int = TABS_BACK) -> list[str]:
    """Tab from the top, then Shift+Tab up from the end of the content (where
    scrolling up brings back the "back to top" button)."""
    page.evaluate(FOCUS_WATCH)
    for _ in range(forward):
        page.keyboard.press("Tab")
    if back:
        page.evaluate("""() => {
            window.scrollTo(0, document.body.scrollHeight);
            const links = document.querySelectorAll('article a[href], article button');
            if (links.length) links[links.length - 1].focus();
        }""")
        for _ in range(back):
            page.keyboard.press("Shift+Tab")
    page.wait_for_timeout(150)  # let "back to top" and transitions settle
    page.evaluate("window.__focusRecord()")
    return list(dict.fromkeys(page.evaluate("window.__focusProblems")))


def focus_problem(page, selector: str) -> str | None:
    """What is wrong with an element once it has focus (None: nothing)."""
    page.evaluate(FOCUS_WATCH)
    page.locator(selector).first.evaluate("el => el.focus()")
    page.wait_for_timeout(50)
    return page.evaluate("window.__focusCheck(document.activeElement)")


def goto(visit, server, path):
    visit.page.goto(server + path, wait_until="load")
    return visit.page


# --- Tests -------------------------------------------------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_tree_names_every_control_and_heading(server, open_page, viewport):
    visit = open_page(PAGES[0], viewport=VIEWPORTS[viewport])
    problems = []
    for path in PAGES:
        page = goto(visit, server, path)
        found = Counter(tree_problems(ax_tree(page)) + language_problems(page))
        problems += [
            f"/{path} [{viewport}]: {p}" + (f" ({n} times)" if n > 1 else "")
            for p, n in found.items()
        ]
    assert not problems, "\n".join(problems)


def test_language_control_opens_from_the_keyboard_and_marks_the_current_language(server, open_page):
    visit = open_page("opt-out/", viewport=PHONE)
    for lang in LANGUAGES:
        page = goto(visit, server, url_prefix(lang) + "opt-out/")
        selector = ".md-header .md-select button"
        assert ax_node(page, selector)["props"].get("expanded") is False, lang
        page.focus(selector)
        page.keyboard.press("Enter")
        assert ax_node(page, selector)["props"].get("expanded") is True, lang
        current = page.locator('.md-header a.md-select__link[aria-current="true"]')
        assert current.is_visible() and current.get_attribute("hreflang") == lang
        page.keyboard.press("Escape")
        assert ax_node(page, selector)["props"].get("expanded") is False, lang
        assert page.evaluate("document.activeElement.matches('.md-select button')")


def test_tree_checks_fail_on_broken_markup(open_page):
    """Material's markup as it was: nameless icons, "¶" in headings, a silent language menu."""
    visit = open_page("opt-out/", viewport=PHONE)
    page = visit.page
    page.set_content(
        """<html lang="fr"><body><header class="md-header">
        <a href="/"><svg viewBox="0 0 1 1"><path d="M0 0h1v1z"/></svg></a>
        <button><svg viewBox="0 0 1 1"><path d="M0 0h1v1z"/></svg></button>
        <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
        <div class="md-select"><button aria-label="Sélectionner la langue"><svg></svg></button>
        <ul><li><a class="md-select__link" href="/" hreflang="fr">Français</a></li>
        <li><a class="md-select__link" href="/en/" hreflang="en">English</a></li></ul></div>
        </header><main><h2 id="q">Comment m’opposer sur Instagram ?<a href="#q">¶</a></h2></main>
        </body></html>"""
    )
    problems = tree_problems(ax_tree(page))
    assert "link without a name" in problems and "button without a name" in problems, problems
    assert "img without a name" in problems or "image without a name" in problems, problems
    assert any("ends in a symbol" in p for p in problems), problems
    language = "\n".join(language_problems(page))
    for expected in ("aria-expanded", "not the other language", "has lang=None", "aria-current"):
        assert expected in language, language
    page.set_content(
        """<html lang="fr"><body><p>Vrai.<sup><a href="#fn:1">[1]</a></sup></p>
        <ol><li id="fn:1">Meta <a href="#fnref:1" title="Revenir au texte">↩</a></li></ol>
        </body></html>"""
    )
    problems = tree_problems(ax_tree(page))
    assert "link named only '[1]'" in problems and "link named only '↩'" in problems, problems


# --- Citations: targets a thumb can use, markers that stay with their word ----

CITATION_GEOMETRY = """(target) => {
  const problems = [];
  const where = (el) => el.textContent.trim() || el.getAttribute("href");
  const small = (el) => {
    const r = el.getBoundingClientRect();
    return r.width < target - 0.5 || r.height < target - 0.5 ? r : null;
  };
  for (const link of document.querySelectorAll("a.footnote-ref, a.footnote-backref")) {
    const r = small(link);
    if (r) problems.push(`${where(link)} is ${Math.round(r.width)}x${Math.round(r.height)} px`);
  }
  for (const sup of document.querySelectorAll("sup")) {
    const link = sup.querySelector("a.footnote-ref");
    if (!link) continue;
    const box = link.getBoundingClientRect();
    const next = sup.nextSibling;
    if (next && next.nodeName === "SUP" && next.querySelector("a.footnote-ref")) {
      const gap = next.querySelector("a").getBoundingClientRect().left - box.right;
      if (gap < 1) problems.push(`${where(link)} touches the next citation (gap ${gap} px)`);
    }
    // The word before: the last visible character of the text before the marker.
    let node = sup.previousSibling;
    while (node && node.nodeType === 1 && !node.textContent.trim()) node = node.previousSibling;
    if (!node) continue;
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    let text = node.nodeType === 3 ? node : null;
    while (walker.nextNode()) text = walker.currentNode;
    if (!text) continue;
    const end = text.data.trimEnd().length;
    if (!end || end < text.data.length) continue;  // a space before: not glued
    const range = document.createRange();
    range.setStart(text, end - 1);
    range.setEnd(text, end);
    const char = range.getBoundingClientRect();
    if (box.top >= char.bottom || box.bottom <= char.top || box.left < char.left) {
      problems.push(`${where(link)} wrapped onto a line away from the word before it`);
    }
  }
  return problems;
}"""


def citation_geometry_problems(page) -> list[str]:
    return page.evaluate(CITATION_GEOMETRY, TARGET)


@pytest.mark.parametrize("viewport", ["phone", "small-phone"])
def test_citations_are_targets_that_stay_with_their_words(server, open_page, viewport):
    """Every marker and back-link of /data/ and /opt-out/, in every language, is
    a 24 px target; clusters like [6][7] do not touch; no marker starts a
    line. Each marker and back-link says what it is, in the page's language."""
    size = PHONE if viewport == "phone" else SMALL_PHONE
    visit = open_page(CITING_PAGES[0], viewport=size)
    problems = []
    for path in CITING_PAGES:
        page = goto(visit, server, path)
        problems += [f"/{path}: {p}" for p in citation_geometry_problems(page)]
        ui = ui_strings(page.evaluate("document.documentElement.lang"))
        marker = ax_node(page, "a.footnote-ref")
        want = ui["citation_name"].format(1, "")
        if not marker["name"].replace("\u00a0", " ").startswith(want.replace("\u00a0", " ")):
            problems.append(f"/{path}: first marker is read {marker['name']!r}")
        back = ax_node(page, "a.footnote-backref")["name"]
        if back.replace("\u00a0", " ") != ui["citation_back"].format(1).replace("\u00a0", " "):
            problems.append(f"/{path}: first back-link is read {back!r}")
    assert not problems, "\n".join(problems)


def test_citation_geometry_check_fails_on_the_old_markup(open_page):
    """Material's footnotes as they were: small markers, [1][2] touching, an
    icon-sized back-link; and a marker made an inline-block, which Chromium
    puts on the next line whatever joins it to the word before."""
    visit = open_page("opt-out/", viewport=SMALL_PHONE)
    page = visit.page
    page.goto("about:blank")  # the site's CSP would drop the style attributes below
    page.set_content(
        """<html lang="fr"><body style="font: 16px sans-serif">
        <p style="width: 1px">Instagram.<sup>\u2060<a class="footnote-ref" href="#fn:a"
        style="display: inline-block">[1]</a></sup><sup><a class="footnote-ref" href="#fn:b"
        >[2]</a></sup> Suite.</p>
        <ol><li id="fn:a">Meta <a class="footnote-backref" href="#fnref:a"
        style="font-size: 12px">↩</a></li></ol></body></html>"""
    )
    problems = "\n".join(citation_geometry_problems(page))
    for expected in ("[1] is ", "↩ is ", "[1] touches the next", "[1] wrapped onto a line"):
        assert expected in problems, problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_theme_button_tells_the_scheme_it_shows(server, open_page, scheme):
    visit = open_page("opt-out/", viewport=DESKTOP, scheme=scheme)
    for lang in LANGUAGES:
        page = goto(visit, server, url_prefix(lang) + "opt-out/")
        assert not theme_problems(page), (lang, theme_problems(page))
    page.focus(".faq-theme__button")
    page.keyboard.press("Space")  # the other scheme, and the button says so
    assert not theme_problems(page), theme_problems(page)
    page.keyboard.press("Space")  # back to the system's: nothing stored
    assert not theme_problems(page), theme_problems(page)
    assert page.evaluate("__md_get('__palette')") is None


def test_theme_check_fails_when_the_state_is_wrong(open_page):
    visit = open_page("opt-out/", viewport=DESKTOP)
    page = visit.page
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    assert any("pressed=False, page dark=True" in p for p in theme_problems(page))
    page.evaluate("document.querySelector('.faq-theme__button').hidden = true")
    assert theme_problems(page) == ["no visible theme button"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_keyboard_focus_is_always_visible_and_uncovered(server, open_page, viewport):
    visit = open_page(PAGES[0], viewport=VIEWPORTS[viewport])
    problems = []
    for path in PAGES:
        page = goto(visit, server, path)
        problems += [f"/{path} [{viewport}]: {p}" for p in keyboard_problems(page)]
    assert not problems, "\n".join(problems)


def test_keyboard_reaches_the_menu_and_the_drawer_closes_behind_it(open_page):
    visit = open_page("en/opt-out/", viewport=PHONE)
    page = visit.page
    for _ in range(3):  # skip link, then the menu button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.faqToggle === '__drawer'"):
            break
    else:
        pytest.fail("the menu button is not among the first Tab stops")
    page.evaluate(FOCUS_WATCH)
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    page.wait_for_timeout(300)  # the drawer slides in
    assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
    assert page.evaluate("window.__focusCheck(document.activeElement)") is None
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.dataset.faqToggle") == "__drawer"
    assert page.evaluate("document.querySelector('.md-sidebar--primary').inert")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_search_results_are_named_links_and_search_closes_when_focus_leaves(
    server, open_page, viewport
):
    visit = open_page(PAGES[0], viewport=VIEWPORTS[viewport])
    # Every language on phones; the desktop layout is the same in each.
    for lang in LANGUAGES if viewport == "phone" else LANGUAGES[:1]:
        page = goto(visit, server, url_prefix(lang))
        button = page.locator('.md-header [data-faq-toggle="__search"]')
        if button.is_visible():  # phones: a button opens the dialog
            button.focus()
            page.keyboard.press("Enter")
        else:
            page.focus(".md-search__input")
        assert page.evaluate("document.getElementById('__search').checked")
        page.keyboard.type(SEARCH_QUERY)
        page.wait_for_selector(".md-search-result__list a", timeout=10_000)
        problems = search_problems(page)
        assert not problems, f"/{url_prefix(lang)} [{viewport}]: " + "\n".join(problems)
        page.focus(".md-search__input")
        page.keyboard.press("Shift+Tab")  # out of the dialog
        assert not page.evaluate("document.getElementById('__search').checked")
        assert not page.evaluate("!!document.activeElement.closest('.md-search')")


def search_problems(page) -> list[str]:
    """Each result is a link with a name; no heading inside the dialog."""
    count = page.evaluate("""() => {
        const links = document.querySelectorAll('.md-search-result__list a');
        links.forEach((a, i) => { a.dataset.axProbe = i; });
        return links.length;
    }""")
    problems = [] if count else ["no result link"]
    for i in range(count):
        node = ax_node(page, f'[data-ax-probe="{i}"]')
        if node["role"] != "link" or not node["name"]:
            problems.append(f"result {i + 1}: {node['role']} with no accessible name")
        elif node["name"].endswith(SYMBOLS):
            problems.append(f"result {i + 1}: name {node['name']!r} ends in a symbol")
    headings = page.locator(".md-search :is(h1, h2, h3, h4, h5, h6, [role=heading])").count()
    if headings:
        problems.append(f"{headings} headings inside the search dialog")
    return problems


def test_search_check_fails_on_the_old_result_markup(open_page):
    """Material's result markup (a link around an article and an h1): flagged."""
    visit = open_page("", viewport=DESKTOP)
    page = visit.page
    page.evaluate("""() => {
        document.getElementById('__search').checked = true;
        document.querySelector('.md-search__output').inert = false;
        document.querySelector('.md-search-result__list').innerHTML =
          '<li class="md-search-result__item"><a class="md-search-result__link" href="x">' +
          '<article class="md-search-result__article"><h1></h1><p></p></article></a></li>' +
          '<li><a href="y"><p>Comment m’opposer sur Instagram ?¶</p></a></li>';
    }""")
    problems = "\n".join(search_problems(page))
    assert "no accessible name" in problems and "headings inside" in problems, problems
    assert "ends in a symbol" in problems, problems


def test_keyboard_check_fails_on_hidden_covered_or_closed_elements(open_page):
    visit = open_page("opt-out/", viewport=PHONE)
    page = visit.page
    page.evaluate("""() => {
        const ghost = document.createElement('button');
        ghost.id = 'ghost'; ghost.textContent = 'x'; ghost.style.opacity = '0';
        document.querySelector('article').prepend(ghost);
        const link = document.querySelector('article p a');
        link.id = 'under';
        link.scrollIntoView({block: 'center'});
        const cover = document.createElement('div');
        const box = link.getBoundingClientRect();
        Object.assign(cover.style, {position: 'fixed', left: '0', top: box.top + 'px',
          width: '100%', height: box.height + 'px', background: 'white', zIndex: 5});
        cover.className = 'floating';
        document.body.append(cover);
        document.querySelector('.md-sidebar--primary').inert = false;
        document.querySelector('.md-search').inert = false;
        document.querySelector('.md-search__output').inert = false;
    }""")
    assert "invisible" in (focus_problem(page, "#ghost") or "")
    assert "covered by div.floating" in (focus_problem(page, "#under") or "")
    assert "closed drawer" in (focus_problem(page, ".md-sidebar--primary a[href]") or "")
    assert "closed search" in (focus_problem(page, ".md-search__scrollwrap") or "")
    # The walk reports what it meets: on a fresh page, an opacity-0 button
    # put first in the article is reached a few Tab presses after the header.
    page.reload()
    page.evaluate("""() => {
        const ghost = document.createElement('button');
        ghost.textContent = 'x'; ghost.style.opacity = '0';
        document.querySelector('article').prepend(ghost);
    }""")
    assert any("invisible" in p for p in keyboard_problems(page, forward=8, back=0))


def test_sticky_header_covering_focus_is_caught(open_page):
    """A link scrolled under the sticky header (as if the page did not make room): flagged."""
    visit = open_page("opt-out/", viewport=PHONE)
    page = visit.page
    page.evaluate(FOCUS_WATCH)
    problem = page.evaluate("""() => {
        const link = document.querySelector('article p a');
        window.scrollTo(0, link.getBoundingClientRect().top + scrollY - 10);
        return window.__focusCheck(link);
    }""")
    assert problem and "covered by header" in problem, problem


def test_walk_catches_focus_left_under_the_header_or_back_to_top(open_page):
    """Without site.js (a11y section)'s scroll correction, Shift+Tab up the page leaves focus
    under the sticky header and under "back to top": the walk says so."""
    visit = open_page("opt-out/", viewport=PHONE)
    visit.page.context.add_init_script("window.scrollBy = () => {};")
    visit.page.reload()
    problems = "\n".join(keyboard_problems(visit.page, forward=0, back=60))
    assert "covered by header" in problems and "covered by button.md-top" in problems, problems


# --- Titles ------------------------------------------------------------------


def title_problems(titles: dict[str, str]) -> list[str]:
    """Pages (by file) that share a title with another page."""
    counts = Counter(titles.values())
    return [
        f"{rel}: title {title!r} is also used by another page"
        for rel, title in sorted(titles.items())
        if counts[title] > 1 or not title
    ]


def page_titles(site) -> dict[str, str]:
    return {
        page.rel: " ".join(re.sub(r"\s+", " ", page.tree.findtext(".//title") or "").split())
        for page in site.html_pages()
    }


def test_every_page_has_its_own_title(site):
    titles = page_titles(site)
    assert len(titles) > len(PAGES)
    problems = title_problems(titles)
    assert not problems, "\n".join(problems)


def test_title_check_fails_on_a_duplicate(site):
    titles = page_titles(site)
    titles["404.html"] = titles["index.html"]  # the 404 as it was
    problems = title_problems(titles)
    assert any(p.startswith("404.html: title") for p in problems), problems
    assert any(p.startswith("index.html: title") for p in problems), problems
