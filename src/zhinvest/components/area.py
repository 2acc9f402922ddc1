"""``zhinvest_area``: AREA mentions in square metres.

Numerals with 平方米 平米 平方公里 平方千米 公顷 亩/畝, and 方 after a 万 or 亿 numeral as
floor or land space (``1500万方``). Volumes are left alone: 立方米 never matches, and 万方
in a clause about gas, water, earth or storage (``data/area_context.json``) is skipped.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cached_property
from typing import Any

from .. import _spacy  # noqa: F401, I001  (first: spaCy without PyTorch, see zhinvest._spacy)
from spacy.language import Language

from ..numbers import Lexicon, lexicon, parse_area
from ..resources import load_resource
from ..schema import decimal_to_str
from ..mentions import Mention
from ._spans import LexiconComponent

CONTEXT = 12
_CLAUSE_BREAK = re.compile(r"[。！？!?；;，,\n]")


def load_area_context() -> dict[str, Any]:
    return load_resource("area_context")


class AreaFinder:
    """The AREA patterns of one lexicon; ``find(text)`` returns mentions."""

    def __init__(self, lex: Lexicon | None = None, context: dict[str, Any] | None = None) -> None:
        self.lex = lex or lexicon()
        context = context or load_area_context()
        self.volume_cues: tuple[str, ...] = tuple(context["volume_cues"])
        self.not_unit_after_fang: str = context["not_unit_after_fang"]

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        lex = self.lex
        return re.compile(
            rf"(?P<n1>{lex.numeral})(?:[^\S\n]?{lex.range_separator}[^\S\n]?(?P<n2>{lex.numeral}))?[^\S\n]?(?P<unit>{lex.area_unit})"
        )

    def find(self, text: str) -> list[Mention]:
        mentions: list[Mention] = []
        for match in self.pattern.finditer(text):
            unit = match.group("unit")
            last = match.group("n2") or match.group("n1")
            if not any(ch.isdigit() or ch in self.lex.digits or ch in self.lex.small_units for ch in last):
                continue
            if unit in self.lex.area_units_needing_big_multiplier and not self._is_space(text, match, last):
                continue
            bounds = [(match.start("n1"), match.end("n1")), (match.start("n2"), match.end())] if match.group("n2") else [match.span()]
            for start, end in bounds:
                try:
                    quantity = parse_area(
                        text[start:end] if end == match.end() else text[start:end] + _unit_of(text[start:end], last, unit),
                        text[max(0, start - CONTEXT) : start],
                        text[end : end + CONTEXT],
                        self.lex,
                    )
                except ValueError:
                    continue
                assert isinstance(quantity.value, Decimal)  # parse_area: always a Decimal
                qualifier = quantity.qualifier
                if match.group("n2"):
                    qualifier = "at_least" if end != match.end() else "under"
                mentions.append(
                    Mention(start=start, end=end, label="AREA", value=decimal_to_str(quantity.value), unit="m2", qualifier=qualifier, component="area")
                )
        return mentions

    def _is_space(self, text: str, match: re.Match[str], numeral: str) -> bool:
        """方 is floor or land space after a 万/亿 numeral, outside a clause about volumes."""
        if not any(ch in self.lex.big_units for ch in numeral):
            return False
        following = text[match.end() : match.end() + 1]
        if following and following in self.not_unit_after_fang:
            return False
        clause_start = match.start()
        while clause_start > 0 and not _CLAUSE_BREAK.match(text[clause_start - 1]) and match.start() - clause_start < 20:
            clause_start -= 1
        clause = text[clause_start : match.start()]
        return not any(cue in clause for cue in self.volume_cues)


def _unit_of(first_numeral: str, second_numeral: str, unit: str) -> str:
    """The unit a range's first bound borrows from the second: its multiplier and unit (10—20万平方米)."""
    multiplier = ""
    if any(ch in "万亿萬億" for ch in first_numeral):
        return unit
    for ch in reversed(second_numeral):
        if ch in "万亿萬億":
            multiplier = ch + multiplier
        else:
            break
    return multiplier + unit


class AreaComponent(LexiconComponent):
    """The ``zhinvest_area`` pipeline component."""

    finder_class = AreaFinder


@Language.factory(
    "zhinvest_area",
    assigns=["doc.ents", "doc._.zhinvest_mentions"],
    default_config={"overwrite_ents": False, "set_ents": True},
)
def make_area_component(nlp: Language, name: str, overwrite_ents: bool, set_ents: bool) -> AreaComponent:
    return AreaComponent(nlp, name, overwrite_ents=overwrite_ents, set_ents=set_ents)
