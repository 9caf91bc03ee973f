"""The social cards: their text, the check that it fits, and the drawing, with Pillow.

The card layout (overrides/layouts/faq-card.yml) shows a page's title (a
share page's: the question) shrunk until it fits, and its description (a
share page's: the answer's first sentence) at a fixed size. One text layout
(`TextBox.layout`) serves both the check and the drawing, so what is checked
is what is drawn:

- every title and description of every language is measured before the
  build. A title that would get smaller than the description's text, or a
  description that would not fit in its lines, is an editor error naming
  the file and line;
- each page gets its card's text (`card_text`): title, description, kind
  ("page", "question", "rumour" or "howto"), the kind's label and the
  image's alt prefix in the page's language. Punctuation that would start a
  line (French " ?", " :", " »") is joined to the word before;
- a rumour's card (`kind: rumour`, faq_plugin/verdicts.py) splits its title:
  the verdict ("Faux", "False") in its own box, as a coloured label, and
  the claim below it in a smaller box (`rumour_title`), so the verdict is
  the largest text after the band (checked with the rest);
- `draw_card` draws the 1200x630 PNG; cards are kept in .cache/ by content,
  so warm builds draw only what changed.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
import shutil
import statistics
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from PIL import Image, ImageColor, ImageDraw, ImageFont

from .source import EditorError, SourcePage, first_sentence, plain_text
from .verdicts import split as split_verdict

# The text is split into words at any whitespace, no-break spaces included,
# so French "?", ":", "»" could start a line. Where one would, it is joined
# to the word before with a word joiner (zero width, not whitespace).
_LEADING_PUNCTUATION = re.compile(r"^[?!:;»]")
_WORD_JOINER = "\u2060"


def plain_words(text: str) -> list[str]:
    """The words drawn (the text unescaped, split at whitespace)."""
    return html.unescape(text).split()


@functools.cache
def font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


_DRAW = ImageDraw.Draw(Image.new("RGBA", (1, 1)))


@functools.cache
def text_length(path: Path, size: int, text: str) -> float:
    """A word's drawn width (words repeat across cards: measured once)."""
    return _DRAW.textlength(text, font=font(path, size))


@dataclass(frozen=True)
class TextBox:
    """A text box of the card layout."""

    width: int
    height: int
    lines: int  # lines at its largest size
    line_height: float
    font: Path
    left: int = 0
    top: int = 0
    color: str = "#ffffff"
    align: str = "start"  # or end
    valign: str = "top"  # or center
    max_size: int = 0  # the largest font size, if smaller than filling the box

    def font_size(self, lines: int) -> int:
        """The font size that fills the box with `lines` lines (at most `max_size`)."""
        ascender, descender = font(self.font, 1000).getmetrics()
        extent = lines * ascender + descender + (lines - 1) * (self.line_height - 1) * ascender
        size = int(1000 * self.height / extent)
        return min(size, self.max_size) if self.max_size else size

    def wrap(self, words: list[str], size: int) -> list[list[str]]:
        """Greedy word wrap of `words` at `size` (a first word wider than the
        box leaves an empty line, as the card's drawing does)."""
        space = text_length(self.font, size, " ")
        lines: list[list[str]] = [[]]
        current = 0.0
        for word in words:
            length = text_length(self.font, size, word)
            gap = space if current else 0
            if current + gap + length > self.width:
                lines.append([word])
                current = length
            else:
                lines[-1].append(word)
                current += gap + length
        return lines

    def lines_needed(self, words: list[str], size: int) -> int:
        return len(self.wrap(words, size))

    def fitted_size(self, words: list[str], smallest: int = 1) -> int:
        """The largest size, one more line at a time, at which the words fit
        (the smallest size tried if they never do)."""
        lines = self.lines
        while (size := self.font_size(lines)) > smallest:
            if self.lines_needed(words, size) <= lines:
                break
            lines += 1
        return size

    def layout(self, words: list[str], size: int) -> list[str]:
        """The lines drawn: the word wrap, with two lines balanced (the last
        word of the first moves down when that evens their lengths)."""
        lines = self.wrap(words, size)
        if len(lines) == 2 and len(lines[0]) > 1:
            moved = [lines[0][:-1], [lines[0][-1], *lines[1]]]

            def spread(pair):
                return statistics.stdev(len(" ".join(line)) for line in pair)

            if spread(moved) < spread(lines):
                lines = moved
        return [" ".join(line) for line in lines]

    def draw(self, image: Image.Image, text: str, size: int, color: str | None = None) -> None:
        """Draw `text` at `size` in the box, laid out by `layout`."""
        face = font(self.font, size)
        ascender, _ = font(self.font, 1000).getmetrics()
        spacing = (self.line_height - 1) * ascender * size / 1000
        x = self.left + (self.width if self.align == "end" else 0)
        y = self.top + (self.height >> 1 if self.valign == "center" else 0)
        anchor = ("r" if self.align == "end" else "l") + ("m" if self.valign == "center" else "a")
        ImageDraw.Draw(image).multiline_text(
            (x, y),
            "\n".join(self.layout(plain_words(text), size)),
            font=face,
            anchor=anchor,
            spacing=spacing,
            fill=color or self.color,
            align="right" if self.align == "end" else "left",
        )


def bind_leading_punctuation(words: list[str], lines: list[list[str]]) -> list[str] | None:
    """`words` with the first punctuation that starts a line joined to the
    word before it, or None when no line starts with punctuation."""
    index = 0
    for line in lines:
        if index and line and _LEADING_PUNCTUATION.match(line[0]):
            return [
                *words[: index - 1],
                words[index - 1] + _WORD_JOINER + line[0],
                *words[index + 1 :],
            ]
        index += len(line)
    return None


@dataclass(frozen=True)
class CardLayout:
    title_box: TextBox
    description_box: TextBox
    site_name_box: TextBox | None = None
    label_box: TextBox | None = None
    verdict_box: TextBox | None = None  # a rumour's verdict
    rumour_title_box: TextBox | None = None  # a rumour's claim, under its verdict
    design: tuple = ()  # the rest of the layout file, as (key, value) pairs
    icons_dir: Path | None = None
    source: str = ""  # the layout file's text: part of every card's cache key

    @property
    def size(self) -> tuple[int, int]:
        size = json.loads(dict(self.design)["size"])
        return size["width"], size["height"]

    def for_rumour(self) -> CardLayout:
        """The layout of a rumour's card: the claim in its own, smaller box."""
        return replace(self, title_box=self.rumour_title_box or self.title_box)

    def verdict_size(self, label: str) -> int:
        box = self.verdict_box
        return box.fitted_size(plain_words(label)) if box is not None else 0

    @property
    def smallest_title_size(self) -> int:
        """The title never gets smaller than the description's text."""
        return self.description_box.font_size(self.description_box.lines)

    def title_lines(self, words: list[str]) -> int | None:
        """Lines the shrinking title takes (one more per step), or None if it
        would get smaller than the smallest title size."""
        box = self.title_box
        lines = box.lines
        while (size := box.font_size(lines)) >= self.smallest_title_size:
            if box.lines_needed(words, size) <= lines:
                return lines
            lines += 1
        return None

    # Measured once per text: the build checks every card, then fills each page's.
    @functools.lru_cache(maxsize=4096)  # noqa: B019 (layouts live as long as the build)
    def title(self, text: str) -> tuple[str, int | None]:
        """The title as the card should draw it, and its number of lines
        (None: it cannot fit)."""
        words = plain_words(text)
        while (lines := self.title_lines(words)) is not None:
            box = self.title_box
            bound = bind_leading_punctuation(words, box.wrap(words, box.font_size(lines)))
            if bound is None:
                break
            words = bound
        return " ".join(words), lines

    @functools.lru_cache(maxsize=4096)  # noqa: B019
    def description(self, text: str) -> tuple[str, int]:
        """The description as the card should draw it, and the lines it needs
        (more than the box has: it cannot fit)."""
        box = self.description_box
        words, size = plain_words(text), box.font_size(box.lines)
        while (bound := bind_leading_punctuation(words, box.wrap(words, size))) is not None:
            words = bound
        return " ".join(words), box.lines_needed(words, size)


def load_layout(path: Path, fonts_dir: Path, display: str) -> CardLayout:
    """The card layout file: its text boxes (fonts from `fonts_dir`) and design."""
    source = path.read_text(encoding="utf-8")
    layout = yaml.safe_load(source)
    family = layout.get("font_family", "Roboto")
    boxes = {}
    for name, box in (layout.get("text") or {}).items():
        boxes[f"{name}_box"] = TextBox(
            width=box["width"],
            height=box["height"],
            lines=box.get("lines", 1),
            line_height=box.get("line_height", 1.0),
            font=fonts_dir / family / f"{box['style']}.ttf",
            left=box["left"],
            top=box["top"],
            color=box.get("color", "#ffffff"),
            align=box.get("align", "start"),
            valign=box.get("valign", "top"),
            max_size=box.get("max_size", 0),
        )
    missing = {"title", "description"} - {name.removesuffix("_box") for name in boxes}
    if missing:
        raise EditorError([f"{display}: no text box '{n}'" for n in sorted(missing)])
    design = {key: value for key, value in layout.items() if key != "text"}
    return CardLayout(
        **boxes,
        design=tuple(sorted((k, json.dumps(v, sort_keys=True)) for k, v in design.items())),
        icons_dir=fonts_dir / "icons",
        source=source,
    )


def check_fonts(layout: CardLayout, rel) -> None:
    """The committed fonts must be there: the build never downloads any."""
    boxes = (layout.title_box, layout.description_box, layout.site_name_box, layout.label_box)
    for box in (*boxes, layout.verdict_box, layout.rumour_title_box):
        if box is not None and (not box.font.is_file() or box.font.stat().st_size == 0):
            raise PluginError(
                f"{rel(box.font)}: social card font missing or empty; commit the static "
                "TTF files of the layout's font_family there (the build must not download fonts)"
            )


@dataclass
class CardSource:
    """One card's text and where an editor writes it."""

    what: str  # "question", "page title"
    title: str
    title_at: str  # file:line
    description_what: str  # "answer's first sentence", "description"
    description: str
    description_at: str
    kind: str = "question"  # the card's look: page, question, howto, rumour
    verdict: str = ""  # a rumour's verdict label (its title is then the claim)


def card_sources(page: SourcePage, spec=None, verdicts: dict | None = None) -> list[CardSource]:
    """The cards a FAQ page's source makes: its own and one per question
    (`spec`, its data/faq.yml entry, gives each question's kind)."""
    cards = []
    if page.title is not None:
        cards.append(
            CardSource(
                "page title",
                plain_text(page.title.title),
                f"{page.rel}:{page.title.line}",
                "description",
                str(page.meta.get("description") or ""),
                f"{page.rel}:{page.meta_line('description')}",
            )
        )
    for question in page.questions:
        title, kind, verdict = plain_text(question.title), "question", ""
        if spec is not None and question.id:
            kind = spec.card_kind(question.id)
        split = split_verdict(title, page.language, verdicts or {}) if kind == "rumour" else None
        if split:  # a rumour without its verdict is reported by verdicts.problems
            _, verdict, title = split
        cards.append(
            CardSource(
                "question",
                title,
                f"{page.rel}:{question.line}",
                "answer's first sentence",
                first_sentence(question.answer_text),
                f"{page.rel}:{question.first_text_line}",
                kind,
                verdict,
            )
        )
    return cards


def fit_problems(cards: list[CardSource], layout: CardLayout) -> list[str]:
    """`file:line: ...` for each title or description that cannot fit its card."""
    problems = []
    smallest = layout.smallest_title_size
    box = layout.description_box
    plain = layout
    for card in cards:
        layout = plain.for_rumour() if card.verdict else plain
        title_lines = layout.title(card.title)[1]
        if card.verdict and title_lines is not None:
            title_size = layout.title_box.font_size(title_lines)
            if layout.verdict_size(card.verdict) <= title_size:
                problems.append(
                    f"{card.title_at}: the verdict «{card.verdict}» would not be the largest "
                    f"text of its social card ({layout.verdict_size(card.verdict)}px, the "
                    f"rumour {title_size}px); check the layout's verdict and rumour_title boxes"
                )
        if title_lines is None:
            problems.append(
                f"{card.title_at}: {card.what} too long for its social card even at "
                f"the smallest title size ({smallest}px): «{card.title}»; shorten it"
            )
        needed = layout.description(card.description)[1]
        if needed > box.lines:
            problems.append(
                f"{card.description_at}: {card.description_what} too long for the social "
                f"card: «{card.description}» needs {needed} lines at "
                f"{box.font_size(box.lines)}px, the card has {box.lines}; shorten it"
            )
    return problems


def card_text(
    layout: CardLayout,
    ui: dict,
    kind: str,
    title: str,
    description: str,
    verdict: tuple[str, str, str] | None = None,
) -> dict:
    """What the layout draws for one page, in its language (`verdict`: a
    rumour's (id, label, claim), from verdicts.split)."""
    extra = {}
    if verdict is not None:
        extra = {"verdict_id": verdict[0], "verdict": verdict[1]}
        title, layout = verdict[2], layout.for_rumour()
    return {
        **extra,
        "kind": kind,
        "label": ui.get(f"card_{kind}", ""),
        "alt": ui["card_alt"],
        "title": layout.title(title or "")[0],
        "description": layout.description(description or "")[0],
    }


# --- Drawing ----------------------------------------------------------------------


def draw_card(layout: CardLayout, card: dict, site_name: str) -> Image.Image:
    """The card of one page: `card` as `card_text` made it."""
    design = {key: json.loads(value) for key, value in layout.design}
    size = design["size"]
    image = Image.new("RGBA", (size["width"], size["height"]), design["background"])
    kind = design["kinds"].get(card["kind"], design["kinds"]["page"])
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size["width"] - 1, design["band"]["height"] - 1), fill=kind["band"])
    rule = design["rule"]
    draw.rectangle(
        (0, rule["top"], size["width"] - 1, rule["top"] + rule["height"] - 1), fill=rule["color"]
    )
    for box, text, color in (
        (layout.site_name_box, site_name, None),
        (layout.label_box, card["label"], kind["label"]),
    ):
        if box is not None and text:
            box.draw(image, text, box.fitted_size(plain_words(text)), color)
    if kind.get("icon") and layout.icons_dir is not None:
        place = design["icon"]
        with Image.open(layout.icons_dir / f"{kind['icon']}.png") as icon:
            mask = icon.convert("RGBA").resize((place["size"], place["size"])).getchannel("A")
        tint = Image.new("RGBA", mask.size, ImageColor.getrgb(kind["label"]))
        image.paste(tint, (place["left"], place["top"]), mask)
    if card.get("verdict") and layout.verdict_box is not None:
        layout = layout.for_rumour()
        _draw_verdict(image, layout, design, card)
    title, lines = layout.title(card["title"])
    box = layout.title_box
    box.draw(image, title, box.font_size(lines or box.lines))
    box = layout.description_box
    box.draw(image, card["description"], box.font_size(box.lines))
    return image.convert("RGB")


def _draw_verdict(image: Image.Image, layout: CardLayout, design: dict, card: dict) -> None:
    """A rumour's verdict: its word on a label of its colour (colour and text)."""
    box, label = layout.verdict_box, card["verdict"]
    colors = design["verdicts"].get(card["verdict_id"], {"fill": "#ffffff", "text": "#000000"})
    pill = design["verdict_label"]
    size = layout.verdict_size(label)
    width = text_length(box.font, size, label)
    ImageDraw.Draw(image).rounded_rectangle(
        (
            box.left,
            box.top - pill["padding_y"],
            box.left + width + 2 * pill["padding"],
            box.top + box.height + pill["padding_y"],
        ),
        radius=pill["radius"],
        fill=colors["fill"],
    )
    inner = replace(box, left=box.left + pill["padding"], valign="center")
    inner.draw(image, label, size, colors["text"])


def card_file(page_dest_uri: str, is_index: bool) -> str:
    """Where a page's card is published: 'data/index.html' -> 'data.png', and
    for an index page 'en/index.html' -> 'en/index.png' (Material's scheme,
    so shared links keep their previews)."""
    if page_dest_uri.endswith("/index.html") and not is_index:
        return page_dest_uri.removesuffix("/index.html") + ".png"
    return page_dest_uri.removesuffix(".html") + ".png"


def write_card(layout: CardLayout, card: dict, site_name: str, target: Path, cache: Path) -> None:
    """Draw the card into `target`, or copy it from `cache` if it was drawn before."""
    key = json.dumps([layout.source, card, site_name], sort_keys=True, ensure_ascii=False)
    cached = cache / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.png"
    if not cached.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        # Default compression: `optimize` saves 5 % for three times the time.
        draw_card(layout, card, site_name).save(cached)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, target)
