"""Indonesian provinces: the reference table, table-label lookup and a running-text matcher."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from prakerja_etl.reference_data import REFERENCE_DIR

DEFAULT_PROVINCES_PATH: Path = REFERENCE_DIR / "provinces.yaml"

# A name right after these words is a regency or city ("Kota Jambi", "Bupati Gorontalo").
# "kabupaten/kota Jawa Timur" and "kabupaten dan kota Jatim" speak of every regency of the
# province, so the word does not count after "/" or "kabupaten dan".
_ADMIN_BEFORE: re.Pattern[str] = re.compile(
    r"(?<![\w/])(?<!kabupaten\sdan\s)"
    r"(?:kabupaten|kab|kotamadya|kota|kodya|walikota|bupati|pemkab|pemkot)"
    r"(?:\s+administrasi)?(?:\.\s*|\s+)\Z",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Province:
    """A province of the reference table (Kemendagri code, official name, aliases)."""

    code: str
    name: str
    aliases: tuple[str, ...]
    since_2022: bool = False
    split_from: str | None = None   # code of the province it was split from in 2022


@dataclass
class ProvinceMention:
    """A province named in running text: the matched text and its span in the input."""

    province: Province
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Reference:
    """The parsed reference file."""

    provinces: tuple[Province, ...]
    not_provinces: tuple[str, ...]


@dataclass(frozen=True)
class _Matcher:
    """The compiled running-text pattern and its lookup tables."""

    pattern: re.Pattern[str]
    # None marks a regency, city or country name that contains a province name.
    by_key: dict[str, Province | None]
    by_code: dict[str, Province]


def load_provinces(path: Path | None = None) -> list[Province]:
    """Read the province reference (default: the repo's schemas/provinces.yaml)."""
    return list(_load_reference(Path(path or DEFAULT_PROVINCES_PATH).resolve()).provinces)


def canonical_province(label: str) -> Province | None:
    """Map a table label ("KEP. RIAU", "DI Yogyakarta", " Jabar ") to its province, or None."""
    key = _key(label)
    # Tables sometimes spell the level out ("Provinsi Jawa Barat", "Prov. Bali").
    for prefix in ("provinsi", "prov"):
        if key.startswith(prefix) and len(key) > len(prefix):
            key = key.removeprefix(prefix)
            break
    return _matcher().by_key.get(key)


def find_provinces(text: str) -> list[ProvinceMention]:
    """Every province named in running text, in order, longest name first, cities skipped."""
    matcher = _matcher()
    mentions: list[ProvinceMention] = []
    # A match takes the character before the name (see _compile): a space opens the text.
    for match in matcher.pattern.finditer(" " + text):
        name = match[0][1:]
        province = matcher.by_key[_key(name)]
        start, end = match.start(), match.end() - 1
        # Checked per hit rather than inside the big pattern: it would double the scan time.
        if province is None or _ADMIN_BEFORE.search(text, max(0, start - 40), start):
            continue
        mentions.append(ProvinceMention(province, start, end, name))
    return mentions


def province_by_code(code: str) -> Province:
    """The province with this two-digit Kemendagri code ("31"); KeyError if there is none."""
    try:
        return _matcher().by_code[code]
    except KeyError:
        raise KeyError(
            f"unknown province code {code!r}: expected a two-digit Kemendagri code as a string "
            f"(e.g. '31'), as listed in {DEFAULT_PROVINCES_PATH}"
        ) from None


def _key(label: str) -> str:
    """Fold a label for comparison: lowercase letters only."""
    # Digits go too: table labels carry codes ("31 DKI Jakarta") and footnote marks ("Papua1").
    return re.sub(r"[^a-z]", "", label.casefold())


@lru_cache(maxsize=8)
def _load_reference(path: Path) -> _Reference:
    """Parse and validate a provinces YAML file."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(doc, dict) or not isinstance(doc.get("provinces"), list):
        raise ValueError(f"{path}: expected a mapping with a 'provinces' list at the top")
    provinces = tuple(_parse_province(entry, path) for entry in doc["provinces"])
    for field in ("code", "name"):
        values = [getattr(p, field) for p in provinces]
        duplicates = sorted({v for v in values if values.count(v) > 1})
        if duplicates:
            raise ValueError(f"{path}: duplicate province {field}(s) {duplicates}")
    not_provinces = tuple(str(name) for name in doc.get("not_provinces") or ())
    return _Reference(provinces, not_provinces)


def _parse_province(entry: Any, path: Path) -> Province:
    """Build one Province from its YAML entry, naming the entry and the fix on error."""
    if not isinstance(entry, dict) or not {"code", "name"} <= entry.keys():
        raise ValueError(f"{path}: province entry {entry!r} needs at least 'code' and 'name'")
    code = entry["code"]
    if not isinstance(code, str) or not re.fullmatch(r"\d{2}", code):
        raise ValueError(
            f"{path}: province {entry['name']!r} has code {code!r}; write it as a quoted "
            f'two-digit string, e.g. code: "31"'
        )
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ValueError(f"{path}: aliases of {entry['name']!r} must be a list of strings")
    return Province(code, str(entry["name"]), tuple(aliases), bool(entry.get("since_2022", False)),
                    entry.get("split_from"))


@lru_cache(maxsize=1)
def _matcher() -> _Matcher:
    """Build the lookup tables and the one running-text regex from the default reference."""
    reference = _load_reference(DEFAULT_PROVINCES_PATH.resolve())
    by_key: dict[str, Province | None] = {}
    spellings: list[str] = []
    for province in reference.provinces:
        for spelling in (province.name, *province.aliases):
            _claim(by_key, _key(spelling), province, spelling)
            spellings.append(spelling)
    for name in reference.not_provinces:
        _claim(by_key, _key(name), None, name)
        spellings.append(name)
    by_code = {province.code: province for province in reference.provinces}
    return _Matcher(_compile(spellings), by_key, by_code)


def _claim(by_key: dict[str, Province | None], key: str, owner: Province | None, text: str) -> None:
    """Register a spelling's key, refusing one that two entries would share."""
    if key in by_key and by_key[key] != owner:
        other = by_key[key]
        raise ValueError(
            f"{DEFAULT_PROVINCES_PATH}: {text!r} is claimed by both "
            f"{other.name if other else 'not_provinces'} and "
            f"{owner.name if owner else 'not_provinces'}; keep it in one place"
        )
    by_key[key] = owner


def _compile(spellings: list[str]) -> re.Pattern[str]:
    """One alternation of every spelling, longest first so the longest name wins."""
    # Branches are grouped under their literal first character because sre skips a branch
    # that starts with a non-matching literal without entering it, which a flat list of
    # case-scoped alternatives never allows. Groups never compete (they start differently),
    # so sorting within each group is enough for the longest spelling to win.
    groups: dict[str, list[tuple[str, str]]] = {}
    for spelling in set(spellings):
        for first, rest in _spelling_branches(spelling):
            groups.setdefault(first, []).append((spelling, rest))
    names = "|".join(
        re.escape(first)
        + "(?:"
        + "|".join(rest for _, rest in sorted(branches, key=lambda b: (-len(b[0]), b[0])))
        + ")"
        for first, branches in sorted(groups.items())
    )
    # A name is led by the non-word character before it rather than the lookbehind (?<!\w): sre
    # then passes the characters of words at once instead of trying the pattern at each of them.
    return re.compile(rf"\W(?:{names})(?!\w)")


def _spelling_branches(spelling: str) -> list[tuple[str, str]]:
    """(first character, pattern of the rest) for each case in which the spelling may start."""
    tokens = spelling.split()
    if len(tokens) == 1 and not _is_acronym(spelling):
        # A lone word in lowercase is usually a URL, slug or hashtag ("bali.antaranews.com",
        # "#jabar"), so one-word spellings must be Title case or ALL CAPS.
        variants = dict.fromkeys((spelling, spelling.upper()))
        return [(variant[0], _token_pattern(variant[1:])) for variant in variants]
    head = tokens[0]
    rest = _word_pattern(head[1:], exact=_is_acronym(head))
    for previous, token in zip(tokens, tokens[1:], strict=False):
        rest += r"\s*" if previous.endswith(".") else r"\s+"
        rest += _word_pattern(token, exact=_is_acronym(token))
    firsts = [head[0]] if _is_acronym(head) else [head[0].upper(), head[0].lower()]
    return [(first, rest) for first in dict.fromkeys(firsts)]


def _word_pattern(word: str, exact: bool) -> str:
    """A word matched as written when exact, in any case otherwise."""
    # Acronyms stay case-sensitive so the preposition "di"/"Di" never becomes "DI".
    return _token_pattern(word) if exact else f"(?i:{_token_pattern(word)})"


def _token_pattern(token: str) -> str:
    """A literal token whose dots are optional ("Kep." also matches "Kep")."""
    return "".join(r"\.?" if char == "." else re.escape(char) for char in token)


def _is_acronym(token: str) -> bool:
    """True for all-capital tokens such as DKI, NTB or D.I."""
    letters = token.replace(".", "")
    return len(letters) >= 2 and letters.isupper()
