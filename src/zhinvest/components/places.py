"""``zhinvest_places``: LOC mentions from a gazetteer and a few general patterns.

- Administrative divisions of China from the cpca package (MIT licence): full names
  (``嘉定区``) and short forms (``嘉定``), minus short forms that are ordinary words
  (``data/names.json`` ``division_short_stoplist``); countries and world regions.
- A place followed by a zone word becomes one place (``徐汇滨江``, ``嘉定新城``), and an
  unknown name of two to four characters before a specific zone word too (``临港新片区``);
  named parks (园区) are not places (SPEC).
- One-character abbreviations after a movement or location verb: ``在沪``, ``来华``.
"""

from __future__ import annotations

import re
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc

from ..numbers import alternation
from ._names import NameLexicon, longest_matches, name_lexicon, walk_left
from ._spans import Mention, doc_text, add_mentions

#: What a place's name takes to name its people or area, still a place (香港人, 台湾地区).
_PLACE_AFFIXES = frozenset({"人", "人民", "地区", "岛", "市民", "籍", "话", "方面", "境内", "全境"})
_NUMERAL = re.compile(r"[0-9零一二两三四五六七八九十百千万几多个]")


class PlaceFinder:
    def __init__(self, lex: NameLexicon | None = None) -> None:
        self.lex = lex or name_lexicon()

    @cached_property
    def zone(self) -> re.Pattern[str]:
        words = sorted(self.lex["place_suffix_patterns"], key=len, reverse=True)
        return re.compile("|".join(map(re.escape, words)))

    @cached_property
    def unknown_zone(self) -> re.Pattern[str]:
        words = sorted(self.lex["zone_words_after_unknown_name"], key=len, reverse=True)
        return re.compile("|".join(map(re.escape, words)))

    @cached_property
    def abbreviation(self) -> re.Pattern[str]:
        before = alternation(self.lex["abbreviation_before"])
        chars = re.escape(self.lex["province_abbreviations"])
        not_after = re.escape(self.lex["abbreviation_not_before"])
        return re.compile(rf"(?:{before})(?P<abbr>[{chars}])(?![{not_after}])")

    def find(self, text: str) -> list[Mention]:
        spans: list[tuple[int, int]] = []
        for start, end, name in longest_matches(self.lex.places, text):
            if spans and start < spans[-1][1]:
                continue  # inside a place already extended by its zone word
            if name in self.lex.short_place_forms and self._inside_word(text, start, end):
                continue
            zone = self.zone.match(text, end)
            if zone:
                end = zone.end()
            spans.append((start, end))
        covered = {i for s, e in spans for i in range(s, e)}
        for match in self.unknown_zone.finditer(text):
            if match.start() in covered or match.start() - 1 in covered:
                continue
            start = walk_left(text, match.start(), self.lex.boundary_words, limit=4)
            if match.start() - start >= 2 and not _NUMERAL.search(text[start : match.start()]):
                spans.append((start, match.end()))
        for match in self.abbreviation.finditer(text):
            if match.start("abbr") not in covered:
                spans.append(match.span("abbr"))
        spans.sort()
        return [Mention(start=s, end=e, label="LOC", component="places") for s, e in spans if self._standalone(text, s, e)]

    def _inside_word(self, text: str, start: int, end: int) -> bool:
        """Whether a word that is no place, and more frequent than the short place name at
        ``[start, end)``, starts inside it and runs past it (共和 in 共和国, 和政 in 和政府; not
        上海 in 上海面向); the place's own people and area (香港人, 台湾地区) do not count."""
        words = self.lex.crossing_words
        own = self.lex.place_frequencies.get(text[start:end], 0)
        for word_start in range(start, end):
            for word_end in range(end + 1, min(word_start + 4, len(text)) + 1):
                if words.get(text[word_start:word_end], 0) > own and text[end:word_end] not in _PLACE_AFFIXES:
                    return True
        return False

    def _standalone(self, text: str, start: int, end: int) -> bool:
        """A one- or two-character match glued to Latin letters (a code, a product) is no place."""
        if end - start > 2:
            return True
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        return not (before.isascii() and before.isalpha()) and not (after.isascii() and after.isalpha())


class PlacesComponent:
    def __init__(self, nlp: Language, name: str = "zhinvest_places", set_ents: bool = True) -> None:
        self.name = name
        self.set_ents = set_ents
        self.finder = PlaceFinder()

    def __call__(self, doc: Doc) -> Doc:
        add_mentions(doc, self.finder.find(doc_text(doc)), set_ents=self.set_ents)
        return doc


@Language.factory("zhinvest_places", assigns=["doc.ents", "doc._.zhinvest_mentions"], default_config={"set_ents": True})
def make_places_component(nlp: Language, name: str, set_ents: bool) -> PlacesComponent:
    return PlacesComponent(nlp, name, set_ents=set_ents)
