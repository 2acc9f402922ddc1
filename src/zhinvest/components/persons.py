"""``zhinvest_persons``: PERSON mentions from rules.

- A name right after a job title (市委书记李强, 董事长李书福, 记者 | 杨舒鸿吉), and the names
  enumerated after it with 、 (市领导翁祖亮、诸葛宇杰、朱芝松);
- names in a dateline's parentheses (新华网上海1月19日电(李荣 王巧月));
- a name right after an organisation in a list of representatives (贝恩公司布鲁诺、…);
- bylines: names after a reporter's title, spaced or not (记 者 张三, 通讯员 傅 欣: a two-character
  name written with a space inside is one name, as written), and every name in a byline's
  brackets ((张三 特约通讯员 李四));
- a name after a nationality (日本籍X);
- after a title, a Japanese family name (山田, 铃木) begins a name as a compound surname does
  (总裁山田浩二);
- every name found once by a title, a byline, a dateline or a list marks its other mentions in
  the document (李书福说); a name found only after an organisation does not, and no name is a
  frequent ordinary word (项目 after the surname 项) unless a title stands before it.
A Chinese name is a surname from the Baijiaxing list plus one or two characters, ended by a
verb or particle (``name_enders``); a transliterated name joins its parts with ``·``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Any

from .. import _spacy  # noqa: F401, I001  (first: spaCy without PyTorch, see zhinvest._spacy)
from spacy.language import Language
from spacy.tokens import Doc
import ahocorasick

from ._names import NameComponent, NameLexicon, _automaton, longest_matches, name_lexicon
from ..mentions import Mention
from ._spans import Occupancy, add_mentions, doc_text, get_mentions

_CJK = re.compile(r"[\u3400-\u9fff]")
_TRANSLITERATED = re.compile(r"[\u3400-\u9fff]{1,6}(?:[·•][\u3400-\u9fff]{1,8}){1,3}")
_DATELINE = re.compile(r"电\s?[(（]([^()（）\n]{2,40})[)）]")
#: A bracketed group (a byline's).
_BRACKETS = re.compile(r"[(（]([^()（）\n]{2,40})[)）]")
#: What stands before a name that begins a clause or a list item.
_LIST_START = set("、，,；;：:（(\n 　“\"")


class PersonFinder:
    def __init__(self, lex: NameLexicon | None = None) -> None:
        self.lex = lex or name_lexicon()
        self.rules = rules = self.lex.persons  # data/persons.json, or a replacement
        self.list_words = frozenset(rules["list_words"])
        self.list_end = tuple(rules["list_end_conjunctions"])
        self.verbs_after_list = tuple(rules["verbs_after_listed_names"])
        self.body_end = frozenset(rules["body_end_chars"])
        self.not_given = frozenset(rules["not_given_name_start"])
        self.verb_start = frozenset(rules["two_character_name_before"])

    @cached_property
    def byline_title(self) -> re.Pattern[str]:
        """A reporter's title in a byline, spaced or not (记 者, 特约通讯员, 见习记者, 驻X记者)."""

        def spaced(words: list[str]) -> str:
            return "|".join(r"\s?".join(map(re.escape, word)) for word in words)

        prefixes, titles, alone = (spaced(self.rules[key]) for key in ("byline_title_prefixes", "byline_titles", "byline_titles_alone"))
        return re.compile(rf"(?:{prefixes}|驻\S{{1,4}})?\s?(?:{titles})|{alone}")

    @cached_property
    def compound_surnames(self) -> frozenset[str]:
        return frozenset(self.rules["compound_surnames"])

    @cached_property
    def japanese_surnames(self) -> frozenset[str]:
        """Japanese family names that are no Chinese place or ordinary word (山田, 铃木; not
        中山, 福田); after a title they begin a name as a compound surname does."""
        return frozenset(w for w in self.rules["japanese_surnames"] if w not in self.lex.place_names and w not in self.lex.common_words)

    @cached_property
    def single_surnames(self) -> frozenset[str]:
        return frozenset(self.rules["surnames"])

    @cached_property
    def titles_after(self) -> ahocorasick.Automaton:
        return _automaton(self.rules["titles_after_name"])

    @cached_property
    def titles(self) -> tuple[str, ...]:
        return tuple(t for t in self.rules["titles"] if len(t) >= 2)

    @cached_property
    def org_suffixes(self) -> tuple[str, ...]:
        """Organisation suffixes of two characters or more: no name begins with one."""
        return tuple(sorted((w for w in self.lex.organisations["org_suffixes"] if len(w) >= 2), key=len, reverse=True))

    def name_at(self, text: str, position: int, after_title: bool = False) -> tuple[int, int] | None:
        """The span of a person's name starting at ``position``, or None; ``after_title``: right
        after a title, where a Japanese family name begins a name too (总裁山田浩二; not before a
        title, where it is more often a company's: 丰田中国总经理)."""
        if text.startswith(self.org_suffixes, position):  # the rest of an organisation (X + 公司菲利普)
            return None
        transliterated = _TRANSLITERATED.match(text, position)
        if transliterated:
            last_part = max(text.rfind("·", position, transliterated.end()), text.rfind("•", position, transliterated.end())) + 1
            end = next((k for k in range(last_part + 1, transliterated.end()) if self._ender_at(text, k)), transliterated.end())
            return position, end
        if text[position : position + 2] in self.compound_surnames or (after_title and text[position : position + 2] in self.japanese_surnames):
            surname = 2
        elif text[position : position + 1] in self.single_surnames:
            surname = 1
        else:
            return None
        given_start = position + surname
        run = 0
        while given_start + run < len(text) and run < 3 and _CJK.match(text[given_start + run]):
            run += 1
        if run == 0 or text[given_start] in self.not_given:
            return None
        if self._ender_at(text, given_start + 1) or run == 1:
            return position, given_start + 1
        if run == 3 and surname == 1 and not _CJK.match(text[given_start + 3 : given_start + 4] or "。") and not self._ender_at(text, given_start + 2):
            return position, given_start + 3  # a four-character name alone on its line (a byline)
        if text[given_start + 1] in self.verb_start:
            return position, given_start + 1
        return position, given_start + 2

    def _ender_at(self, text: str, position: int) -> bool:
        return any(text.startswith(word, position) for word in self.lex.name_enders)

    def find(self, text: str, organisations: Sequence[tuple[int, int]] = (), avoid: Sequence[tuple[int, int]] = ()) -> list[Mention]:
        found: list[tuple[int, int]] = []
        trusted: set[tuple[int, int]] = set()  # found by a title, byline, dateline or list: marks repeats
        taken = list(organisations) + list(avoid)
        occupied = Occupancy(len(text), taken)  # taken and found spans
        common = self.lex.common_words

        titles = self.titles

        def add(span: tuple[int, int] | None, trust: bool = True, after_title: bool = False) -> bool:
            if span is None or span[1] - span[0] < 2 or not occupied.free(*span):
                return False
            if any(text.startswith(title, span[0]) for title in titles):
                return False
            if not after_title and text[span[0] : span[1]] in common:
                return False  # 项目, 高新: a word, not a name
            found.append(span)
            occupied.take(*span)
            if trust:
                trusted.add(span)
            return True

        for _, end, _ in longest_matches(self.lex.titles, text):
            position = end
            while position < len(text) and text[position] in " \t|｜:：" and position - end < 3:
                position += 1
            self._name_list(text, position, add)
        for match in self.byline_title.finditer(text):
            position = match.end()
            while position < len(text) and text[position] in " \t\u3000|｜:：" and position - match.end() < 3:
                position += 1
            self._byline_names(text, position, len(text), add)
        for match in _BRACKETS.finditer(text):
            if self.byline_title.search(match.group(1)):
                self._byline_names(text, match.start(1), match.end(1), add, every_token=True)
        for match in _DATELINE.finditer(text):
            offset = match.start(1)
            for part in re.finditer(r"[^\s、,，]+", match.group(1)):
                span = self.name_at(text, offset + part.start())
                if span and span[1] == offset + part.end():
                    add(span)
        for match in self.nationality.finditer(text):
            add(self._name_after_nationality(text, match.end()))
        for _, org_end in organisations:
            span = self.name_at(text, org_end) if org_end < len(text) else None
            if span and span[1] < len(text) and text[span[1]] in "、，,等":
                add(span, trust=False)
        for title_start, _, _ in longest_matches(self.titles_after, text):
            for length in (3, 2):
                start = title_start - length
                if start >= 0 and text[start] in self.single_surnames and all(_CJK.match(c) for c in text[start:title_start]):
                    if add((start, title_start), after_title=True):
                        break
        for title_start, _, _ in longest_matches(self.titles_after_listed, text):
            span = self._name_before_title(text, title_start)
            if span:
                add(span)
        extra_orgs = self._representatives(text, organisations, add)
        names = {text[s:e] for s, e in trusted} - common
        names |= {text[s:e].split("·")[-1] for s, e in trusted if "·" in text[s:e] and len(text[s:e].split("·")[-1]) >= 2}
        for start, end, _ in longest_matches(_automaton(names), text):
            add((start, end))
        mentions = [Mention(start=s, end=e, label="PERSON", component="persons") for s, e in sorted(found)]
        return mentions + [Mention(start=s, end=e, label="ORG", component="persons") for s, e in extra_orgs]

    @cached_property
    def titles_after_listed(self) -> ahocorasick.Automaton:
        return _automaton(self.rules["titles_after_listed_name"])

    def _name_before_title(self, text: str, title_start: int) -> tuple[int, int] | None:
        """A name right before a title, standing at the start of a clause or a list item
        (，张三董事长表示; 、李四副市长): a surname and one or two characters, no ordinary word,
        not ending like a body or a place (区委书记, 集团总裁)."""
        for length in (3, 2, 4):
            start = title_start - length
            if start < 0 or not all(_CJK.match(c) for c in text[start:title_start]):
                continue
            surname = 2 if text[start : start + 2] in self.compound_surnames else 1 if text[start] in self.single_surnames else 0
            if not surname or title_start - start - surname not in (1, 2):
                continue
            before = text[start - 1] if start else "\n"
            if not (before in _LIST_START or text[max(0, start - 2) : start] in self.list_words or text[start - 1 : start] in self.list_words):
                continue
            name = text[start:title_start]
            if name in self.lex.common_words or name[-1] in self.body_end or name[surname] in self.not_given:
                continue
            return start, title_start
        return None

    @cached_property
    def nationality(self) -> re.Pattern[str]:
        countries = sorted(self.lex.places["countries"], key=len, reverse=True)
        return re.compile("(?:" + "|".join(map(re.escape, countries)) + ")籍")

    def _name_list(self, text: str, position: int, add: Callable[..., bool]) -> None:
        """Names after a title, enumerated with 、 and ended by 及/和/与 (A、B、C及D)."""
        listed = 0
        while position < len(text) and add(span := self.name_at(text, position, after_title=True), after_title=listed == 0):
            assert span is not None  # add() takes no None
            position = span[1]
            if position < len(text) and text[position] == "、":
                position += 1
                listed += 1
                continue
            conjunction = next((w for w in self.list_end if text.startswith(w, position)), None)
            if listed and conjunction:
                last = self.name_at(text, position + len(conjunction))
                if last and (last[1] >= len(text) or not _CJK.match(text[last[1]]) or self._ender_at(text, last[1]) or text.startswith(self.verbs_after_list, last[1])):
                    add(last)
            break

    def _byline_names(self, text: str, start: int, end: int, add: Callable[..., bool], every_token: bool = False) -> None:
        """Names in a byline from ``start``: tokens split by spaces or 、, each a whole name, or a
        surname and one character with a space between (傅 欣, written so to line up with
        three-character names); with ``every_token``, tokens that are no name (titles) are
        passed over, else they end the byline."""
        position = start
        while position < end:
            while position < end and text[position] in " \t\u3000、,，":
                position += 1
            if position >= end:
                break
            token_end = position
            while token_end < end and text[token_end] not in " \t\u3000、,，()（）\n":
                token_end += 1
            spaced = self._spaced_name(text, position, end)
            if spaced:
                add(spaced)
                position = spaced[1]
                continue
            span = self.name_at(text, position)
            if not (span and span[1] == token_end) and self._whole_token_name(text, position, token_end):
                span = (position, token_end)  # 郑和顺: a byline's token, though 和 begins no name in running text
            if span and span[1] == token_end and 2 <= token_end - position <= 4:
                add(span)
            elif not every_token:
                break
            position = token_end

    def _whole_token_name(self, text: str, start: int, end: int) -> bool:
        """Whether a byline's token is a surname and one or two characters."""
        surname = 2 if text[start : start + 2] in self.compound_surnames else 1 if text[start] in self.single_surnames else 0
        return bool(surname) and 1 <= end - start - surname <= 2 and all(_CJK.match(c) for c in text[start:end])

    def _spaced_name(self, text: str, position: int, end: int) -> tuple[int, int] | None:
        """A surname, one space and one character, standing alone (傅 欣)."""
        if (
            position + 3 <= end
            and text[position] in self.single_surnames
            and text[position + 1] in " \u3000"
            and _CJK.match(text[position + 2])
            and (position + 3 == end or not _CJK.match(text[position + 3]))
            and (position == 0 or not _CJK.match(text[position - 1]))
        ):
            return position, position + 3
        return None

    def _name_after_nationality(self, text: str, position: int) -> tuple[int, int] | None:
        """The name after 日本籍, up to four characters, ended by a verb, a particle or a mark."""
        transliterated = _TRANSLITERATED.match(text, position)
        if transliterated:
            return self.name_at(text, position)
        end = position
        while end < len(text) and end - position < 4 and _CJK.match(text[end]) and text[end] not in self.not_given and not self._ender_at(text, end):
            end += 1
        if end - position >= 2 and (end >= len(text) or not _CJK.match(text[end]) or text[end] in self.not_given or self._ender_at(text, end)):
            return position, end
        return None

    def _representatives(self, text: str, organisations: Sequence[tuple[int, int]], add: Callable[..., bool]) -> list[tuple[int, int]]:
        """A list of representatives, 组织+姓名、组织+姓名 (贝恩公司布鲁诺、华勤技术邱文生): when two
        items are a known organisation followed by a name, the other items split the same way,
        the name being the last two or three characters from a surname on."""
        orgs = []
        ends = {e: s for s, e in organisations}
        for clause in re.finditer(r"[^，。；！？,;!?\n：:“”]+", text):
            items = [(clause.start() + m.start(), clause.start() + m.end()) for m in re.finditer(r"[^、]+", clause.group(0))]
            if len(items) < 3:
                continue
            if items[-1][1] - items[-1][0] > 2 and "等" in text[items[-1][0] : items[-1][1]]:
                items[-1] = (items[-1][0], items[-1][0] + text[items[-1][0] : items[-1][1]].index("等"))
            shaped = 0
            for start, end in items:
                org_end = next((e for e in range(start + 2, end - 1) if e in ends and ends[e] >= start), None)
                if org_end is not None and self.name_at(text, org_end) == (org_end, end):
                    shaped += 1
            if shaped < 2:
                continue
            for start, end in items:
                org_end = next((e for e in range(start + 2, end - 1) if e in ends and ends[e] >= start), None)
                if org_end is not None and 2 <= end - org_end <= 8 and re.fullmatch(r"[\u4e00-\u9fff·]+", text[org_end:end]):
                    add((org_end, end))  # the rest after a known organisation is the person
                    continue
                if "·" in text[start:end]:  # 某某公司菲利普·劳弗尔: the name starts after the suffix
                    item = text[start : text.index("·", start, end)]
                    cut = max((item.rfind(suffix) + len(suffix) for suffix in self.org_suffixes if suffix in item), default=-1)
                    if cut >= 2 and add((start + cut, end)):
                        orgs.append((start, start + cut))
                    continue
                for length in (3, 2):
                    if end - start >= length + 2 and text[end - length] in self.single_surnames:
                        if add((end - length, end)):
                            if end - length - start >= 2:
                                orgs.append((start, end - length))
                        break
        return orgs


class PersonsComponent(NameComponent):
    """The person rules as a pipeline component; its rule set is ``data/persons.json`` or one
    given to :meth:`initialize` (see :class:`~zhinvest.components._names.NameComponent`)."""

    resource = "persons"
    finder_class = PersonFinder
    finder: PersonFinder

    def __init__(self, nlp: Language, name: str = "zhinvest_persons", set_ents: bool = True) -> None:
        super().__init__(name, set_ents)

    def __call__(self, doc: Doc) -> Doc:
        mentions = get_mentions(doc)
        organisations = [(m.start, m.end) for m in mentions if m.label == "ORG" and m.origin == "rule"]
        avoid = [(m.start, m.end) for m in mentions if m.label in ("MONEY", "AREA", "PROJECT_COUNT")]
        add_mentions(doc, self.finder.find(doc_text(doc), organisations, avoid), set_ents=self.set_ents)
        return doc

    def initialize(self, get_examples: Any = None, *, nlp: Any = None, persons: dict[str, Any] | None = None) -> None:
        """Replace the rule set (the shape of ``data/persons.json``)."""
        if persons is not None:
            self.use_rules(persons)


@Language.factory(
    "zhinvest_persons",
    requires=["doc._.zhinvest_mentions"],  # the organisations and amounts found before
    assigns=["doc.ents", "doc._.zhinvest_mentions"],
    default_config={"set_ents": True},
)
def make_persons_component(nlp: Language, name: str, set_ents: bool) -> PersonsComponent:
    return PersonsComponent(nlp, name, set_ents=set_ents)
