"""Rumours lead with their verdict: the one rule, read from data/faq.yml.

A page with `kind: rumour` (the "Vrai ou faux ?" page) titles each question
with its verdict first, then the claim: `## Faux : « La rumeur » {#id}` /
`## False: “The rumour” {#id}`. The heading's text is the one place a
rumour's verdict is written, so everything made from the heading (the table
of contents, the share page's title and `<title>`, the share text, the
updates page and the Atom feed) meets the verdict before the rumour. The
verdicts and their label in each language are `verdicts:` in data/faq.yml.

- `problems`: a rumour whose heading does not start with a known verdict
  label of its language, then ':', is an editor error naming file and line;
  so is a verdict without a label in a configured language;
- `split`: (verdict id, label, claim) of a rumour's title, for the social
  card (the verdict drawn largest, in its colour) and the page;
- `mark_headings`: the page's Markdown with each rumour heading's verdict
  wrapped in the label of partials/verdict.html (colour and text).
"""

from __future__ import annotations

import re
from pathlib import Path

from .source import SourcePage, read_yaml

# "Faux : « … »", "False: “…”" (a no-break space before ':' is whitespace too).
_LEAD = re.compile(r"^(?P<label>[^\s:]+)\s*:\s+(?P<claim>\S.*)$")
_HEADING_LEAD = re.compile(r"^(#{1,2}\s+)([^\s:]+)(\s*:\s)")


def load(path: Path) -> dict[str, dict[str, str]]:
    """data/faq.yml's `verdicts:`: verdict id -> {language: label}."""
    found = (read_yaml(path) or {}).get("verdicts") or {}
    return {
        str(key).lower(): {str(lang): str(label) for lang, label in (labels or {}).items()}
        for key, labels in found.items()
    }


def split(title: str, language: str, verdicts: dict) -> tuple[str, str, str] | None:
    """(verdict id, label, claim) of a rumour's title; None without a known verdict."""
    match = _LEAD.match(title.strip())
    if not match:
        return None
    for key, labels in verdicts.items():
        if labels.get(language) == match["label"]:
            return key, match["label"], match["claim"]
    return None


def _yaml_line(path: Path, key: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.match(rf"^\s+[\"']?{re.escape(key)}[\"']?\s*:", line):
            return number
    return 1


def data_problems(verdicts: dict, languages: list[str], path: Path, where: str) -> list[str]:
    """Every verdict has a label in every language."""
    problems = []
    for key, labels in verdicts.items():
        for lang in languages:
            if not labels.get(lang):
                problems.append(
                    f"{where}:{_yaml_line(path, key)}: verdict '{key}' has no label for "
                    f"language '{lang}'"
                )
    return problems


def problems(page: SourcePage, verdicts: dict) -> list[str]:
    """Each rumour of a rumour page starts with a known verdict of its language."""
    known = [labels[page.language] for labels in verdicts.values() if page.language in labels]
    found = []
    for question in page.questions:
        if split(question.title, page.language, verdicts) is None:
            example = f"{known[0]}: …" if known else "Verdict: …"
            found.append(
                f"{page.rel}:{question.line}: rumour '{question.id}' must start with its "
                f"verdict, one of {', '.join(known) or '(none: add verdicts to data/faq.yml)'}, "
                f"then ':' ('## {example}'); verdicts are listed in data/faq.yml"
            )
    return found


def mark_headings(markdown: str, language: str, verdicts: dict, env) -> str:
    """Each h1/h2 that starts with a verdict gets its label (colour and text)."""
    template = env.get_template("partials/verdict.html")

    def mark(match: re.Match) -> str:
        for key, labels in verdicts.items():
            if labels.get(language) == match[2]:
                label = " ".join(template.render(verdict=key, label=match[2]).split())
                return match[1] + label + match[3]
        return match[0]

    return "\n".join(_HEADING_LEAD.sub(mark, line) for line in markdown.split("\n"))
