"""``zhinvest_project_count``: PROJECT_COUNT mentions, counts of 项目.

Three shapes, all over the doc's text (``data/project_count.json`` holds the words):
- numeral + classifier + modifiers + 项目 (``216个重大产业项目``, ``3个先进制造业和投资平台项目``),
  the modifiers free of verbs and other classifiers so the count does not reach across a clause
  (a verb compounded with the noun, ``13只签约项目``, is part of the noun);
- 项目 + numeral + classifier (``签约项目28个``, ``项目有21个``), not followed by a time word;
- items continuing such a count in the same sentence (``项目21个，制造业13个，服务业8个``).
The span is numeral + classifier only (``216个``, ``580多个``).
A numeral after an ordinal prefix (``第三个港资项目``) or a one after 又/另/再/每 (``又一个重大项目``,
``每一个项目``) names one project of a series, not a count.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from .. import _spacy  # noqa: F401, I001  (first: spaCy without PyTorch, see zhinvest._spacy)
from spacy.language import Language

from ..numbers import Lexicon, alternation, lexicon, parse_count
from ..resources import load_resource
from ..mentions import Mention
from ._spans import LexiconComponent, Occupancy

CONTEXT = 8
_NO_PUNCT = r"[^，。、；：,;:！？!?\n（）()“”\"《》]"


def load_project_words() -> dict[str, Any]:
    return load_resource("project_count")


class ProjectCountFinder:
    """The PROJECT_COUNT patterns of one lexicon; ``find(text)`` returns mentions."""

    def __init__(self, lex: Lexicon | None = None, words: dict[str, Any] | None = None) -> None:
        self.lex = lex or lexicon()
        self.words = words or load_project_words()

    @cached_property
    def _parts(self) -> dict[str, str]:
        w = self.words
        return {
            "noun": "(?:" + "|".join(map(re.escape, w["counted_nouns"])) + ")",
            "cls": f"[{re.escape(self.lex.project_classifiers)}]",
            "not_after": "(?!" + "|".join(w["not_count_after_classifier_patterns"]) + ")",
            "verbs": alternation(w["count_verbs_before_number"]),
        }

    @cached_property
    def before_noun(self) -> re.Pattern[str]:
        p = self._parts
        n = int(self.words["max_modifier_chars"])
        modifier = rf"(?:{_NO_PUNCT}|、)"
        return re.compile(rf"(?P<count>{self.lex.numeral}\s?{p['cls']}){p['not_after']}(?P<mod>{modifier}{{0,{n}}}?){p['noun']}")

    @cached_property
    def after_noun(self) -> re.Pattern[str]:
        p = self._parts
        return re.compile(rf"{p['noun']}(?:{p['verbs']}){{0,2}}\s?(?P<count>{self.lex.numeral}\s?{p['cls']}){p['not_after']}")

    @cached_property
    def continuation(self) -> re.Pattern[str]:
        p = self._parts
        n = int(self.words["max_continuation_chars"])
        return re.compile(
            rf"[，、；,;]{_NO_PUNCT}{{1,{n}}}?(?P<count>{self.lex.numeral}\s?{p['cls']}){p['not_after']}(?=[，、；,;。！？!?\n]|\Z)"
        )

    def find(self, text: str) -> list[Mention]:
        mentions: list[Mention] = []
        taken = Occupancy(len(text))
        breakers = tuple(self.words["modifier_breakers"])
        ordinals = tuple(self.words["ordinal_prefixes"])
        another = tuple(self.words["another_one_words"])

        def add(start: int, end: int) -> bool:
            if not taken.free(start, end):
                return False
            before = text[max(0, start - CONTEXT) : start].rstrip()
            if before.endswith(ordinals) or (text.startswith("一", start) and before.endswith(another)):
                return False
            try:
                quantity = parse_count(text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT], self.lex)
            except ValueError:
                return False
            assert isinstance(quantity.value, int)  # parse_count: always an int
            mentions.append(Mention(start=start, end=end, label="PROJECT_COUNT", value=quantity.value, qualifier=quantity.qualifier, component="project_count"))
            taken.take(start, end)
            return True

        compounds = tuple(self.words["noun_compound_verbs"])
        for match in self.before_noun.finditer(text):
            modifier = match.group("mod")
            while modifier.endswith(compounds):  # 签约项目, 开工项目: a verb compounded with the noun
                modifier = modifier[: -len(next(v for v in compounds if modifier.endswith(v)))]
            if any(word in modifier for word in breakers):
                continue
            add(match.start("count"), match.end("count"))
        for match in self.after_noun.finditer(text):
            if add(match.start("count"), match.end("count")):
                position = match.end("count")
                while (follow := self.continuation.match(text, position)) is not None:
                    if not add(follow.start("count"), follow.end("count")):
                        break
                    position = follow.end("count")
        mentions.sort(key=lambda m: m.start)
        return mentions


class ProjectCountComponent(LexiconComponent):
    """The ``zhinvest_project_count`` pipeline component."""

    finder_class = ProjectCountFinder


@Language.factory(
    "zhinvest_project_count",
    assigns=["doc.ents", "doc._.zhinvest_mentions"],
    default_config={"overwrite_ents": False, "set_ents": True},
)
def make_project_count_component(nlp: Language, name: str, overwrite_ents: bool, set_ents: bool) -> ProjectCountComponent:
    return ProjectCountComponent(nlp, name, overwrite_ents=overwrite_ents, set_ents=set_ents)
