"""Chinese numeric expressions to exact :class:`~decimal.Decimal` values.

Handles Arabic numerals with separators and decimals (``13,452``, ``14.2``), Chinese
numerals in ordinary, financial and Traditional forms (``四千八百九十八``, ``两``, ``兩千萬``),
mixed forms (``1.1万亿``, ``3千万``), approximators (``580多``, ``十几``, ``10余``),
magnitude words (``百亿级``), and the qualifier words around an amount (``超过``, ``近``,
``以上`` …). Pure Chinese numerals go through cn2an; the mixed forms cn2an rejects
(``1.1万亿``, ``十几``) through the section parser here. Nothing is ever a float.

The tables live in ``data/units.json`` and ``data/qualifiers.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import Any

__all__ = [
    "Lexicon",
    "Quantity",
    "lexicon",
    "parse_number",
    "parse_numeral",
    "parse_money",
    "parse_area",
    "has_digit",
    "parse_count",
    "qualifier_around",
]

#: The longest numeral accepted; longer digit runs are not amounts (and keep costs linear).
MAX_NUMERAL_CHARS = 32


def _load(name: str) -> dict[str, Any]:
    from .resources import load_resource  # validated; pydantic only when a table is first read

    return load_resource(name.removesuffix(".json"))


@dataclass(frozen=True)
class Lexicon:
    """The unit, currency and qualifier tables, with the regex fragments built from them and
    the patterns the parsers apply to every span (compiled once per lexicon)."""

    digits: dict[str, int]
    small_units: dict[str, int]
    big_units: dict[str, int]
    approximators: dict[str, str]
    currencies: dict[str, str]
    not_currency_after_yuan: str
    area_units: dict[str, str]
    area_units_needing_big_multiplier: tuple[str, ...]
    area_value_places: int
    project_classifiers: str
    qualifiers_before: dict[str, str]
    qualifiers_after: dict[str, str]
    bare_threshold_after: dict[str, str]
    compound_exceptions: tuple[str, ...] = ()
    adverbs_over_verb: dict[str, str] | None = None
    decimal_points: str = "点點"
    magnitude_prefixes: tuple[str, ...] = ()

    @classmethod
    def load(cls, units: dict[str, Any] | None = None, qualifiers: dict[str, Any] | None = None) -> "Lexicon":
        units = units or _load("units.json")
        qualifiers = qualifiers or _load("qualifiers.json")
        return cls(
            digits=units["digits"],
            small_units=units["small_units"],
            big_units=units["big_units"],
            approximators=units["approximators"],
            currencies=units["currencies"],
            not_currency_after_yuan=units["not_currency_after_yuan"],
            area_units=units["area_units"],
            area_units_needing_big_multiplier=tuple(units["area_units_needing_big_multiplier"]),
            area_value_places=int(units["area_value_places"]),
            project_classifiers=units["project_classifiers"],
            qualifiers_before=qualifiers["before"],
            qualifiers_after=qualifiers["after"],
            bare_threshold_after=qualifiers["bare_threshold_after"],
            compound_exceptions=tuple(qualifiers.get("compound_exceptions", ())),
            adverbs_over_verb=qualifiers.get("adverbs_over_verb", {}),
            decimal_points=units.get("decimal_points", "点點"),
            magnitude_prefixes=tuple(units.get("magnitude_prefixes", ())),
        )

    # Regex fragments. Character classes only, so every pattern built on them is linear.
    @cached_property
    def cn_numeral_chars(self) -> str:
        return re.escape("".join(self.digits) + "".join(self.small_units) + "".join(self.big_units))

    @cached_property
    def approximator_chars(self) -> str:
        return re.escape("".join(self.approximators))

    @cached_property
    def numeral(self) -> str:
        r"""A maximal numeral: Arabic with optional Chinese multipliers, or Chinese only, with
        a Chinese decimal part (``五十三点五亿``: digits after 点, then 万/亿).

        The first character is matched before the two branches, and what may not precede the
        numeral is tested after it (``(?<![\d.]\d)`` rather than ``(?<![\d.])\d``), so that a
        pattern starting with a numeral starts with a character class: ``re`` then skips in C
        to the characters that can begin one, instead of trying the pattern at every position."""
        cn = self.cn_numeral_chars
        units = re.escape("".join(self.small_units) + "".join(self.big_units))
        approx = self.approximator_chars
        arabic_rest = r"(?:\d{0,2}(?:,\d{3})+(?!\d)|\d*+)(?:\.\d++)?"  # \d{1,3}(?:,\d{3})+(?!\d)|\d++, less the first digit
        digits = re.escape("".join(self.digits))
        big = re.escape("".join(self.big_units))
        point = re.escape(self.decimal_points)
        return (
            rf"[\d{cn}](?:(?<=\d)(?<![\d.]\d)(?<!\d,\d){arabic_rest}[{units}{approx}]*+"
            rf"|(?<=[{cn}])(?<![{cn}{approx}\d][{cn}])[{cn}{approx}]*+(?:[{point}][{digits}]++[{big}{approx}]*+)?)"
        )

    @cached_property
    def magnitude_prefix(self) -> str:
        """The words that make ``十亿`` a magnitude: ``数十亿``, ``几十亿``, ``上百亿``."""
        return alternation(self.magnitude_prefixes) if self.magnitude_prefixes else "(?!)"

    @cached_property
    def currency(self) -> str:
        return alternation(self.currencies)

    @cached_property
    def area_unit(self) -> str:
        return alternation(self.area_units)

    @cached_property
    def area_factors(self) -> dict[str, Fraction]:
        """Square metres per area unit, exact (``亩`` → 10000/15)."""
        return {unit: Fraction(factor) for unit, factor in self.area_units.items()}

    @cached_property
    def currencies_besides_yuan(self) -> tuple[str, ...]:
        """The currency words other than 元, which may name the currency of an amount in 元."""
        return tuple(name for name in self.currencies if name != "元")

    @cached_property
    def range_separator(self) -> str:
        return r"(?:到|至|—{1,2}|–|-|~|～|－)"

    # The patterns the parsers apply to every span, compiled once per lexicon.
    @cached_property
    def money_span(self) -> re.Pattern[str]:
        """A whole MONEY span: a number and an optional currency (``4898亿元``, ``5000亿``)."""
        return re.compile(rf"\A(?P<number>.+?)[^\S\n]?(?P<currency>{self.currency})?\Z")

    @cached_property
    def vague_money_span(self) -> re.Pattern[str]:
        """An order of magnitude, matched against a whole span: ``数十亿元``, ``几十亿``, ``上百亿元``."""
        return re.compile(rf"{self.magnitude_prefix}(?P<number>{VAGUE_NUMBER})(?P<currency>{self.currency})?")

    @cached_property
    def currency_pattern(self) -> re.Pattern[str]:
        return re.compile(self.currency)

    @cached_property
    def range_bound_after(self) -> re.Pattern[str]:
        """What follows a range's first bound: separator, second numeral, currency (``到5亿元``)."""
        return re.compile(rf"[^\S\n]?{self.range_separator}[^\S\n]?(?P<number>{self.numeral})[^\S\n]?(?P<currency>{self.currency})?")

    @cached_property
    def range_head_before(self) -> re.Pattern[str]:
        """A separator ending the text before a span: the span may be a range's second bound."""
        return re.compile(rf"{self.range_separator}[^\S\n]?\Z")

    @cached_property
    def range_numeral_before(self) -> re.Pattern[str]:
        """A numeral and a separator ending the text before a span (``3到``): the span is a
        range's second bound."""
        return re.compile(rf"{self.numeral}[^\S\n]?(?:{self.currency})?[^\S\n]?{self.range_separator}[^\S\n]?\Z")

    @cached_property
    def area_span(self) -> re.Pattern[str]:
        """A whole AREA span: a number and an area unit (``1500万方``)."""
        return re.compile(rf"\A(?P<number>.+?)[^\S\n]?(?P<unit>{self.area_unit})\Z")

    @cached_property
    def adverb_over_verb_patterns(self) -> tuple[tuple[str, re.Pattern[str], str], ...]:
        """``(adverb, pattern, qualifier)``: the adverb, then a short verb, at the end of a text."""
        return tuple(
            (word, re.compile(rf"{re.escape(word)}[\u4e00-\u9fff]{{1,2}}\Z"), qualifier) for word, qualifier in (self.adverbs_over_verb or {}).items()
        )


def alternation(words: Any) -> str:
    """A regex group matching any of ``words``, longer words first: ``(?:ab|a)``."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The package's default tables."""
    return Lexicon.load()


@dataclass(frozen=True)
class Quantity:
    """A normalised amount: ``value`` (Decimal, or int for counts) with its qualifier."""

    value: Decimal | int
    qualifier: str = "exact"
    currency: str | None = None
    unit: str | None = None


def parse_numeral(text: str, lex: Lexicon | None = None) -> tuple[Decimal, str | None]:
    """A numeral's value and the approximation it carries (``多``/``余`` → over, ``几`` → about).

    >>> parse_numeral("1.1万亿")
    (Decimal('1100000000000.0'), None)
    >>> parse_numeral("580多")
    (Decimal('580'), 'over')
    """
    lex = lex or lexicon()
    text = text.strip().replace(",", "").replace("，", "")
    if not text or len(text) > MAX_NUMERAL_CHARS:
        raise ValueError(f"not a numeral: {text[:40]!r}")
    approx = None
    core = []
    for ch in text:
        if ch in lex.approximators:
            approx = approx or lex.approximators[ch]
        else:
            core.append(ch)
    return _value(core, lex), approx


def parse_number(text: str, lex: Lexicon | None = None) -> Decimal:
    """A numeral's value, approximators ignored. Raises ``ValueError`` for a non-numeral."""
    return parse_numeral(text, lex)[0]


def _value(chars: list[str], lex: Lexicon) -> Decimal:
    if not chars:
        raise ValueError("empty numeral")
    text = "".join(chars)
    if all(ch in lex.digits for ch in chars):
        if len(chars) == 1:
            return Decimal(lex.digits[text])
        return Decimal("".join(str(lex.digits[ch]) for ch in chars))  # 二〇二一: positional
    if _ARABIC.fullmatch(text):
        return Decimal(text)
    if not _DIGIT.search(text):
        converted = _cn2an(text, lex)
        if converted is not None:
            return converted
    return _sections(text, lex)


_ARABIC = re.compile(r"\d+(?:\.\d+)?")
_DIGIT = re.compile(r"\d")
_FOLD_TRADITIONAL_NUMERALS = str.maketrans("萬億兩〇○", "万亿两零零")


def _cn2an(text: str, lex: Lexicon) -> Decimal | None:
    """cn2an for pure Chinese numerals (after folding Traditional 萬億兩 to 万亿两)."""
    import cn2an

    folded = text.translate(_FOLD_TRADITIONAL_NUMERALS)
    try:
        return Decimal(str(cn2an.cn2an(folded, "normal")))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _sections(text: str, lex: Lexicon) -> Decimal:
    """Parse by sections: digits × 十百千 add into a section, 万 and 亿 scale what came before.

    ``1.1万亿``: 1.1 × 万 = 11000, then × 亿; ``一亿二千万``: 1 × 亿, then 2000 × 万.
    """
    total = Decimal(0)  # the part already scaled by 亿
    wan = Decimal(0)  # the part scaled by 万 since the last 亿
    section = Decimal(0)
    current: Decimal | None = None
    position = 0
    while position < len(text):
        match = _ARABIC.match(text, position)
        if match:
            if current is not None:
                raise ValueError(f"two numbers in a row in {text!r}")
            current = Decimal(match.group(0))
            position = match.end()
            continue
        ch = text[position]
        position += 1
        if ch in lex.digits:
            current = Decimal(lex.digits[ch])
        elif ch in lex.small_units:
            section += (current if current is not None else Decimal(1)) * lex.small_units[ch]
            current = None
        elif ch in lex.big_units:
            unit = lex.big_units[ch]
            base = section + (current or 0)
            if unit == 10_000:
                wan += (base or Decimal(1)) * unit  # 万 alone counts one 万, as in 万亿
            else:
                if base == 0 and wan == 0 and total == 0:
                    base = Decimal(1)  # 亿 alone, as in 亿元
                total = (total + wan + base) * unit
                wan = Decimal(0)
            section = Decimal(0)
            current = None
        elif ch in "零〇○":
            continue
        elif ch in lex.decimal_points:
            # 五十三点五亿: the digits after 点 are the fraction of the number before it,
            # and a following 万/亿 scales the whole (53.5 × 亿)
            end = position
            while end < len(text) and text[end] in lex.digits:
                end += 1
            if end == position or any(c not in lex.big_units for c in text[end:]):
                raise ValueError(f"bad decimal part in {text!r}")
            current = Decimal(f"{current or 0}.{''.join(str(lex.digits[c]) for c in text[position:end])}")
            position = end
        else:
            raise ValueError(f"not a numeral character {ch!r} in {text!r}")
    return total + wan + section + (current or 0)


def qualifier_around(before: str, after: str, approx: str | None = None, lex: Lexicon | None = None) -> str:
    """The qualifier of an amount from the words right before and after it.

    A word right before the span wins (``超过`` → over, ``近`` → under); then an adverb of
    degree before a short verb (``至少调整800亩`` → at_least); then a word right after it
    (``以上`` → over, ``左右`` → about); then the numeral's own approximator (``多`` → over,
    ``几`` → about); otherwise ``exact``.
    """
    lex = lex or lexicon()
    before = before.rstrip(" ")
    if not before.endswith(lex.compound_exceptions):
        for length in range(min(4, len(before)), 0, -1):
            word = before[-length:]
            if word in lex.qualifiers_before:
                return lex.qualifiers_before[word]
    for word, pattern, qualifier in lex.adverb_over_verb_patterns:
        # 至少调整800亩: an adverb of degree scopes over the verb before the amount
        if word in before and pattern.search(before):
            return qualifier
    after = after.lstrip(" ")
    for length in range(min(2, len(after)), 0, -1):
        word = after[:length]
        if word in lex.qualifiers_after:
            return lex.qualifiers_after[word]
    return approx or "exact"


#: The numeral of an order of magnitude after 数/几/上: 十, 百亿, 千万, 亿, 万亿.
VAGUE_NUMBER = "(?:[十百千拾佰仟][万亿萬億]*|[万亿萬億]+)"
_MAGNITUDE = re.compile(r"\A(?P<number>[十百千万]?亿|万亿)元?级\Z")
_BARE_UNIT = re.compile(r"\A(?P<number>[万亿億萬])元\Z")


def parse_money(text: str, before: str = "", after: str = "", lex: Lexicon | None = None) -> Quantity:
    """The value of a MONEY span (number + unit), e.g. ``4898亿元``, ``5亿美元``, ``百亿级``, ``亿元``.

    ``before`` and ``after`` are the texts around the span, for the qualifier and for the
    first bound of a range, whose unit is that of the second (``3`` in ``3到5亿元``).
    """
    lex = lex or lexicon()
    text = text.strip()
    magnitude = _MAGNITUDE.match(text)
    if magnitude:
        return Quantity(parse_number(magnitude.group("number"), lex), "magnitude", "CNY")
    vague = lex.vague_money_span.fullmatch(text)
    if vague:
        # 数十亿元, 几十亿元, 上百亿元: an order of magnitude (10^9, 10^10), not an amount
        currency = _currency_after(vague.group("currency"), after, lex) if vague.group("currency") else "CNY"
        return Quantity(parse_number(vague.group("number"), lex), "magnitude", currency)
    bare = _BARE_UNIT.match(text)
    if bare:
        value = Decimal(lex.big_units[bare.group("number")])
        tail = after.lstrip(" ")
        for word, qualifier in lex.bare_threshold_after.items():
            if tail.startswith(word):
                return Quantity(value, qualifier, "CNY")
        return Quantity(value, qualifier_around(before, after, None, lex), "CNY")
    match = lex.money_span.fullmatch(text)
    if not match:
        raise ValueError(f"not a money amount: {text!r}")
    value, approx = parse_numeral(match.group("number"), lex)
    currency_word = match.group("currency")
    if currency_word is None:
        # a range's first bound (3 in 3到5亿元) or a bare 亿 amount (5000亿)
        bound = lex.range_bound_after.match(after)
        if bound and not _has_big_unit(match.group("number"), lex):
            scale = _trailing_multiplier(bound.group("number"), lex)
            value *= scale
        named = lex.currencies.get(bound.group("currency")) if bound and bound.group("currency") else None
        qualifier = "at_least" if bound else qualifier_around(before, after, approx, lex)
        return Quantity(value, qualifier, named or "CNY")
    if lex.range_head_before.search(before) and lex.range_numeral_before.search(before):
        qualifier = "under"  # the second bound of a range (3到5亿元, 10亿元至50亿元)
    elif (bound := lex.range_bound_after.match(after)) and bound.group("currency") and has_digit(bound.group("number"), lex):
        qualifier = "at_least"  # the first bound of a range whose bounds both carry a unit (10亿元至50亿元)
    else:
        qualifier = qualifier_around(_without_currency_name(before, lex), after, approx, lex)
    return Quantity(value, qualifier, _currency_after(currency_word, after, lex, before))


def _without_currency_name(before: str, lex: Lexicon) -> str:
    """The text before an amount without a currency named right before the number, so that a
    qualifier before the name still qualifies it (约人民币5亿元, 逾新台币100亿元)."""
    stripped = before.rstrip(" ")
    for name in sorted(lex.currencies_besides_yuan, key=len, reverse=True):
        if stripped.endswith(name) and len(name) > 1:
            return stripped[: -len(name)]
    return before


def has_digit(numeral: str, lex: Lexicon) -> bool:
    """Whether a numeral names a number (a digit, 五, 十 …), not a bare 万 or 亿."""
    return any(ch.isdigit() or ch in lex.digits or ch in lex.small_units for ch in numeral)


def _currency_after(unit: str, after: str, lex: Lexicon, before: str = "") -> str:
    """The currency of an amount in ``unit``: a currency named right after 元 (``57.1亿元人民币``,
    ``1000万元港币``) or right before the number (``新台币100亿元``, ``港币20亿元``) stays
    outside the span and names the currency."""
    currency = lex.currencies[unit]
    if unit == "元":
        named = lex.currency_pattern.match(after)
        if named and named.group(0) != "元":
            return lex.currencies[named.group(0)]
        if before.endswith(lex.currencies_besides_yuan):
            for name, code in lex.currencies.items():
                if name != "元" and before.endswith(name):
                    return code
    return currency


def _has_big_unit(numeral: str, lex: Lexicon) -> bool:
    return any(ch in lex.big_units for ch in numeral) or any(ch in lex.small_units for ch in numeral[1:])


def _trailing_multiplier(numeral: str, lex: Lexicon) -> Decimal:
    """The multiplier a numeral ends with: ``50亿`` → 10^8, ``5千万`` → 10^7, ``50`` → 1."""
    scale = Decimal(1)
    for ch in reversed(numeral):
        if ch in lex.big_units:
            scale *= lex.big_units[ch]
        elif ch in lex.small_units and scale != 1:
            scale *= lex.small_units[ch]
            break
        else:
            break
    return scale


def parse_area(text: str, before: str = "", after: str = "", lex: Lexicon | None = None) -> Quantity:
    """The value in m² of an AREA span, e.g. ``1500万方``, ``50平方公里``, ``800亩``."""
    lex = lex or lexicon()
    match = lex.area_span.fullmatch(text.strip())
    if not match:
        raise ValueError(f"not an area: {text!r}")
    value, approx = parse_numeral(match.group("number"), lex)
    factor = lex.area_factors[match.group("unit")]
    exact = Fraction(value) * factor
    if exact.denominator == 1:
        m2 = Decimal(exact.numerator)
    else:
        places = Decimal(1).scaleb(-lex.area_value_places)
        try:
            m2 = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(places, rounding=ROUND_HALF_EVEN)
        except InvalidOperation:  # more digits than a Decimal context holds: no area anyone wrote
            raise ValueError(f"area too large: {text!r}") from None
    return Quantity(m2, qualifier_around(before, after, approx, lex), unit="m2")


def parse_count(text: str, before: str = "", after: str = "", lex: Lexicon | None = None) -> Quantity:
    """The count of a PROJECT_COUNT span, numeral + classifier: ``216个``, ``580多个``, ``十几个``."""
    lex = lex or lexicon()
    text = text.strip()
    if text and text[-1] in lex.project_classifiers:
        text = text[:-1]
    value, approx = parse_numeral(text, lex)
    if value != value.to_integral_value():
        raise ValueError(f"a project count must be whole: {text!r}")
    return Quantity(int(value), qualifier_around(before, after, approx, lex))


def to_decimal(value: Any) -> Decimal:
    """``Decimal`` from a str or int; ``ValueError`` otherwise (floats refused)."""
    if isinstance(value, float):
        raise TypeError("amounts are never floats")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"not a decimal: {value!r}") from None
