"""Social cards: every question fits its card whole, and the cards are what previews need.

The text boxes and fonts come from the card layout itself (read through the
plugin's cards module, which also runs in every build); the same layout
draws the card, and a test checks it draws what was measured.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml
from conftest import LANGUAGES, PROJECT_ROOT, STRUCTURE, ui_strings, url_prefix
from PIL import Image, ImageDraw
from test_editor_mistakes import line_of

from faq_plugin import cards as social_cards
from faq_plugin import verdicts
from faq_plugin.checks import howto_problems
from faq_plugin.context import BuildContext
from faq_plugin.source import PageSpec
from faq_plugin.typography import fix_french, french_spacing

CARD_SIZE = (1200, 630)
MAX_CARD_BYTES = 300 * 1024
IMAGE_TAGS = {
    "og:image",
    "og:image:type",
    "og:image:width",
    "og:image:height",
    "og:image:alt",
    "twitter:image",
    "twitter:image:alt",
}


def card_options() -> dict:
    """The faq plugin's `cards` options in mkdocs.yml."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((PROJECT_ROOT / "mkdocs.yml").read_text(), Loader=Loader)
    return next(p["faq"] for p in config["plugins"] if isinstance(p, dict) and "faq" in p)["cards"]


LAYOUT_FILE = PROJECT_ROOT / card_options()["layout"]
FONTS_DIR = PROJECT_ROOT / card_options()["fonts_dir"]
LAYOUT = social_cards.load_layout(LAYOUT_FILE, FONTS_DIR, "overrides/layouts/faq-card.yml")
CONTEXT = BuildContext.load(PROJECT_ROOT, PROJECT_ROOT / "docs", LANGUAGES)


def all_cards() -> list[social_cards.CardSource]:
    cards = []
    for lang in LANGUAGES:
        for spec in STRUCTURE:
            cards += social_cards.card_sources(
                CONTEXT.page(lang, spec.file), spec, CONTEXT.verdicts
            )
    return cards


def test_every_question_and_page_title_fits_its_card():
    """Measured with the layout's fonts and boxes: no title needs to get smaller
    than the card's text, no description is cut."""
    cards = all_cards()
    # One card per page and per question, in every language.
    assert len(cards) == len(LANGUAGES) * sum(1 + len(spec.questions) for spec in STRUCTURE)
    problems = social_cards.fit_problems(cards, LAYOUT)
    assert not problems, "\n".join(problems)


def test_the_smallest_title_is_still_readable_in_a_feed():
    # Feeds show the 1200-pixel card about 500 pixels wide.
    scale = 500 / CARD_SIZE[0]
    assert LAYOUT.smallest_title_size * scale >= 18, LAYOUT.smallest_title_size
    assert LAYOUT.title_box.font.name == "Bold.ttf"
    assert LAYOUT.description_box.font.name == "Regular.ttf"


def test_a_question_too_long_for_its_card_is_reported_with_file_and_line():
    question = "Pourquoi " * 40 + "?"
    cards = [
        social_cards.CardSource(
            "question", question, "docs/fr/fake.md:12", "answer", "Oui.", "docs/fr/fake.md:14"
        ),
        social_cards.CardSource(
            "question", "Court ?", "docs/fr/fake.md:20", "answer's first sentence",
            "Oui " * 80, "docs/fr/fake.md:22",
        ),
    ]  # fmt: skip
    problems = social_cards.fit_problems(cards, LAYOUT)
    assert len(problems) == 2, problems
    assert problems[0].startswith("docs/fr/fake.md:12: question too long for its social card")
    assert question in problems[0]
    assert problems[1].startswith("docs/fr/fake.md:22: answer's first sentence too long")
    # The same cards with an ordinary question and answer pass.
    cards[0].title, cards[1].description = "Puis-je m’opposer ?", "Oui."
    assert social_cards.fit_problems(cards, LAYOUT) == []


def test_build_stops_on_a_question_too_long_for_its_card(broken_project):
    long_question = "How do I object on Instagram " + "and on every other Meta app " * 8 + "?"
    where = {}

    def lengthen(root: Path):
        page = root / "docs" / LANGUAGES[-1] / "opt-out.md"
        where["line"] = line_of(page, "{#instagram}")
        text = page.read_text(encoding="utf-8")
        page.write_text(
            re.sub(r"(?m)^## .* \{#instagram\}$", f"## {long_question} {{#instagram}}", text),
            encoding="utf-8",
        )

    result = broken_project(lengthen)
    assert result.returncode != 0, "the build accepted a question too long for its card"
    expected = (
        f"docs/{LANGUAGES[-1]}/opt-out.md:{where['line']}: question too long for its social "
        f"card even at the smallest title size ({LAYOUT.smallest_title_size}px): "
        f"«{long_question}»"
    )
    assert expected in result.stderr, result.stderr[-3000:]


def test_how_to_ids_must_be_questions_of_their_page():
    assert howto_problems(STRUCTURE) == []
    broken = [PageSpec("opt-out.md", ["instagram"], howto=["instagram", "tiktok"])]
    assert howto_problems(broken) == [
        "data/faq.yml: howto 'tiktok' of opt-out.md is not one of its questions"
    ]


def test_punctuation_never_starts_a_line_of_a_card():
    words = ["Que", "puis-je", "faire", "?"]
    assert social_cards.bind_leading_punctuation(words, [words[:3], words[3:]]) == [
        "Que",
        "puis-je",
        "faire\u2060?",
    ]
    assert social_cards.bind_leading_punctuation(words, [words]) is None
    # A title that would end on a lone "?" line keeps it with its last word.
    box = LAYOUT.title_box
    size = box.font_size(box.lines)
    filler = "mot"
    while box.lines_needed([filler, "?"], size) < 2:
        filler += "x"
    text, lines = LAYOUT.title(f"{filler} ?")
    assert text == f"{filler}\u2060?" and lines is not None


# --- What is checked is what is drawn ------------------------------------------


def drawn_text(monkeypatch, card: dict) -> dict[int, tuple[str, int]]:
    """What draw_card writes, by the top of its box: (text, font size)."""
    drawn = {}
    original = ImageDraw.ImageDraw.multiline_text

    def record(self, xy, text, *args, **kwargs):
        drawn[round(xy[1])] = (text, kwargs["font"].size)
        return original(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "multiline_text", record)
    image = social_cards.draw_card(LAYOUT, card, "Site & co")
    monkeypatch.undo()
    assert image.size == CARD_SIZE
    return drawn


def test_cards_are_drawn_as_they_were_measured(monkeypatch):
    """The title at the size and in the lines the check found; the description whole."""
    ui = ui_strings(LANGUAGES[0])
    title_box, description_box = LAYOUT.title_box, LAYOUT.description_box
    title_at = title_box.top + (title_box.height >> 1)
    for card in all_cards()[::7]:  # a sample: every kind of title and answer length
        text = social_cards.card_text(LAYOUT, ui, "question", card.title, card.description)
        drawn = drawn_text(monkeypatch, text)
        title, lines = LAYOUT.title(card.title)
        assert drawn[title_at][1] == title_box.font_size(lines), card.title_at
        assert drawn[title_at][0].split() == title.split(), card.title_at
        assert len(drawn[title_at][0].splitlines()) <= lines, card.title_at
        description, needed = LAYOUT.description(card.description)
        text, size = drawn[description_box.top]
        assert text.split() == description.split(), card.description_at
        assert len(text.splitlines()) == needed <= description_box.lines, card.description_at
        assert size == description_box.font_size(description_box.lines)


def test_built_pages_carry_only_the_cards_image_tags_escaped(site):
    """The head's card tags: one of each, escaped once, naming the page."""
    for lang in LANGUAGES:
        page = site.faq_page(lang, "sources.md")
        tags = {
            m.get("property") or m.get("name"): m.get("content")
            for m in page.tree.iter("meta")
            if "image" in (m.get("property") or m.get("name") or "")
        }
        assert set(tags) == IMAGE_TAGS, page.rel
        assert tags["og:image"] == tags["twitter:image"], page.rel
        assert tags["og:image:alt"] == tags["twitter:image:alt"], page.rel
        label = ui_strings(lang)["card_alt"]
        label = fix_french(label) if french_spacing(lang) else label  # as the page pass writes it
        assert tags["og:image:alt"].startswith(label + " "), page.rel
        assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
        raw = page.html[page.html.index('property="og:image:alt"') :].split(">", 1)[0]
        assert not re.search(r"&(?!amp;|quot;|lt;|gt;|#)|<", raw), raw


# --- The built cards ------------------------------------------------------------


def card_of(site, page) -> Path:
    """The page's card: the file its og:image points to."""
    url = page.tree.cssselect('meta[property="og:image"]')[0].get("content")
    assert url.startswith(site.url), url
    return site.root / url.removeprefix(site.url)


def test_every_built_card_is_a_1200x630_png_under_300_kb(site):
    pages = [p for p in site.html_pages() if p.rel != "404.html"]
    problems = []
    for page in pages:
        card = card_of(site, page)
        if not card.is_file():
            problems.append(f"{page.rel}: no card {card.relative_to(site.root)}")
            continue
        with Image.open(card) as image:
            if image.format != "PNG" or image.size != CARD_SIZE:
                problems.append(f"{card.relative_to(site.root)}: {image.format} {image.size}")
        if card.stat().st_size >= MAX_CARD_BYTES:
            problems.append(f"{card.relative_to(site.root)}: {card.stat().st_size} bytes")
    assert not problems, "\n".join(problems)
    cards = list((site.root / "assets" / "images" / "social").rglob("*.png"))
    assert len(cards) == len(pages), "a card without its page, or the other way round"


def band_colour(site, lang: str, path: str):
    with Image.open(site.root / "assets/images/social" / f"{url_prefix(lang)}{path}.png") as image:
        return image.convert("RGB").getpixel((8, 8))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_how_to_and_rumour_cards_look_different(site, lang):
    """Each kind of question card (data/faq.yml: `howto:`, a page's `kind:`) has its own band."""
    howto = {qid for spec in STRUCTURE for qid in spec.howto}
    kinds: dict[str, set[str]] = {}
    for spec in STRUCTURE:
        for qid in spec.questions:
            kind = "howto" if qid in howto else spec.kind
            kinds.setdefault(kind, set()).add(band_colour(site, lang, f"q/{qid}"))
    assert {"howto", "question", "rumour"} <= set(kinds), kinds
    assert all(len(bands) == 1 for bands in kinds.values()), kinds
    assert len({next(iter(bands)) for bands in kinds.values()}) == len(kinds), kinds


# --- Rumours lead with their verdict --------------------------------------------


def test_a_rumour_card_draws_its_verdict_first_and_largest(monkeypatch):
    """Below the band, the verdict comes first and in the largest type, on its
    colour; the claim comes after it, smaller; the answer last."""
    rumours = [card for card in all_cards() if card.kind == "rumour"]
    assert rumours and all(card.verdict for card in rumours)
    band = json_design()["band"]["height"]
    for card in rumours[:: max(1, len(rumours) // 4)]:
        lang = card.title_at.split("/")[1]
        split = verdicts.split(f"{card.verdict}: {card.title}", lang, CONTEXT.verdicts)
        text = social_cards.card_text(
            LAYOUT, ui_strings(lang), "rumour", card.title, card.description, split
        )
        drawn = drawn_text(monkeypatch, text)
        below = sorted((top, what) for top, what in drawn.items() if top > band)
        assert below[0][1][0] == card.verdict, (card.title_at, below)
        verdict_size = below[0][1][1]
        assert all(size < verdict_size for _, (_, size) in below[1:]), (card.title_at, below)
        assert [what.split() for _, (what, _) in below[1:2]] == [
            LAYOUT.for_rumour().title(card.title)[0].split()
        ], card.title_at


def json_design() -> dict:
    import json

    return {key: json.loads(value) for key, value in LAYOUT.design}


def test_a_layout_where_the_rumour_outsizes_its_verdict_is_reported():
    small = dataclasses.replace(
        LAYOUT, verdict_box=dataclasses.replace(LAYOUT.verdict_box, height=40)
    )
    card = social_cards.CardSource(
        "question", "“A rumour”", "docs/en/fake.md:7", "answer's first sentence", "No.",
        "docs/en/fake.md:9", "rumour", "False",
    )  # fmt: skip
    problems = social_cards.fit_problems([card], small)
    assert len(problems) == 1 and problems[0].startswith(
        "docs/en/fake.md:7: the verdict «False» would not be the largest text"
    ), problems
    assert social_cards.fit_problems([card], LAYOUT) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_built_rumour_cards_show_their_verdict_colour(site, lang):
    """The verdict's label is drawn in its colour (data/faq.yml id -> layout colour)."""
    colours = json_design()["verdicts"]
    box = LAYOUT.verdict_box
    spec = next(spec for spec in STRUCTURE if spec.kind == "rumour")
    page = CONTEXT.page(lang, spec.file)
    for question in page.questions:
        key = verdicts.split(question.title, lang, CONTEXT.verdicts)[0]
        path = site.root / "assets/images/social" / f"{url_prefix(lang)}q/{question.id}.png"
        with Image.open(path) as image:
            pixel = image.convert("RGB").getpixel((box.left + 4, box.top))
        fill = colours[key]["fill"]
        assert pixel == tuple(int(fill[i : i + 2], 16) for i in (1, 3, 5)), (path, pixel, fill)
