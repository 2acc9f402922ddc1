"""``zhinvest_places``: LOC mentions from gazetteers and general patterns.

- Administrative divisions of China from the cpca package (MIT licence): full names
  (``嘉定区``) and short forms (``嘉定``), minus short forms that are ordinary words
  (``data/places.json`` ``division_short_stoplist``); countries and world regions.
- Township-level divisions (镇 乡 街道, ``data/towns_cn.json``, National Bureau of Statistics
  codes): full names anywhere (郭X镇, X街道); a town's short form right after its county or
  city (渝北 + 洛碛), or in a text that names its county.
- A short form dropped as an ordinary word is a place in a text that names its full division
  (中山市 … 中山, 大兴区 … 大兴); a county right after its city is one (黔南 + 瓮安).
- A place followed by a zone word becomes one place (``徐汇滨江``, ``北京经济技术开发区``), also
  over a short descriptor (X市 + 沿江 + 开发区), and an unknown name of two to four characters
  before a specific zone word too (``临港新片区``, ``X·Y高新区``); named parks (园区) are not
  places, nor generic zones (国家级开发区) (SPEC "Zones").
- A place that begins a road's name (X路, X大道) is none; nor a word in a credit line naming the
  source (来源：…).
- One-character abbreviations after a movement or location verb: ``在沪``, ``来华``; compounds of
  abbreviations (港澳, 川渝) only where they stand as a noun (在港澳, (川渝), 港澳地区).
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from .. import _spacy  # noqa: F401, I001  (first: spaCy without PyTorch, see zhinvest._spacy)
from spacy.language import Language
from spacy.tokens import Doc

from ..numbers import alternation
from ._names import Boundaries, NameComponent, NameLexicon, _automaton, longest_matches, name_lexicon, short_form, walk_left
from ..mentions import Mention
from ._spans import doc_text, add_mentions

_NUMERAL = re.compile(r"[0-9]|[零一二两三四五六七八九十百千万几多][个家座大批项类期]|^[一二两三四五六七八九十几]")
_CJK = re.compile(r"[\u3400-\u9fff]")


class PlaceFinder:
    def __init__(self, lex: NameLexicon | None = None) -> None:
        self.lex = lex or name_lexicon()
        self.rules = rules = self.lex.places  # data/places.json, or a replacement
        self.place_affixes = frozenset(rules["place_affixes"])
        self.generic_before_town = frozenset(rules["generic_before_town"])
        self.aspect = frozenset(rules["aspect_particles"])
        self.road_directions = tuple(rules["road_directions"])
        self.function_chars = frozenset(self.lex.shared["function_chars"])  # no zone's descriptor holds one

    @cached_property
    def town(self) -> re.Pattern[str]:
        """A town's full name: two or three characters and 镇, 乡 or 街道."""
        return re.compile(rf"([\u4e00-\u9fff]{{2,3}}?){alternation(self.rules['town_words'])}")

    @cached_property
    def zone(self) -> re.Pattern[str]:
        words = sorted(self.rules["place_suffix_patterns"], key=len, reverse=True)
        return re.compile("|".join(map(re.escape, words)))

    @cached_property
    def unknown_zone(self) -> re.Pattern[str]:
        words = sorted(self.rules["zone_words_after_unknown_name"], key=len, reverse=True)
        return re.compile("|".join(map(re.escape, words)))

    @cached_property
    def abbreviation(self) -> re.Pattern[str]:
        before = alternation(self.rules["abbreviation_before"])
        chars = re.escape(self.rules["province_abbreviations"])
        not_after = re.escape(self.rules["abbreviation_not_before"])
        return re.compile(rf"(?:{before})(?P<abbr>[{chars}])(?![{not_after}{chars}])")

    @cached_property
    def abbreviation_compound(self) -> re.Pattern[str]:
        """Two or three province abbreviations standing as a noun (港澳, 川渝): in brackets of
        their own, after a movement or location verb, or before 地区, 两地 …"""
        chars = re.escape(self.rules["province_abbreviations"])
        verbs = [w for w in self.rules["abbreviation_before"] if not set(w) <= set(self.rules["province_abbreviations"])]
        before = alternation(verbs)
        after = alternation(self.rules["abbreviation_compound_after"])
        return re.compile(
            rf"(?<=[(（])(?P<a>[{chars}]{{2,3}})(?=[)）])"
            rf"|(?<![{chars}])(?P<b>[{chars}]{{2,3}})(?:{after})"
            rf"|(?:{before})(?P<c>[{chars}]{{2,3}})(?=[^{chars}\u3400-\u9fff]|的|$)"
        )

    @cached_property
    def world_cities(self) -> frozenset[str]:
        return frozenset(self.rules["world_cities"])

    @cached_property
    def source_line(self) -> re.Pattern[str]:
        return re.compile(self.rules["source_line"], re.M)

    @cached_property
    def division_suffix_words(self) -> Boundaries:
        return Boundaries(self.rules["division_suffix_words"])

    @cached_property
    def zone_generic(self) -> Boundaries:
        return Boundaries(self.rules["zone_generic_names"])

    @cached_property
    def town_and_licensed(self) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
        return self.lex.town_forms, self.lex.division_of_short_form

    def find(self, text: str) -> list[Mention]:
        lex = self.lex
        skipped = self._source_lines(text)
        raw = [m for m in longest_matches(lex.place_matcher, text) if not any(s <= m[0] < e for s, e in skipped)]
        raw_starts = {start for start, _, _ in raw}
        spans: list[tuple[int, int]] = []
        licensed: set[str] = set()  # short forms a full name in this text vouches for (大兴区 → 大兴)
        previous = ("", -1)  # the last place's name and end
        for start, end, name in raw:
            if spans and start < spans[-1][1]:
                continue  # inside a place already extended by its zone word
            child = previous[1] == start and name in self.lex.child_divisions.get(previous[0], ())
            extended = self._extend(text, start, end, name, raw_starts)
            if name in self.lex.short_place_forms and not child and self._inside_word(text, start, end):
                if not (text[end : end + 1] in ("市", "县") and extended > end + 1 and self.zone.search(text, end, extended)):
                    continue  # 共和 in 共和国; but 江都 + 市沿江开发区
            if self._road_at(text, end):
                continue  # 白沙路, 北京东路: a road named after a place
            if name in self.lex.dropped_form_divisions and (name in self.lex.crossing_words or self.division_suffix_words.starts_at(text, end - 1)):
                continue  # 合作 + 市场: no place
            licensed.update(self._vouched_forms(name))
            if name in self.lex.county_names:
                licensed.update(f for f in self.lex.town_forms.get(name, ()) if f not in self.lex.crossing_words)
            if extended > end and text[start - 1 : start] in ("·", "•") and self.zone.search(text, end, extended):
                first = walk_left(text, start - 1, self.lex.boundary_words, limit=4)
                if start - 1 - first >= 2:  # 亦庄·永清高新区: one zone named with two places
                    if spans and spans[-1][1] > first:
                        spans.pop()
                    start = first
            spans.append((start, extended))
            previous = (name, extended)
            town = self._town_after(text, extended, name, raw_starts)
            if town:
                licensed.add(text[town[0] : town[1]])
                zone = self.zone.match(text, town[1])
                spans.append((town[0], zone.end() if zone else town[1]))
        spans.extend(self._licensed(text, licensed, spans, skipped))
        covered = {i for s, e in spans for i in range(s, e)}
        zone_names: set[str] = set()
        for match in self.unknown_zone.finditer(text):
            if match.start() in covered or match.start() - 1 in covered:
                continue
            span = self._unknown_zone_name(text, match, covered)
            if span:
                spans.append(span)
                covered.update(range(*span))
                name = text[span[0] : match.start()]
                if name in self.lex.town_short_forms or name in self.lex.division_of_short_form:
                    zone_names.add(name)  # 横琴新区 → 横琴 elsewhere in the text
        if zone_names:
            found = self._licensed(text, zone_names, spans, skipped)
            spans.extend(found)
            covered.update(i for s, e in found for i in range(s, e))
        for span in self._foreign_divisions(text, covered):
            spans.append(span)
            covered.update(range(*span))
        for match in self.abbreviation.finditer(text):
            if match.start("abbr") not in covered:
                spans.append(match.span("abbr"))
        for match in self.abbreviation_compound.finditer(text):
            group = next(g for g in ("a", "b", "c") if match.group(g))
            if not covered.intersection(range(*match.span(group))):
                spans.append(match.span(group))
        spans = sorted(set(spans))
        return [Mention(start=s, end=e, label="LOC", component="places") for s, e in spans if self._standalone(text, s, e)]

    @cached_property
    def foreign_division(self) -> re.Pattern[str]:
        countries = alternation(c for c in self.lex.countries if c != "中国")
        suffixes = alternation(self.rules["foreign_division_suffixes"])
        return re.compile(rf"(?:{countries})(?P<name>[\u4e00-\u9fff]{{2,5}}?(?:{suffixes}))")

    def _foreign_divisions(self, text: str, covered: set[int]) -> list[tuple[int, int]]:
        """A division abroad right after its country (日本 + 某某县, 美国 + 某某州, 越南 + 某某省):
        a name of two to five characters ending in a division suffix, with no function
        character and no ordinary word in it (美国多个州, 日本各级政府 are none)."""
        spans = []
        common = self.lex.common_words
        for match in self.foreign_division.finditer(text):
            start, end = match.span("name")
            stem = text[start : end - 1]
            if covered.intersection(range(start, end)) or any(c in self.function_chars for c in stem):
                continue
            if any(stem[i : i + 2] in common for i in range(len(stem) - 1)) or stem in self.lex.place_names:
                continue
            spans.append((start, end))
        return spans

    def _source_lines(self, text: str) -> list[tuple[int, int]]:
        """Credit lines naming a source (来源：X 2007/4/27): SPEC's boilerplate, no entities."""
        spans = []
        for match in self.source_line.finditer(text):
            line_end = text.find("\n", match.end())
            spans.append((match.start(), len(text) if line_end < 0 else line_end))
        return spans

    def _road_at(self, text: str, end: int) -> bool:
        """Whether a road's name goes on at ``end`` (白沙 + 路, 北京 + 东路, 长江 + 大道)."""
        position = end + 1 if text[end : end + 1] in self.road_directions else end
        for word in self.rules["road_words"]:
            if text.startswith(word, position):
                return not any(text.startswith(other, position) for other in self.rules["not_road_after"])
        return False

    def _vouched_forms(self, name: str) -> list[str]:
        """A full division or town name makes its short form a place in the same text, even
        one dropped as an ordinary word (大兴区 → 大兴, 中山市 → 中山, 横琴镇 → 横琴)."""
        if name in self.lex.town_names:
            form = name[:-2] if name.endswith(("街道", "苏木")) else name[:-1]
            return [form] if form in self.lex.town_short_forms else []
        short = short_form(name, self.lex.division_suffixes)
        return [short] if short and name in self.lex.division_of_short_form.get(short, ()) else []

    def _extend(self, text: str, start: int, end: int, name: str, raw_starts: set[int]) -> int:
        """The end of the place that starts with the name at ``[start, end)``: a zone word after
        it (徐汇滨江, 长沙经开区), an administrative suffix after a short form (江都 + 市), a
        short descriptor before a zone word (江都市 + 沿江 + 开发区); a full name's suffix is left
        out before a word that begins with it (商丘 + 市场)."""
        zone = self.zone.match(text, end)
        if zone:
            return zone.end()
        if name[-1] in "市县区省" and self.division_suffix_words.starts_at(text, end - 1) and end - start > 2:
            return end - 1  # 商丘市情 → 商丘
        position = end
        if text[position : position + 1] in ("市", "县", "区") and (name in self.lex.short_place_forms or name in self.world_cities):
            if self.division_suffix_words.starts_at(text, position):
                return end
            position += 1
            zone = self.zone.match(text, position)
            if zone:
                return zone.end()  # 江都市 + 开发区
        if name not in self.lex.division_of_short_form and name not in self.lex.gazetteer_names:
            return position  # a descriptor only after a division (江都市 + 沿江 + 开发区)
        if self._own_place_at(text, position, name):
            return position  # 山东 + 潍坊…开发区: a division of its own begins the zone's name
        for length in range(1, 5):
            stop = position + length
            if stop > len(text) or not _CJK.match(text[stop - 1]) or text[stop - 1] in self.function_chars:
                break
            if self.lex.boundary_words.ends_at(text, stop) or text[stop - 1] == "部":
                break  # 北京南部新区: a direction, not a zone's name
            zone = self.zone.match(text, stop)
            if zone:
                if self.named_apart.starts_at(text, stop):
                    return position  # 重庆 + 两江新区, 宜宾市 + 三江新区: an area named apart is a place of its own
                return zone.end()  # 江都市 + 沿江 + 开发区, 漳州 + 古雷港 + 经济开发区: one zone
        return position

    @cached_property
    def named_apart(self) -> Boundaries:
        return Boundaries(self.rules["zone_words_named_apart"])

    def _own_place_at(self, text: str, position: int, name: str) -> bool:
        """Whether a division of its own begins at ``position`` after the place ``name``: a
        city, a county of ``name``, or a division that the zone word follows (山东 + 潍坊, 黔南 +
        瓮安, 江苏 + 太仓高新区); not a town or a name inside a zone's descriptor (漳州 + 古雷港,
        嘉兴 + 独山港)."""
        children = self.lex.child_divisions
        own = children.get(name, frozenset())
        for n in range(2, 9):
            form = text[position : position + n]
            if form in children or form in own or (form in self.lex.gazetteer_names and self.zone.match(text, position + n)):
                return True
        return False

    def _town_after(self, text: str, end: int, name: str, raw_starts: set[int]) -> tuple[int, int] | None:
        """A town of the county or city ``name`` right after it, by its short form (渝北 + 洛碛),
        unless that is a frequent word (北京 + 同仁堂); a county of the city by its short form,
        even one dropped as a word (北京 + 大兴)."""
        if end in raw_starts:
            return None
        towns = self.lex.town_forms.get(name, frozenset())
        counties = self.lex.child_divisions.get(name, frozenset())
        for length in (4, 3, 2):
            form = text[end : end + length]
            if form in counties and form in self.lex.division_of_short_form:
                if not self._road_at(text, end + length):
                    return end, end + length
            if form in towns:
                if form in self.lex.crossing_words or self._inside_word(text, end, end + length) or self._road_at(text, end + length):
                    return None
                return end, end + length
        if name in self.lex.county_names or name in self.lex.division_of_short_form:
            town = self.town.match(text, end)  # a town the gazetteer no longer lists (兴文县 + X镇, merged since)
            stem = town.group(1) if town else ""
            if town and not (stem in self.lex.common_words or stem[:2] in self.lex.common_words or stem[-1] in self.generic_before_town or self.zone_generic.starts_at(text, end)):
                return town.span()
        return None

    def _licensed(self, text: str, forms: set[str], spans: list[tuple[int, int]], skipped: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Other mentions of the short forms a text has vouched for (大兴 after 大兴区, 洛碛 after 渝北洛碛)."""
        forms = {form for form in forms if len(form) >= 2} - set(self.lex.short_place_forms)
        if not forms:
            return []
        taken = bytearray(len(text))
        for s, e in spans + skipped:
            taken[s:e] = b"\x01" * (e - s)
        found = []
        for start, end, _ in longest_matches(_automaton(forms), text):
            if any(taken[start:end]) or self._inside_word(text, start, end) or self._crossed_from_left(text, start, end):
                continue
            if self._road_at(text, end):
                continue
            found.append((start, self._extend(text, start, end, text[start:end], set())))
        return found

    def _unknown_zone_name(self, text: str, match: re.Match[str], covered: set[int]) -> tuple[int, int] | None:
        """An unknown name of two to four characters before a zone word (翠亨新区, 多宝工业区),
        two such names joined by a middle dot (X·Y高新区); none that is generic (国家级开发区)
        or an ordinary word (城市新区)."""
        start = walk_left(text, match.start(), self.lex.boundary_words, limit=4)
        while start < match.start() and start in covered:
            start += 1  # 广州 + 南部新区: not into a place found before
        if self.zone_generic.starts_at(text, start):
            return None
        dot = max(text.rfind("·", start, match.start()), text.rfind("•", start, match.start()))
        if dot >= 0 and match.start() - dot > 2:
            first = walk_left(text, dot, self.lex.boundary_words, limit=4)
            start = first if dot - first >= 2 else dot + 1
        while match.start() - start > 2 and (
            text[start : start + 2] in self.lex.common_words or text[start] in self.aspect or self._crossed_from_left(text, start, start + 1)
        ):
            start += 1  # 项目 + 翠亨新区, 意味著 + X新区
        name = text[start : match.start()]
        if len(name) < 2 or _NUMERAL.search(name) or not all(_CJK.match(c) or c in "·•" for c in name):
            return None
        if name in self.lex.common_words or self.zone_generic.starts_at(text, start) or name[-1] in self.function_chars or name[-1] == "部":
            return None
        return start, match.end()

    def _inside_word(self, text: str, start: int, end: int) -> bool:
        """Whether a word that is no place, and more frequent than the short place name at
        ``[start, end)``, starts inside it and runs past it (共和 in 共和国, 和政 in 和政府; not
        上海 in 上海面向); the place's own people and area (香港人, 台湾地区) do not count."""
        words = self.lex.crossing_words
        own = self.lex.place_frequencies.get(text[start:end], 0)
        following = max((words.get(text[end : end + n], 0) for n in (2, 3)), default=0)  # 嘉兴 + 建设
        for word_start in range(start, end):
            for word_end in range(end + 1, min(word_start + 4, len(text)) + 1):
                frequency = words.get(text[word_start:word_end], 0)
                if frequency > own and frequency > following and text[end:word_end] not in self.place_affixes:
                    return True
        return False

    def _crossed_from_left(self, text: str, start: int, end: int) -> bool:
        """Whether a frequent word that is no place ends inside the name, begun before it (孙中山)."""
        words = self.lex.crossing_words
        for word_start in range(max(0, start - 3), start):
            for word_end in range(start + 1, end + 1):
                if words.get(text[word_start:word_end], 0) >= 100:
                    return True
        return False

    def _standalone(self, text: str, start: int, end: int) -> bool:
        """A one- or two-character match glued to Latin letters (a code, a product) is no
        place; a country before a Latin company name is (荷兰ENKEN公司)."""
        if end - start > 2:
            return True
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if before.isascii() and before.isalpha() and not (text[start:end] in self.lex.gazetteer_names and text[max(0, start - 2) : start].isupper()):
            return False  # A股; but DNE + 青浦
        return not (after.isascii() and after.isalpha()) or text[start:end] in self.lex.countries


class PlacesComponent(NameComponent):
    """The place rules as a pipeline component; its rule set is ``data/places.json`` or one
    given to :meth:`initialize` (see :class:`~zhinvest.components._names.NameComponent`)."""

    resource = "places"
    finder_class = PlaceFinder
    finder: PlaceFinder

    def __init__(self, nlp: Language, name: str = "zhinvest_places", set_ents: bool = True) -> None:
        super().__init__(name, set_ents)

    def __call__(self, doc: Doc) -> Doc:
        add_mentions(doc, self.finder.find(doc_text(doc)), set_ents=self.set_ents)
        return doc

    def initialize(self, get_examples: Any = None, *, nlp: Any = None, places: dict[str, Any] | None = None) -> None:
        """Replace the rule set (the shape of ``data/places.json``)."""
        if places is not None:
            self.use_rules(places)


@Language.factory("zhinvest_places", assigns=["doc.ents", "doc._.zhinvest_mentions"], default_config={"set_ents": True})
def make_places_component(nlp: Language, name: str, set_ents: bool) -> PlacesComponent:
    return PlacesComponent(nlp, name, set_ents=set_ents)
