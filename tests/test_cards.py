"""Social cards: every question fits its card whole, and the cards are what previews need.

The text boxes and fonts come from the card layout itself (read through the
card_fit hook, which also runs in every build); a test checks the hook lays
text out exactly as Material's social plugin draws it.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from types import SimpleNamespace

import card_fit
import pytest
import yaml
from conftest import LANGUAGES, PROJECT_ROOT, STRUCTURE, url_prefix
from faq_source import PageSpec
from faq_templates import ui_strings
from jinja2.sandbox import SandboxedEnvironment
from PIL import Image, ImageDraw
from test_editor_mistakes import edit, line_of

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


def social_options() -> dict:
    """The social plugin's options in mkdocs.yml."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((PROJECT_ROOT / "mkdocs.yml").read_text(), Loader=Loader)
    return next(p["social"] for p in config["plugins"] if isinstance(p, dict) and "social" in p)


OPTIONS = social_options()
LAYOUT_FILE = PROJECT_ROOT / OPTIONS["cards_layout_dir"] / f"{OPTIONS['cards_layout']}.yml"
LAYOUT = card_fit.load_layout(LAYOUT_FILE, OPTIONS["cards_layout_options"])


def all_cards() -> list[card_fit.CardSource]:
    cards = []
    for lang in LANGUAGES:
        for spec in STRUCTURE:
            path = PROJECT_ROOT / "docs" / lang / spec.file
            cards += card_fit.card_sources(path, path.relative_to(PROJECT_ROOT).as_posix())
    return cards


def test_every_question_and_page_title_fits_its_card():
    """Measured with the layout's fonts and boxes: no title needs to get smaller
    than the card's text, no description is cut."""
    cards = all_cards()
    # One card per page and per question, in every language.
    assert len(cards) == len(LANGUAGES) * sum(1 + len(spec.questions) for spec in STRUCTURE)
    problems = card_fit.fit_problems(cards, LAYOUT)
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
        card_fit.CardSource(
            "question", question, "docs/fr/fake.md:12", "answer", "Oui.", "docs/fr/fake.md:14"
        ),
        card_fit.CardSource(
            "question", "Court ?", "docs/fr/fake.md:20", "answer's first sentence",
            "Oui " * 80, "docs/fr/fake.md:22",
        ),
    ]  # fmt: skip
    problems = card_fit.fit_problems(cards, LAYOUT)
    assert len(problems) == 2, problems
    assert problems[0].startswith("docs/fr/fake.md:12: question too long for its social card")
    assert question in problems[0]
    assert problems[1].startswith("docs/fr/fake.md:22: answer's first sentence too long")
    # The same cards with an ordinary question and answer pass.
    cards[0].title, cards[1].description = "Puis-je m’opposer ?", "Oui."
    assert card_fit.fit_problems(cards, LAYOUT) == []


def test_build_stops_on_a_question_too_long_for_its_card(broken_project):
    long_question = "How do I object on Instagram " + "and on every other Meta app " * 8 + "?"
    where = {}

    def lengthen(root: Path):
        page = root / "docs" / LANGUAGES[-1] / "opt-out.md"
        where["line"] = line_of(page, "{#instagram}")
        edit(page, "How do I object on Instagram? {#instagram}", f"{long_question} {{#instagram}}")

    result = broken_project(lengthen)
    assert result.returncode != 0, "the build accepted a question too long for its card"
    expected = (
        f"docs/{LANGUAGES[-1]}/opt-out.md:{where['line']}: question too long for its social "
        f"card even at the smallest title size ({LAYOUT.smallest_title_size}px): "
        f"«{long_question}»"
    )
    assert expected in result.stderr, result.stderr[-3000:]


def test_how_to_ids_must_be_questions_of_their_page():
    assert card_fit.howto_problems(STRUCTURE) == []
    broken = [PageSpec("opt-out.md", ["instagram"], howto=["instagram", "tiktok"])]
    assert card_fit.howto_problems(broken) == [
        "data/faq.yml: howto 'tiktok' of opt-out.md is not one of its questions"
    ]


def test_punctuation_never_starts_a_line_of_a_card():
    words = ["Que", "puis-je", "faire", "?"]
    assert card_fit.bind_leading_punctuation(words, [words[:3], words[3:]]) == [
        "Que",
        "puis-je",
        "faire\u2060?",
    ]
    assert card_fit.bind_leading_punctuation(words, [words]) is None
    # A title that would end on a lone "?" line keeps it with its last word.
    box = LAYOUT.title_box
    size = box.font_size(box.lines)
    filler = "mot"
    while box.lines_needed([filler, "?"], size) < 2:
        filler += "x"
    text, lines = LAYOUT.title(f"{filler} ?")
    assert text == f"{filler}\u2060?" and lines is not None


# --- The hook lays text out as the plugin draws it ---------------------------


@pytest.fixture(scope="module")
def plugin(tmp_path_factory):
    """Material's social plugin, with the committed fonts, ready to draw a layer."""
    from material.plugins.social.layout import Layout
    from material.plugins.social.plugin import SocialPlugin
    from social_fonts import FONTS_DIR, install_fonts

    cache = tmp_path_factory.mktemp("social")
    install_fonts(OPTIONS["cards_layout_options"]["font_family"], FONTS_DIR, cache)
    social = SocialPlugin()
    social.load_config({"cache_dir": str(cache)})
    layout = Layout(config_file_path=str(LAYOUT_FILE))
    layout.load_dict(yaml.safe_load(LAYOUT_FILE.read_text(encoding="utf-8")))
    errors, _ = layout.validate()
    assert not errors, errors
    return social, layout


def draw(plugin, monkeypatch, field: str, text: str) -> tuple[str, int]:
    """The text and font size the plugin draws for `text` in the layer of `field`."""
    from material.plugins.social.plugin import _replace

    social, layout = plugin
    layer = next(
        layer
        for layer in layout.layers
        if f"page.meta.card.{field}" in (layer.typography.content or "")
    )
    page = SimpleNamespace(title=text, meta={"card": {field: text}})
    layer = _replace(
        layer, SandboxedEnvironment(), SimpleNamespace(), page=page,
        layout=OPTIONS["cards_layout_options"],
    )  # fmt: skip
    drawn = []
    original = ImageDraw.ImageDraw.text

    def record(self, xy, text, *args, **kwargs):
        drawn.append((text, kwargs["font"].size))
        return original(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", record)
    social._render_typography(layer, Image.new("RGBA", (layer.size.width, layer.size.height)))
    monkeypatch.undo()
    assert len(drawn) == 1
    return drawn[0]


def test_the_hook_measures_text_as_the_plugin_draws_it(plugin, monkeypatch):
    too_long = "Pourquoi " * 40 + "?"
    for card in [*all_cards(), card_fit.CardSource("question", too_long, "", "", "", "")]:
        title, lines = LAYOUT.title(card.title)
        drawn, size = draw(plugin, monkeypatch, "title", title)
        box = LAYOUT.title_box
        if lines is None:  # the plugin would shrink it below the smallest size
            assert size < LAYOUT.smallest_title_size, card.title_at
            continue
        assert drawn.split() == title.split(), f"{card.title_at}: drawn {drawn!r}"
        assert size == box.font_size(lines), f"{card.title_at}: {size}px"
        assert len(drawn.splitlines()) <= lines
        description, needed = LAYOUT.description(card.description)
        drawn, size = draw(plugin, monkeypatch, "description", description)
        assert drawn.split() == description.split(), f"{card.description_at}: drawn {drawn!r}"
        assert len(drawn.splitlines()) == needed


def test_layout_emits_only_the_image_tags_escaped(plugin):
    """What the plugin writes into the head: the image's tags, nothing to strip."""
    from material.plugins.social.plugin import _replace
    from material.plugins.social.templates import x_filter

    _, layout = plugin
    env = SandboxedEnvironment()
    env.filters["x"] = x_filter
    title = 'Sources & "méthode" > d’ici'
    for lang in LANGUAGES:
        ui = ui_strings(lang)
        page = SimpleNamespace(
            title=title, is_homepage=False, meta={"card": {"alt": ui["card_alt"]}}
        )
        url = "https://example.org/a?b=1&c=2"
        tags = _replace(
            layout.tags, env, SimpleNamespace(site_name="Site & co"), page=page,
            image={"url": url, "type": "image/png", "width": 1200, "height": 630},
            layout=OPTIONS["cards_layout_options"],
        )  # fmt: skip
        assert set(tags) == IMAGE_TAGS
        for name, value in tags.items():
            assert not re.search(r'[<>"]|&(?!amp;|quot;|lt;|gt;|#)', value), f"{name}: {value!r}"
        assert html.unescape(tags["og:image"]) == url == html.unescape(tags["twitter:image"])
        assert html.unescape(tags["og:image:alt"]) == f"{ui['card_alt']} {title} – Site & co"
        assert tags["twitter:image:alt"] == tags["og:image:alt"]
        assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")


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
