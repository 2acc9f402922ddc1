"""Resilience: regular expressions stay linear on adversarial input, random and broken input
raises only the documented errors, and other encodings of a seed read to the same text.

The regex checks time each pattern (or the function that builds and uses one inline) on a
long run of the characters its repeated parts accept, at 100k and 1M characters, and require
``time(1M) / time(100k) < 25``: linear is about 10, quadratic about 100 (other size pairs
scale the limit: 2.5 times the size ratio). Times are CPU times of the
process (other jobs on a shared machine do not inflate them), and the runs happen in a
forked worker with a time limit, so a catastrophic pattern fails the test instead of hanging
the suite. :func:`test_every_pattern_is_in_the_table` finds the compiled patterns of the
package (module constants, the finders' patterns, the line rules) and fails when one has no
case here, so a new regex gets its adversarial input when it is written.
"""

from __future__ import annotations

import codecs
import collections
import importlib
import multiprocessing
import pkgutil
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

import zhinvest
from zhinvest import numbers as numbers_module
from zhinvest import reader as reader_package
from zhinvest import goldsets, segmentation
from zhinvest.components import organisations as organisations_module
from zhinvest.tools import lexicons, ner
from zhinvest.components import _names, _spans, hanlp_ner, persons, places
from zhinvest.components import area as area_module
from zhinvest.components import money as money_module
from zhinvest.components import relations as relations_module
from zhinvest.components.area import AreaFinder
from zhinvest.components.money import MoneyFinder
from zhinvest.components.organisations import OrganisationFinder, short_forms
from zhinvest.components.persons import PersonFinder
from zhinvest.components.places import PlaceFinder
from zhinvest.components.project_count import ProjectCountFinder
from zhinvest.components.relations import RelationFinder, relation_words, sentences
from zhinvest.errors import InputError
from zhinvest.formats import brat
from zhinvest.ledger import normalise as ledger_normalise
from zhinvest.ledger import store as ledger_store
from zhinvest.numbers import lexicon, parse_area, parse_count, parse_money, parse_number, parse_numeral, qualifier_around
from zhinvest.engine import CHUNK_CHARS, Pipeline
from zhinvest.reader import decode as reader_decode
from zhinvest.reader import html as reader_html
from zhinvest.reader import normalise
from zhinvest.reader import looks_like_path, read
from zhinvest.reader.normalise import default_line_rules, fold_width, to_simplified

# ---------------------------------------------------------------------------------------
# Regular expressions are linear
# ---------------------------------------------------------------------------------------

SMALL = 100_000
LARGE = 1_000_000
#: time(LARGE) / time(SMALL) must stay below this times LARGE / SMALL: linear is 1, quadratic 10.
MAX_GROWTH = 2.5
#: A LARGE run faster than this is linear whatever the ratio (timer and cache noise).
NEGLIGIBLE_SECONDS = 0.01
#: Over the limit but time(2 * LARGE) / time(LARGE) below this: a step (a match's backtracking
#: stack or the string outgrowing a cache), linear above it; quadratic would be 4.
CONFIRM_RATIO = 2.6
#: Seconds a whole case may take in the worker before it counts as super-linear.
TIME_LIMIT = 20.0

Input = tuple[str, str]  # (prefix, unit): the prefix once, then the unit repeated


def adversarial(prefix: str, unit: str, size: int) -> str:
    return prefix + unit * max(1, (size - len(prefix)) // len(unit))


@dataclass(frozen=True)
class Case:
    """A pattern (``finditer`` over the whole input, the costliest use) or a function that
    applies patterns, with the inputs that push its repeated parts hardest."""

    id: str
    target: Callable[[], re.Pattern[str] | Callable[[str], Any]]
    inputs: tuple[str | Input, ...]
    sizes: tuple[int, int] = (SMALL, LARGE)
    time_limit: float = TIME_LIMIT
    marks: tuple[Any, ...] = field(default=())

    def runner(self) -> Callable[[str], Any]:
        target = self.target()
        if isinstance(target, re.Pattern):
            return lambda text: collections.deque(target.finditer(text), maxlen=0)
        return target


def _swallow(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    try:
        return function(*args, **kwargs)
    except ValueError:
        return None


LEX = lexicon()
RULES = default_line_rules()
#: the line rules (``data/boilerplate.json``), matched from the start of each line
LINE_RULES: dict[str, re.Pattern[str]] = {
    **{f"line.drop[{i}]": p for i, p in enumerate(RULES.drop)},
    **{f"line.trailer[{i}]": p for i, p in enumerate(RULES.trailer)},
    "line.source_line": RULES.source_line,
    "line.author_line": RULES.author_line,
    "line.date_line": RULES.date_line,
    "line.paragraph_opener": RULES.paragraph_opener,
    "line.site_marker": RULES.site_marker,
}
#: runs that get far into a line rule before it fails: spaces, a date then spaces, bullets
LINE_INPUTS: tuple[str | Input, ...] = (" ", ("2021-1-1", " "), "·a")
#: Python loops over many mentions are timed up to one chunk (the pipeline cuts text there).
CHUNK_SIZES = (CHUNK_CHARS // 20, CHUNK_CHARS)


def _pattern(module: Any, name: str) -> Callable[[], re.Pattern[str]]:
    return lambda: getattr(module, name)


def _finder(cls: type, name: str) -> Callable[[], re.Pattern[str]]:
    return lambda: getattr(cls(), name)


def _known_gap(reason: str) -> tuple[Any, ...]:
    return (pytest.mark.xfail(strict=True, reason=reason),)


CASES: list[Case] = [
    # reader
    Case("reader._CRLF", _pattern(reader_package, "_CRLF"), ("\r",)),
    Case("reader._SUFFIX", _pattern(reader_package, "_SUFFIX"), (".a", ".aaaaaaaaa")),
    Case("reader._SEPARATOR", _pattern(reader_package, "_SEPARATOR"), ("a/",)),
    Case("reader._CJK", _pattern(reader_package, "_CJK"), ("a中",)),
    Case("reader._NOT_IN_PATHS", _pattern(reader_package, "_NOT_IN_PATHS"), ("a",)),
    Case("reader.looks_like_path", lambda: reader_package.looks_like_path, ("a/", ".a")),
    Case("decode._CONTROL_CHARS", _pattern(reader_decode, "_CONTROL_CHARS"), ("\x01",)),
    Case("decode._ESCAPED", _pattern(reader_decode, "_ESCAPED"), ("\udcff",)),
    Case("decode.decode (damaged)", lambda: lambda text: _swallow(reader_decode.decode, text.encode("utf-8", "surrogateescape")), ("中\udcff", "中" * 99 + "\udcff")),
    Case("html._FRONT_MATTER", _pattern(reader_html, "_FRONT_MATTER"), (("---\n", "\n--"),)),
    Case("html._HTML_HINT", _pattern(reader_html, "_HTML_HINT"), ("<p ",)),
    Case("html._FURNITURE", _pattern(reader_html, "_FURNITURE"), ("-",)),
    Case("html._MARKUP", _pattern(reader_html, "_MARKUP"), ("<", "&#x", "&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")),
    Case("html._visible_stream", lambda: lambda text: reader_html._visible_stream(text, 0), ("<a", ("<script>", "</script "))),
    Case("html.normalise_date", lambda: reader_html.normalise_date, ("2021-",)),
    Case("normalise._SPACES", _pattern(normalise, "_SPACES"), ("a ",)),
    Case("normalise._ZERO_WIDTH", _pattern(normalise, "_ZERO_WIDTH"), ("a\u200b",)),
    Case("normalise._GLOSS", _pattern(normalise, "_GLOSS"), ("中(āaaaaaa",)),
    Case("normalise._ANY_GLOSS", _pattern(normalise, "_ANY_GLOSS"), ("(aaaaaaāaaaaaaa",)),
    Case("normalise._TONED", _pattern(normalise, "_TONED"), ("a",)),
    Case("normalise._CLAUSE_MARKS", _pattern(normalise, "_CLAUSE_MARKS"), ("中",)),
    Case("normalise._STARTS_CONTINUATION", _pattern(normalise, "_STARTS_CONTINUATION"), ("中，",)),
    Case("goldsets._URL_LINE", _pattern(goldsets, "_URL_LINE"), ("url:", "url:a\n ")),
    Case("goldsets._SPACE", _pattern(goldsets, "_SPACE"), (" a",)),
    Case("normalise._is_link_list", lambda: lambda text: normalise._is_link_list(text, RULES.separators), ("a|",)),
    *[Case(name, (lambda p=pattern: p), LINE_INPUTS) for name, pattern in LINE_RULES.items()],
    # numbers
    Case("numbers.numeral", lambda: re.compile(LEX.numeral), ("1.", "一", "1万", "一点一", "一点")),
    Case("numbers._ARABIC", _pattern(numbers_module, "_ARABIC"), ("1.",)),
    Case("numbers._DIGIT", _pattern(numbers_module, "_DIGIT"), ("a",)),
    Case("Lexicon.money_span", lambda: LEX.money_span, ("1", "1 ", "1人民")),
    Case("Lexicon.vague_money_span", lambda: LEX.vague_money_span, ("数十", "上亿", "几十亿")),
    Case("Lexicon.currency_pattern", lambda: LEX.currency_pattern, ("人民", "新加坡")),
    Case("Lexicon.range_bound_after", lambda: LEX.range_bound_after, ("到1", " 到 1,111")),
    Case("Lexicon.range_head_before", lambda: LEX.range_head_before, ("到 ",)),
    Case("Lexicon.range_numeral_before", lambda: LEX.range_numeral_before, ("1到", "1到 ", "一—")),
    Case("Lexicon.area_span", lambda: LEX.area_span, ("1", "1平方")),
    *[Case(f"Lexicon.adverb_over_verb_patterns[{i}]", (lambda p=p: p), (word, word + "中")) for i, (word, p, _) in enumerate(LEX.adverb_over_verb_patterns)],
    Case("numbers._MAGNITUDE", _pattern(numbers_module, "_MAGNITUDE"), ("亿",)),
    Case("numbers._BARE_UNIT", _pattern(numbers_module, "_BARE_UNIT"), ("万",)),
    Case("numbers.parse_money (span)", lambda: lambda text: _swallow(parse_money, text), ("1",)),
    Case("numbers.parse_money (context)", lambda: lambda text: _swallow(parse_money, "5亿元", text, text), ("1到", " ")),
    Case("numbers.parse_money (range tail)", lambda: lambda text: _swallow(parse_money, "3", "", "到" + text), ("1",)),
    Case("numbers.parse_area", lambda: lambda text: _swallow(parse_area, text, text, text), ("1平方",)),
    Case("numbers.qualifier_around", lambda: lambda text: qualifier_around(text, text), ("至少",)),
    # numeric components
    Case("money._CJK", _pattern(money_module, "_CJK"), ("a",)),
    Case("money._TERM_YUAN", _pattern(money_module, "_TERM_YUAN"), ("三",)),
    Case("money._CLAUSE_BREAK", _pattern(money_module, "_CLAUSE_BREAK"), ("a",)),
    Case("area._CLAUSE_BREAK", _pattern(area_module, "_CLAUSE_BREAK"), ("a",)),
    Case("MoneyFinder.amount", _finder(MoneyFinder, "amount"), ("1,111", "1到1 ")),
    Case("MoneyFinder.bare_yi", _finder(MoneyFinder, "bare_yi"), ("1",)),
    Case("MoneyFinder.magnitude", _finder(MoneyFinder, "magnitude"), ("十亿",)),
    Case("MoneyFinder.threshold", _finder(MoneyFinder, "threshold"), ("亿元",)),
    Case("MoneyFinder.vague", _finder(MoneyFinder, "vague"), ("数十", "上亿", "几十亿")),
    Case("MoneyFinder.magnitude_word_before", _finder(MoneyFinder, "magnitude_word_before"), ("数", "一数")),
    Case("MoneyFinder.vague_number", _finder(MoneyFinder, "vague_number"), ("十", "万")),
    Case("AreaFinder.pattern", _finder(AreaFinder, "pattern"), ("1-1", "1平方")),
    Case("ProjectCountFinder.before_noun", _finder(ProjectCountFinder, "before_noun"), ("1个",)),
    Case("ProjectCountFinder.after_noun", _finder(ProjectCountFinder, "after_noun"), ("项目共有1",)),
    Case("ProjectCountFinder.continuation", _finder(ProjectCountFinder, "continuation"), ("，1", "，中中1个")),
    # name components
    Case("_names.NAME_CHAR", _pattern(_names, "NAME_CHAR"), ("。",)),
    # short_form() reads division names when the gazetteer is rebuilt (zhinvest.tools.lexicons), never article text
    Case("_names._AUTONOMOUS", _pattern(_names, "_AUTONOMOUS"), ("族",), time_limit=5.0),
    Case("OrganisationFinder.local_body", _finder(OrganisationFinder, "local_body"), ("市", "各市委")),
    Case("OrganisationFinder.numbered_bureau", _finder(OrganisationFinder, "numbered_bureau"), ("中一",)),
    Case("OrganisationFinder.facility", _finder(OrganisationFinder, "facility"), ("研发", "基地基", "总部基地项")),
    Case("OrganisationFinder.foreign_title", _finder(OrganisationFinder, "foreign_title"), ("美国中中中", "美国中中大中华区")),
    Case("OrganisationFinder.foreign_latin", _finder(OrganisationFinder, "foreign_latin"), ("美国A", "美国AAAAAAAAAAAA")),
    Case("OrganisationFinder.joint_partner", _finder(OrganisationFinder, "joint_partner"), ("与中", "与中中中中中中中中中中的合")),
    Case("OrganisationFinder.region_title", _finder(OrganisationFinder, "region_title"), ("中国区", "大中华区总")),
    Case("OrganisationFinder.company_organ", _finder(OrganisationFinder, "company_organ"), ("董事", "股东大")),
    Case("OrganisationFinder.department_head", _finder(OrganisationFinder, "department_head"), ("局",)),
    Case("OrganisationFinder.declared_short_name", _finder(OrganisationFinder, "declared_short_name"), ("（以下简称“", "（以下简称“中中中中中中中中中中中")),
    Case("OrganisationFinder.appositive_pattern", _finder(OrganisationFinder, "appositive_pattern"), ("科技公司中中中", "子公司")),
    Case("OrganisationFinder.credit", _finder(OrganisationFinder, "credit"),
         ("\n来源： \t", "\n来源：中中中中中中中中中中中中", "，中中中中中中中中新闻", "，新闻记", "\n中中社中中中中中中", " 中社中电")),
    Case("OrganisationFinder.investor_trigger", _finder(OrganisationFinder, "investor_trigger"), ("拟投资约",)),
    Case("OrganisationFinder._coordinated", lambda: lambda text: OrganisationFinder()._coordinated(text, [(0, 2), (3, 5)], []),
         ("中中、",), sizes=(10_000, 100_000)),
    Case("OrganisationFinder.stock_code", _finder(OrganisationFinder, "stock_code"), ("(123456", "（1234.")),
    Case("organisations._BRACKETED_PLACE", _pattern(organisations_module, "_BRACKETED_PLACE"), ("(中中中中中中中",)),
    Case("OrganisationFinder.signing_partner", _finder(OrganisationFinder, "signing_partner"), ("与中中", "与中中中中中中中中中")),
    Case("OrganisationFinder.project_owner", _finder(OrganisationFinder, "project_owner"), ("、中中", "中中科技")),
    Case("OrganisationFinder.placed_project_owner", _finder(OrganisationFinder, "placed_project_owner"), ("的中中", "中中鞋业（中中", "鞋业（中中）中")),
    Case("OrganisationFinder.list_head", _finder(OrganisationFinder, "list_head"), ("等一", "等多个中中")),
    Case("OrganisationFinder.subject_at_place", _finder(OrganisationFinder, "subject_at_place"), ("，中中", "中中将在中中中")),
    Case("organisations._COUNTED", _pattern(organisations_module, "_COUNTED"), ("1",)),
    Case("OrganisationFinder.source_line_head", _finder(OrganisationFinder, "source_line_head"), (" ", "来源 ")),
    Case("organisations._DATE_AFTER", _pattern(organisations_module, "_DATE_AFTER"), (" ", "1111-1")),
    Case("organisations._NAME_CORE", _pattern(organisations_module, "_NAME_CORE"), ("a",)),
    # the lexicon builder reads a package's list of listed companies, never article text; still linear
    Case("lexicons._NUMERALS", _pattern(lexicons, "_NUMERALS"), ("一",)),
    Case("lexicons._SPECIAL_TREATMENT", _pattern(lexicons, "_SPECIAL_TREATMENT"), ("*S*", "退a")),
    Case("lexicons._TRADING_MARK", _pattern(lexicons, "_TRADING_MARK"), ("XD",)),
    Case("organisations.short_forms", lambda: lambda text: short_forms(text + "有限公司", frozenset()), ("（中",)),
    Case("persons._CJK", _pattern(persons, "_CJK"), ("a",)),
    Case("persons._TRANSLITERATED", _pattern(persons, "_TRANSLITERATED"), ("中·",)),
    Case("persons._DATELINE", _pattern(persons, "_DATELINE"), ("电（李",)),
    Case("PersonFinder.byline_title", _finder(PersonFinder, "byline_title"), ("特 约 ", "驻", "记 ")),
    Case("persons._BRACKETS", _pattern(persons, "_BRACKETS"), ("(", "（中")),
    Case("PersonFinder.nationality", _finder(PersonFinder, "nationality"), ("日本", "中")),
    Case("PersonFinder._representatives", lambda: lambda text: persons.PersonFinder()._representatives(text, [(0, 2)], lambda span: False),
         ("李李、",), sizes=(10_000, 100_000)),
    Case("places._NUMERAL", _pattern(places, "_NUMERAL"), ("a",)),
    Case("PlaceFinder.abbreviation_compound", _finder(PlaceFinder, "abbreviation_compound"), ("港澳", "(港", "在港")),
    Case("PlaceFinder.town", _finder(PlaceFinder, "town"), ("中", "中中镇")),
    Case("PlaceFinder.foreign_division", _finder(PlaceFinder, "foreign_division"), ("美国中", "日本中中", "美国中中中中中中州")),
    Case("PlaceFinder.source_line", _finder(PlaceFinder, "source_line"), (" ", "来源 ")),
    Case("_spans._NAME_EDGE", _pattern(_spans, "_NAME_EDGE"), ("。",)),
    Case("lexicons.GENERIC_TOWN_PHRASE", _pattern(lexicons, "GENERIC_TOWN_PHRASE"), ("小城",)),
    Case("lexicons._NOT_A_PLACE_UNIT", _pattern(lexicons, "_NOT_A_PLACE_UNIT"), ("委员", "管委")),
    Case("PlaceFinder.zone", _finder(PlaceFinder, "zone"), ("自由贸易试验",)),
    Case("PlaceFinder.unknown_zone", _finder(PlaceFinder, "unknown_zone"), ("自由贸易试验",)),
    Case("PlaceFinder.abbreviation", _finder(PlaceFinder, "abbreviation"), ("在",)),
    Case("relations.sentences", lambda: lambda text: sentences(text, relation_words()), ("，",), sizes=(10_000, 100_000)),
    Case("relations._MACRO", _pattern(relations_module, "_MACRO"), ("<A:a", "{a:1")),
    Case("relations._ALIAS_BEFORE", _pattern(relations_module, "_ALIAS_BEFORE"), ("简称“", "下称a")),
    Case("RelationFinder.anaphor_start", _finder(RelationFinder, "anaphor_start"), ("该公", "公")),
    Case("RelationFinder.org_list", _finder(RelationFinder, "org_list"), ("\ue000(", "\ue000、", "\ue000(1)和")),
    # the relation patterns run on each sentence's mention sequence; a sentence of text alone is the worst case
    Case("RelationFinder.find", lambda: lambda text: RelationFinder().find(text, []), ("在投资总额的项目,",), sizes=(10_000, 100_000)),
    Case("hanlp_ner._SENTENCE_END", _pattern(hanlp_ner, "_SENTENCE_END"), ("。a",)),
    Case("segmentation._CHAR_TOKENS", _pattern(segmentation, "_CHAR_TOKENS"), ("a ", " \n")),
    # training and formats (corpora and annotation files, not articles)
    Case("ner._SINGLE_UNIT", _pattern(ner, "_SINGLE_UNIT"), ("中市",)),
    Case("ner._NOT_A_PLACE", _pattern(ner, "_NOT_A_PLACE"), ("中",)),
    Case("brat._SPAN", _pattern(brat, "_SPAN"), ("1 ",)),
    # the ledger (names and dates read from extracted documents)
    Case("ledger._BRACKETED", _pattern(ledger_normalise, "_BRACKETED"), ("(", "(中中")),
    Case("ledger._DECLARED", _pattern(ledger_normalise, "_DECLARED"), ("(简称“", "以下简称中", " ")),
    Case("ledger._URL_DATE", _pattern(ledger_store, "_URL_DATE"), ("/2021", "/2021-01/0")),
    # whole finders, whose Python loops test overlaps against lists, on dense text up to one chunk
    Case("MoneyFinder.find", lambda: MoneyFinder().find, ("5亿元",), sizes=CHUNK_SIZES, time_limit=5.0),
    Case("ProjectCountFinder.find", lambda: ProjectCountFinder().find, ("1个项目",), sizes=CHUNK_SIZES, time_limit=5.0),
    Case("OrganisationFinder.find", lambda: OrganisationFinder().find, ("市委",), sizes=CHUNK_SIZES),
    Case("PersonFinder.find", lambda: PersonFinder().find, ("董事长李强、",), sizes=CHUNK_SIZES),
    Case("PersonFinder.find (transliterated)", lambda: PersonFinder().find, ("董事长中·",), sizes=CHUNK_SIZES, time_limit=5.0),
    Case("PlaceFinder.find", lambda: PlaceFinder().find, ("上海新区",), sizes=CHUNK_SIZES),
    Case("PlaceFinder.find (towns, zones)", lambda: PlaceFinder().find, ("渝北洛碛", "甲·乙高新区", "江都市沿江开发区", "(港澳)"), sizes=CHUNK_SIZES),
    Case("PersonFinder.find (bylines)", lambda: PersonFinder().find, ("(记 者 张三 ", "通讯员 傅 欣 ", "日本籍山田"), sizes=CHUNK_SIZES),
    Case("AreaFinder.find", lambda: AreaFinder().find, ("1平方米，",), sizes=CHUNK_SIZES),
]
CASES_BY_ID = {case.id: case for case in CASES}


def _measure(case_id: str, prefix: str, unit: str) -> tuple[float, float, float | None]:
    """Seconds at the case's two sizes (min of 3 runs each, 5 when the smaller is below SMALL;
    the larger stops early once the ratio is under the limit, as more runs could only lower it)
    and, when the ratio is over it, seconds at twice the larger size. Runs in the worker."""
    case = CASES_BY_ID[case_id]
    run = case.runner()
    small_size, large_size = case.sizes

    def timed(size: int) -> float:
        text = adversarial(prefix, unit, size)
        start = time.process_time()  # CPU time: other jobs on the machine do not count
        run(text)
        return time.process_time() - start

    limit = MAX_GROWTH * large_size / small_size
    t_small = min(timed(small_size) for _ in range(3 if small_size >= SMALL else 5))
    t_large = float("inf")
    for _ in range(3):
        t_large = min(t_large, timed(large_size))
        if t_large < NEGLIGIBLE_SECONDS or t_large / t_small < limit:
            return t_small, t_large, None
        if t_large > 1.0:  # long enough for one run to tell
            break
    t_double = min(timed(2 * large_size) for _ in range(2)) if t_large < 0.5 else None
    return t_small, t_large, t_double


class Worker:
    """One forked process for the timings; killed and replaced when a case overruns."""

    def __init__(self) -> None:
        self._pool: Any = None

    def run(self, case: Case, prefix: str, unit: str) -> tuple[float, float, float | None] | None:
        if self._pool is None:
            self._pool = multiprocessing.get_context("fork").Pool(1)
        job = self._pool.apply_async(_measure, (case.id, prefix, unit))
        try:
            return job.get(timeout=case.time_limit)
        except multiprocessing.TimeoutError:
            self.close()
            return None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


@pytest.fixture(scope="module")
def worker() -> Iterator[Worker]:
    pool = Worker()
    yield pool
    pool.close()


def _params() -> Iterator[Any]:
    for case in CASES:
        for value in case.inputs:
            prefix, unit = value if isinstance(value, tuple) else ("", value)
            yield pytest.param(case.id, prefix, unit, id=f"{case.id}:{prefix}{unit}"[:60], marks=case.marks)


@pytest.mark.parametrize(("case_id", "prefix", "unit"), list(_params()))
def test_cost_is_linear(worker, case_id, prefix, unit):
    case = CASES_BY_ID[case_id]
    small, large = case.sizes
    timing = worker.run(case, prefix, unit)
    assert timing is not None, f"{case_id} on {prefix!r} + {unit!r} * n did not finish in {case.time_limit:.0f} s"
    t_small, t_large, t_double = timing
    ratio = t_large / t_small
    linear_above = t_double is not None and t_double / t_large < CONFIRM_RATIO
    assert t_large < NEGLIGIBLE_SECONDS or ratio < MAX_GROWTH * large / small or linear_above, (
        f"{case_id} on {prefix!r} + {unit!r} * n: {t_small * 1000:.1f} ms at {small:,} chars, "
        f"{t_large * 1000:.1f} ms at {large:,} (x{ratio:.0f}; linear is x{large // small})"
        + (f", {t_double * 1000:.1f} ms at {2 * large:,}" if t_double is not None else "")
    )


def _package_patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled pattern of the package: module constants, the patterns finders build
    (cached properties and attributes of every ``*Finder`` made with its defaults), line rules,
    and the patterns of the default numeric :class:`~zhinvest.numbers.Lexicon`."""
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(zhinvest.__path__, "zhinvest."):
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # a module of an optional backend that is not installed
            continue
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found[f"{info.name}.{name}"] = value
            elif isinstance(value, type) and value.__module__ == info.name and name.endswith("Finder"):
                finder = value()
                for attr in dir(value):
                    if isinstance(getattr(value, attr, None), cached_property):
                        getattr(finder, attr)
                for attr, member in vars(finder).items():
                    if isinstance(member, re.Pattern):
                        found[f"{info.name}.{name}.{attr}"] = member
    for name, pattern in LINE_RULES.items():
        found[name] = pattern
    lex = lexicon()  # the patterns the numeric parsers compile once per lexicon
    for attr in dir(type(lex)):
        if isinstance(getattr(type(lex), attr, None), cached_property):
            value = getattr(lex, attr)
            members = [value] if isinstance(value, re.Pattern) else [m for item in value if isinstance(item, tuple) for m in item] if isinstance(value, tuple) else []
            for index, member in enumerate(members):
                if isinstance(member, re.Pattern):
                    found[f"zhinvest.numbers.Lexicon.{attr}[{index}]"] = member
    return found


def test_every_pattern_is_in_the_table():
    covered = set()
    for case in CASES:
        target = case.target()
        if isinstance(target, re.Pattern):
            covered.add((target.pattern, target.flags))
    missing = sorted(name for name, p in _package_patterns().items() if (p.pattern, p.flags) not in covered)
    assert not missing, f"patterns without an adversarial case in CASES: {missing}"


# ---------------------------------------------------------------------------------------
# Random input raises only the documented errors (tests/test_properties.py covers random
# text and bytes through read(), and parse_number / parse_money on short text)
# ---------------------------------------------------------------------------------------

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: Simplified and Traditional numerals and units, financial numerals, full-width and other
#: Unicode digits, pinyin with tone marks, spaces of every width.
MIXED = st.lists(
    st.sampled_from(
        list("总投资亿元万平方米亩个项目超过近约多余几十百千零一二两三四五六七八九〇○")
        + list("總投資億萬兩個項目餘幾電區擬駐壹贰叁肆伍陆柒捌玖拾佰仟贰貳參陸")
        + list("０１２３４５６７８９．，％～＋ＡＺａｚ٣३²½")
        + list("0123456789.,-~—到至美元港币平米公顷㎡km²")
        + list("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ(guó)（）zhōng")
        + [" ", "\u3000", "\u00a0", "\t", "\u200b", "\n", "\r\n"]
    ),
    max_size=60,
).map("".join)
TAGS = ["<p>", "</p>", "<div class='share'>", "</div>", "<br>", "<br/>", "<b>", "</b>", "<span>", "<a href='x'>", "</a>",
        "<script>", "</script>", "<style>", "</style >", "<!--", "-->", "<!DOCTYPE html>", "<p", "</", "<", ">", "<?xml?>",
        "<table><tr><td>", "</td></tr></table>", "<img alt='总投资9亿元'>", "<iframe>", "<nav>", "</nav>"]
ENTITIES = ["&nbsp;", "&amp;", "&lt;", "&gt;", "&#20159;", "&#x4ebf;", "&#0;", "&#99999999;", "&bogus;", "&amp", "&", "&#x;"]
HTML_PARTS = TAGS + ENTITIES + ["总投资5亿元", "總投資8億元", "216个项目", "１２亿元", "上海市", "中國(guó)", "\n", "\r\n", "　", "签约。"]
HTML = st.lists(st.one_of(st.sampled_from(HTML_PARTS), MIXED), max_size=30).map("".join)
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]


@SETTINGS
@given(st.one_of(st.text(max_size=40), MIXED))
def test_numeral_parsers_raise_only_value_errors(text):
    for parse in (parse_numeral, parse_area, parse_count):
        try:
            result = parse(text)
        except ValueError:
            continue
        value = result[0] if isinstance(result, tuple) else result.value
        assert isinstance(value, (Decimal, int)) and not isinstance(value, bool)


@SETTINGS
@given(MIXED, MIXED, MIXED)
def test_parsers_with_context_raise_only_value_errors(text, before, after):
    assert qualifier_around(before, after) in zhinvest.about.QUALIFIERS
    for parse in (parse_money, parse_area, parse_count):
        try:
            quantity = parse(text, before, after)
        except ValueError:
            continue
        assert isinstance(quantity.value, (Decimal, int)) and quantity.qualifier in zhinvest.about.QUALIFIERS


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("0123456789０１２３４５６７８９一二三四五六七八九十百千万亿兩萬億.,多余几")), min_size=1, max_size=12))
def test_full_width_digits_parse_like_ascii_digits(text):
    """The reader folds full-width digits, but the parser gets them directly too
    (``parse_number`` is public): both forms give the same value or both are refused."""
    results = []
    for form in (text, fold_width(text)):
        try:
            results.append(parse_number(form))
        except ValueError:
            results.append(None)
    assert results[0] == results[1]
    assert results[0] is None or isinstance(results[0], Decimal)


@SETTINGS
@given(HTML, st.sampled_from(ENCODINGS))
def test_reader_on_encoded_html_raises_only_input_errors(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    try:
        article = read(data)
    except InputError:
        return
    if encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):  # a BOM or valid UTF-8: no guessing
        assert article.source_text == text
    assert "\r" not in article.text
    for start in range(len(article.text)):
        s, e = article.source_span(start, start + 1)
        assert 0 <= s <= e <= len(article.source_text)


def _same_character(clean: str, source: str) -> bool:
    return clean == source or clean == fold_width(to_simplified(source)) or (clean == " " and source.isspace())


@SETTINGS
@given(MIXED.filter(lambda t: "<" not in t))
def test_plain_text_characters_map_back_to_their_source(text):
    """In plain text every character kept one for one comes from its source character
    (up to Traditional→Simplified, width folding and space folding), in order."""
    try:
        article = read(text)
    except InputError:
        assert looks_like_path(text)  # a mistyped path (.z) is refused, never read as text
        return
    previous = 0
    for index, char in enumerate(article.text):
        s, e = article.source_span(index, index + 1)
        assert s >= previous
        previous = s
        if e - s == 1:
            assert _same_character(char, article.source_text[s]), (char, article.source_text[s])


@pytest.fixture(scope="module")
def rules_pipeline() -> Pipeline:
    return Pipeline(ner_model=None)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(HTML)
@example("总&#99999999;十<p>～十㎡")  # found by hypothesis: an 8-digit reference, a range across a paragraph break
def test_html_through_the_pipeline_gives_entities_that_map_back(rules_pipeline, text):
    document = rules_pipeline(text)
    article = read(text)
    assert document.text == article.text
    previous = (-1, -1)
    for entity in document.entities:
        assert document.text[entity.start : entity.end] == entity.text
        assert (entity.source_start, entity.source_end) == article.source_span(entity.start, entity.end)
        assert text[entity.source_start : entity.source_end] == entity.source_text
        assert entity.source_start < entity.source_end and (entity.start, entity.end) > previous
        previous = (entity.start, entity.end)
        if entity.label in ("MONEY", "AREA"):
            assert isinstance(entity.value, Decimal)
        source = entity.source_text
        if len(source) == len(entity.text) and not re.search(r"[<>&(（\s]", source):  # no markup, gloss or space inside
            assert all(_same_character(c, s) for c, s in zip(entity.text, source)), (entity.text, source)


# ---------------------------------------------------------------------------------------
# Other encodings of whole seeds read to the same text (tests/reader/test_decode.py covers
# one sentence through decode_bytes; here whole HTML seeds go through read())
# ---------------------------------------------------------------------------------------

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
SEED_ENCODINGS = [
    ("gb18030", b""),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-le", b""),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16-be", b""),
    ("utf-8", codecs.BOM_UTF8),
]


def _seed_encoding_params() -> Iterator[Any]:
    for path in SEEDS:
        for encoding, bom in SEED_ENCODINGS:
            yield pytest.param(path, encoding, bom, id=f"{path.name[:3]}-{encoding}{'+BOM' if bom else ''}")


@pytest.mark.parametrize(("path", "encoding", "bom"), list(_seed_encoding_params()))
def test_seed_in_another_encoding_reads_like_utf8(path, encoding, bom):
    original = path.read_text(encoding="utf-8")
    expected = read(original.encode("utf-8"))
    article = read(bom + original.encode(encoding))
    assert article.source_text == original
    assert article.text == expected.text and article.metadata == expected.metadata


@pytest.mark.parametrize("path", SEEDS, ids=[p.name[:3] for p in SEEDS])
def test_big5_seed_reads_like_its_utf8_traditional_form(path):
    """Big5 holds no Simplified characters: the seed goes to Traditional (OpenCC s2tw), then to
    Big5 (the few characters Big5 lacks, pinyin tone letters, become ?). Read, it gives the text
    of the same Traditional seed in UTF-8, and the original's text when nothing was lost."""
    import opencc

    original = path.read_text(encoding="utf-8")
    data = opencc.OpenCC("s2tw").convert(original).encode("big5", errors="replace")
    traditional = data.decode("big5")
    article = read(data)
    assert article.source_text == traditional
    assert article.text == read(traditional.encode("utf-8")).text
    if traditional.count("?") == original.count("?") and to_simplified(traditional) == original:
        assert article.text == read(original.encode("utf-8")).text
