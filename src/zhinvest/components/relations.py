"""``zhinvest_relations``: INVESTMENT, PROJECT_SUMMARY and LOCATED_IN from named patterns over
the sequence of typed mentions.

Runs after the entity components, on the flat (overlap-resolved) mentions. Each sentence is
written as a *mention sequence*: its text with every mention replaced by one symbol of its
label, so ``北京某某食品有限公司在固安县投资10亿元`` reads ``ORG在LOC投资MONEY``. The patterns
of ``data/relations.json`` (``patterns``: a name, the relation it ``gives``, the ``pattern`` and
what it ``about``) are regular expressions over that sequence, written with:

- ``<KIND:role>`` a mention (or a run or list of them) that fills an argument; ``<KIND>`` one
  that must be there but fills nothing. Kinds: ``ORG`` (with an optional parenthesised note
  such as a stock code, or a short name: X（以下简称“Y”）, whose Y fills no argument), ``ORGS`` (a list joined by 、和与及, a member
  perhaps after its country: X与沙特Y), ``PLACE`` (a run of adjacent
  places: the most specific, the last, is the argument), ``PLACES`` (a list of runs),
  ``EACH_PLACE`` (every run up to the end of the clause), ``MONEY``, ``MONEYS``, ``COUNT``
  (PROJECT_COUNT), ``EVERY_ORG`` (every organisation up to the end of the sentence), ``REF``
  (an anaphor such as 该公司 at the start of a clause: the company in context), ``SUBJ`` (an
  organisation or such an anaphor), ``SUBJS`` (a list of organisations or such an anaphor),
  ``CTX`` (nothing written: the company in context) and ``PHASES`` (an amount, or the amounts
  of a list of phases: M1、二期投资M2, each an investment of its own).
  A role whose name starts with ``_`` is taken (no other pattern may use that mention) but
  not output.
- ``<ASIDE>`` what may stand between a subject and what it does without ending its clause's
  reach: an announcement (宣布，/ 公告称：) or a signing (与L人民政府签约，), up to two;
  ``<LEAD>`` the head of a clause that states an amount of the subject's project:
  (该)项目/工程/基地 (一期/首期) (计划/预计/新增…) 总投资/投资 (约/逾…).
- ``{word_class}`` one of the trigger words of ``words`` (longest first).
- ``{site:N}`` an optional park or facility noun phrase after a place, up to N characters
  (places allowed) that end in a ``place_tail`` word (L某某化工园, L县产业集聚区), so that a
  long park name does not count against a gap.
- ``{gap:N}`` up to N characters of text without a mention or comma; ``{words:N}`` the same
  with places allowed; ``{clause:N}`` with amounts allowed too,
  ``{phrase:N}`` with counts instead; ``{party:N}`` with organisations and places (no amount
  or count); ``{text:N}`` text with commas, no mention;
  ``{skip:N}`` text with commas and places (no organisation, amount or count); ``{list:N}``
  anything but an amount or a count; ``{within:N}`` anything inside the clause; ``{any:N}``
  anything inside the sentence.
- anything else is an ordinary regular expression over the text, in which ，：（）； are
  written , : ( ) ;.

A pattern may give ``NONE`` (it takes its mentions, so that no later pattern pairs them, and
gives nothing) or ``HOST`` (its ``place`` is where the investments of the rest of the sentence
and of the next one land); ``"group": true`` marks a named group (X等三家公司) whose members
the next sentence lists; ``"placed": true`` keeps a pattern's INVESTMENTs only when they have a
place (their own, or the one an earlier sentence gave the investor).

Patterns are tried in file order; an amount, total or count taken by one match is not taken
again in that sentence. Lists pair in order where the text says 分别/各 and the lists have
the same length; otherwise one amount goes to every investor (co-investors). An INVESTMENT
with a location gives LOCATED_IN(investor, location); a LOCATED_IN of the investor in the
same sentence gives an INVESTMENT its location.

Document context is carried explicitly from sentence to sentence (:class:`Context`): the
company last named (the referent of 该公司/此次公司/公司), its INVESTMENTs still without a
place, a host place (落户L的有两家。X将投资M) and a named group (X等三家公司 … Y、Z、W).

Money that is revenue, tax, output or a scale (营收, 产值, 规模 …) is no investment or total; a
running total (累计投资已超过M, the word class ``cumulative``; not 将累计投入M) is no investment;
a threshold (亿元以上项目, 超过50亿元的项目) is neither. The stage comes from the verbs of the
match or of the sentence (拟/计划 → planned, 签约 → signed, 开工 → started, 落地/投产 → landed).
Relations are stored in ``doc._.zhinvest_relations`` as
:class:`~zhinvest.mentions.RelationCandidate` objects, whose arguments are character spans
of mentions, with the ``pattern`` that found them (:func:`relation_candidates` reads them).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import _spacy  # noqa: F401, I001  (first: spaCy without PyTorch, see zhinvest._spacy)
from spacy.language import Language
from spacy.tokens import Doc

from ..numbers import alternation
from ..resources import load_resource, validate_resource
from ..mentions import Mention, RelationCandidate, as_candidate
from ._spans import doc_text, resolved_mentions, set_final_entities

RELATIONS = "zhinvest_relations"
if not Doc.has_extension(RELATIONS):
    Doc.set_extension(RELATIONS, default=None)

#: One control character stands for each mention label that can be an argument in a
#: mention sequence; persons and areas stay as their text. ASCII, so that the compiled
#: patterns' character classes stay small: a class holding any character above U+00FF
#: compiles to a 64K-entry map, which made up half the patterns' compile time at start-up.
SYMBOLS: dict[str, str] = {
    "ORG": "\x01",
    "LOC": "\x02",
    "MONEY": "\x03",
    "PROJECT_COUNT": "\x04",
}
_ORG, _LOC, _MONEY, _COUNT = SYMBOLS["ORG"], SYMBOLS["LOC"], SYMBOLS["MONEY"], SYMBOLS["PROJECT_COUNT"]
_ALL = "".join(SYMBOLS.values())
#: 。 in a mention sequence (ASCII for the same reason).
_FULL_STOP = "\x05"
#: Full-width punctuation written in its ASCII form in mention sequences (same length); a
#: control character of the text itself is a space there, never a mention or a full stop.
_FOLD = str.maketrans({**dict(zip("，：（）；！？", ",:();!?")), "。": _FULL_STOP, **{chr(code): " " for code in range(1, 6)}})
#: What each gap macro lets through, as a negated character class of what it stops at.
_GAPS: dict[str, str] = {
    "gap": _ALL + ",",
    "words": _ORG + _MONEY + _COUNT + ",",
    "clause": _ORG + _COUNT + ",",
    "phrase": _ORG + _MONEY + ",",
    "party": _MONEY + _COUNT + ",",
    "text": _ALL,
    "skip": _ORG + _MONEY + _COUNT,
    "list": _MONEY + _COUNT,
    "within": ",",
    "any": "",
}
_SENTENCE_END = _FULL_STOP + ";!?\n"
#: What stands before a short name given in a note: (以下简称“Y”).
_ALIAS_BEFORE = re.compile(rf"(?:简称|下称)[^{_ALL}()]{{0,2}}$")
_MACRO = re.compile(r"<(?P<kind>[A-Z_]+)(?::(?P<role>[a-z_][a-z0-9_]*))?>|\{(?P<word>[a-z_]+)(?::(?P<size>\d+))?\}")
#: Relation types a pattern may give; NONE takes its mentions and gives nothing, HOST sets a host place.
GIVES = ("INVESTMENT", "PROJECT_SUMMARY", "LOCATED_IN", "NONE", "HOST")


@lru_cache(maxsize=1)
def relation_words() -> dict[str, Any]:
    """The relation resource, ``data/relations.json``, validated (:mod:`zhinvest.resources`)."""
    return load_resource("relations")


@dataclass(frozen=True)
class Pattern:
    """One named relation pattern, compiled; ``kinds`` gives each role's mention kind."""

    name: str
    gives: str
    regex: re.Pattern[str]
    kinds: dict[str, str]
    group: bool = False
    placed: bool = False
    #: Mention symbols every match holds (see :func:`required_symbols`): a sentence without
    #: one of them is not searched.
    needs: frozenset[str] = frozenset()


@dataclass
class Context:
    """What one sentence hands to the next: the company in context (the referent of 该公司,
    此次公司, 公司), INVESTMENTs whose place a later sentence may give and the places already
    given to companies (by name), a host place for the next sentence's investments, and a
    named group whose members the next sentence lists."""

    org: Mention | None = None
    org_age: int = 0
    open_investments: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    located: dict[str, list[int]] = field(default_factory=dict)
    host: Mention | None = None
    host_after: int = 0
    host_sentences: int = 0
    group: list[dict[str, Any]] = field(default_factory=list)


def sentences(text: str, words: dict[str, Any]) -> list[tuple[int, int]]:
    """Sentence spans, cut after the sentence breaks of the resource."""
    breaks = re.compile(f"[{re.escape(words['clause_breaks'])}]")
    result = []
    start = 0
    for match in list(breaks.finditer(text)) + [None]:
        end = match.end() if match else len(text)
        if end > start:
            result.append((start, end))
        start = end
    return result


class PatternCompiler:
    """Turns the pattern notation of the resource into regular expressions over mention sequences."""

    def __init__(self, words: dict[str, list[str]]) -> None:
        self.words = {name: alternation(sorted(entries, key=len, reverse=True)) for name, entries in words.items()}
        alias = rf"(?:以下)?(?:简称|下称)[^()\n{_ALL}]{{0,2}}{_ORG}[^()\n{_ALL}]{{0,2}}"  # (以下简称“Y”): Y is X
        note = rf"(?:\((?:[^()\n{_ALL}]{{1,16}}|{alias})\))?"
        org = rf"{_ORG}{note}"
        joiner = r"(?:、|和|与|及|以及|同)"
        joint = rf"(?:{self.words['place_joint']})?"
        place = rf"{_LOC}(?:{joint}{_LOC})*(?!{joint}{_LOC})"  # a whole run, never part of one
        money = rf"{_MONEY}"
        anaphor = rf"(?:^|(?<=[,:]))(?:{self.words['anaphor']})"
        text = rf"[^{_ALL},{_SENTENCE_END}]"
        orgs = rf"{org}(?:{joiner}(?:{_LOC})?{org})*"  # a member may follow its country: X与美国Y
        announced = rf"[^{_ORG}{_MONEY}{_COUNT}{_SENTENCE_END}]{{0,24}}?(?:{self.words['announce']})[,:]?"
        signed = rf"{text}{{0,6}}?(?:与|和|同)[^{_MONEY}{_COUNT},{_SENTENCE_END}]{{1,30}}?(?:{self.words['sign']}){text}{{0,16}}?[,:]"
        phase = r"(?:[一二三四五六七八九]|首|后)期"
        self.kinds = {
            "ORG": org,
            "ORGS": orgs,
            "PLACE": place,
            "PLACES": rf"{place}(?:{joiner}{place})*",
            "EACH_PLACE": rf"[^,{_SENTENCE_END}{_ORG}{_MONEY}]*",
            "MONEY": money,
            "MONEYS": rf"{money}(?:(?:、|和|及|与)(?:[^{_ALL},{_SENTENCE_END}]{{0,2}}){money})*",
            "COUNT": _COUNT,
            "EVERY_ORG": rf"[^{_SENTENCE_END}]*",
            "REF": anaphor,
            "SUBJ": rf"(?:{org}|{anaphor})",
            "SUBJS": rf"(?:{orgs}|{anaphor})",
            "CTX": "",
            "PHASES": rf"{money}(?:(?:、|,|和|及){text}{{0,2}}{phase}{text}{{0,6}}?{money})*",
            "ASIDE": rf"(?:{announced}|{signed}){{0,2}}",
            "LEAD": rf"(?:(?:该|此|整个)?(?:{self.words['facility']}|工程))?(?:{phase})?(?:{self.words['amount_lead']})?"
            rf"(?:{self.words['total_cue']}|{self.words['invest']})(?!{text}{{0,4}}(?:分别|各)){text}{{0,5}}?",
        }
        #: Two organisations or more joined as a list (the members of a named group).
        self.org_list = re.compile(rf"{org}(?:{joiner}{org})+")

    def compile(self, spec: dict[str, Any]) -> Pattern:
        kinds: dict[str, str] = {}

        def expand(match: re.Match[str]) -> str:
            if match["kind"]:
                kind, role = match["kind"], match["role"]
                if kind not in self.kinds:
                    raise ValueError(f"relation pattern {spec['name']}: unknown kind {kind}")
                if role is None:
                    return f"(?:{self.kinds[kind]})"
                kinds[role] = kind
                return f"(?P<{role}>{self.kinds[kind]})"
            word, size = match["word"], match["size"]
            if word == "site":
                stop = _ORG + _MONEY + _COUNT + "," + _SENTENCE_END
                return f"(?:[^{stop}]{{0,{size or 12}}}?{self.words['place_tail']})?"
            if word in _GAPS:
                stop = _GAPS[word] + _SENTENCE_END
                return f"[^{stop}]{{0,{size or 8}}}?"
            if word not in self.words:
                raise ValueError(f"relation pattern {spec['name']}: unknown word class {word}")
            return f"(?:{self.words[word]})"

        if spec["gives"] not in GIVES:
            raise ValueError(f"relation pattern {spec['name']}: gives {spec['gives']}, not one of {', '.join(GIVES)}")
        regex = re.compile(_MACRO.sub(expand, spec["pattern"]))
        return Pattern(spec["name"], spec["gives"], regex, kinds, bool(spec.get("group")), bool(spec.get("placed")), required_symbols(spec["pattern"]))


#: The mention symbol each kind of the pattern notation cannot match without.
_KIND_SYMBOLS = {"ORG": _ORG, "ORGS": _ORG, "PLACE": _LOC, "PLACES": _LOC, "MONEY": _MONEY, "MONEYS": _MONEY, "PHASES": _MONEY, "COUNT": _COUNT}


def required_symbols(notation: str) -> frozenset[str]:
    """The mention symbols any match of a pattern (in the notation of the resource) holds: those
    of its kinds written outside every group and not made optional, when the pattern has no
    alternative at its top level; a conservative reading (a kind inside a group is never
    counted), so that skipping a sentence without them changes no result."""
    needs: set[str] = set()
    depth, position, in_class = 0, 0, False
    while position < len(notation):
        char = notation[position]
        if char == "\\":
            position += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return frozenset()
        elif char == "<" and depth == 0 and (macro := _MACRO.match(notation, position)) and macro["kind"]:
            optional = notation[macro.end() : macro.end() + 1] in ("?", "*") or notation.startswith("{0", macro.end())
            if not optional and macro["kind"] in _KIND_SYMBOLS:
                needs.add(_KIND_SYMBOLS[macro["kind"]])
            position = macro.end()
            continue
        position += 1
    return frozenset(needs)


class MentionSequence:
    """A sentence as a mention sequence: ``code`` has one symbol per mention, ``at`` maps a
    position of ``code`` to the mention there (None for text), ``offset`` to text offsets."""

    def __init__(self, text: str, start: int, end: int, mentions: list[Mention], anaphors: frozenset[str] = frozenset()) -> None:
        parts: list[str] = []
        self.at: list[Mention | None] = []
        self.offset: list[int] = []
        cursor = start
        for mention in mentions:
            if mention.label not in SYMBOLS or text[mention.start : mention.end] in anaphors:
                continue  # a person, an area or an organisation that is only 公司 / 该公司 reads as text
            gap = text[cursor : mention.start]
            parts.append(gap.translate(_FOLD))
            self.at += [None] * len(gap)
            self.offset += range(cursor, mention.start)
            parts.append(SYMBOLS[mention.label])
            self.at.append(mention)
            self.offset.append(mention.start)
            cursor = mention.end
        gap = text[cursor:end]
        parts.append(gap.translate(_FOLD))
        self.at += [None] * len(gap)
        self.offset += range(cursor, end)
        self.code = "".join(parts)

    def mentions(self, start: int, end: int, label: str | None = None) -> list[Mention]:
        return [m for m in self.at[start:end] if m is not None and (label is None or m.label == label)]

    def text_offset(self, position: int) -> int:
        return self.offset[position] if position < len(self.offset) else (self.offset[-1] + 1 if self.offset else 0)


class RelationFinder:
    """Relations of a text from its mentions: ``find(text, mentions) -> relation dicts``."""

    def __init__(self, words: dict[str, Any] | None = None) -> None:
        self.words = words or relation_words()
        self.stages = sorted(self.words["stages"].items(), key=lambda kv: -len(kv[0]))
        compiler = PatternCompiler(self.words["words"])
        self.patterns = tuple(compiler.compile(spec) for spec in self.words["patterns"])
        #: the patterns whose INVESTMENTs stand only with a place (``"placed": true``)
        self.placed_only = frozenset(pattern.name for pattern in self.patterns if pattern.placed)
        self.anaphor_start = re.compile(rf"^[^{_ALL}]{{0,12}}?(?:{compiler.words['anaphor']})")
        self.org_list = compiler.org_list
        self.place_joint = tuple(self.words["words"]["place_joint"])
        self.government = tuple(self.words["government_endings"])
        #: the words of a plan (将, 拟 …), which make 将累计投入M an investment, not a running total
        self.planned = tuple(word for word, stage in self.words["stages"].items() if stage == "planned")
        anaphors = self.words["words"]["anaphor"]
        self.anaphors = frozenset(anaphors + [f"{this}{word}" for this in ("此次", "该") for word in anaphors])

    def find(self, text: str, mentions: list[Mention]) -> list[RelationCandidate]:
        """The relation candidates of ``text``, whose ``mentions`` do not overlap."""
        relations: list[dict[str, Any]] = []
        mentions = sorted(mentions, key=lambda m: m.start)
        starts = [m.start for m in mentions]
        context = Context()
        for start, end in sentences(text, self.words):
            first, last = bisect_left(starts, start), bisect_left(starts, end)
            inside = [m for m in mentions[first:last] if m.end <= end]
            if not inside:
                self._close_sentence(context, None, text, start, end)
                continue
            sequence = MentionSequence(text, start, end, inside, self.anaphors)
            found = self._sentence(text, start, end, sequence, context)
            self._remember(found, context, text)
            relations += [r for r in found if not (r["type"] == "INVESTMENT" and r["pattern"] in self.placed_only and "location" not in r)]
            self._close_sentence(context, sequence, text, start, end)
        return [RelationCandidate.from_dict(relation) for relation in relations]

    # -- one sentence ---------------------------------------------------------------------
    def _sentence(self, text: str, start: int, end: int, sequence: MentionSequence, context: Context) -> list[dict[str, Any]]:
        evidence = text[start:end].strip()
        taken: set[tuple[int, int]] = set()
        out: list[dict[str, Any]] = []
        group_relations: list[dict[str, Any]] = []
        self._apply_group(sequence, context, out, evidence)
        present = {symbol for symbol in _ALL if symbol in sequence.code}
        for pattern in self.patterns:
            if not pattern.needs <= present:
                continue  # no match can lack one of these mentions
            position = 0
            while position <= len(sequence.code):
                match = pattern.regex.search(sequence.code, position)
                if match is None:
                    break
                position = match.start() + 1
                made = self._relations(pattern, match, sequence, context, text, start, end, taken, evidence)
                if made is None:
                    continue
                # go on after the first argument, so that the tail of a list (Y of X和Y) is no match of its own
                position = max(position, min((match.span(role) for role in pattern.kinds if match.start(role) >= 0), default=(0, 0))[1])
                out += made
                if pattern.group:
                    group_relations += [r for r in made if r["type"] == "INVESTMENT"]
        if group_relations:
            context.group = group_relations
        self._link_places(out, evidence)
        self._apply_host(out, context, evidence)
        return out

    def _roles(self, pattern: Pattern, match: re.Match[str], sequence: MentionSequence, context: Context, text: str) -> dict[str, list[Mention]] | None:
        roles: dict[str, list[Mention]] = {}
        for role, kind in pattern.kinds.items():
            if match.start(role) < 0:
                continue
            span = (match.start(role), match.end(role))
            if kind in ("REF", "CTX") or (kind in ("SUBJ", "SUBJS") and not sequence.mentions(*span, "ORG")):
                referent = self._referent(sequence, match.start(role), context, text)
                if referent is None:
                    return None
                roles[role] = [referent]
            elif kind in ("ORG", "ORGS", "SUBJ", "SUBJS", "EVERY_ORG"):  # a government body invests or lands nowhere
                named = [m for m in self._unaliased(sequence, *span) if self._is_company(m, text)]
                roles[role] = named
            elif kind in ("PLACE", "PLACES", "EACH_PLACE"):
                roles[role] = self._most_specific(sequence, *span)
            elif kind in ("MONEY", "MONEYS", "PHASES"):
                roles[role] = sequence.mentions(*span, "MONEY")
            else:
                roles[role] = sequence.mentions(*span, "PROJECT_COUNT")
            if not roles[role]:
                return None
        return roles

    @staticmethod
    def _unaliased(sequence: MentionSequence, start: int, end: int) -> list[Mention]:
        """The organisations of a span but for the short names that a note gives them
        (X（以下简称“Y”）: X is the argument, Y only another name of it)."""
        return [
            mention
            for position in range(start, end)
            if (mention := sequence.at[position]) is not None
            and mention.label == "ORG"
            and not _ALIAS_BEFORE.search(sequence.code, max(0, position - 6), position)
        ]

    def _relations(
        self,
        pattern: Pattern,
        match: re.Match[str],
        sequence: MentionSequence,
        context: Context,
        text: str,
        start: int,
        end: int,
        taken: set[tuple[int, int]],
        evidence: str,
    ) -> list[dict[str, Any]] | None:
        roles = self._roles(pattern, match, sequence, context, text)
        if roles is None:
            return None
        exclusive = [m for role, ms in roles.items() if role.startswith("_") or role in ("amount", "total", "count") for m in ms]
        if any((m.start, m.end) in taken for m in exclusive):
            return None
        for role in ("amount", "total"):
            if any(not self._is_money_of(text, m, start, role) for m in roles.get(role, ())):
                return None
        match_start, match_end = sequence.text_offset(match.start()), sequence.text_offset(match.end())
        made: list[dict[str, Any]] = []
        respectively = bool(re.search("分别|各", sequence.code[match.start() : match.end()]))
        if pattern.gives == "INVESTMENT":
            stage = self._stage(text, match_start, match_end) or self._stage(text, start, end)
            phases = pattern.kinds["amount"] == "PHASES"
            for investor, amount, location in self._pairs(roles["investor"], roles["amount"], roles.get("location", []), respectively, phases=phases):
                # the verb of the investment itself (签署协议，将投资M → planned), else the match's, else the sentence's
                own = self._stage(text, _clause_start(text, amount.start, start), amount.start) or stage
                relation = {"type": "INVESTMENT", "investor": _span(investor), "amount": _span(amount), "stage": own, "evidence": evidence, "pattern": pattern.name}
                if location is not None:
                    relation["location"] = _span(location)
                made.append(relation)
        elif pattern.gives == "LOCATED_IN":
            for org, location, _ in self._pairs(roles["org"], roles["location"], [], respectively, broadcast_second=True):
                made.append({"type": "LOCATED_IN", "org": _span(org), "location": _span(location), "evidence": evidence, "pattern": pattern.name})
        elif pattern.gives == "PROJECT_SUMMARY":
            for count in roles["count"]:
                # the batch's own clause (集中开工项目共N个，计划总投资M → started), else after it, else before
                clause = (_clause_start(text, count.start, start), _clause_end(text, count.end, end))
                stage = self._stage(text, *clause) or self._stage(text, count.end, end) or self._stage(text, start, count.start)
                relation = {"type": "PROJECT_SUMMARY", "count": _span(count), "stage": stage, "evidence": evidence, "pattern": pattern.name}
                if roles.get("total"):
                    relation["total"] = _span(roles["total"][0])
                made.append(relation)
        elif pattern.gives == "HOST":
            context.host, context.host_after, context.host_sentences = roles["place"][-1], match_end, 2
        taken.update((m.start, m.end) for m in exclusive)
        return made

    @staticmethod
    def _pairs(
        first: list[Mention], second: list[Mention], third: list[Mention], respectively: bool, broadcast_second: bool = False, phases: bool = False
    ) -> list[tuple[Mention, Mention, Mention | None]]:
        """Arguments combined: in order where the text says 分别/各 and the lists match;
        otherwise every first with the (first) second, and the first place; the amounts of
        phases each with every first."""
        if phases:
            return [(a, b, third[0] if third else None) for a in first for b in second]
        if respectively and len(second) > 1:
            if len(first) == len(second):
                places = third if len(third) == len(second) else [third[0] if third else None] * len(second)
                return list(zip(first, second, places))
            if len(first) == 1 and len(third) == len(second):
                return [(first[0], amount, place) for amount, place in zip(second, third)]
        if broadcast_second:
            return [(a, b, None) for a in first for b in second]
        return [(a, second[0], third[0] if third else None) for a in first]

    # -- places -------------------------------------------------------------------------
    def _most_specific(self, sequence: MentionSequence, start: int, end: int) -> list[Mention]:
        """The last place of each run of places (上海浦东 → 浦东; 贵阳市乌当区 → 乌当区); places
        joined by a ``place_joint`` word (街道, ·) are one run."""
        result: list[Mention] = []
        previous_end = -2
        for position in range(start, end):
            mention = sequence.at[position]
            if mention is None or mention.label != "LOC":
                continue
            between = sequence.code[previous_end + 1 : position] if previous_end >= 0 else None
            if result and between is not None and (between == "" or between in self.place_joint):
                result[-1] = mention
            else:
                result.append(mention)
            previous_end = position
        return result

    def _link_places(self, relations: list[dict[str, Any]], evidence: str) -> None:
        """An INVESTMENT with a place gives LOCATED_IN; a LOCATED_IN of the investor in the
        same sentence gives an INVESTMENT without one its place."""
        located: dict[tuple[int, int], list[int]] = {}
        for relation in relations:
            if relation["type"] == "LOCATED_IN":
                located.setdefault(tuple(relation["org"]), relation["location"])
        for relation in list(relations):
            if relation["type"] != "INVESTMENT":
                continue
            if "location" not in relation and tuple(relation["investor"]) in located:
                relation["location"] = located[tuple(relation["investor"])]
            if "location" in relation:
                relations.append({"type": "LOCATED_IN", "org": relation["investor"], "location": relation["location"], "evidence": evidence, "pattern": relation["pattern"]})

    def _apply_host(self, relations: list[dict[str, Any]], context: Context, evidence: str) -> None:
        """Investments after a host place (in its sentence or the next) land there."""
        host = context.host
        if host is None:
            return
        for relation in list(relations):
            if relation["type"] == "INVESTMENT" and "location" not in relation and relation["investor"][0] >= context.host_after:
                relation["location"] = _span(host)
                relation["pattern"] += "+host"
                relations.append({"type": "LOCATED_IN", "org": relation["investor"], "location": relation["location"], "evidence": evidence, "pattern": relation["pattern"]})

    def _apply_group(self, sequence: MentionSequence, context: Context, out: list[dict[str, Any]], evidence: str) -> None:
        """X等三家公司投资M。X、Y、Z…: the members listed in the next sentence invest M too."""
        if not context.group:
            return
        listed = self.org_list.search(sequence.code)
        if listed:
            for template in context.group:
                for member in sequence.mentions(listed.start(), listed.end(), "ORG"):
                    relation = {**template, "investor": _span(member), "evidence": evidence, "pattern": template["pattern"] + "+group"}
                    out.append(relation)
        context.group = []

    # -- context ------------------------------------------------------------------------
    def _is_company(self, mention: Mention, text: str) -> bool:
        return mention.label == "ORG" and not text[mention.start : mention.end].endswith(self.government)

    def _referent(self, sequence: MentionSequence, position: int, context: Context, text: str) -> Mention | None:
        """The company an anaphor at ``position`` points to: the last company named before it
        in the sentence, else the company in context."""
        for mention in reversed(sequence.mentions(0, position, "ORG")):
            if self._is_company(mention, text):
                return mention
        return context.org if context.org_age <= 1 else None

    def _close_sentence(self, context: Context, sequence: MentionSequence | None, text: str, start: int, end: int) -> None:
        """Carry the context on: a sentence about a new company (one not referred to by an
        anaphor at its start) makes that company the one in context; a sentence that names
        no company and refers to none lets it fade (it stays for one such sentence)."""
        if context.host is not None and not text[start:end].rstrip().endswith((";", "；")):  # ; goes on with the enumeration
            context.host_sentences -= 1
            if context.host_sentences <= 0:
                context.host = None
        if sequence is not None and self.anaphor_start.match(sequence.code):
            context.org_age = 0
            return
        companies = [m for m in sequence.mentions(0, len(sequence.code), "ORG") if self._is_company(m, text)] if sequence else []
        if companies:
            context.org, context.org_age = companies[0], 0
        else:
            context.org_age += 1

    def _remember(self, relations: list[dict[str, Any]], context: Context, text: str) -> None:
        """An INVESTMENT without a place takes the place an earlier sentence gave its investor,
        or waits for a later sentence that places it."""
        for relation in relations:
            if relation["type"] == "LOCATED_IN":
                name = _name(text, relation["org"])
                context.located.setdefault(name, relation["location"])
                for waiting in context.open_investments.pop(name, []):
                    waiting["location"] = relation["location"]
        for relation in relations:
            if relation["type"] == "INVESTMENT" and "location" not in relation:
                name = _name(text, relation["investor"])
                if name in context.located:
                    relation["location"] = context.located[name]
                else:
                    context.open_investments.setdefault(name, []).append(relation)

    # -- money --------------------------------------------------------------------------
    def _is_money_of(self, text: str, money: Mention, sentence_start: int, role: str) -> bool:
        """An amount or total: not revenue, output or a scale, not a threshold."""
        clause_start = _clause_start(text, money.start, sentence_start)
        before = text[max(clause_start, money.start - 12) : money.start]
        if any(cue in before for cue in self.words["not_investment_cues"]):
            return False
        if role == "amount" and any(
            cue in before and not before[: before.find(cue)].endswith(self.planned) for cue in self.words["words"].get("cumulative", ())
        ):
            return False  # 累计投资已超过M: what was invested so far, no investment of its own (将累计投入M is one)
        after = text[money.end : money.end + 6]
        qualifier = money.qualifier
        if qualifier == "at_least" or (qualifier == "magnitude" and role == "total"):
            return False
        return not (qualifier == "over" and after.startswith(tuple(self.words["threshold_after"])))

    def _stage(self, text: str, start: int, end: int) -> str | None:
        window = text[start:end]
        best: tuple[int, str] | None = None
        for word, stage in self.stages:
            at = window.find(word)
            if at >= 0 and (best is None or at < best[0]):
                best = (at, stage)
        return best[1] if best else None


def _span(mention: Mention) -> list[int]:
    return [mention.start, mention.end]


def _clause_start(text: str, position: int, sentence_start: int) -> int:
    """Where the clause holding ``position`` starts (after the last comma before it)."""
    return max(sentence_start, text.rfind("，", 0, position) + 1, text.rfind(",", 0, position) + 1)


def _clause_end(text: str, position: int, sentence_end: int) -> int:
    """Where the clause holding ``position`` ends (at the next comma, or the sentence's end)."""
    ends = [at for at in (text.find("，", position, sentence_end), text.find(",", position, sentence_end)) if at >= 0]
    return min(ends, default=sentence_end)


def _name(text: str, span: list[int]) -> str:
    return text[span[0] : span[1]]


class RelationsComponent:
    """The relation patterns as a pipeline component; as spaCy's ``span_ruler``, it takes its
    resource in :meth:`initialize` (``[initialize.components.zhinvest_relations]``) and writes
    it back in :meth:`to_disk`."""

    def __init__(self, nlp: Language, name: str = "zhinvest_relations", set_ents: bool = True) -> None:
        self.name = name
        self.set_ents = set_ents
        self.finder = RelationFinder()

    def __call__(self, doc: Doc) -> Doc:
        mentions = resolved_mentions(doc)
        doc._.set(RELATIONS, self.finder.find(doc_text(doc), mentions))
        if self.set_ents:  # spaCy users see the final answer: the Document's entities, with their values
            set_final_entities(doc, mentions)
        return doc

    def initialize(self, get_examples: Any = None, *, nlp: Any = None, relations: dict[str, Any] | None = None) -> None:
        """Replace the resource (words, patterns …: the shape of ``data/relations.json``)."""
        if relations is not None:
            self.finder = RelationFinder(validate_resource("relations", relations))

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "relations.json").write_text(json.dumps(self.finder.words, ensure_ascii=False, indent=1), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RelationsComponent:
        self.finder = RelationFinder(validate_resource("relations", json.loads((Path(path) / "relations.json").read_text(encoding="utf-8"))))
        return self


def relation_candidates(doc: Doc) -> list[RelationCandidate]:
    """The relation candidates the ``zhinvest_relations`` component found in ``doc`` (none
    when the pipeline has no such component)."""
    return [as_candidate(item) for item in doc._.get(RELATIONS) or ()]


@Language.factory(
    "zhinvest_relations",
    requires=["doc._.zhinvest_mentions"],  # the mentions of the entity components before it
    assigns=["doc._.zhinvest_relations", "doc.ents", "span._.value", "span._.currency", "span._.unit", "span._.qualifier"],
    default_config={"set_ents": True},
)
def make_relations_component(nlp: Language, name: str, set_ents: bool) -> RelationsComponent:
    return RelationsComponent(nlp, name, set_ents=set_ents)
