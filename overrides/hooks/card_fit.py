"""Give each social card its text, and stop the build when that text cannot fit.

The card layout (overrides/layouts/faq-card.yml, drawn by Material's social
plugin) shows a page's title (a share page's: the question) shrunk until it
fits, and its description (a share page's: the answer's first sentence) at a
fixed size. This hook:

- puts the card's text in `page.meta.card`: title, description, kind
  ("page", "question", "rumour" or "howto", from the share_pages hook's `card_kind`),
  and the kind's label and the image's alt prefix in the page's language
  (data/ui.yml). Punctuation that would start a line of the card (French
  " ?", " :", " »") is joined to the word before it instead.
- measures every title and description of the language being built, before
  any card is drawn and whether or not cards are drawn, with the layout's own
  text boxes and fonts, laid out as the plugin lays them out (greedy word
  wrap, font size from the number of lines). A title that would get smaller
  than the description's text, or a description that would not fit in its
  lines (the plugin would cut it with "..."), is an editor error naming the
  file and line. So is a `howto:` id in data/faq.yml that is not one of its
  page's questions.
- keeps the layout file, which sits in the theme's folder, out of the site.
"""

from __future__ import annotations

import functools
import html
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from faq_source import PROJECT_ROOT, EditorError, headings, load_structure, questions
from faq_templates import ui_strings
from jinja2.sandbox import SandboxedEnvironment
from mkdocs.structure.files import InclusionLevel
from PIL import Image, ImageDraw, ImageFont
from share_pages import first_sentence, plain_text

FONTS_DIR = PROJECT_ROOT / "fonts" / "social"
# The plugin splits text into words at any whitespace, no-break spaces
# included, so French "?", ":", "»" can start a line. Where one would, it is
# joined to the word before with a word joiner (zero width, not whitespace).
_LEADING_PUNCTUATION = re.compile(r"^[?!:;»]")
_WORD_JOINER = "\u2060"
_DESCRIPTION_KEY = re.compile(r"^description\s*:", re.M)


def plain_words(text: str) -> list[str]:
    """The words the plugin draws (it unescapes the text and splits at whitespace)."""
    return html.unescape(text).split()


@functools.cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


_DRAW = ImageDraw.Draw(Image.new("RGBA", (1, 1)))


@dataclass(frozen=True)
class TextBox:
    """A typography layer of the card layout."""

    width: int
    height: int
    lines: int  # the layer's `line.amount`: lines at its largest size
    line_height: float
    font: Path

    def font_size(self, lines: int) -> int:
        """The size the plugin gives the font to fill the box with `lines` lines."""
        ascender, descender = _font(self.font, 1000).getmetrics()
        extent = lines * ascender + descender + (lines - 1) * (self.line_height - 1) * ascender
        return int(1000 * self.height / extent)

    def wrap(self, words: list[str], size: int) -> list[list[str]]:
        """The lines the plugin's greedy word wrap makes of `words` at `size`
        (a first word wider than the box leaves an empty line, as it does)."""
        font = _font(self.font, size)
        space = _DRAW.textlength(" ", font=font)
        lines: list[list[str]] = [[]]
        current = 0.0
        for word in words:
            length = _DRAW.textlength(word, font=font)
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

    @property
    def smallest_title_size(self) -> int:
        """The title never gets smaller than the description's text."""
        return self.description_box.font_size(self.description_box.lines)

    def title_lines(self, words: list[str]) -> int | None:
        """Lines the shrinking title takes (one more per step, as the plugin
        does), or None if it would get smaller than the smallest title size."""
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


def _render(template: str, options: dict) -> str:
    return SandboxedEnvironment().from_string(template).render(layout=options).strip()


def load_layout(path: Path, options: dict, fonts_dir: Path = FONTS_DIR) -> CardLayout:
    """The title and description boxes of the layout file: the layers whose
    text is `page.meta.card.title` and `page.meta.card.description`."""
    layout = yaml.safe_load(path.read_text(encoding="utf-8"))
    boxes = {}
    for layer in layout["layers"]:
        typography = layer.get("typography") or {}
        for name in ("title", "description"):
            if f"page.meta.card.{name}" in typography.get("content", ""):
                font = typography["font"]
                family = _render(font["family"], options)
                boxes[f"{name}_box"] = TextBox(
                    width=layer["size"]["width"],
                    height=layer["size"]["height"],
                    lines=typography["line"]["amount"],
                    line_height=typography["line"]["height"],
                    font=fonts_dir / family / f"{font['style']}.ttf",
                )
    missing = {"title", "description"} - {name.removesuffix("_box") for name in boxes}
    if missing:
        raise EditorError(
            [f"{os.path.relpath(path)}: no layer draws page.meta.card.{n}" for n in sorted(missing)]
        )
    return CardLayout(**boxes)


@dataclass
class CardSource:
    """One card's text and where an editor writes it."""

    what: str  # "question", "page title"
    title: str
    title_at: str  # file:line
    description_what: str  # "answer's first sentence", "description"
    description: str
    description_at: str


def _first_text_line(question) -> int:
    for offset, line in enumerate(question.answer, start=1):
        if line.strip():
            return question.line + offset
    return question.line


def card_sources(path: Path, display: str) -> list[CardSource]:
    """The cards a FAQ page's source makes: its own and one per question."""
    text = path.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}
    meta = meta or {}
    match = _DESCRIPTION_KEY.search(text)
    description_line = text.count("\n", 0, match.start()) + 1 if match else 1
    cards = []
    h1 = next((h for h in headings(text) if h.level == 1), None)
    if h1 is not None:
        cards.append(
            CardSource(
                "page title",
                plain_text(h1.title),
                f"{display}:{h1.line}",
                "description",
                str(meta.get("description") or ""),
                f"{display}:{description_line}",
            )
        )
    for question in questions(text):
        cards.append(
            CardSource(
                "question",
                plain_text(question.title),
                f"{display}:{question.line}",
                "answer's first sentence",
                first_sentence(question.answer_text),
                f"{display}:{_first_text_line(question)}",
            )
        )
    return cards


def fit_problems(cards: list[CardSource], layout: CardLayout) -> list[str]:
    """`file:line: ...` for each title or description that cannot fit its card."""
    problems = []
    smallest = layout.smallest_title_size
    box = layout.description_box
    for card in cards:
        if layout.title(card.title)[1] is None:
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


def howto_problems(structure) -> list[str]:
    """A `howto:` id of data/faq.yml must be one of its page's questions."""
    return [
        f"data/faq.yml: howto '{qid}' of {spec.file} is not one of its questions"
        for spec in structure
        for qid in spec.howto
        if qid not in spec.questions
    ]


# --- Hook events ------------------------------------------------------------

_layout: dict[str, CardLayout] = {}
_layout_dir: list[Path] = []


def _social(config):
    return config.plugins.get("material/social")


def on_config(config):
    problems = howto_problems(load_structure())
    if problems:
        raise EditorError(problems)
    social = _social(config)
    if social is None:
        return config
    name = os.path.splitext(social.config.cards_layout)[0]
    path = Path(social.config.cards_layout_dir) / f"{name}.yml"
    if not path.is_absolute():
        path = Path(config.config_file_path).parent / path
    _layout.clear()
    _layout_dir[:] = [path.parent.resolve()]
    if path.is_file():  # else a layout of Material's own: nothing of ours to fit
        _layout["current"] = load_layout(path, social.config.cards_layout_options)
    return config


def on_files(files, config):
    """Keep the layout out of the site (it sits in the theme's folder), and
    measure every card of the language being built (cards on or off)."""
    for file in files:
        if file.abs_src_path and _layout_dir and _layout_dir[0] in Path(file.abs_src_path).parents:
            file.inclusion = InclusionLevel.EXCLUDED
    if "current" not in _layout:
        return files
    docs = Path(config.docs_dir) / config.theme["language"]
    problems = []
    for spec in load_structure():
        path = docs / spec.file
        if path.is_file():  # else the required_questions hook reports it
            problems += fit_problems(card_sources(path, os.path.relpath(path)), _layout["current"])
    if problems:
        raise EditorError(problems)
    return files


def on_page_markdown(markdown, page, config, files):
    """The card's text, in the page's language, for the layout's templates."""
    if "current" not in _layout:
        return markdown
    layout = _layout["current"]
    ui = ui_strings(config.theme["language"])
    kind = page.meta.get("card_kind", "page")
    if "title" in page.meta:  # share pages
        title = page.meta["title"]
    else:
        h1 = next((h for h in headings(markdown) if h.level == 1), None)
        title = plain_text(h1.title) if h1 else page.title
    description = page.meta.get("description") or config.site_description or ""
    page.meta["card"] = {
        "kind": kind,
        "label": ui.get(f"card_{kind}", ""),
        "alt": ui["card_alt"],
        "title": layout.title(title or "")[0],
        "description": layout.description(description)[0],
    }
    return markdown
