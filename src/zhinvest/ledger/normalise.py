"""Names as the ledger keys them: companies by a canonical key, places by administrative code.

Companies (:func:`company_key`, :func:`document_aliases`): a name's key is its Simplified,
half-width form without white space, without a bracketed place (蔚能(上海)电池科技 → 蔚能电池科技)
and without its legal form (有限公司, 股份有限公司, 集团 …, ``data/organisations.json``). Two mentions are
one company only for a stated reason: their keys are identical, or one is the 简称 of the other
in the same document (declared with 简称, or the full name's key without its leading place,
industry words or both starting with it). String similarity alone never merges two companies.

Places (:class:`Gazetteer`, :func:`resolve_places`): every division of China by its six-digit
code and parent (``data/places_hierarchy.json``, from cpca). A place mention resolves to a code
by its full name, its short form (嘉定 → 嘉定区), a one-character abbreviation (沪) or a chain of
divisions at its start (云南省玉溪市…, 嘉定工业区 → 嘉定区: the zone keeps its county); a name
several divisions share is chosen by the document's other places; a zone or town right after
a resolved place in the text (秀洲区洪合镇) keeps that place.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from ..components._names import short_form
from ..reader.normalise import fold_width, to_simplified
from ..resources import load_resource
from ..schema import Document, Entity

__all__ = [
    "Gazetteer", "PlaceResolution", "company_key", "document_aliases", "gazetteer", "name_key", "resolve_places",
]

_SPACE = re.compile(r"\s+")
_BRACKETS = str.maketrans({"（": "(", "）": ")"})
#: A bracketed part of a registered name: 蔚能(上海)电池, 松下电器(中国)有限公司.
_BRACKETED = re.compile(r"\(([^()]{1,8})\)")
#: A declared short name: X(以下简称"Y"), X（简称：Y）.
_DECLARED = re.compile(r"[ \t]?[(（]?[ \t]?(?:以下)?简称[ \t]?[:：]?[ \t]?[“\"「『']?([^”\"」』'()（）,，。、；; \t]{2,12})")


def name_key(text: str) -> str:
    """A name as compared: Simplified, half-width, ASCII brackets, no white space."""
    return _SPACE.sub("", fold_width(to_simplified(text))).translate(_BRACKETS)


@lru_cache(maxsize=1)
def _legal_forms() -> tuple[str, ...]:
    return tuple(sorted(load_resource("organisations")["legal_forms"], key=len, reverse=True))


@lru_cache(maxsize=1)
def _industry_words() -> tuple[str, ...]:
    return tuple(sorted(load_resource("organisations")["industry_words"], key=len, reverse=True))


@lru_cache(maxsize=1)
def _non_division_places() -> frozenset[str]:
    data = load_resource("places")
    return frozenset(data["countries"]) | frozenset(data["regions"]) | frozenset(data["world_cities"])


def company_key(name: str) -> str:
    """The canonical key of a company name: :func:`name_key`, a bracketed place dropped, the
    legal form dropped (at least two characters stay).

    >>> company_key("蔚能(上海)電池科技有限公司")
    '蔚能电池科技'
    """
    key = name_key(name)
    places = gazetteer().names | _non_division_places()
    key = _BRACKETED.sub(lambda m: "" if m.group(1) in places else m.group(0), key)
    for form in _legal_forms():
        if key.endswith(form) and len(key) - len(form) >= 2:
            key = key[: -len(form)]
            break
    return key


def _short_keys(key: str) -> set[str]:
    """The keys a company's short name can have after its full key: the key without a leading
    place, without industry words at its end, or both (上海瞻芯电子科技 → 瞻芯电子科技, 上海瞻芯电子, 瞻芯电子)."""
    cores = {key}
    place = gazetteer().leading_place(key)
    if place and len(key) - len(place) >= 2:
        cores.add(key[len(place) :])
    forms = set(cores)
    for core in cores:
        stripped = core
        for _ in range(3):
            word = next((w for w in _industry_words() if stripped.endswith(w) and len(stripped) - len(w) >= 2), None)
            if word is None:
                break
            stripped = stripped[: -len(word)]
            forms.add(stripped)
    return forms - {key}


def is_alias_of(short: str, full: str) -> bool:
    """Whether the key ``short`` names the company of the key ``full`` as a 简称 does: ``full``,
    or ``full`` without its leading place or industry words (:func:`_short_keys`), starts with
    ``short`` (two characters or more, not a place)."""
    if short == full or len(short) < 2 or short in gazetteer().names or short in _non_division_places():
        return False
    return any(form.startswith(short) for form in _short_keys(full) | {full})


@dataclass(frozen=True)
class CompanyLink:
    """An ORG mention's company in its document: the key, and why it is that key."""

    key: str
    reason: str


def document_aliases(document: Document) -> dict[int, CompanyLink]:
    """Each ORG entity's company key in this document, with the reason: its own key, or the key
    of the full name it abbreviates here (a declared 简称, or a short form of exactly one full
    name of the document: a short form that fits two full names is left alone)."""
    orgs = [e for e in document.entities if e.label == "ORG"]
    own = {e.id: company_key(e.name_simplified or e.text) for e in orgs}
    full_keys = {own[e.id] for e in orgs if name_key(e.name_simplified or e.text) != own[e.id]}  # with a legal form
    declared: dict[str, str] = {}
    for entity in orgs:
        match = _DECLARED.match(document.text, entity.end)
        if match:
            declared[company_key(match.group(1))] = own[entity.id]
    links: dict[int, CompanyLink] = {}
    for entity in orgs:
        key = own[entity.id]
        if key in declared and declared[key] != key:
            links[entity.id] = CompanyLink(declared[key], f"same-document alias: declared 简称 of {declared[key]}")
            continue
        targets = sorted(full for full in full_keys if is_alias_of(key, full))
        if len(targets) == 1:
            links[entity.id] = CompanyLink(targets[0], f"same-document alias: short form of {targets[0]}")
        else:
            links[entity.id] = CompanyLink(key, "canonical key")
    return links


# --- places ----------------------------------------------------------------------------------


def level_of(code: str) -> str:
    """``province`` (``xx0000``), ``city`` (``xxxx00``) or ``county``."""
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


class Gazetteer:
    """The administrative divisions of China by code (``data/places_hierarchy.json``)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.divisions: dict[str, tuple[str, str | None]] = {code: (name, parent) for code, (name, parent) in data["divisions"].items()}
        self.abbreviations: dict[str, str] = data.get("abbreviations", {})

    @classmethod
    def load(cls) -> "Gazetteer":
        return cls(load_resource("places_hierarchy"))

    @cached_property
    def by_name(self) -> dict[str, list[str]]:
        """Codes by full name and by short form (嘉定区 and 嘉定 → 310114)."""
        index: dict[str, list[str]] = {}
        for code, (name, _) in self.divisions.items():
            index.setdefault(name, []).append(code)
            form = short_form(name)
            if form and form != name:
                index.setdefault(form, []).append(code)
        return {name: sorted(set(codes)) for name, codes in index.items()}

    @cached_property
    def names(self) -> frozenset[str]:
        return frozenset(self.by_name)

    @cached_property
    def _longest(self) -> int:
        return max(len(name) for name in self.by_name)

    def name(self, code: str) -> str:
        return self.divisions[code][0]

    def parent(self, code: str) -> str | None:
        return self.divisions[code][1]

    def ancestors(self, code: str) -> list[str]:
        """The code and its ancestors, from itself up to its province."""
        chain = [code]
        while (parent := self.divisions.get(chain[-1], (None, None))[1]) is not None:
            chain.append(parent)
        return chain

    def within(self, code: str, area: str) -> bool:
        """Whether ``code`` is ``area`` or lies inside it."""
        return area in self.ancestors(code)

    def compatible(self, first: str | None, second: str | None) -> bool:
        """Unknown places are compatible with any; known ones when one lies inside the other."""
        return first is None or second is None or self.within(first, second) or self.within(second, first)

    def levels(self, code: str) -> dict[str, str | None]:
        """``{"province": …, "city": …, "county": …}`` names of a code's chain."""
        result: dict[str, str | None] = {"province": None, "city": None, "county": None}
        for ancestor in self.ancestors(code):
            result[level_of(ancestor)] = self.name(ancestor)
        return result

    def leading_place(self, text: str) -> str | None:
        """The longest division name (full or short) that ``text`` starts with."""
        for length in range(min(self._longest, len(text)), 1, -1):
            if text[:length] in self.by_name:
                return text[:length]
        return None

    def candidates(self, text: str) -> tuple[list[str], str]:
        """Codes a place name may stand for, and how it was read: ``name`` (a full name or
        short form), ``abbreviation`` (沪), ``chain`` (divisions at the name's start: 云南省玉溪市,
        嘉定工业区), or no codes."""
        key = name_key(text)
        if key in self.by_name:
            return list(self.by_name[key]), "name"
        if len(key) == 1 and key in self.abbreviations:
            return [self.abbreviations[key]], "abbreviation"
        # a chain of divisions at the start: each next one inside the one before
        position = 0
        options: list[str] = []
        while position < len(key):
            head = self.leading_place(key[position:])
            if head is None:
                break
            codes = self.by_name[head]
            if options:
                inside = [c for c in codes if any(self.within(c, o) for o in options)]
                if not inside:
                    break
                codes = inside
            options = codes
            position += len(head)
        if options and position >= 2:
            return options, "chain"
        return [], "none"

    def relatedness(self, code: str, other: str) -> int:
        """3 when one code lies inside the other, 2 when they share a city, 1 a province, else 0."""
        if self.within(code, other) or self.within(other, code):
            return 3
        mine, theirs = self.ancestors(code), self.ancestors(other)
        if any(level_of(c) == "city" and c in theirs for c in mine):
            return 2
        return 1 if mine[-1] == theirs[-1] else 0


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@dataclass(frozen=True)
class PlaceResolution:
    """Where a place mention is: a division code (or None), and why."""

    code: str | None
    reason: str


#: What may lie between a place and a zone or town that keeps it (秀洲区洪合镇, 嘉定区 安亭镇).
ADJACENT_GAPS = frozenset(("", "的", " ", "\u3000"))


def resolve_places(document: Document, gaz: Gazetteer | None = None) -> dict[int, PlaceResolution]:
    """Each LOC entity's division, by the gazetteer, the document's other places (for a name
    several divisions share) and the text (a zone or town right after a resolved place)."""
    gaz = gaz or gazetteer()
    locs = [e for e in document.entities if e.label == "LOC"]
    found: dict[int, tuple[list[str], str]] = {e.id: gaz.candidates(e.text) for e in locs}
    unique = [codes[0] for codes, _ in found.values() if len(codes) == 1]
    result: dict[int, PlaceResolution] = {}
    for entity in locs:
        codes, how = found[entity.id]
        if len(codes) == 1:
            result[entity.id] = PlaceResolution(codes[0], f"gazetteer ({how})")
        elif codes:
            scores = {code: sum(gaz.relatedness(code, other) for other in unique if other != code) for code in codes}
            best = max(scores.values())
            top = [code for code, score in scores.items() if score == best]
            if len(top) == 1 and best > 0:
                result[entity.id] = PlaceResolution(top[0], f"gazetteer ({how}), chosen by the document's other places among {len(codes)}")
            else:
                highest = min(len(gaz.ancestors(code)) for code in top)
                upper = [code for code in top if len(gaz.ancestors(code)) == highest]
                if len(upper) == 1 and how == "name":
                    result[entity.id] = PlaceResolution(upper[0], f"gazetteer (name), the highest level among {len(codes)}")
                else:
                    result[entity.id] = PlaceResolution(None, "ambiguous: " + ", ".join(f"{gaz.name(c)} {c}" for c in codes[:6]))
    # a zone or town right after a resolved place keeps it (秀洲区 + 洪合镇)
    ordered = sorted(locs, key=lambda e: e.start)
    for previous, entity in zip(ordered, ordered[1:]):
        if entity.id in result or previous.id not in result or result[previous.id].code is None:
            continue
        if document.text[previous.end : entity.start] in ADJACENT_GAPS:
            result[entity.id] = PlaceResolution(result[previous.id].code, f"text: after {previous.text}")
    for entity in locs:
        if entity.id not in result:
            reason = "not a division of China" if name_key(entity.text) in _non_division_places() else "not in the gazetteer"
            result[entity.id] = PlaceResolution(None, reason)
    return result


def document_place(codes: Sequence[str], gaz: Gazetteer | None = None) -> str | None:
    """The place a document is about: the most specific division that holds more than half of
    its resolved place mentions (counted with repeats), or None."""
    gaz = gaz or gazetteer()
    if not codes:
        return None
    support: Counter[str] = Counter()
    for code in codes:
        for ancestor in gaz.ancestors(code):
            support[ancestor] += 1
    majority = [code for code, count in support.items() if count * 2 > len(codes)]
    if not majority:
        return None
    return max(majority, key=lambda code: (len(gaz.ancestors(code)), support[code]))


def most_specific(codes: Iterable[str | None], gaz: Gazetteer | None = None) -> str | None:
    """The deepest of some codes (None when there are none)."""
    gaz = gaz or gazetteer()
    known = [code for code in codes if code]
    return max(known, key=lambda code: len(gaz.ancestors(code)), default=None)


def entity_name(entity: Entity) -> str:
    return entity.name_simplified or entity.text
