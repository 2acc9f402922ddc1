"""``zhinvest_money``: MONEY mentions with exact values, currencies and qualifiers.

Finds, on the doc's text:
- a numeral with a currency unit (``4898亿元``, ``1.1万亿元``, ``5亿美元``, ``14.2亿元``),
  ranges giving one mention per bound (``10亿—50亿元``, ``3到5亿元``);
- a bare 亿 amount used as money (``产业规模突破5000亿``): a numeral ending in 亿, not
  followed by a measure word, in a clause with a money cue word (``data/money_cues.json``);
- magnitude words (``百亿级``; ``数十亿元``, ``几十亿元``, ``上百亿元``) and a bare ``亿元``
  threshold (``亿元以上项目``);
- a currency named after 元 stays outside the span and gives the currency (``57.1亿元人民币`` →
  ``57.1亿元``, CNY).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cached_property

from .. import _spacy  # noqa: F401, I001  (first: spaCy without PyTorch, see zhinvest._spacy)
from spacy.language import Language

from ..numbers import VAGUE_NUMBER, Lexicon, has_digit, lexicon, parse_money
from ..resources import load_resource
from ..schema import decimal_to_str
from ..mentions import Mention
from ._spans import LexiconComponent, Occupancy

#: Characters of context passed to the qualifier and range logic.
CONTEXT = 12
_CJK = re.compile(r"[\u3400-\u9fff]")
#: A lone Chinese digit before 元, which in a word is a term (三元前驱体, 二元结构), not money.
_TERM_YUAN = re.compile(r"[一二三四五六七八九十两多]元")
#: What may follow a small amount of yuan that is money (三元钱, 五元人民币, 十元左右).
_YUAN_FOLLOWERS = ("钱", "人民币", "左右", "以上", "以下", "的", "每", "一")
_CLAUSE_BREAK = re.compile(r"[。！？!?；;，,\n]")


def load_money_cues() -> tuple[str, ...]:
    return tuple(load_resource("money_cues")["cues"])


class MoneyFinder:
    """The MONEY patterns of one lexicon; ``find(text)`` returns mentions."""

    def __init__(self, lex: Lexicon | None = None, cues: tuple[str, ...] | None = None) -> None:
        self.lex = lex or lexicon()
        self.cues = cues if cues is not None else load_money_cues()

    @cached_property
    def amount(self) -> re.Pattern[str]:
        lex = self.lex
        return re.compile(
            rf"(?P<n1>{lex.numeral})(?:[^\S\n]?{lex.range_separator}[^\S\n]?(?P<n2>{lex.numeral}))?"
            rf"[^\S\n]?(?P<cur>{lex.currency})(?![{re.escape(lex.not_currency_after_yuan)}])"
        )

    @cached_property
    def vague(self) -> re.Pattern[str]:
        """数十亿元, 几十亿元, 上百亿元: a magnitude word before 十/百/千/万/亿 and a currency."""
        lex = self.lex
        not_before = f"[{lex.cn_numeral_chars}{lex.approximator_chars}\\d]"
        # each word tests what precedes it after it is matched, so that the pattern starts with
        # literals and re skips to them in C (see Lexicon.numeral)
        words = sorted(lex.magnitude_prefixes, key=len, reverse=True)
        prefix = "(?:" + "|".join(f"{re.escape(w)}(?<!{not_before}{re.escape(w)})" for w in words) + ")" if words else "(?!)"
        return re.compile(rf"{prefix}{VAGUE_NUMBER}(?P<cur>{lex.currency})(?![{re.escape(lex.not_currency_after_yuan)}])")

    @cached_property
    def bare_yi(self) -> re.Pattern[str]:
        return re.compile(rf"(?P<n>{self.lex.numeral})")

    @cached_property
    def magnitude_word_before(self) -> re.Pattern[str]:
        """A magnitude word ending a text, not after a numeral: the 数 of 数百亿."""
        lex = self.lex
        return re.compile(rf"(?<![{lex.cn_numeral_chars}{lex.approximator_chars}\d]){lex.magnitude_prefix}\Z")

    @cached_property
    def vague_number(self) -> re.Pattern[str]:
        return re.compile(VAGUE_NUMBER)

    @cached_property
    def magnitude(self) -> re.Pattern[str]:
        # (?<![numeral or digit])(?:[十百千]|万)?[亿億]元?级, the first character matched before
        # what may not precede it is tested (see Lexicon.numeral)
        return re.compile(rf"[十百千万亿億](?<![{self.lex.cn_numeral_chars}\d][十百千万亿億])(?:(?<=[十百千万])[亿億]|(?<=[亿億]))元?级")

    @cached_property
    def threshold(self) -> re.Pattern[str]:
        return re.compile(rf"[亿億](?<![{self.lex.cn_numeral_chars}\d.][亿億])元(?=以上)")

    def find(self, text: str) -> list[Mention]:
        mentions: list[Mention] = []
        taken = Occupancy(len(text))

        def add(start: int, end: int) -> None:
            try:
                quantity = parse_money(
                    text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT], self.lex
                )
            except ValueError:
                return
            assert isinstance(quantity.value, Decimal)  # parse_money: always a Decimal
            mentions.append(
                Mention(
                    start=start,
                    end=end,
                    label="MONEY",
                    value=decimal_to_str(quantity.value),
                    currency=quantity.currency,
                    qualifier=quantity.qualifier,
                    component="money",
                )
            )
            taken.take(start, end)

        for match in self.vague.finditer(text):
            add(match.start(), match.end())
        for match in self.amount.finditer(text):
            if not has_digit(match.group("n1"), self.lex) or not taken.free(match.start(), match.end()):
                continue
            if _TERM_YUAN.fullmatch(match.group()) and _CJK.match(text[match.end() : match.end() + 1]) and not text.startswith(_YUAN_FOLLOWERS, match.end()):
                continue  # 三元前驱体, 二元结构, 多元化: a term, not an amount
            if match.group("n2") is not None:
                if not has_digit(match.group("n2"), self.lex):
                    continue
                add(match.start("n1"), match.end("n1"))
                add(match.start("n2"), match.end())
            else:
                add(match.start(), match.end())
        for pattern in (self.magnitude, self.threshold):
            for match in pattern.finditer(text):
                if taken.free(match.start(), match.end()):
                    add(match.start(), match.end())
        for match in self.bare_yi.finditer(text):
            start, end = match.span()
            numeral = match.group("n")
            if numeral[-1] not in "亿億" or not has_digit(numeral, self.lex) or not taken.free(start, end):
                continue
            if self._is_bare_money(text, start, end):
                prefix = self.magnitude_word_before.search(text[max(0, start - 2) : start])
                if prefix and self.vague_number.fullmatch(numeral):
                    start -= len(prefix.group(0))  # 数百亿: a magnitude
                add(start, end)
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _is_bare_money(self, text: str, start: int, end: int) -> bool:
        """``5000亿`` is money when no measure word follows and its clause speaks of money."""
        following = text[end : end + 2]
        if following and _CJK.match(following[0]) and not following.startswith(("的", "以上", "左右", "多", "余")):
            return False
        clause_start = start
        while clause_start > 0 and not _CLAUSE_BREAK.match(text[clause_start - 1]) and start - clause_start < 30:
            clause_start -= 1
        clause = text[clause_start:start]
        return any(cue in clause for cue in self.cues)


class MoneyComponent(LexiconComponent):
    """The ``zhinvest_money`` pipeline component."""

    finder_class = MoneyFinder


@Language.factory(
    "zhinvest_money",
    assigns=["doc.ents", "doc._.zhinvest_mentions"],
    default_config={"overwrite_ents": False, "set_ents": True},
)
def make_money_component(nlp: Language, name: str, overwrite_ents: bool, set_ents: bool) -> MoneyComponent:
    return MoneyComponent(nlp, name, overwrite_ents=overwrite_ents, set_ents=set_ents)
