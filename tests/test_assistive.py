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


def sampled(viewport: str) -> list[str]:
    """The languages a check walks in one viewport: the default in every
    viewport, each other language in one of them (every language is walked;
    they share the templates, and a walk of a long page is slow)."""
    others = LANGUAGES[1:]
    return [DEFAULT_LANGUAGE, *others[list(VIEWPORTS).index(viewport) % 2 :: 2]]


def pages(viewport: str) -> list[str]:
    """The home page, /opt-out/ (in the sampled languages), a how-to share
    page (one template) and the 404 page."""
    return [
        url_prefix(DEFAULT_LANGUAGE),
        *(url_prefix(lang) + "opt-out/" for lang in sampled(viewport)),
        url_prefix(sampled(viewport)[-1]) + f"q/{QUESTION}/",
        NOT_FOUND,
    ]


PAGES = pages("phone")
NAMED_ROLES = {"link", "button", "image", "img"}
SYMBOLS = ("¶", "#", "§")
# A link a screen reader would read as "[1]" or "left-hooked arrow": a bare
# citation number or a back-link sign (issue 17).
BARE_LINK = re.compile(r"^(\[?\d+\]?|[↩↑^]+)$")
CITING_PAGES = {
    viewport: [url_prefix(lang) + page for lang in sampled(key) for page in ("data/", "opt-out/")]
    for viewport, key in (("phone", "phone"), ("small-phone", "desktop"))
}
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
    for path in pages(viewport):
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
    """Every marker and back-link of /data/ and /opt-out/ (every language, each
    in one of the two sizes, the default in both) is
    a 24 px target; clusters like [6][7] do not touch; no marker starts a
    line. Each marker and back-link says what it is, in the page's language."""
    size = PHONE if viewport == "phone" else SMALL_PHONE
    visit = open_page(CITING_PAGES[viewport][0], viewport=size)
    problems = []
    for path in CITING_PAGES[viewport]:
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
    for path in pages(viewport):
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


def test_walk_catches_focus_left_under_the_header(open_page):
    """Without site.js (a11y section)'s scroll correction, Shift+Tab up the page leaves focus
    under the sticky header: the walk says so."""
    visit = open_page("opt-out/", viewport=PHONE)
    visit.page.add_init_script("window.scrollBy = () => {};")
    visit.page.reload()
    problems = "\n".join(keyboard_problems(visit.page, forward=0, back=60))
    assert "covered by header" in problems, problems


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


# --- Navigation and controls -------------------------------------------------

MAX_NAVIGATION_LANDMARKS = 6  # on /opt-out/, the longest page
QUIET_PAGES = ["updates/", NOT_FOUND]  # no questions: no table of contents
NARROW = {"width": 320, "height": 640}
# WCAG 1.4.12's text spacing, as a reader's style sheet would apply it.
TEXT_SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
    " word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"
)


def landmark_problems(page) -> list[str]:
    """At most six navigation landmarks, none empty, none per question."""
    navigation = [n["name"] for n in ax_tree(page) if n["role"] == "navigation"]
    problems = []
    if len(navigation) > MAX_NAVIGATION_LANDMARKS:
        problems.append(
            f"{len(navigation)} navigation landmarks (at most {MAX_NAVIGATION_LANDMARKS}): "
            + ", ".join(repr(name) for name in navigation)
        )
    problems += page.evaluate("""() => {
        const found = [];
        const shown = (el) => el.checkVisibility() && !el.closest('[inert]');
        document.querySelectorAll('nav, [role=navigation]').forEach((nav) => {
          if (shown(nav) && !nav.querySelector('a[href], button'))
            found.push('empty navigation landmark ' +
              JSON.stringify(nav.getAttribute('aria-label') || ''));
        });
        document.querySelectorAll('.faq-share--question').forEach((control) => {
          const landmark = control.closest(
            'nav, aside, section[aria-label], section[aria-labelledby], [role=navigation], ' +
            '[role=region]');
          if (landmark && landmark.closest('article')) found.push(
            "a question's share control is a landmark: " + landmark.tagName.toLowerCase());
        });
        return [...new Set(found)];
    }""")
    return problems


def drawer_problems(page) -> dict:
    """Open the phone drawer with its button and Tab through it: the button is a real
    button that says it is open; focus never reaches the table-of-contents panel; the
    drawer never slides sideways (onto a blank panel)."""
    return page.evaluate(
        """async () => {
        const problems = [];
        const opener = document.querySelector('.md-header [data-faq-toggle="__drawer"]');
        if (!opener || opener.tagName !== 'BUTTON')
          problems.push('the menu opener is not a button');
        if (!opener) return {problems, left: 0};
        opener.focus();
        opener.click();
        await new Promise((r) => setTimeout(r, 300));
        if (opener.getAttribute('aria-expanded') !== 'true')
          problems.push('the menu button does not say it is open (aria-expanded)');
        const drawer = document.querySelector('.md-sidebar--primary');
        const nav = drawer.querySelector('.md-nav--primary');
        const left = nav.getBoundingClientRect().left;
        return {problems, left};
    }"""
    )


def walk_drawer(page, presses: int = 14) -> list[str]:
    start = drawer_problems(page)
    problems = list(start["problems"])
    for _ in range(presses):
        page.keyboard.press("Tab")
        page.wait_for_timeout(30)
        problem = page.evaluate(
            """(left) => {
            const el = document.activeElement;
            const drawer = document.querySelector('.md-sidebar--primary');
            if (!drawer.contains(el)) return null;
            if (el.closest('.md-nav--secondary'))
              return 'Tab reaches the table-of-contents panel in the drawer: ' +
                (el.textContent || '').trim().slice(0, 40);
            const nav = drawer.querySelector('.md-nav--primary');
            const wrap = drawer.querySelector('.md-sidebar__scrollwrap');
            if (Math.abs(nav.getBoundingClientRect().left - left) > 1 || wrap.scrollLeft)
              return 'the drawer slid sideways';
            return null;
        }""",
            start["left"],
        )
        if problem:
            problems.append(problem)
        if not page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"):
            break
    return list(dict.fromkeys(problems))


def current_page_problems(page) -> list[str]:
    """The desktop sidebar marks the current page with aria-current and a
    difference other than colour (weight or underline)."""
    return page.evaluate("""() => {
        const nav = document.querySelector('.md-sidebar--primary .md-nav--primary');
        const current = [...nav.querySelectorAll('a[aria-current="page"]')];
        if (current.length !== 1)
          return [current.length + ' links with aria-current="page" in the site navigation'];
        const other = [...nav.querySelectorAll('.md-nav__list a.md-nav__link')]
          .find((a) => !a.hasAttribute('aria-current') && a.checkVisibility());
        const look = (el) => { const s = getComputedStyle(el);
          return [Number(s.fontWeight) >= 600, s.textDecorationLine, s.boxShadow].join('|'); };
        if (other && look(current[0]) === look(other))
          return ['the current page differs from the other links by colour alone'];
        return [];
    }""")


def language_hover_problems(page) -> list[str]:
    """Hovering the language button does not show the menu behind the screen
    reader's back: it stays closed (aria-expanded false) and hidden."""
    page.mouse.move(0, 400)
    page.hover(".md-header .faq-lang__button")
    page.wait_for_timeout(300)
    expanded = page.get_attribute(".md-header .faq-lang__button", "aria-expanded")
    shown = page.locator(".md-header a.md-select__link").first.is_visible()
    page.mouse.move(0, 400)
    if shown and expanded != "true":
        return ["the language menu opens on hover while its button says it is closed"]
    return []


def search_escape_problems(page) -> list[str]:
    """Desktop: Escape in the search field closes the search and leaves focus on the field."""
    page.focus(".md-search__input")
    page.keyboard.type(SEARCH_QUERY)
    page.keyboard.press("Escape")
    page.wait_for_timeout(100)
    problems = []
    if page.evaluate("document.getElementById('__search').checked"):
        problems.append("Escape does not close the search")
    focused = page.evaluate("document.activeElement.className || document.activeElement.tagName")
    if "md-search__input" not in focused:
        problems.append(f"Escape leaves focus on {focused!r}, not on the search field")
    page.fill(".md-search__input", "")
    return problems


def back_to_top_problems(page) -> list[str]:
    """Scrolled half-way and back up a little (when Material's floating button
    used to appear): nothing fixed but the header lies over the article's
    text; "back to top" is one short line at the end, named."""
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    page.wait_for_timeout(100)
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(400)
    return page.evaluate("""() => {
        const problems = [];
        const article = document.querySelector('article').getBoundingClientRect();
        for (const el of document.body.querySelectorAll('*')) {
          const position = getComputedStyle(el).position;
          if (position !== 'fixed' && position !== 'sticky') continue;
          const seen = el.checkVisibility({opacityProperty: true, visibilityProperty: true});
          if (el.closest('header, .md-sidebar, .md-search, .md-dialog') || !seen) continue;
          const r = el.getBoundingClientRect();
          if (r.width < 1 || r.height < 1 || r.bottom <= 0 || r.top >= innerHeight) continue;
          if (r.left < article.right && r.right > article.left && r.top < innerHeight)
            problems.push('a floating ' + el.tagName.toLowerCase() + '.' +
              String(el.className).trim().split(/\\s+/).join('.') + ' covers the text');
        }
        const top = [...document.querySelectorAll('article a[href="#top"]')];
        if (top.length !== 1) problems.push(top.length + ' "back to top" links (want 1)');
        else {
          const link = top[0];
          const lines = link.getClientRects().length;
          if (!link.textContent.trim()) problems.push('"back to top" has no name');
          if (lines > 1) problems.push('"back to top" wraps onto ' + lines + ' lines');
        }
        return problems;
    }""")


def header_title_problems(page) -> list[str]:
    """The short site name fits in the header: no line cut off at the top or
    bottom, no overlap with the menu or language buttons, nothing spilled sideways."""
    return page.evaluate("""() => {
        const title = document.querySelector('.md-header__topic .faq-title--short');
        const t = title.getBoundingClientRect();
        const header = document.querySelector('.md-header').getBoundingClientRect();
        const problems = [];
        if (t.top < header.top - 0.5 || t.bottom > header.bottom + 0.5)
          problems.push('the header title spills out of the header (' + Math.round(t.top) +
            '..' + Math.round(t.bottom) + ' in ' + Math.round(header.top) + '..' +
            Math.round(header.bottom) + ')');
        if (title.scrollWidth > title.clientWidth + 1)
          problems.push('the header title is cut off sideways');
        for (const sel of ['[data-faq-toggle="__drawer"]', '.faq-lang__button']) {
          const b = document.querySelector('.md-header ' + sel).getBoundingClientRect();
          if (b.left < t.right && b.right > t.left && b.top < t.bottom && b.bottom > t.top)
            problems.push('the header title overlaps ' + sel);
        }
        return problems;
    }""")


def test_landmarks_are_few_and_never_empty(server, open_page):
    problems = []
    for name, viewport in VIEWPORTS.items():
        visit = open_page("opt-out/", viewport=viewport)
        # Pages without questions have no table of contents: a desktop's sidebar.
        quiet = QUIET_PAGES if name == "desktop" else []
        for path in [url_prefix(lang) + "opt-out/" for lang in sampled(name)] + quiet:
            page = goto(visit, server, path)
            if name == "phone" and path.endswith("opt-out/"):
                page.click('.md-header [data-faq-toggle="__drawer"]')  # the drawer open
                page.wait_for_timeout(300)
            problems += [f"/{path} [{name}]: {p}" for p in landmark_problems(page)]
    assert not problems, "\n".join(problems)


def test_landmark_check_fails_on_a_landmark_per_question_and_an_empty_toc(open_page):
    visit = open_page("opt-out/", viewport=DESKTOP)
    page = visit.page
    page.evaluate("""() => {
        document.querySelectorAll('.faq-share--question').forEach((div) => {
          const nav = document.createElement('nav');
          nav.setAttribute('aria-label', 'Partager cette question');
          div.replaceWith(nav); nav.append(div);
        });
        const toc = document.createElement('nav');
        toc.setAttribute('aria-label', 'Table des matières');
        toc.textContent = ' ';
        document.querySelector('.md-sidebar--secondary .md-sidebar__inner').append(toc);
    }""")
    problems = "\n".join(landmark_problems(page))
    assert "navigation landmarks (at most 6)" in problems, problems
    assert "a question's share control is a landmark: nav" in problems, problems
    assert 'empty navigation landmark "Table des matières"' in problems, problems


def test_phone_drawer_skips_the_table_of_contents_and_stays_put(server, open_page):
    visit = open_page("opt-out/", viewport=PHONE)
    problems = []
    for lang in sampled("phone"):  # behaviour, not words: the default and one more
        page = goto(visit, server, url_prefix(lang) + "opt-out/")
        problems += [f"{lang}: {p}" for p in walk_drawer(page)]
    assert not problems, "\n".join(problems)


def test_drawer_check_fails_when_the_toc_panel_is_reachable(open_page):
    """Material's drawer as it was: the page's table of contents inside it, a
    Tab stop; then an opener that is not a button."""
    visit = open_page("opt-out/", viewport=PHONE)
    page = visit.page
    page.evaluate("""() => {
        const label = document.querySelector('.md-nav--primary .md-nav__link[for="__toc"]');
        label.style.display = 'flex';
        label.parentElement.querySelector('.md-nav--secondary').style.display = 'flex';
    }""")
    problems = "\n".join(walk_drawer(page, presses=30))
    assert "Tab reaches the table-of-contents panel" in problems, problems
    page.reload()
    page.evaluate("""() => {
        const opener = document.querySelector('[data-faq-toggle="__drawer"]');
        const div = document.createElement('div');
        div.dataset.faqToggle = '__drawer';
        div.addEventListener('click', () => document.getElementById('__drawer').click());
        opener.replaceWith(div);
    }""")
    problems = "\n".join(drawer_problems(page)["problems"])
    assert "the menu opener is not a button" in problems, problems
    assert "aria-expanded" in problems, problems


def test_desktop_sidebar_language_menu_and_search_escape(server, open_page):
    visit = open_page("opt-out/", viewport=DESKTOP)
    problems = []
    for lang in sampled("desktop"):  # behaviour, not words: the default and one more
        page = goto(visit, server, url_prefix(lang) + "opt-out/")
        found = current_page_problems(page) + language_hover_problems(page)
        found += search_escape_problems(page)
        problems += [f"{lang}: {p}" for p in found]
    assert not problems, "\n".join(problems)


def test_sidebar_menu_and_search_checks_fail_on_the_old_behaviour(open_page):
    visit = open_page("opt-out/", viewport=DESKTOP)
    page = visit.page
    # Material's marking (a colour only), and a menu shown on hover.
    page.evaluate("""() => {
        document.querySelectorAll('[aria-current="page"]').forEach((a) => {
          a.removeAttribute('aria-current'); a.style.fontWeight = '400';
          a.style.textDecoration = 'none';
        });
        const menu = document.querySelector('.md-header .faq-lang');
        const inner = menu.querySelector('.md-select__inner');
        menu.addEventListener('mouseenter', () => Object.assign(inner.style,
          {visibility: 'visible', opacity: '1', maxHeight: '10rem'}));
    }""")
    assert current_page_problems(page) == [
        '0 links with aria-current="page" in the site navigation'
    ]
    assert language_hover_problems(page) == [
        "the language menu opens on hover while its button says it is closed"
    ]
    # Escape without the refocus: focus drops to the page.
    page.add_init_script(
        "document.addEventListener('keydown', (e) => { if (e.key === 'Escape')"
        " setTimeout(() => document.activeElement.blur()); }, true);"
    )
    page.reload()
    problems = "\n".join(search_escape_problems(page))
    assert "not on the search field" in problems, problems


def test_back_to_top_and_header_title_at_320_px_with_text_spacing(server, open_page):
    visit = open_page("opt-out/", viewport=NARROW, bypass_csp=True)
    problems = []
    for lang in LANGUAGES:
        page = goto(visit, server, url_prefix(lang) + "opt-out/")
        problems += [f"{lang}: {p}" for p in back_to_top_problems(page)]
        page.add_style_tag(content=TEXT_SPACING)
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(300)
        problems += [f"{lang} (text spacing): {p}" for p in header_title_problems(page)]
    assert not problems, "\n".join(problems)


def test_back_to_top_and_title_checks_fail_on_the_old_look(open_page):
    """Material's floating "back to top" over the text; a site name too big for 320 px."""
    visit = open_page("opt-out/", viewport=NARROW, bypass_csp=True)
    page = visit.page
    page.evaluate("""() => {
        const button = document.createElement('button');
        button.className = 'md-top'; button.textContent = 'Retour en haut de la page';
        Object.assign(button.style, {position: 'fixed', top: '3.4rem', left: '30%'});
        document.body.append(button);
        document.querySelector('article a[href="#top"]').remove();
    }""")
    problems = "\n".join(back_to_top_problems(page))
    assert "a floating button.md-top covers the text" in problems, problems
    assert '0 "back to top" links' in problems, problems
    page.add_style_tag(content=TEXT_SPACING + " .faq-title--short { font-size: 1rem !important }")
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(300)
    problems = "\n".join(header_title_problems(page))
    assert "spills out of the header" in problems, problems
