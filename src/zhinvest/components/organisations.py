"""``zhinvest_organisations``: ORG mentions from rules.

Each rule is general knowledge in ``data/organisations.json`` (see :class:`zhinvest.resources.OrganisationsResource`):
- central bodies by name (国务院, 商务部 …);
- local party and government bodies: optional place + level + body (市委, 金山区委, 区政府,
  市投促办), and departments named by place + field + 局/厅/署 (某市能源局, 某区经济发展局),
  later also named without the place;
- names ending in an organisation suffix (有限公司, 集团, 协会, 大学 …): the name runs left
  from the suffix to punctuation or a function word (与, 如, 在, 拟 …), and a name part that
  is only a generic word (上市公司, 产业基金) is not a name;
- short names of investors from context: the name before 拟投资 / 计划投资 + an amount;
- a foreign country at the start of a name is a nationality, a place of its own
  (法国液化空气集团 → 法国 + 液化空气集团), unless only industry words and a legal form follow
  it (英国石油公司: the country is the trade name); 中国 at the start is part of the name;
- a company in Latin letters with an industry word after its country (韩国SK化学);
- the parent before 旗下 or 下属 and an organisation, the partner of a joint venture (某某与某某的合资企业),
  and a company before its region and an executive's title (某某大中华区总裁);
- every ORG found once marks its other mentions in the document, and so does its short
  form (上海瞻芯电子科技股份有限公司 → 瞻芯电子) and the short name declared in brackets after
  it (（以下简称“某某”）).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import Any

from .. import _spacy  # noqa: F401, I001  (first: spaCy without PyTorch, see zhinvest._spacy)
from spacy.language import Language
from spacy.tokens import Doc
import ahocorasick

from ..numbers import alternation
from ..resources import load_resource
from ._names import Boundaries, NameComponent, NameLexicon, _automaton, longest_matches, longest_words, name_lexicon, strip_leading_boundaries, walk_left
from ..mentions import Mention
from ._spans import Occupancy, add_mentions, doc_text, get_mentions, overlaps

#: A place or a legal form in brackets inside a registered name: 松下电器(中国)有限公司, 某某控股（集团）有限公司.
_BRACKETED_PLACE = re.compile(r"[(（]([\u4e00-\u9fff]{2,6})[)）]")
#: A count of companies: 179家附属公司, 三家公司.
_COUNTED = re.compile(r"[0-9一二两三四五六七八九十百千几多]{1,8}[家个所]")
#: What follows an outlet on a source line: a date (某某日报 2018-04-20 09:28).
_DATE_AFTER = re.compile(r"[ \t]{0,4}\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}")
#: The dots that join the parts of a transliterated name (克劳斯·施耐德).
_NAME_DOTS = ("·", "•")
#: Characters of a trade name (字号).
_NAME_CORE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


class OrganisationFinder:
    def __init__(self, lex: NameLexicon | None = None) -> None:
        self.lex = lex or name_lexicon()
        self.rules = rules = self.lex.organisations  # data/organisations.json, or a replacement
        self.associations = tuple(rules["association_suffixes"])
        self.base_suffixes = tuple(rules["base_suffixes"])
        self.generic_heads = tuple(rules["generic_heads"])
        self.not_in_trade_name = frozenset(rules["not_in_trade_name"])
        self.field_nouns = tuple(rules["field_nouns"])
        self.locatives = tuple(rules["locatives_before_place"])
        self.place_endings = tuple(rules["place_endings"])
        self.not_partner_start = frozenset(rules["not_partner_start"])
        self.generic_partners = tuple(rules["generic_partners"])
        self.sector_like = frozenset(rules["sector_like_industry_words"])

    @cached_property
    def local_body(self) -> re.Pattern[str]:
        levels = alternation(self.rules["local_levels"])
        bodies = alternation(self.rules["local_bodies"])
        return re.compile(rf"(?<![各两三四五六七八九十])(?:{levels})(?:{bodies})(?!员)")

    @cached_property
    def standalone_bodies(self) -> ahocorasick.Automaton:
        return _automaton(self.rules["standalone_bodies"])

    @cached_property
    def numbered_bureau(self) -> re.Pattern[str]:
        return re.compile(self.rules["numbered_bureau"])

    @cached_property
    def investor_trigger(self) -> re.Pattern[str]:
        """An investment verb (the relation resource's ``words.invest``, one list for both
        components) before an amount; modal words before it (拟, 计划, 将) are boundary words."""
        from .relations import relation_words

        words = alternation(relation_words()["words"]["invest"])
        qualifiers = alternation(self.rules["investment_amount_qualifiers"])
        return re.compile(rf"(?:{words}){qualifiers}?[0-9一二三四五六七八九十百千]")

    @cached_property
    def generic(self) -> frozenset[str]:
        return frozenset(self.rules["generic_name_parts"])

    def find(self, text: str, avoid: list[tuple[int, int]] | None = None) -> list[Mention]:
        """ORG mentions; ``avoid`` holds spans already taken (numbers), which names never cross."""
        avoid = list(avoid or [])
        candidates: list[tuple[int, int]] = []
        candidates.extend((s, e) for s, e, _ in longest_matches(self.lex.central_bodies, text) if not self._cuts_a_word(text, e))
        for match in self.local_body.finditer(text):
            start = match.start()
            zone = self.zones_before_bodies.ending_at(text, start + 1)  # 开发区管委会: the level 区 ends a zone word
            if zone is not None:
                start = start + 1 - len(zone)
            place = self._place_ending_at(text, start)
            candidates.append((start if place is None else place, match.end()))
        candidates.extend(self._place_bodies(text))
        candidates.extend(self._departments(text))
        candidates.extend(self._foreign_latin(text))
        for start, end, _ in longest_matches(self.standalone_bodies, text):
            if not text.endswith(("各", "每", "两", "多", "等"), 0, start):  # 各管委会: not one body
                candidates.append((start, end))
        for match in self.numbered_bureau.finditer(text):
            start = walk_left(text, match.end(), self.boundaries, stop_at=avoid)
            candidates.append((strip_leading_boundaries(text, start, match.end(), self.lex.boundary_words), match.end()))
        candidates.extend(self._suffixed(text, avoid))
        candidates.extend(self._listed(text))
        candidates.extend(self._project_owners(text))
        candidates.extend(self._placed_project_owners(text))
        candidates.extend(self._signing_partners(text))
        candidates.extend(self._stock_coded(text))
        candidates.extend(self._before_facility(text))
        candidates.extend(self._media(text))
        candidates.extend(self._foreign_before_title(text))
        candidates.extend(self._appositive(text))
        avoided = Occupancy(len(text), avoid)
        found = _longest_first(c for c in candidates if c[1] - c[0] >= 2 and avoided.free(*c))
        found = _longest_first(found + [c for c in self._investors(text, avoid + found) if not overlaps(*c, found)])
        found = _longest_first(found + [c for c in self._subjects(text, avoid) if not overlaps(*c, found)])
        found = _longest_first(found + self._coordinated(text, found, avoid))
        found = _longest_first(found + self._joint_partners(text, found, avoid))
        found = _longest_first(found + self._parents(text, found, avoid))
        found = _longest_first(found + [c for c in self._before_region_title(text, avoid) if not overlaps(*c, found)])
        found = _longest_first(found + [c for c in self._before_company_organ(text, avoid) if not overlaps(*c, found)])
        found = self._propagate(text, found, avoid)
        found = self._joined(text, found)
        return [Mention(start=s, end=e, label="ORG", component="organisations") for s, e in sorted(found) if self._is_name(text, s, e)]

    def _joined(self, text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """SPEC: a province or city right before a company is part of its name (浙江某某, 长沙某某);
        a group named right before its subsidiary's registered name, which begins with a place,
        is one name with it (某某集团 + 株洲某某机车有限公司)."""
        spans: list[tuple[int, int]] = []
        for start, end in sorted(found):
            starts_with_place = any(text[start : start + n] in self.lex.gazetteer_names for n in range(2, 9))
            if (
                spans and spans[-1][1] == start and starts_with_place
                and not text.endswith("公司", 0, start) and self.legal_form_list.ending_at(text, end) is not None
            ):
                spans[-1] = (spans[-1][0], end)
                continue
            if not starts_with_place:
                while (place := self._division_ending_at(text, start)) is not None and not (spans and place < spans[-1][1]):
                    start = place
            spans.append((start, end))
        return spans

    @cached_property
    def _longest_place(self) -> int:
        return max((len(name) for name in self.lex.place_names), default=0)

    def _division_ending_at(self, text: str, position: int) -> int | None:
        """The start of a Chinese division's name (full or short) ending at ``position``."""
        for length in range(min(self._longest_place, position), 1, -1):
            if position - length >= 0 and text[position - length : position] in self.lex.gazetteer_names:
                return position - length
        return None

    def _is_name(self, text: str, start: int, end: int) -> bool:
        """What no rule may output: a legal form or generic word alone (公司, 企业), a count of
        companies (179家附属公司), a zone's name or one cut inside its zone word (某某经开区, 某某高 +
        新区), and an outlet heading a source line (某某日报 2021-03-25 09:28)."""
        name = text[start:end]
        if name in self.legal_forms or name in self.generic or _COUNTED.match(name):
            return False
        if self._cuts_a_zone_word(text, end) or name.endswith(self._zone_words):
            return False  # 某某高 + 新区, 某某经开区: a zone's name, whole or cut, is a place
        line_start = text.rfind("\n", 0, start) + 1
        return not (self.source_line_head.fullmatch(text[line_start:start]) and _DATE_AFTER.match(text, end))

    @cached_property
    def _zone_words(self) -> tuple[str, ...]:
        return tuple(self.lex.places["place_suffix_patterns"])

    def _cuts_a_zone_word(self, text: str, end: int) -> bool:
        """Whether a zone word (高新区, 开发区) begins before ``end`` and runs past it: a name
        that ends there is a zone's name cut short (某某高 + 新区), no organisation."""
        return any(0 < end - at < len(word) and text.startswith(word, at) for word in self._zone_words for at in range(end - len(word) + 1, end))

    @cached_property
    def source_line_head(self) -> re.Pattern[str]:
        """What stands before an outlet on a source line: nothing, or a source label (来源：)."""
        labels = alternation(self.rules["source_labels"])
        return re.compile(rf"[ \t]{{0,8}}(?:{labels}[ \t]{{0,4}}[:：][ \t]{{0,4}})?")

    @cached_property
    def boundaries(self) -> Boundaries:
        """Where an organisation name's walk to the left stops: function words, verbs and titles."""
        return Boundaries(set(self.lex.boundary_words.words) | set(self.lex.persons["titles"]) | set(self.rules["org_left_boundaries"]))

    def _extend_over_known_names(self, text: str, start: int) -> int:
        """A walk stopped inside a known name (联合国 in 联合国旅游组织) goes on to its start."""
        offset = max(0, start - 8)
        for body_start, body_end, _ in longest_matches(self.lex.central_bodies, text[offset : start + 8]):
            if body_start + offset < start < body_end + offset:
                return body_start + offset
        return start

    @cached_property
    def place_body_heads(self) -> Any:
        return _automaton(self.rules["place_body_heads"])

    @cached_property
    def zones_before_bodies(self) -> Boundaries:
        return Boundaries(self.rules["zones_before_bodies"])

    @cached_property
    def listed_companies(self) -> Any:
        """Short names of China's listed companies (``data/listed_companies.json``, from adata)."""
        return _automaton(load_resource("listed_companies")["names"])

    def _listed(self, text: str) -> list[tuple[int, int]]:
        """Listed companies by their short names (证券简称), where the name does not cut a word
        and is no part of a transliterated person's name (某某·施耐德)."""
        return [
            (s, e)
            for s, e, _ in longest_matches(self.listed_companies, text)
            if not self._inside_word(text, s, e)
            and not text.startswith(_NAME_DOTS, e)
            and not text.endswith(_NAME_DOTS, 0, s)
            and not text.startswith(self.field_nouns, e)
            and not text.startswith(self.place_endings, e)
            and not self._ordinary_phrase(text[s:e])  # 创新医疗 (a listed name) in 创新医疗器械: two ordinary words
        ]

    @cached_property
    def project_owner(self) -> re.Pattern[str]:
        # the industry words that name a company's business, not a sector (某某产业项目 is a kind of project)
        industry = alternation(w for w in self.rules["industry_words"] if w not in self.sector_like)
        return re.compile(
            rf"(?:(?:^|[、，,：:；;\n])(?:如|包括|是|其中)?|如|包括)(?P<name>(?P<trade>[\u4e00-\u9fff]{{2,4}}?)(?:{industry}))(?=项目|[一二三四五六七八九十]期)"
        )

    @cached_property
    def placed_project_owner(self) -> re.Pattern[str]:
        industry = alternation(w for w in self.rules["industry_words"] if w not in self.sector_like)
        return re.compile(
            rf"(?:(?:^|[、，,：:；;\n的])(?:如|包括|是|其中)?|如|包括)(?P<name>[\u4e00-\u9fff]{{2,10}}?(?:{industry}))"
            rf"(?=[（(](?P<place>[\u4e00-\u9fff]{{2,6}})[)）][^，,。；;、\n（(]{{0,16}}?项目)"
        )

    def _placed_project_owners(self, text: str) -> list[tuple[int, int]]:
        """A company short name, (place +) trade name + industry word, before the place of its
        project in brackets: 的某地某某鞋业（某区）智能制造项目. The bracket holds a known place;
        the trade name left after the leading places must be no ordinary word, place or generic part."""
        spans = []
        for match in self.placed_project_owner.finditer(text):
            if match.group("place") not in self.lex.place_names:
                continue
            name = match.group("name")
            industry_start = self._industry_start(name, len(name))
            trade = name[self._leading_places_end(name, industry_start) : industry_start]
            if (
                not 2 <= len(trade) <= 4
                or any(form in trade for form in ("集团", "公司", "控股"))
                or _COUNTED.match(trade) or trade[0] in "一二两三四五六七八九十百千几多各该本此"
                or trade in self.lex.common_words
                or trade in self.lex.place_names
                or trade in self.generic
                or any(char in self.not_in_trade_name for char in trade)
            ):
                continue
            spans.append(match.span("name"))
        return spans

    def _project_owners(self, text: str) -> list[tuple[int, int]]:
        """A company short name (trade name + industry word) that names a project at the head
        of a list item or clause: 、某某煤业二期及配套项目, 如某某生物科技项目. The trade name must
        be no ordinary word, place or generic part (新兴产业项目 names no company)."""
        spans = []
        for match in self.project_owner.finditer(text):
            trade = match.group("trade")
            if (
                any(form in trade for form in ("集团", "公司", "控股"))
                or _COUNTED.match(trade) or trade[0] in "一二两三四五六七八九十百千几多各该本此"
                or trade in self.lex.common_words
                or trade in self.lex.place_names
                or trade in self.generic
                or any(char in self.not_in_trade_name for char in trade)
                or self._ordinary_phrase(match.group("name"))
            ):
                continue
            spans.append(match.span("name"))
        return spans

    @cached_property
    def signing_partner(self) -> re.Pattern[str]:
        adverbs, verbs = alternation(self.rules["signing_adverbs"]), alternation(self.rules["signing_verbs"])
        return re.compile(rf"与(?P<name>[\u4e00-\u9fffA-Za-z]{{2,8}}?){adverbs}?{verbs}")

    def _signing_partners(self, text: str) -> list[tuple[int, int]]:
        """The partner a signing names (某区与某某签署协议): a name of its own, no ordinary word,
        place, person's name or generic head (与会, 与其, 与相关企业)."""
        spans = []
        for match in self.signing_partner.finditer(text):
            name = match.group("name")
            if not self._partner_name(name):
                continue
            start, end = match.span("name")
            spans.append((start + self._nationality(name), end))  # 与美国某某集团: the country is a place
        return spans

    def _partner_name(self, name: str) -> bool:
        """Whether the words after 与 can name a partner: no ordinary word, place, person's name
        or generic head (与会, 与其, 与相关企业)."""
        return not (
            name[0] in self.not_partner_start
            or name in self.lex.common_words
            or name in self.lex.place_names
            or name in self.generic
            or name.endswith(self.generic_partners)
            or name.endswith(self.place_endings)  # 与某某高新区签署: the place signs
            or self._ordinary_phrase(name)
            or (len(name) <= 3 and name[0] in self.lex.surnames and name not in self.lex.place_names)
        )

    def _named_before(self, text: str, end: int, avoid: list[tuple[int, int]]) -> tuple[int, int] | None:
        """A short name ending at ``end`` after punctuation or a boundary word (某某 + 旗下): two to
        ten characters, no ordinary word, place, generic word, title or person's name."""
        start = walk_left(text, end, self.boundaries, limit=10, stop_at=avoid)
        start = strip_leading_boundaries(text, start, end, self.lex.boundary_words)
        start += self._generic_head_length(text[start:end])
        name = text[start:end]
        if not 2 <= len(name) <= 10 or not re.fullmatch(r"[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9&·]*", name):
            return None
        if not self._partner_name(name) or any(name.startswith(t) or name.endswith(t) for t in self.lex.titles_set):
            return None
        if name[0] in self.lex.shared["function_chars"] or name[0] in "他她我你它们":
            return None  # 他负责: a pronoun and a verb
        return start + self._nationality(name), end

    def _parents(self, text: str, found: list[tuple[int, int]], avoid: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The parent named before 旗下 or 下属 and an organisation (某某国际旗下某某医药, 某某集团下属某某
        有限公司): an organisation."""
        starts = {start for start, _ in found}
        spans = []
        for match in re.finditer(rf"(?:{alternation(self.rules['parent_links'])})的?", text):
            if match.end() in starts and (span := self._named_before(text, match.start(), avoid + found)) is not None:
                spans.append(span)
        return spans

    @cached_property
    def region_title(self) -> re.Pattern[str]:
        units = alternation(u for u in self.rules["company_units_before_title"] if u.endswith("区"))
        titles = alternation(self.lex.persons["titles"])
        return re.compile(rf"(?:{units})(?:{titles})")

    def _before_region_title(self, text: str, avoid: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A company before its region and an executive's title, with no country before it
        (某某医疗大中华区总裁, 某某中国区总经理): the name a unit of which the person heads."""
        spans = []
        for match in self.region_title.finditer(text):
            span = self._named_before(text, match.start(), avoid)
            if span is not None and text[span[0] : span[1]] not in self.lex.countries:
                spans.append(span)
        return spans

    @cached_property
    def company_organ(self) -> re.Pattern[str]:
        return re.compile(rf"(?:{alternation(self.rules['company_organs'])})")

    def _before_company_organ(self, text: str, avoid: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A short name before an organ only a company has (某某董事会昨日通过, 某某股东大会审议):
        the company, where it heads its clause and is no ordinary word, place or generic word."""
        spans = []
        for match in self.company_organ.finditer(text):
            span = self._named_before(text, match.start(), avoid)
            if span is None:
                continue
            name = text[span[0] : span[1]]
            if name in self.lex.common_words or name in self.lex.place_names or name in self.rules["not_subjects"]:
                continue
            spans.append(span)
        return spans

    @cached_property
    def joint_partner(self) -> re.Pattern[str]:
        return re.compile(r"[与和同](?P<name>[\u4e00-\u9fffA-Za-z]{2,8}?)的?(?:合资|共同出资|共同投资)")

    def _joint_partners(self, text: str, found: list[tuple[int, int]], avoid: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The partner an organisation sets up a joint venture with (某某集团与某某汽车的合资企业,
        某某公司和某某共同出资): a name, as a signing partner's is."""
        ends = {end for _, end in found}
        spans = []
        for match in self.joint_partner.finditer(text):
            name = match.group("name")
            start, end = match.span("name")
            if match.start() in ends and self._partner_name(name) and not overlaps(start, end, found + avoid):
                spans.append((start + self._nationality(name), end))
        return spans

    @cached_property
    def stock_code(self) -> re.Pattern[str]:
        return re.compile(r"[(（](?:\d{6}\.(?:SZ|SH|BJ)|\d{4,5}\.HK|[A-Z]{1,5}\.(?:N|O|US))[)）]", re.I)

    def _stock_coded(self, text: str) -> list[tuple[int, int]]:
        """A name before its stock code (某某股份(002812.SZ), 某某(600096.SH)) is a listed company."""
        spans = []
        for match in self.stock_code.finditer(text):
            end = match.start()
            start = walk_left(text, end, self.boundaries, limit=12)
            start = strip_leading_boundaries(text, start, end, self.lex.boundary_words)
            name = text[start:end]
            start += self._generic_head_length(name)
            if end - start >= 2 and text[start:end] not in self.generic:
                spans.append((start, end))
        return spans

    def _place_bodies(self, text: str) -> list[tuple[int, int]]:
        """A government body named with its places and zone: 某某省某某市人民政府, 某某经济技术开发区管委会,
        某某新区管委会. At least one place must precede; a body after a bare zone word is left
        to the other rules."""
        spans = []
        for body_start, end, _ in longest_matches(self.place_body_heads, text):
            if text.startswith(("部门", "机构", "职能"), end):
                continue  # 政府部门: a kind of body, not one named body
            start = self._places_before(text, body_start)
            if start is not None:
                spans.append((start, end))
        return spans

    def _places_before(self, text: str, position: int, one_place: bool = False) -> int | None:
        """The start of the places and zones (某省某市, 某某新区, 某市 + 松山湖 + 高新区) that end at
        ``position``, or None when no place is among them; ``one_place``: the nearest place and
        the zones after it only (湖南省某某自治州 + 某某县公安局 → 某某县公安局)."""
        has_place = False
        while position > 0 and not (one_place and has_place):
            named = self._place_ending_at(text, position)
            if named is not None and self.zones_before_bodies.ending_at(text, position):
                position, has_place = named, True  # 舟山群岛新区 + 党工委: a named zone is a place
                continue
            zone = self.zones_before_bodies.ending_at(text, position)
            if zone:
                position -= len(zone)
                area = self._area_name_before(text, position)  # 某市 + 松山湖 + 高新区
                if area is not None:
                    position = area
                continue
            place = self._place_ending_at(text, position)
            if place is None:
                break
            position, has_place = place, True
        return position if has_place else None

    @cached_property
    def department_head(self) -> re.Pattern[str]:
        return re.compile(alternation(self.rules["department_heads"]))

    def _cuts_a_word(self, text: str, end: int) -> bool:
        """Whether a body's last character makes a word with the next (联合国 + 内多家: 国内, 财政部
        + 门: 部门) and what follows stands on no word of its own: then the body is misread.
        A title (外交部 + 长) or a word after the body (东盟 + 国家) keeps it."""
        pair = text[end - 1 : end + 1]
        return pair in self.lex.common_words and pair not in self.lex.titles_set and text[end : end + 2] not in self.lex.common_words

    def _departments(self, text: str) -> list[tuple[int, int]]:
        """A government department named with its places and its field (某某市 + 能源 + 局, 某某区
        + 经济发展 + 局, 某地 + 投资推广 + 署): the shortest field of two to six name characters
        after which places or a zone stand; no field ends in a word with the head (布局, 签署), and
        no head begins a title (厅长)."""
        spans = []
        for match in self.department_head.finditer(text):
            head_start, end = match.span()
            if text[head_start - 1 : end] in self.lex.common_words or text[head_start - 1 : end] in self.lex.place_names:
                continue  # 布局, 签署, 部署: a word, no body
            if any(text.startswith(title, head_start) for title in self.lex.titles_set):
                continue  # 某某厅 + 厅长: the head begins a title
            for length in range(2, 7):
                field_start = head_start - length
                field = text[field_start:head_start]
                if field_start < 0 or not all(_NAME_CORE.match(c) and c not in self.not_in_trade_name for c in field):
                    break
                start = self._places_before(text, field_start, one_place=True)
                if start is not None:
                    spans.append((start, end))
                    break
        return spans

    def _area_name_before(self, text: str, position: int) -> int | None:
        """The start of an area's own name (two to four characters, no function character)
        before a zone word, when a place comes right before it: 东莞 + 松山湖 + 高新区."""
        if self._place_ending_at(text, position) is not None:
            return None  # the zone is named by the place itself
        for length in (1, 2, 3, 4):  # 钦州 + 港 + 片区
            start = position - length
            name = text[start:position]
            if start < 2 or not all(_NAME_CORE.match(c) and c not in self.not_in_trade_name for c in name):
                continue
            if self._place_ending_at(text, start) is not None and name not in self.lex.common_words:
                return start
        return None

    def _crosses_a_place(self, text: str, position: int) -> bool:
        """Whether a place name runs across ``position`` (starts before it and ends after it)."""
        for length in range(2, 5):
            for start in range(max(0, position - length + 1), position):
                if text[start : start + length] in self.lex.place_names:
                    return True
        return False

    def _place_ending_at(self, text: str, position: int) -> int | None:
        for length in range(min(self._longest_place, position), 1, -1):  # 西双版纳傣族自治州: nine characters
            if position - length >= 0 and text[position - length : position] in self.lex.place_names:
                return position - length
        return None

    @cached_property
    def investment_modals(self) -> Boundaries:
        return Boundaries(self.rules["investment_modals"])

    @cached_property
    def association_boundaries(self) -> Boundaries:
        """An association's name may hold verbs and generic words (某某企业投资交流协会): its walk
        stops at function words and punctuation only."""
        return Boundaries(self.rules["association_boundaries"])

    @cached_property
    def suffix_list(self) -> Boundaries:
        return Boundaries(self.rules["org_suffixes"])

    @cached_property
    def legal_form_list(self) -> Boundaries:
        return Boundaries(self.rules["legal_forms"])

    @cached_property
    def legal_forms(self) -> frozenset[str]:
        return frozenset(self.rules["legal_forms"])

    @cached_property
    def industry_words(self) -> Boundaries:
        return Boundaries(self.rules["industry_words"])

    def _industry_start(self, text: str, end: int) -> int:
        """Where the industry words (行业) before a legal form begin: 江苏某某[工业科技]股份有限公司.
        A parenthesised place or legal form before the legal form (某某电器(中国)有限公司,
        某某控股（集团）有限公司) is passed over."""
        position = end
        bracket = _BRACKETED_PLACE.search(text, max(0, position - 8), position)
        if bracket and bracket.end() == position and (bracket.group(1) in self.lex.place_names or bracket.group(1) in self.legal_forms):
            position = bracket.start()
        for _ in range(4):
            word = self.industry_words.ending_at(text, position)
            if word is None:
                break
            position -= len(word)
        return position

    def _place_anchored_start(self, text: str, industry_start: int, suffix_start: int, stops: bytearray) -> int | None:
        """The start of a registered name read as place + trade name + industry + legal form
        (企业名称登记管理规定: 行政区划 + 字号 + 行业 + 组织形式): a place ending two to four
        characters before the industry words (or right before them, when the place stands for
        the trade name: 中国电力技术装备有限公司) starts the name, with any places before it
        (云南省玉溪市…). Characters that are boundary words elsewhere (同 in 同仁堂) are part
        of the trade name here. None when no place anchors the name."""
        lengths = (0, 2, 3, 4) if industry_start < suffix_start else (2, 3, 4)
        for trade in lengths:
            position = industry_start - trade
            if position < 2 or any(stops[position:industry_start]):
                continue
            trade_name = text[position:industry_start]
            if trade and not all(_NAME_CORE.match(char) and char not in self.not_in_trade_name for char in trade_name):
                continue
            place = self._place_ending_at(text, position)
            if place is None or any(stops[place:position]) or self._crosses_a_place(text, place):
                continue  # 浙江华友…: 江华 would cut 浙江; the trade name is 华友
            start = place
            while (before := self._place_ending_at(text, start)) is not None and not any(stops[before:start]):
                start = before
            return start
        return None

    def _suffixed(self, text: str, avoid: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Names ending in an organisation suffix; a rejected generic phrase (汽车集团) also
        stops the next name's walk, so 汽车集团上汽集团 gives 上汽集团."""
        blockers: dict[str, list[str]] = self.rules["org_suffix_blockers"]
        not_followed: dict[str, str] = self.rules["suffix_not_followed_by"]
        spans: list[tuple[int, int]] = []
        stops = bytearray(len(text))
        for s, e in avoid:
            stops[s:e] = b"\x01" * (e - s)
        for suffix_start, end, suffix in longest_matches(self.lex.org_suffixes, text):
            base = self._base_suffix(suffix)
            if end < len(text) and text[end] in not_followed.get(suffix, not_followed.get(base, "")):
                continue
            if spans and spans[-1][1] == suffix_start and suffix in self.legal_forms:
                spans[-1] = (spans[-1][0], end)  # 某某控股集团 + 有限公司: one legal form
                continue
            walk_from = suffix_start
            anchored = None
            if suffix in self.legal_forms:
                walk_from = self._industry_start(text, suffix_start)
                anchored = self._place_anchored_start(text, walk_from, suffix_start, stops)
            if anchored is not None:
                start = anchored
            else:
                boundaries = self.association_boundaries if base in self.associations else self.boundaries
                # a trade name has two characters at least: those before the industry words are its own
                trade_chars = 2 if walk_from < suffix_start and not self.not_in_trade_name.intersection(text[max(0, walk_from - 2) : walk_from]) else 0
                start = walk_left(text, walk_from, boundaries, stop_at=stops, min_chars=trade_chars)
                start = strip_leading_boundaries(text, start, suffix_start, self.lex.boundary_words)
                start = self._extend_over_known_names(text, start)
                if base not in self.associations:  # 某某企业投资交流协会: a generic word inside an association's name
                    start += self._generic_head_length(text[start:walk_from])
                if walk_from < suffix_start and start == walk_from:
                    stops[walk_from:end] = b"\x01" * (end - walk_from)
                    continue  # industry words and a legal form only (一家科技公司, 汽车集团): no name, and a stop
            name = text[start:suffix_start]
            if len(name) < 2 and not (len(name) == 1 and len(suffix) >= 4):
                continue
            blocked = (
                any(name.endswith(b) for b in blockers.get(suffix, ()))
                and not (walk_from < suffix_start and self._has_trade_name(text, start, walk_from, anchored))
                and not self._place_and_field(name, blockers.get(suffix, ()))
            )
            if name in self.generic or blocked or (base == "资本" and name in self.lex.place_names):
                if not text.startswith(self.associations, end):  # 中国上市公司协会: the phrase is part of a name
                    stops[start:end] = b"\x01" * (end - start)
                continue
            if suffix.startswith(("分", "子")) and spans and spans[-1][1] == start:
                spans[-1] = (spans[-1][0], end)  # a branch named after its parent: 某某有限公司北京分公司
                continue
            country = self._nationality(name)
            if start + country == walk_from < suffix_start:
                country = 0  # 某国 + 铝业公司: industry words alone have no trade name, the country is it
            spans.append((start + country, end))
        return spans

    def _place_and_field(self, name: str, blockers: Iterable[str]) -> bool:
        """Whether a name ending in a generic word (产业 + 基金) begins with a place and names a
        field of two characters or more between them (某市 + 先进制造 + 产业基金): one named body;
        a generic or ordinary word (民营) names no field."""
        place = next((len(p) for p in _prefixes(name, 0, 8) if p in self.lex.place_names), 0)
        blocker = max((len(b) for b in blockers if name.endswith(b)), default=0)
        field = name[place : len(name) - blocker]
        if field in self.generic or field in self.lex.common_words:
            return False  # 浙江 + 民营 + 企业集团: a kind of company, no name
        return place > 0 and len(field) >= 2 and all(_NAME_CORE.match(c) and c not in self.not_in_trade_name for c in field)

    def _has_trade_name(self, text: str, start: int, industry_start: int, anchored: int | None) -> bool:
        """Whether a registered name read as place + trade name + industry words (江西赣州 +
        脐橙 + 产业 + 集团) has a trade name of two characters or more after its places, even an
        ordinary word: then a generic ending (产业集团) is its industry, and the whole is a name."""
        if anchored is None:
            return False
        position = start
        while (step := next((len(p) for p in _prefixes(text[:industry_start], position, 8) if p in self.lex.place_names), 0)) and industry_start - position - step >= 2:
            position += step
        trade = text[position:industry_start]
        return len(trade) >= 2 and trade not in self.lex.place_names and not any(part in trade for part in self.generic if len(part) >= 2)

    @cached_property
    def foreign_title(self) -> re.Pattern[str]:
        countries = alternation(c for c in self.lex.countries if c != "中国")
        titles = alternation(self.lex.persons["titles"])
        units = alternation(self.rules["company_units_before_title"])
        modifiers = alternation(self.rules["title_modifiers"])  # 某某集团 + 相关 + 负责人
        return re.compile(rf"(?:{countries})(?P<name>[\u4e00-\u9fffA-Za-z&·]{{2,8}}?)(?:{units})?(?:{modifiers})?(?:{titles})")

    def _foreign_before_title(self, text: str) -> list[tuple[int, int]]:
        """A company between its country and an executive's title (法国某某大中华区总裁,
        美国某某首席执行官): the country is a place of its own, the title a person's."""
        spans = []
        for match in self.foreign_title.finditer(text):
            name = match.group("name")
            if name in self.generic or name in self.lex.place_names or name.endswith(tuple(self.lex.persons["name_enders"])):
                continue
            spans.append(match.span("name"))
        return spans

    @cached_property
    def foreign_latin(self) -> re.Pattern[str]:
        countries = alternation(c for c in self.lex.countries if c != "中国")
        industry = alternation(self.rules["industry_words"])
        return re.compile(rf"(?:{countries})(?P<name>[A-Z][A-Za-z0-9&\-]{{1,11}}(?:{industry}))")

    def _foreign_latin(self, text: str) -> list[tuple[int, int]]:
        """A company written in Latin letters with its industry word after its country (韩国SK
        化学, 美国ADM粮油): the country is a place of its own."""
        return [match.span("name") for match in self.foreign_latin.finditer(text)]

    @cached_property
    def appositive_pattern(self) -> re.Pattern[str]:
        heads = alternation(self.rules["appositive_heads"])
        return re.compile(rf"(?:{heads})(?P<name>[\u4e00-\u9fffA-Za-z]{{2,5}}?)(?=的|[，。、；,;！？!?）)”]|$)")

    def _appositive(self, text: str) -> list[tuple[int, int]]:
        """A name right after a described kind of company (某某商业公司能量奇点的…,
        吉利生态企业星纪魅族。): short, before a particle or punctuation, and no ordinary word."""
        spans = []
        for match in self.appositive_pattern.finditer(text):
            name = match.group("name")
            common = self.lex.common_words
            if (
                name in common
                or name in self.boundaries.words  # 某某科技公司落户: a verb, no name
                or name in self.generic
                or name in self.lex.place_names
                or any(name.startswith(title) for title in self.lex.titles_set)
                or name[0] in self.lex.shared["function_chars"]
                or self._ordinary_phrase(name)
            ):
                continue
            spans.append(match.span("name"))
        return spans

    def _ordinary_phrase(self, name: str) -> bool:
        """Two ordinary words make no name: 发展壮大, 带动作用, 现代中药."""
        common = self.lex.common_words
        return len(name) >= 3 and name[:2] in common and (name[2:] in common or name[-2:] in common)

    @cached_property
    def credit(self) -> re.Pattern[str]:
        labels = alternation(self.rules["credit_labels"])
        endings = alternation(self.rules["media_name_endings"])
        roles = alternation(self.rules["media_roles_after"])
        return re.compile(
            rf"(?:^|\n)[ \t]*(?:{labels})[ \t]*[:：|｜][ \t]*(?P<credit>[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9·]{{1,11}})[ \t]*(?=$|\n|[,，/／|｜])"
            rf"|(?:^|(?<=[\n。，,：:（( \t■●▲◆【]))(?P<media>[\u4e00-\u9fffA-Za-z]{{1,8}}(?:{endings}))(?=(?:{roles}))"
            rf"|(?:^|(?<=[\n \t■●▲◆【]))(?P<dateline>[\u4e00-\u9fffA-Za-z]{{1,6}}(?:{endings}))(?=[\u4e00-\u9fff]{{0,6}}\d{{1,2}}月\d{{1,2}}日[电讯])"
            # a dateline without its date: an agency and perhaps its place, then 电 and a space or bracket (某某社某地电 …)
            rf"|(?:^|(?<=[\n \t■●▲◆【]))(?P<bare_dateline>[\u4e00-\u9fff]{{1,4}}社)(?P<dateline_place>[\u4e00-\u9fff]{{0,6}}?)电(?=[ \t\u3000（(]|$)",
            re.M,
        )

    def _media(self, text: str) -> list[tuple[int, int]]:
        """News organisations in credit lines (图片来源：某某), before their reporters
        (某某新闻记者, 某某日报报道) and heading a dateline (某某社某地3月5日电)."""
        spans = []
        for match in self.credit.finditer(text):
            group = next(name for name in ("credit", "media", "dateline", "bare_dateline") if match.group(name))
            start, end = match.span(group)
            if group == "bare_dateline" and match.group("dateline_place") and match.group("dateline_place") not in self.lex.place_names:
                continue  # 某某社某地电: only a place may stand between the agency and 电
            if group == "dateline":
                end = start + self._dateline_outlet_end(text[start:end])
            if group == "media":
                start += next((len(w) for w in self.rules["media_leading_words"] if text.startswith(w, start) and end - start - len(w) >= 3), 0)
            name = text[start:end]
            if name in self.generic or name in self.lex.place_names or name in self.rules["media_name_endings"] or len(name) < 3:
                continue
            spans.append((start, end))
        return spans

    @cached_property
    def facility(self) -> re.Pattern[str]:
        words = alternation(self.rules["facility_words"])
        return re.compile(rf"(?:{words})(?:基地)?(?:项目)?")

    @cached_property
    def facility_splits(self) -> tuple[frozenset[str], int]:
        """Where a company name ends inside a facility's name: a place or a descriptor (the
        words, and the longest one's length, for :func:`longest_words`)."""
        words = self.lex.place_names | frozenset(w for w in self.rules["facility_descriptors"] if w)
        return words, max(map(len, words), default=0)

    def _before_facility(self, text: str) -> list[tuple[int, int]]:
        """A company before the facility it opens, in a list or after a landing verb
        (某某智能终端研销总部落地某区, 如某某上海研发中心、…): the item splits at its first place
        or facility descriptor after two characters, and what comes before is the company."""
        before = tuple(self.rules["facility_context_before"])
        after = tuple(self.rules["facility_context_after"])
        sectors = tuple(self.rules["sector_terms"])
        spans = []
        for match in self.facility.finditer(text):
            window = max(0, match.start() - 16)
            cut = max(text.rfind(c, window, match.start()) for c in "、，。；：,;:\n“”（(")
            start = cut + 1 if cut >= 0 else window
            anchored = False
            for word in before:  # 如X… / 签约X…: the item starts after the last such word
                at = text.rfind(word, start, match.start() - 2)
                if at >= 0:
                    start = at + len(word) + text.startswith("了", at + len(word))
                    anchored = True
            start = strip_leading_boundaries(text, start, match.start(), self.lex.boundary_words)
            if not (anchored or text.endswith(before, 0, start) or text.startswith(after, match.end()) or match.group().endswith("项目")):
                continue
            item = text[start : match.start()]
            if item.startswith(sectors):
                continue
            split = next((s for s, _ in longest_words(item, *self.facility_splits) if s >= 2), None)
            if split is None:
                continue
            name = item[:split]
            if (
                len(name) > 8
                or not re.fullmatch(r"[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9&·]+", name)
                or name in self.generic
                or name in self.lex.place_names
                or name.endswith(sectors)
                or any(name.startswith(d) for d in self.rules["facility_descriptors"])
                or (self._ordinary_phrase(name) and name[2:] not in self.rules["industry_words"])  # 现代中药, not 理想汽车
            ):
                continue
            spans.append((start, start + split))
        # a name before several facilities of one sentence is a product or a field
        # (飞行器研发中心、飞行器运营服务中心), not a company
        kept = []
        for a, b in spans:
            sentence = text[text.rfind("。", 0, a) + 1 : (text.find("。", b) + 1 or len(text))]
            if sentence.count(text[a:b]) == 1:
                kept.append((a, b))
        return kept

    def _dateline_outlet_end(self, name: str) -> int:
        """The outlet's length in a dateline head: 新华社上海 → 新华社 (a place after it is the dateline's)."""
        for index in range(len(name) - 2, 1, -1):
            if name[index:] in self.lex.place_names:
                return index
        return len(name)

    @cached_property
    def foreign_countries(self) -> Boundaries:
        return Boundaries(c for c in self.lex.countries if c != "中国")

    def _nationality(self, name: str) -> int:
        """How many leading characters are a foreign country's name (not part of the ORG)."""
        for length in self.foreign_countries.lengths:
            if name[:length] in self.foreign_countries.words and len(name) - length >= 2:
                return length
        return 0

    @cached_property
    def filler_words(self) -> frozenset[str]:
        """Words that are no part of an investor's name: modals, time words, verbs of progress,
        the subjects no name is (今年, 同时) and the shared function words and characters."""
        words = set(self.rules["investor_filler_words"]) | set(self.rules["investment_modals"]) | set(self.rules["not_subjects"])
        words |= set(self.lex.shared["boundary_words"]) | set(self.lex.shared["function_chars"])
        return frozenset(words)

    @cached_property
    def investor_tail_words(self) -> Boundaries:
        """What is cut from the end of an investor's name: the modals and the filler words of two
        characters or more, except those after which the rule gives no name at all."""
        refused = set(self.rules["investor_name_not_ending"])
        fillers = [w for w in self.rules["investor_filler_words"] if len(w) >= 2 and w not in refused]
        return Boundaries([*self.rules["investment_modals"], *fillers])

    def _filler_only(self, name: str) -> bool:
        """Whether ``name`` splits wholly into :attr:`filler_words` (预计 + 年内 + 完成)."""
        longest = max(map(len, self.filler_words))
        reach = [True] + [False] * len(name)
        for end in range(1, len(name) + 1):
            reach[end] = any(reach[end - n] and name[end - n : end] in self.filler_words for n in range(1, min(longest, end) + 1))
        return reach[-1]

    def _investors(self, text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
        spans = []
        for match in self.investor_trigger.finditer(text):
            end = match.start()
            while (modal := self.investor_tail_words.ending_at(text, end)) is not None:
                end -= len(modal)  # 某某拟投资, 某某今年预计投资: modal and time words are no part of the name
            start = walk_left(text, end, self.boundaries, limit=12, stop_at=taken)
            start = strip_leading_boundaries(text, start, end, self.lex.boundary_words)
            name = text[start:end]
            if name.endswith(tuple(self.rules["investor_name_not_ending"])) or text.endswith(self.locatives, 0, start):
                continue  # 在某某投资: after a locative the words are the place, not the investor
            if name.endswith(tuple(self.rules["facility_words"])):
                continue  # 向其某地工厂增资: a facility receives the money
            if name in self.rules["org_suffixes"]:
                continue  # 通过旗下基金追加投资: a bare organisation word names no one
            if self._filler_only(name):
                continue  # 预计年内完成投资八亿元: modal, time and progress words name no one
            if 2 <= len(name) <= 12 and name not in self.generic and not any(name.endswith(g) and len(name) - len(g) < 2 for g in self.generic):
                if name not in self.lex.place_names and not name.endswith(("区", "市", "县", "省", "镇", "谷")):  # 生物医药谷: a park
                    spans.append((start + self._nationality(name), end))
        return spans

    @cached_property
    def subject_at_place(self) -> re.Pattern[str]:
        modals = alternation(self.rules["investment_modals"])
        verbs = alternation(self.rules["builds_at_place_verbs"])
        return re.compile(
            rf"(?:^|(?<=[，。；：！？,;:!?\n“”]))(?P<name>[\u4e00-\u9fffA-Za-z]{{2,6}}?)(?:{modals})?在(?P<place>[\u4e00-\u9fff]{{2,14}}?)(?:{verbs})"
        )

    def _subjects(self, text: str, avoid: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A short name heading a clause whose verb builds or invests at a place (某某将在某地投资,
        某某在某区建设): no ordinary word, place, generic noun, title or person's name (a
        three-character name with a surname)."""
        spans = []
        not_subjects = frozenset(self.rules["not_subjects"])
        for match in self.subject_at_place.finditer(text):
            name = match.group("name")
            place = match.group("place")
            start, end = match.span("name")
            if len(name) >= 4 and name[:2] in self.lex.common_words:
                name, start = name[2:], start + 2  # 最近 + 某某将在…: a time word before the name
            if not any(place[:n] in self.lex.place_names for n in range(2, min(len(place), 8) + 1)):
                continue  # 在…: the words after 在 must begin with a place
            if (
                name in not_subjects
                or name in self.lex.common_words
                or name in self.lex.place_names
                or name in self.generic
                or name.endswith(("区", "市", "县", "省", "镇", "乡"))
                or any(char in self.not_in_trade_name for char in name)
                or self.lex.boundary_words.starts_at(name, 0) is not None
                or any(name.startswith(title) or name.endswith(title) for title in self.lex.titles_set)
                or (len(name) == 3 and name[0] in self.lex.surnames)
                or name[0] in "一二两三四五六七八九十百千几多各每双"  # 五方将在…: a count of parties
                or self._ordinary_phrase(name)
            ):
                continue
            if not overlaps(start, end, avoid):
                spans.append((start + self._nationality(name), end))
        return spans

    @cached_property
    def list_head(self) -> re.Pattern[str]:
        nouns = alternation(self.rules["list_nouns"])
        return re.compile(rf"等(?:[0-9]+|[一二两三四五六七八九十几多百]+)?[家个所]?(?:多个|多家|一批|众多)?[\u4e00-\u9fff]{{0,6}}?(?:{nouns})")

    def _coordinated(self, text: str, found: list[tuple[int, int]], avoid: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """In a list joined by 、 whose items include at least two organisations, the other
        short name items are organisations too (安联集团、普华永道、世邦魏理仕等6家机构); so
        are the items of a list whose head noun after 等 names organisations (某某、某某、某某等多个
        国际名牌汽车, 等10家企业), even where an item is an ordinary word."""
        spans = set(found)
        result = []
        for clause in re.finditer(r"[^，。；！？,;!?\n：:“”]+", text):
            items = list(re.finditer(r"[^、]+", clause.group(0)))
            if len(items) < 2:  # two items only under a head (某某、某某等6家企业)
                continue
            bounds = []
            for index, item in enumerate(items):
                start, end = clause.start() + item.start(), clause.start() + item.end()
                if index == 0:
                    start = strip_leading_boundaries(text, walk_left(text, end, self.boundaries, limit=10), end, self.lex.boundary_words)
                if index == len(items) - 1:  # the list ends at 等, at a count (10家) or a number
                    tail = re.match(r"[^等\d的]{2,12}?(?=等|的|\d|[一二两三四五六七八九十几]+[家个])", text[start:end])
                    if not tail:
                        continue
                    end = start + tail.end()
                bounds.append((start, end))
            is_org = [any(s <= b[0] and b[1] <= e for s, e in spans) for b in bounds]
            headed = bool(bounds) and self.list_head.match(text, bounds[-1][1]) is not None
            if sum(is_org) < 2 and not headed:
                continue
            for (start, end), known in zip(bounds, is_org):
                if known or overlaps(start, end, found):
                    continue  # 瑞士ABB集团: the name inside was found; its country is a place
                start += self._nationality(text[start:end])
                name = text[start:end]
                if headed and (name in self.generic or name.endswith(tuple(self.rules["sector_terms"]))):
                    continue
                if 2 <= len(name) <= 10 and re.fullmatch(r"[\u4e00-\u9fffA-Za-z&·]+", name) and name not in self.lex.place_names and not overlaps(start, end, avoid):
                    result.append((start, end))
        return result

    def _propagate(self, text: str, found: list[tuple[int, int]], avoid: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Later mentions of the names found: the names themselves, their short forms, and
        the trade name (字号) of a registered name alone or with an industry word or legal form
        (江苏某某制药有限公司 → 某某, 某某药业, 某某公司), unless the trade name is an ordinary
        word or a place. The industry word belongs to the short name only where a name ends
        after it (某某药业项目, 某某科技决定); else the trade name stands alone (某某汽车零部件生产项目 → 某某)."""
        names = {text[s:e] for s, e in found}
        names.update(self._declared_short_names(text, found))
        names.update(self._bare_departments(names))
        trades: set[str] = set()
        for name in list(names):
            names.update(self.short_forms(name))
            trade = self.trade_name(name)
            if trade:
                trades.add(trade)
            elif placed := self.placed_trade_name(name):
                names.add(placed)
            elif unplaced := self.unplaced_short_name(name):
                names.add(unplaced)
        found = [self._cut_at_trade_name(text, start, end, trades) for start, end in found]
        automaton = _automaton({n for n in names | trades if len(n) >= 2})
        result = list(found)
        taken = Occupancy(len(text), [*found, *avoid])
        for start, end, name in longest_matches(automaton, text):
            if name in trades and name not in names:
                word = self.industry_words.starts_at(text, end) or next((w for w in ("公司", "集团") if text.startswith(w, end)), None)
                if word and self._ends_short_name(text, end + len(word)):
                    end += len(word)  # 某某药业项目, 某某科技决定: the industry word is part of the short name
            if text.startswith(self.field_nouns, end):
                continue  # 某某黄金行业: a field, not the company
            if taken.free(start, end) and not self._inside_word(text, start, end):
                result.append((start, end))
                taken.take(start, end)
        return sorted(result)

    @cached_property
    def declared_short_name(self) -> re.Pattern[str]:
        return re.compile(r"[(（](?:以下|下文|下)?简?称(?:为)?[：:]?[“\"「‘](?P<short>[\u4e00-\u9fffA-Za-z0-9·&]{2,10})[”\"」’][)）]")

    def _declared_short_names(self, text: str, found: list[tuple[int, int]]) -> set[str]:
        """The short name an organisation is given in brackets right after it (某某控股集团有限公司
        （以下简称“某某控股”）): an organisation, as are its later mentions."""
        ends = {end for _, end in found}
        return {m.group("short") for m in self.declared_short_name.finditer(text) if m.start() in ends and m.group("short") not in self.generic}

    def _bare_departments(self, names: set[str]) -> set[str]:
        """A department named with its places (某地投资推广署, 某市能源局) is named later without them."""
        bare = set()
        for name in names:
            if not name.endswith(tuple(self.rules["department_heads"])):
                continue
            start = 0
            while (step := next((len(p) for p in _prefixes(name, start, 15) if p in self.lex.place_names), 0)) and len(name) - start - step >= 3:
                start += step
            if start and name[start:] not in self.lex.common_words:
                bare.add(name[start:])
        return bare

    def _cut_at_trade_name(self, text: str, start: int, end: int, trades: set[str]) -> tuple[int, int]:
        """A name that starts with a trade name of the document and goes on with what is no
        industry word or legal form (某某真空节能新材料 before a facility) is the trade name."""
        name = text[start:end]
        trade = next((t for t in sorted(trades, key=len, reverse=True) if name.startswith(t) and name != t), None)
        if trade is None or self.suffix_list.ending_at(name, len(name)) is not None:
            return start, end  # a name with an organisation suffix of its own (某某家族基金) stays
        rest = name[len(trade) :]
        if rest in self.rules["industry_words"]:
            return start, end
        return start, start + len(trade)

    def _leading_places_end(self, name: str, industry_start: int) -> int:
        """Where the places a name begins with end, leaving two characters at least before ``industry_start``."""
        position = 0
        while (step := next((len(p) for p in _prefixes(name, position, 8) if p in self.lex.place_names), 0)) and industry_start - position - step >= 2:
            position += step
        return position

    def unplaced_short_name(self, name: str) -> str | None:
        """A short name without a legal form read as place + trade name + industry word
        (某地某某鞋业) is named later without its place (某某鞋业); None when it has a legal form,
        no leading place or industry word, or the trade name is an ordinary word, place or generic part."""
        if self.legal_form_list.ending_at(name, len(name)) is not None:
            return None
        industry_start = self._industry_start(name, len(name))
        if industry_start == len(name):
            return None
        position = self._leading_places_end(name, industry_start)
        trade = name[position:industry_start]
        if position == 0 or not 2 <= len(trade) <= 4 or not all(_NAME_CORE.match(c) for c in trade):
            return None
        if trade in self.lex.common_words or trade in self.lex.place_names or trade in self.generic:
            return None
        return name[position:]

    def trade_name(self, name: str) -> str | None:
        """The trade name (字号) of a registered name: without its legal form, a bracketed place,
        industry words and leading places (江苏某某工业科技股份有限公司 → 某某); None when the
        name has no legal form or the rest is too short, an ordinary word or a place."""
        span = self._trade_span(name)
        if span is None:
            return None
        trade = name[span[0] : span[1]]
        if not 2 <= len(trade) <= 4 or not all(_NAME_CORE.match(c) for c in trade):
            return None
        if trade in self.lex.common_words or trade in self.lex.place_names or trade in self.generic:
            return None
        return trade

    def _trade_span(self, name: str) -> tuple[int, int] | None:
        """Where the trade name of a registered name stands: after its leading places, before
        its industry words and legal form; None when the name has no legal form."""
        form = self.legal_form_list.ending_at(name, len(name))
        if form is None:
            return None
        end = self._industry_start(name, len(name) - len(form))
        start = 0
        while (step := next((len(p) for p in _prefixes(name, start, 8) if p in self.lex.place_names), 0)) and end - start - step >= 2:
            start += step
        return start, end

    def placed_trade_name(self, name: str) -> str | None:
        """The short name of a registered name whose trade name is an ordinary word: the trade
        name with its leading place (青海某某 for 青海某某新能源科技有限公司 where 某某 is a word
        such as 时代 or 黄金), for the trade name alone would be no name. None otherwise."""
        span = self._trade_span(name)
        if span is None:
            return None
        start, end = span
        trade = name[start:end]
        if not start or not 2 <= len(trade) <= 4 or trade not in self.lex.common_words or trade in self.generic:
            return None
        placed = name[:end]
        return placed if len(placed) <= 6 and all(_NAME_CORE.match(c) for c in placed) else None

    @cached_property
    def short_name_followers(self) -> Boundaries:
        return Boundaries(set(self.rules["short_name_followers"]) | set(self.lex.boundary_words.words))

    def _ends_short_name(self, text: str, end: int) -> bool:
        """Whether a trade name with an industry word ends a name here (某某药业项目, 某某科技决定,
        某某电器、): at punctuation, the end, or a word that follows names."""
        return end >= len(text) or not _NAME_CORE.match(text[end]) or self.short_name_followers.starts_at(text, end) is not None

    def _inside_word(self, text: str, start: int, end: int) -> bool:
        """Whether a propagated name's edge cuts a frequent word (某某 in 某某某地): the
        character before it and its first, or its last and the one after, make a word."""
        def is_word(pair: str) -> bool:
            return pair in self.lex.common_words or pair in self.lex.place_names

        return (start > 0 and is_word(text[start - 1 : start + 1])) or (end < len(text) and is_word(text[end - 1 : end + 1]))

    def short_forms(self, name: str) -> set[str]:
        return short_forms(name, self.lex.place_names, self.rules)

    def _generic_head_length(self, name: str) -> int:
        """How many leading characters of a walked name are a description ending in a generic head
        (港股公司某某, 上市企业某某): up to the last such head that leaves two characters."""
        return max((name.rfind(head) + len(head) for head in self.generic_heads if head in name[:-2]), default=0)

    def _base_suffix(self, suffix: str) -> str:
        """The base suffix a suffix ends with (科技公司 → 公司), or the suffix itself."""
        return next((base for base in self.base_suffixes if suffix.endswith(base)), suffix)


def _prefixes(text: str, start: int, longest: int) -> list[str]:
    """The prefixes of ``text[start:]`` from ``longest`` characters down to two."""
    return [text[start : start + length] for length in range(min(longest, len(text) - start), 1, -1)]


def _longest_first(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping spans, longer ones kept first."""
    ordered = sorted(set(spans), key=lambda s: (s[0] - s[1], s[0]))
    taken = Occupancy(max((end for _, end in ordered), default=0))
    kept: list[tuple[int, int]] = []
    for span in ordered:
        if taken.free(*span):
            kept.append(span)
            taken.take(*span)
    return kept


def short_forms(name: str, places: frozenset[str] | set[str], rules: Mapping[str, Any] | None = None) -> set[str]:
    """Short forms a company is called by after its full name: legal form, industry word and
    leading place other than 中国 dropped (上海瞻芯电子科技股份有限公司 → 上海瞻芯电子, 瞻芯电子);
    ``rules``: the organisations' rule set (``short_form_legal_forms``,
    ``short_form_industry_words``), the shipped one by default."""
    rules = name_lexicon().organisations if rules is None else rules
    core = name
    for form in rules["short_form_legal_forms"]:
        if core.endswith(form) and len(core) > len(form) + 1:
            core = core[: -len(form)]
            break
    else:
        return set()
    core = re.sub(r"[(（][^)）]{1,6}[)）]", "", core)
    for word in rules["short_form_industry_words"]:
        if core.endswith(word) and len(core) > len(word) + 1:
            core = core[: -len(word)]
            break
    forms = {core}
    for length in range(4, 1, -1):
        if core[:length] in places and core[:length] != "中国" and len(core) - length >= 3:
            forms.add(core[length:])  # without its place only when three characters or more remain
            break
    return {f for f in forms if len(f) >= 2 and f != name}


class OrganisationsComponent(NameComponent):
    """The organisation rules as a pipeline component; its rule set is ``data/organisations.json``
    or one given to :meth:`initialize` (see :class:`~zhinvest.components._names.NameComponent`)."""

    resource = "organisations"
    finder_class = OrganisationFinder
    finder: OrganisationFinder

    def __init__(self, nlp: Language, name: str = "zhinvest_organisations", set_ents: bool = True) -> None:
        super().__init__(name, set_ents)

    def __call__(self, doc: Doc) -> Doc:
        numeric = [(m.start, m.end) for m in get_mentions(doc) if m.label in ("MONEY", "AREA", "PROJECT_COUNT")]
        add_mentions(doc, self.finder.find(doc_text(doc), numeric), set_ents=self.set_ents)
        return doc

    def initialize(self, get_examples: Any = None, *, nlp: Any = None, organisations: dict[str, Any] | None = None) -> None:
        """Replace the rule set (the shape of ``data/organisations.json``)."""
        if organisations is not None:
            self.use_rules(organisations)


@Language.factory(
    "zhinvest_organisations",
    requires=["doc._.zhinvest_mentions"],  # the amounts found before, which no name crosses
    assigns=["doc.ents", "doc._.zhinvest_mentions"],
    default_config={"set_ents": True},
)
def make_organisations_component(nlp: Language, name: str, set_ents: bool) -> OrganisationsComponent:
    return OrganisationsComponent(nlp, name, set_ents=set_ents)
