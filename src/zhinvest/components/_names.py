"""Lexicons and helpers shared by the name components (places, organisations, persons).

- :class:`NameLexicon`: the name components' rule sets (``data/organisations.json``,
  ``data/places.json``, ``data/persons.json`` and the shared ``data/names.json``, see
  :mod:`zhinvest.resources`) plus the administrative divisions of China in
  ``data/places_cn.json`` (built from the cpca package, MIT licence, by ``zhinvest build lexicons``, :mod:`zhinvest.tools.lexicons`),
  matched with Aho-Corasick automata (pyahocorasick), so lookup cost is linear. The shipped
  one is loaded once (:func:`name_lexicon`) and never changed; a component given rules of its
  own builds a lexicon of its own (:meth:`NameLexicon.replace`).
- :func:`walk_left`: where a name that ends at a given position starts, stopping at
  punctuation, function words and verbs (``data/names.json`` ``boundary_words``).
"""

from __future__ import annotations

import copy
import csv
import importlib.util
import json
import re
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import ahocorasick

from ..resources import load_resource, validate_resource

#: Characters a name can be made of: CJK, Latin letters, digits, and inner marks.
NAME_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9·&（）()\-]")
_AUTONOMOUS = re.compile(r"^(.{2,}?)(?:[^族\W]{1,4}族)++(?:自治州|自治县|自治旗)$")  # anchored, possessive


def _automaton(words: Iterable[str]) -> ahocorasick.Automaton:
    """An automaton over ``words`` for :func:`longest_matches`, storing each word's length
    only (no Python object per word: a third faster to build over the place names)."""
    automaton = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
    for word in words:
        if word:
            automaton.add_word(word)
    if len(automaton):
        automaton.make_automaton()
    return automaton


def longest_matches(automaton: ahocorasick.Automaton, text: str) -> Iterator[tuple[int, int, str]]:
    """Leftmost-longest, non-overlapping ``(start, end, word)`` matches."""
    if not len(automaton):
        return
    for end_index, length in automaton.iter_long(text):
        start = end_index - length + 1
        yield start, end_index + 1, text[start : end_index + 1]


def longest_words(text: str, words: Container[str], longest: int) -> Iterator[tuple[int, int]]:
    """:func:`longest_matches` for a short text over a set of ``words`` of at most ``longest``
    characters: the same leftmost-longest, non-overlapping ``(start, end)`` matches, with no
    automaton to build first (building one over the place names costs more than many lookups)."""
    start = 0
    while start < len(text):
        for end in range(min(len(text), start + longest), start, -1):
            if text[start:end] in words:
                yield start, end
                start = end
                break
        else:
            start += 1


def cpca_divisions_path() -> Path | None:
    """``adcodes.csv`` inside the installed cpca package, found without importing cpca (and pandas)."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    return path if path.is_file() else None


def division_names(path: Path | None = None) -> list[str]:
    path = path or cpca_divisions_path()
    if path is None:
        return []
    with path.open(encoding="utf-8") as handle:
        return [row["name"] for row in csv.DictReader(handle) if row.get("name")]


@lru_cache(maxsize=1)
def _division_suffixes() -> tuple[str, ...]:
    return tuple(load_resource("places")["division_suffixes"])


def short_form(name: str, suffixes: Sequence[str] | None = None) -> str | None:
    """``嘉定区`` → ``嘉定``, ``宁夏回族自治区`` → ``宁夏``, ``本溪满族自治县`` → ``本溪``;
    ``suffixes``: the administrative suffixes, longest first (the shipped ``data/places.json``
    ``division_suffixes`` by default)."""
    return _short_form(name, _division_suffixes() if suffixes is None else tuple(suffixes))


@lru_cache(maxsize=1 << 16)  # the lexicons ask for the same division's short form many times
def _short_form(name: str, suffixes: tuple[str, ...]) -> str | None:
    autonomous = _AUTONOMOUS.match(name) if len(name) <= 40 else None  # division names are short
    if autonomous:
        return autonomous.group(1)
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


#: The rule sets of a :class:`NameLexicon`: its field → the resource it holds.
RULE_SETS: dict[str, str] = {"organisations": "organisations", "places": "places", "persons": "persons", "shared": "names"}


@dataclass(frozen=True)
class NameLexicon:
    """The name components' rule sets (``organisations``, ``places``, ``persons`` and the
    ``shared`` ``data/names.json``), the place gazetteer ``data/places_cn.json`` and the towns
    ``data/towns_cn.json`` (see :mod:`zhinvest.tools.lexicons`), and what is built from them."""

    organisations: dict[str, Any]
    places: dict[str, Any]
    persons: dict[str, Any]
    shared: dict[str, Any]
    gazetteer: dict[str, Any]
    towns: dict[str, Any] | None = None

    @classmethod
    def load(cls) -> "NameLexicon":
        """The shipped resources."""
        rules = {field: load_resource(resource) for field, resource in RULE_SETS.items()}
        return cls(**rules, gazetteer=load_resource("places_cn"), towns=load_resource("towns_cn"))

    def replace(self, **rules: dict[str, Any] | None) -> "NameLexicon":
        """This lexicon with the rule sets given (by field: ``organisations=…``) replaced, each
        validated against its schema and copied, so that a later change to the caller's dict
        changes nothing here; the gazetteers are shared. Itself when nothing changes."""
        changed: dict[str, dict[str, Any]] = {}
        for field, data in rules.items():
            if field not in RULE_SETS:
                raise TypeError(f"NameLexicon.replace: no rule set {field!r} (one of {', '.join(RULE_SETS)})")
            if data is not None and data != getattr(self, field):
                changed[field] = validate_resource(RULE_SETS[field], copy.deepcopy(data))
        return replace(self, **changed) if changed else self

    @cached_property
    def division_suffixes(self) -> tuple[str, ...]:
        return tuple(self.places["division_suffixes"])

    @cached_property
    def place_names(self) -> frozenset[str]:
        names: set[str] = set(self.gazetteer["full_names"]) | set(self.gazetteer["short_forms"])
        names.update(self.towns["full_names"] if self.towns else ())
        names.update(self.dropped_form_divisions)
        names.update(self.places["countries"])
        names.update(self.places["world_cities"])
        names.update(self.places["named_zones"])
        names.update(self.places["zone_aliases"])
        names.update(r for r in self.places["regions"] if r not in self.places["not_places"])
        return frozenset(n for n in names if len(n) >= 2)  # a lone 县 or 区 is no name

    @cached_property
    def division_of_short_form(self) -> dict[str, frozenset[str]]:
        """Every administrative division's short form, kept or dropped as an ordinary word,
        with its full names (大兴 → 大兴区, 中山 → 中山市 中山区; 嘉定 → 嘉定区)."""
        forms: dict[str, set[str]] = {}
        for name in self.gazetteer["full_names"]:
            form = short_form(name, self.division_suffixes)
            if form:
                forms.setdefault(form, set()).add(name)
        return {form: frozenset(names) for form, names in forms.items()}

    @cached_property
    def gazetteer_names(self) -> frozenset[str]:
        """The administrative divisions' full names and kept short forms."""
        return frozenset(self.gazetteer["full_names"]) | frozenset(self.gazetteer["short_forms"])

    @cached_property
    def dropped_form_divisions(self) -> frozenset[str]:
        """A short form dropped as an ordinary word, with 市 or 县 written after it, names a
        division still, under an older or another level's name (开封县, 合作市)."""
        kept = set(self.gazetteer["short_forms"])
        full = set(self.gazetteer["full_names"])
        return frozenset(form + suffix for form in self.division_of_short_form if form not in kept for suffix in "市县") - full

    @cached_property
    def town_forms(self) -> dict[str, frozenset[str]]:
        """Short forms of the towns under each county (渝北区 → 洛碛 …) and each city (all its
        counties' towns), under the full and the short name of the county or city."""
        if not self.towns:
            return {}
        by_county = {county: frozenset(forms.split()) for county, forms in self.towns["town_short_forms"].items()}
        result: dict[str, set[str]] = {name: set(forms) for name, forms in by_county.items()}
        for city, counties in self.towns["counties"].items():
            result.setdefault(city, set()).update(*(by_county.get(county, ()) for county in counties.split()))
        for name in list(result):
            form = short_form(name, self.division_suffixes)
            if form and len(form) >= 2:
                result.setdefault(form, set()).update(result[name])
        return {name: frozenset(forms) for name, forms in result.items()}

    @cached_property
    def county_names(self) -> frozenset[str]:
        """County-level divisions, full and short names (the towns of a county it names are
        places in a text)."""
        if not self.towns:
            return frozenset()
        counties = {county for names in self.towns["counties"].values() for county in names.split()}
        counties -= set(self.towns["counties"])  # 中山市 holds its towns itself: a city
        return frozenset(counties | {form for county in counties if (form := short_form(county, self.division_suffixes)) and len(form) >= 2})

    @cached_property
    def child_divisions(self) -> dict[str, frozenset[str]]:
        """The counties of each city, full and short names under the city's full and short
        name (黔南布依族苗族自治州, 黔南 → 瓮安县, 瓮安 …): a county right after its city is a place."""
        if not self.towns:
            return {}
        result: dict[str, set[str]] = {}
        for city, counties in self.towns["counties"].items():
            names = set(counties.split())
            names.update(form for county in counties.split() if (form := short_form(county, self.division_suffixes)) and len(form) >= 2)
            for key in (city, short_form(city, self.division_suffixes)):
                if key and len(key) >= 2:
                    result.setdefault(key, set()).update(names)
        return {name: frozenset(children) for name, children in result.items()}

    @cached_property
    def town_short_forms(self) -> frozenset[str]:
        return frozenset().union(*self.town_forms.values()) if self.town_forms else frozenset()

    @cached_property
    def town_names(self) -> frozenset[str]:
        return frozenset(self.towns["full_names"]) if self.towns else frozenset()

    @cached_property
    def place_matcher(self) -> ahocorasick.Automaton:
        """Every place name (:attr:`place_names`), for :func:`longest_matches`."""
        return _automaton(self.place_names)

    @cached_property
    def common_words(self) -> frozenset[str]:
        return frozenset(load_resource("common_words")["words"])

    @cached_property
    def _crossing(self) -> dict[str, Any]:
        return load_resource("crossing_words")

    @cached_property
    def crossing_words(self) -> dict[str, int]:
        """Frequent words that are not places, with their frequencies (``data/crossing_words.json``)."""
        frequencies: dict[str, int] = self._crossing["words"]
        return frequencies

    @cached_property
    def place_frequencies(self) -> dict[str, int]:
        """How frequent the gazetteer's names are as words (jieba; ``data/crossing_words.json``)."""
        frequencies: dict[str, int] = self._crossing["place_frequencies"]
        return frequencies

    @cached_property
    def short_place_forms(self) -> frozenset[str]:
        return frozenset(self.gazetteer["short_forms"])

    @cached_property
    def titles_set(self) -> frozenset[str]:
        return frozenset(self.persons["titles"])

    @cached_property
    def countries(self) -> frozenset[str]:
        return frozenset(self.places["countries"])

    @cached_property
    def central_bodies(self) -> ahocorasick.Automaton:
        return _automaton(self.organisations["central_bodies"])

    @cached_property
    def org_suffixes(self) -> ahocorasick.Automaton:
        return _automaton(self.organisations["org_suffixes"])

    @cached_property
    def titles(self) -> ahocorasick.Automaton:
        return _automaton(self.persons["titles"])

    @cached_property
    def boundary_words(self) -> "Boundaries":
        return Boundaries(self.shared["boundary_words"])

    @cached_property
    def surnames(self) -> frozenset[str]:
        return frozenset(self.persons["surnames"]) | frozenset(self.persons["compound_surnames"])

    @cached_property
    def name_enders(self) -> tuple[str, ...]:
        return tuple(sorted(self.persons["name_enders"], key=len, reverse=True))


@lru_cache(maxsize=1)
def name_lexicon() -> NameLexicon:
    """The shipped lexicon, loaded once and shared by every pipeline (never changed: a
    component given rules of its own holds a lexicon of its own)."""
    return NameLexicon.load()


class NameComponent:
    """Base of the name components. As spaCy's ``span_ruler``, a component takes its rule set
    in ``initialize(..., <resource>=...)`` (``[initialize.components.NAME]`` in a config) and
    writes it back in :meth:`to_disk` as ``<resource>.json``, which :meth:`from_disk` reads;
    each rule set is validated against its schema (:mod:`zhinvest.resources`). The rules live
    in the component's finder (``finder_class(lexicon)``), never in module state: two pipelines
    with different rule sets do not meet."""

    #: The rule set's resource and :class:`NameLexicon` field (``organisations``, …).
    resource: str = ""
    finder_class: Any = None

    def __init__(self, name: str, set_ents: bool = True) -> None:
        self.name = name
        self.set_ents = set_ents
        self.finder = self.finder_class(name_lexicon())

    @property
    def rules(self) -> dict[str, Any]:
        """A copy of the rule set in use (the shape of ``data/<resource>.json``): change it and
        give it to ``initialize`` to change the component."""
        rules: dict[str, Any] = copy.deepcopy(getattr(self.finder.lex, self.resource))
        return rules

    def use_rules(self, rules: dict[str, Any]) -> None:
        """Find with ``rules`` from now on (validated and copied; the other rule sets stay the shipped ones)."""
        self.finder = self.finder_class(name_lexicon().replace(**{self.resource: rules}))

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        rules = getattr(self.finder.lex, self.resource)
        (path / f"{self.resource}.json").write_text(json.dumps(rules, ensure_ascii=False, indent=1), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "NameComponent":
        self.use_rules(json.loads((Path(path) / f"{self.resource}.json").read_text(encoding="utf-8")))
        return self


def walk_left(
    text: str,
    end: int,
    boundaries: "Boundaries | tuple[str, ...]",
    limit: int = 24,
    stop_at: "Iterable[tuple[int, int]] | bytearray" = (),
    min_chars: int = 0,
) -> int:
    """The start of a name ending at ``end``: the leftmost position reachable over name
    characters without crossing punctuation, a boundary word or a taken character
    (``stop_at``: spans, or a mask with 1 for taken characters). The first ``min_chars``
    characters are taken whatever words they make (为 in 华为 before 技术有限公司)."""
    words = boundaries if isinstance(boundaries, Boundaries) else Boundaries(boundaries)
    if isinstance(stop_at, (bytearray, bytes)):
        mask = stop_at
    else:
        mask = bytearray(len(text))
        for s, e in stop_at:
            mask[s:e] = b"\x01" * (e - s)
    start = end
    depth = 0  # brackets closed on the way: 某某(上海)电池 walks through, 某某电(上海 does not
    while start > 0 and end - start < limit:
        if not NAME_CHAR.match(text[start - 1]) or mask[start - 1] or (end - start >= min_chars and words.ends_at(text, start)):
            break
        if text[start - 1] in ")）":
            depth += 1
        elif text[start - 1] in "(（":
            if depth == 0:
                break
            depth -= 1
        if text[start - 1] == "年" and start >= 2 and text[start - 2] in _YEAR_DIGITS:
            break  # a date (1996年, 一九九六年) comes before a name, not in it
        start -= 1
    return start


_YEAR_DIGITS = frozenset("0123456789〇零一二三四五六七八九")


class Boundaries:
    """A set of words with a fast test for "does the text before ``position`` end with one"."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(w for w in words if w)
        self.lengths = sorted({len(w) for w in self.words}, reverse=True)

    def ends_at(self, text: str, position: int) -> bool:
        return any(position >= n and text[position - n : position] in self.words for n in self.lengths)

    def ending_at(self, text: str, position: int) -> str | None:
        """The longest word that ends at ``position``, or None."""
        for n in self.lengths:
            if position >= n and text[position - n : position] in self.words:
                return text[position - n : position]
        return None

    def starts_at(self, text: str, position: int) -> str | None:
        for n in self.lengths:
            if text[position : position + n] in self.words:
                return text[position : position + n]
        return None

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.words, key=len, reverse=True))


def strip_leading_boundaries(text: str, start: int, end: int, boundaries: "Boundaries | tuple[str, ...]") -> int:
    """Move ``start`` past boundary words the name begins with (``如``, ``与`` …)."""
    words = boundaries if isinstance(boundaries, Boundaries) else Boundaries(boundaries)
    while start < end:
        word = words.starts_at(text, start)
        if word is None or end - start <= len(word) + 1:
            break
        start += len(word)
    return start
