"""Where a reader complains: the data protection authority of each country
(data/authorities.yml), checked before the build and listed on /opt-out/.

COUNTRIES is the one list of countries the file must cover: the 27 EU
member states, the other EEA countries and the United Kingdom and
Switzerland. The file is read node by node (yaml.compose), so every problem
names its line, and a key YAML would not read as a string (an unquoted NO is
`false`) or a country written twice is reported, not silently dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel import Locale

from .source import SafeLoader

# The countries the list must cover, by group, in the order the page shows them:
# the 27 EU member states; the other EEA countries, the UK and Switzerland.
# fmt: off
EU = (
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
)
# fmt: on
COUNTRIES: dict[str, tuple[str, ...]] = {"eu": EU, "other": ("IS", "LI", "NO", "GB", "CH")}
ALL_COUNTRIES = tuple(code for group in COUNTRIES.values() for code in group)
REQUIRED = ("name", "lang", "complaint_url")
FIELDS = (*REQUIRED, "other_names", "url_lang", "complaint_page", "checked", "note_<language>")
_NOTE = re.compile(r"note_[a-z]{2}")


@dataclass
class Authority:
    code: str
    line: int
    fields: dict = field(default_factory=dict)


def parse(text: str, where: str) -> tuple[dict[str, Authority], list[str]]:
    """The authorities by country code, and the file's problems as `file:line: what`."""
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return {}, [f"{where}:{line}: not valid YAML: {getattr(error, 'problem', error)}"]
    if not isinstance(root, yaml.MappingNode):
        return {}, [f'{where}:1: expected one entry per country code, like "FR": {{...}}']
    found: dict[str, Authority] = {}
    urls: dict[str, str] = {}
    seen: set[str] = set()  # every country key written, valid or not
    problems = []
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 1
        code = key_node.value
        if key_node.tag != "tag:yaml.org,2002:str" or code not in ALL_COUNTRIES:
            problems.append(
                f"{where}:{line}: '{code}' is not a country of the list; keys are quoted "
                f'country codes ("NO"), one of: {", ".join(ALL_COUNTRIES)}'
            )
            continue
        if code in seen:
            first = found[code].line if code in found else "?"
            problems.append(f"{where}:{line}: duplicate country '{code}' (first at line {first})")
            continue
        seen.add(code)
        try:
            fields = (
                yaml.load(yaml.serialize(value_node), Loader=SafeLoader) if value_node else None
            )
        except yaml.YAMLError:
            fields = None
        if not isinstance(fields, dict):
            problems.append(f"{where}:{line}: '{code}' needs the fields {', '.join(REQUIRED)}")
            continue
        found[code] = Authority(code, line, fields)
        lines = {k.value: k.start_mark.line + 1 for k, _ in value_node.value}
        missing = [name for name in REQUIRED if not fields.get(name)]
        if missing:
            problems.append(f"{where}:{line}: '{code}' lacks {', '.join(missing)}")
        for name in sorted(n for n in set(fields) - set(FIELDS) if not _NOTE.fullmatch(n)):
            problems.append(
                f"{where}:{lines[name]}: '{code}' has an unknown field '{name}' "
                f"(expected: {', '.join(FIELDS)})"
            )
        url = str(fields.get("complaint_url") or "")
        at = f"{where}:{lines.get('complaint_url', line)}"
        if url and not url.startswith("https://"):
            problems.append(f"{at}: '{code}' has an insecure address '{url}': use https://")
        elif url in urls:
            problems.append(f"{at}: '{code}' has the same address as '{urls[url]}': {url}")
        urls.setdefault(url, code)
    end = len(text.splitlines())  # the last line: where a missing entry goes
    for code in ALL_COUNTRIES:
        if code not in seen:
            problems.append(
                f"{where}:{end}: country '{code}' is missing "
                "(every country of faq_plugin/authorities.py COUNTRIES needs an entry)"
            )
    return found, problems


def note_problems(found: dict[str, Authority], languages: list[str], where: str) -> list[str]:
    """A note the reader needs is written in every language of the site, or in none."""
    problems = []
    for code, entry in found.items():
        written = [lang for lang in languages if entry.fields.get(f"note_{lang}")]
        if written and len(written) < len(languages):
            missing = [f"note_{lang}" for lang in languages if lang not in written]
            problems.append(
                f"{where}:{entry.line}: '{code}' has a note in {', '.join(written)} "
                f"but lacks {', '.join(missing)}"
            )
    return problems


def load(path: Path, where: str) -> tuple[dict[str, Authority], list[str]]:
    if not path.is_file():
        return {}, [f"{where}: missing; it lists the data protection authority of each country"]
    return parse(path.read_text(encoding="utf-8"), where)


def groups(found: dict[str, Authority], language: str) -> list[dict]:
    """The authorities by group, each sorted by the country's name in the reader's language."""
    names = Locale.parse(language).territories
    listed = []
    for group, codes in COUNTRIES.items():
        rows = []
        for code in codes:
            entry = found[code].fields
            rows.append(
                {
                    "code": code,
                    "country": names.get(code, code),
                    "name": entry["name"],
                    "lang": entry["lang"],
                    "other_names": entry.get("other_names") or [],
                    "url": entry["complaint_url"],
                    "url_lang": entry.get("url_lang") or entry["lang"],
                    "home_page": entry.get("complaint_page") is False,
                    "note": entry.get(f"note_{language}"),
                }
            )
        rows.sort(key=lambda row: _collate(row["country"]))
        listed.append({"id": group, "rows": rows})
    return listed


def _collate(text: str) -> str:
    """A sort key that ignores accents (Écosse with E, Österreich with O)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
