"""``zhinvest_relations``: INVESTMENT, PROJECT_SUMMARY and LOCATED_IN from the entity sequence.

Runs after the entity components, on the flat (overlap-resolved) mentions, one sentence at a
time (clauses split at commas inside it), with the trigger words of ``data/relations.json``:

- PROJECT_SUMMARY: a project count with the total of its batch: a MONEY after a total cue
  (总投资, 投资总额 …) in the count's clause or the clause after it (总投资M的N个项目;
  项目N个，总投资M). A MONEY that is a threshold (亿元以上项目, 超过50亿元的项目) is no total.
  A count whose batch states no total still gives a summary, with ``total`` unset.
- INVESTMENT: an organisation, an investment trigger (拟投资, 计划投资, 投资 …) and an amount
  in one clause (X拟投资M); or 与X签约 … 总投资M in one sentence. ``X、Y分别投资M`` gives one
  each. Money that is revenue, tax, output or a scale (营收, 产值, 规模 …) is no investment.
- LOCATED_IN: an organisation and a place joined by a landing verb (X…落地L, X拟在L建设,
  X拟投资M入驻L, 在L成立的X), or L与X签约; in a run of places the most specific (上海崇明 → 崇明).
The stage comes from the verbs of the clause (拟/计划 → planned, 签约 → signed, 开工 →
started, 落地/投产 → landed). Relations are stored in ``doc._.zhinvest_relations`` as dicts
whose arguments are ``[start, end]`` character spans of mentions.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..numbers import alternation
from ._spans import Mention, doc_text, collect_mentions, resolve_overlaps

RELATIONS = "zhinvest_relations"
if not Doc.has_extension(RELATIONS):
    Doc.set_extension(RELATIONS, default=None)


@lru_cache(maxsize=1)
def relation_words() -> dict[str, Any]:
    return json.loads(files("zhinvest").joinpath("data/relations.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    clauses: tuple[tuple[int, int], ...]

    def clause_of(self, position: int) -> int:
        for index, (start, end) in enumerate(self.clauses):
            if start <= position < end:
                return index
        return len(self.clauses) - 1


def sentences(text: str, words: dict[str, Any]) -> list[Sentence]:
    breaks = re.compile(f"[{re.escape(words['clause_breaks'])}]")
    result = []
    start = 0
    for match in list(breaks.finditer(text)) + [None]:
        end = match.end() if match else len(text)
        if end > start:
            clauses = []
            clause_start = start
            for comma in re.finditer(r"[，,：:]", text[start:end]):
                clauses.append((clause_start, start + comma.end()))
                clause_start = start + comma.end()
            clauses.append((clause_start, end))
            result.append(Sentence(start, end, tuple(clauses)))
        start = end
    return result


class RelationFinder:
    def __init__(self, words: dict[str, Any] | None = None) -> None:
        self.words = words or relation_words()
        self.stages = sorted(self.words["stages"].items(), key=lambda kv: -len(kv[0]))
        trigger = alternation(self.words["investment_triggers"])
        self.trigger = re.compile(rf"(?:{trigger})(?:约|近|超过|超|逾|达)?$")

    def find(self, text: str, mentions: list[Mention]) -> list[dict[str, Any]]:
        relations: list[dict[str, Any]] = []
        mentions = sorted(mentions, key=lambda m: m["start"])
        starts = [m["start"] for m in mentions]
        for sentence in sentences(text, self.words):
            first, last = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
            inside = [m for m in mentions[first:last] if m["end"] <= sentence.end]
            if not inside:
                continue
            evidence = text[sentence.start : sentence.end].strip()
            totals_used: set[tuple[int, int]] = set()
            relations += self._summaries(text, sentence, inside, evidence, totals_used)
            relations += self._investments(text, sentence, inside, evidence, totals_used)
            relations += self._located_in(text, sentence, inside, evidence)
        return relations

    # -- helpers ------------------------------------------------------------------------
    def _stage(self, text: str, start: int, end: int) -> str | None:
        window = text[start:end]
        best: tuple[int, str] | None = None
        for word, stage in self.stages:
            at = window.find(word)
            if at >= 0 and (best is None or at < best[0]):
                best = (at, stage)
        return best[1] if best else None

    def _is_total(self, text: str, money: Mention) -> bool:
        before = text[max(0, money["start"] - 8) : money["start"]]
        before = re.sub(r"(?:约|近|超过|超|逾|达|为|共计|合计|高达|约为)$", "", before)
        if not any(before.endswith(cue) for cue in self.words["total_cues"]):
            return False
        return not self._is_threshold(text, money)

    def _is_threshold(self, text: str, money: Mention) -> bool:
        after = text[money["end"] : money["end"] + 6]
        return money.get("qualifier") in ("at_least", "magnitude") or (
            money.get("qualifier") == "over" and after.startswith(tuple(self.words["threshold_after"]))
        )

    def _not_investment(self, text: str, money: Mention, clause_start: int) -> bool:
        before = text[max(clause_start, money["start"] - 12) : money["start"]]
        return any(cue in before for cue in self.words["not_investment_cues"]) or self._is_threshold(text, money)

    # -- PROJECT_SUMMARY ----------------------------------------------------------------
    def _summaries(self, text: str, sentence: Sentence, inside: list[Mention], evidence: str, used: set) -> list[dict[str, Any]]:
        out = []
        money = [m for m in inside if m["label"] == "MONEY" and self._is_total(text, m)]
        for count in (m for m in inside if m["label"] == "PROJECT_COUNT"):
            clause = sentence.clause_of(count["start"])
            total = None
            for candidate_clause in (clause, clause + 1):
                options = [m for m in money if sentence.clause_of(m["start"]) == candidate_clause and (m["start"], m["end"]) not in used]
                if options:
                    total = min(options, key=lambda m: abs(m["start"] - count["start"]))
                    break
            clause_start, clause_end = sentence.clauses[clause]
            stage = self._stage(text, count["end"], sentence.end) or self._stage(text, clause_start, count["start"])
            relation: dict[str, Any] = {"type": "PROJECT_SUMMARY", "count": [count["start"], count["end"]], "stage": stage, "evidence": evidence}
            if total is not None:
                used.add((total["start"], total["end"]))
                relation["total"] = [total["start"], total["end"]]
            out.append(relation)
        return out

    # -- INVESTMENT ---------------------------------------------------------------------
    def _investments(self, text: str, sentence: Sentence, inside: list[Mention], evidence: str, used: set) -> list[dict[str, Any]]:
        out = []
        orgs = [m for m in inside if m["label"] == "ORG"]
        if not orgs:
            return out
        for money in (m for m in inside if m["label"] == "MONEY"):
            if (money["start"], money["end"]) in used:
                continue
            clause_start, clause_end = sentence.clauses[sentence.clause_of(money["start"])]
            if self._not_investment(text, money, clause_start):
                continue
            investors = self._investors_before(text, money, orgs, clause_start, sentence)
            if not investors:
                continue
            location = self._location_after(text, money, inside, clause_end) or self._partner_location(text, investors[0], inside, sentence)
            stage = self._stage(text, investors[0]["end"], money["start"]) or self._stage(text, sentence.start, sentence.end)
            for investor in investors:
                relation = {"type": "INVESTMENT", "investor": [investor["start"], investor["end"]], "amount": [money["start"], money["end"]], "stage": stage, "evidence": evidence}
                if location is not None:
                    relation["location"] = [location["start"], location["end"]]
                out.append(relation)
        return out

    def _investors_before(self, text: str, money: Mention, orgs: list[Mention], clause_start: int, sentence: Sentence) -> list[Mention]:
        before = [o for o in orgs if clause_start <= o["start"] and o["end"] <= money["start"]]
        if before:
            investor = before[-1]
            between = text[investor["end"] : money["start"]]
            if len(between) <= 16 and self.trigger.search(between):
                group = [investor]
                if "分别" in between:  # X、Y分别投资M
                    for other in reversed(before[:-1]):
                        if text[other["end"] : group[0]["start"]] in ("、", "和", "与", "及"):
                            group.insert(0, other)
                return group
        # 与X签约 … 总投资M: the partner of a signing invests the sentence's total
        if self._is_total(text, money):
            for org in orgs:
                if org["end"] <= money["start"] and text[max(sentence.start, org["start"] - 1) : org["start"]] == "与" and "签" in text[org["end"] : org["end"] + 4]:
                    return [org]
        return []

    def _location_after(self, text: str, money: Mention, inside: list[Mention], clause_end: int) -> Mention | None:
        for place in inside:
            if place["label"] == "LOC" and money["end"] <= place["start"] < clause_end:
                between = text[money["end"] : place["start"]]
                after = text[place["end"] : min(clause_end, place["end"] + 6)]
                strong = any(between.endswith(p) for p in self.words["location_prepositions"])
                weak = between.endswith(tuple(self.words["weak_prepositions"])) and any(t in after for t in self.words["location_triggers"])
                if len(between) <= 3 and (strong or weak):
                    return place
        return None

    def _partner_location(self, text: str, investor: Mention, inside: list[Mention], sentence: Sentence) -> Mention | None:
        """L与X签约: the place that signs with the investor."""
        for place in inside:
            if place["label"] == "LOC" and place["end"] <= investor["start"] and text[place["end"] : investor["start"]] == "与":
                return place
        return None

    # -- LOCATED_IN ---------------------------------------------------------------------
    def _located_in(self, text: str, sentence: Sentence, inside: list[Mention], evidence: str) -> list[dict[str, Any]]:
        out = []
        triggers = tuple(self.words["location_triggers"])
        preps = tuple(self.words["location_prepositions"])
        weak = tuple(self.words["weak_prepositions"])
        for index, org in enumerate(inside):
            if org["label"] != "ORG":
                continue
            clause_start, clause_end = sentence.clauses[sentence.clause_of(org["start"])]
            for place in inside[index + 1 :]:
                if place["start"] >= clause_end or place["label"] == "ORG":
                    break
                if place["label"] != "LOC":
                    continue
                between = text[org["end"] : place["start"]]
                place = self._most_specific(text, place, inside)
                after = text[place["end"] : min(clause_end, place["end"] + 6)]
                lands = any(between.endswith(t) for t in triggers + preps) and len(between) <= 24
                builds = between.endswith(weak) and any(t in after for t in triggers) and len(between) <= 24
                if lands or builds:
                    out.append({"type": "LOCATED_IN", "org": [org["start"], org["end"]], "location": [place["start"], place["end"]], "evidence": evidence})
                    break
            before = inside[index - 1] if index else None
            if before and before["label"] == "LOC" and re.fullmatch(r"(?:成立|落户|落地|注册|入驻|设立|扎根)的", text[before["end"] : org["start"]]):
                out.append({"type": "LOCATED_IN", "org": [org["start"], org["end"]], "location": [before["start"], before["end"]], "evidence": evidence})
            if before and before["label"] == "LOC" and self._settled_before(text, before, org, inside):
                out.append({"type": "LOCATED_IN", "org": [org["start"], org["end"]], "location": [before["start"], before["end"]], "evidence": evidence})
            partner = inside[index - 1] if index else None
            if partner and partner["label"] == "LOC" and text[partner["end"] : org["start"]] == "与" and "签" in text[org["end"] : org["end"] + 4]:
                out.append({"type": "LOCATED_IN", "org": [org["start"], org["end"]], "location": [partner["start"], partner["end"]], "evidence": evidence})
        return out


    def _settled_before(self, text: str, place: Mention, org: Mention, inside: list[Mention]) -> bool:
        """落户在上海临港的核聚变公司X: a settling verb, the place (a run of places), 的, a short
        description, then the organisation."""
        between = text[place["end"] : org["start"]]
        if not between.startswith("的") or len(between) > 12 or re.search(r"[，。；、,;]", between):
            return False
        start = place["start"]
        for other in reversed(inside):  # the start of a run of adjacent places (上海临港)
            if other["label"] == "LOC" and other["end"] == start:
                start = other["start"]
        return text[max(0, start - 4) : start].endswith(tuple(self.words["settled_before_place"]))

    @staticmethod
    def _most_specific(text: str, place: Mention, inside: list[Mention]) -> Mention:
        """In a run of adjacent places (上海崇明, 上海浦东), the last is the most specific."""
        current = place
        for other in inside:
            if other["label"] == "LOC" and other["start"] == current["end"]:
                current = other
        return current


class RelationsComponent:
    def __init__(self, nlp: Language, name: str = "zhinvest_relations") -> None:
        self.name = name
        self.finder = RelationFinder()

    def __call__(self, doc: Doc) -> Doc:
        mentions = resolve_overlaps(collect_mentions(doc))
        doc._.set(RELATIONS, self.finder.find(doc_text(doc), mentions))
        return doc


@Language.factory("zhinvest_relations", assigns=["doc._.zhinvest_relations"], default_config={})
def make_relations_component(nlp: Language, name: str) -> RelationsComponent:
    return RelationsComponent(nlp, name)
