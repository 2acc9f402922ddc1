"""Tests of :mod:`zhinvest.evaluation` on hand-built documents; every test checks concrete numbers."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from zhinvest.errors import InputError
from zhinvest.about import RELATION_TYPES
from zhinvest.evaluation import Report, evaluate
from zhinvest.schema import (
    Document,
    Entity,
    InvestmentRelation,
    LocatedInRelation,
    ProjectSummaryRelation,
)

TEXT = "蔚能(上海)电池科技有限公司拟投资50亿元入驻嘉定区"


def ent(entity_id: int, label: str, text: str, find: str, nth: int = 0, **fields: Any) -> Entity:
    """An entity over the ``nth`` occurrence of ``find`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(find, start + 1)
    end = start + len(find)
    return Entity(
        id=entity_id, label=label, text=find, source_text=find,
        start=start, end=end, source_start=start, source_end=end, **fields,
    )


def span(entity_id: int, label: str, text: str, start: int, end: int, **fields: Any) -> Entity:
    return Entity(
        id=entity_id, label=label, text=text[start:end], source_text=text[start:end],
        start=start, end=end, source_start=start, source_end=end, **fields,
    )


def counts(report: Report, scheme: str, label: str | None = None) -> tuple[int, ...]:
    scores = report.micro if label is None else report.labels[label]
    c = scores.scheme(scheme)  # type: ignore[arg-type]
    return (c.correct, c.incorrect, c.partial, c.missed, c.spurious, c.possible, c.actual)


# --- nervaluate's worked examples ---------------------------------------------------------


def test_semeval_scenario_table():
    """nervaluate README: the six scenarios of the SemEval-2013 table (DRUG→ORG, BRAND→PERSON, GROUP→LOC)."""
    text = "tikosyn healthy of warfarin propranolol phenytoin oral contraceptives"
    gold = Document(id="d", text=text, entities=(
        ent(0, "PERSON", text, "tikosyn"),                 # III missed
        ent(1, "ORG", text, "warfarin"),                   # V boundary
        ent(2, "ORG", text, "propranolol"),                # IV type
        ent(3, "ORG", text, "phenytoin"),                  # I exact
        ent(4, "LOC", text, "contraceptives"),             # VI boundary and type
    ))
    predicted = Document(id="d", text=text, entities=(
        ent(0, "PERSON", text, "healthy"),                 # II spurious
        ent(1, "ORG", text, "of warfarin"),
        ent(2, "PERSON", text, "propranolol"),
        ent(3, "ORG", text, "phenytoin"),
        ent(4, "ORG", text, "oral contraceptives"),
    ))
    report = evaluate([gold], [predicted])
    #                                   COR INC PAR MIS SPU POS ACT
    assert counts(report, "strict") == (1, 3, 0, 1, 1, 5, 5)
    assert counts(report, "exact") == (2, 2, 0, 1, 1, 5, 5)
    assert counts(report, "partial") == (2, 0, 2, 1, 1, 5, 5)
    assert counts(report, "type") == (2, 2, 0, 1, 1, 5, 5)
    assert report.micro.strict.precision == pytest.approx(0.2)
    assert report.micro.exact.recall == pytest.approx(0.4)
    assert report.micro.partial.precision == pytest.approx(0.6)
    assert report.micro.partial.f1 == pytest.approx(0.6)
    assert report.micro.type.f1 == pytest.approx(0.4)
    # Per label, matched pairs count under the gold label, spurious ones under the predicted label.
    assert counts(report, "strict", "ORG") == (1, 2, 0, 0, 0, 3, 3)
    assert counts(report, "strict", "PERSON") == (0, 0, 0, 1, 1, 1, 1)
    assert counts(report, "partial", "LOC") == (0, 0, 1, 0, 0, 1, 1)
    assert counts(report, "type", "LOC") == (0, 1, 0, 0, 0, 1, 1)


def bio_document(doc_id: str, tags: list[str]) -> Document:
    """nervaluate's list loader on characters: one character per tag (DATE→MONEY, PER→PERSON)."""
    text = "一二三四五六七八九十"[: len(tags)]
    names = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "DATE": "MONEY"}
    entities, start, label = [], None, None
    for index, tag in enumerate([*tags, "O"]):
        if start is not None and not tag.startswith("I-"):
            entities.append(span(len(entities), names[label], text, start, index))  # type: ignore[index]
            start = None
        if tag.startswith("B-"):
            start, label = index, tag[2:]
    return Document(id=doc_id, text=text, entities=tuple(entities))


def test_nervaluate_usage_example():
    """nervaluate README "Usage example": two sentences as tag lists."""
    gold = [
        bio_document("a", ["O", "B-PER", "I-PER", "O", "O", "O", "B-ORG", "I-ORG"]),
        bio_document("b", ["O", "B-LOC", "B-PER", "I-PER", "O", "O", "B-DATE"]),
    ]
    predicted = [
        bio_document("a", ["O", "O", "B-PER", "I-PER", "O", "O", "B-ORG", "I-ORG"]),
        bio_document("b", ["O", "B-LOC", "I-LOC", "B-PER", "O", "O", "B-DATE"]),
    ]
    report = evaluate(gold, predicted)
    assert counts(report, "type") == (5, 0, 0, 0, 0, 5, 5)
    assert counts(report, "exact") == (2, 3, 0, 0, 0, 5, 5)
    assert counts(report, "partial") == (2, 0, 3, 0, 0, 5, 5)
    assert counts(report, "strict") == (2, 3, 0, 0, 0, 5, 5)
    assert report.micro.strict.precision == pytest.approx(0.4)
    # (2 + 0.5 * 3) / 5; the README prints 0.40 because its summed results drop the 0.5 weight.
    assert report.micro.partial.precision == pytest.approx(0.7)
    # The README's per-entity strict table: DATE 1/0, LOC 0/1, ORG 1/0, PER 0/2 (correct/incorrect).
    assert counts(report, "strict", "MONEY")[:2] == (1, 0)
    assert counts(report, "strict", "LOC")[:2] == (0, 1)
    assert counts(report, "strict", "ORG")[:2] == (1, 0)
    assert counts(report, "strict", "PERSON")[:2] == (0, 2)


# --- one case per outcome -----------------------------------------------------------------

GOLD_ORG = [ent(0, "ORG", TEXT, "蔚能(上海)电池科技有限公司")]

#   case, predicted entities, (strict, exact, partial, type) as (correct, incorrect, partial, missed, spurious)
CASES = [
    ("exact match", [ent(0, "ORG", TEXT, "蔚能(上海)电池科技有限公司")],
     [(1, 0, 0, 0, 0), (1, 0, 0, 0, 0), (1, 0, 0, 0, 0), (1, 0, 0, 0, 0)]),
    ("boundary error", [ent(0, "ORG", TEXT, "蔚能")],
     [(0, 1, 0, 0, 0), (0, 1, 0, 0, 0), (0, 0, 1, 0, 0), (1, 0, 0, 0, 0)]),
    ("type error", [ent(0, "LOC", TEXT, "蔚能(上海)电池科技有限公司")],
     [(0, 1, 0, 0, 0), (1, 0, 0, 0, 0), (1, 0, 0, 0, 0), (0, 1, 0, 0, 0)]),
    ("boundary and type error", [ent(0, "LOC", TEXT, "上海")],
     [(0, 1, 0, 0, 0), (0, 1, 0, 0, 0), (0, 0, 1, 0, 0), (0, 1, 0, 0, 0)]),
    ("missed", [],
     [(0, 0, 0, 1, 0), (0, 0, 0, 1, 0), (0, 0, 0, 1, 0), (0, 0, 0, 1, 0)]),
    ("spurious", [*GOLD_ORG, ent(1, "MONEY", TEXT, "50亿元")],
     [(1, 0, 0, 0, 1), (1, 0, 0, 0, 1), (1, 0, 0, 0, 1), (1, 0, 0, 0, 1)]),
]


@pytest.mark.parametrize("predicted, expected", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_outcome_per_scheme(predicted, expected):
    gold = Document(id="d", text=TEXT, entities=tuple(GOLD_ORG))
    report = evaluate([gold], [Document(id="d", text=TEXT, entities=tuple(predicted))])
    assert [counts(report, scheme)[:5] for scheme in ("strict", "exact", "partial", "type")] == expected


def test_boundary_error_scores_half_under_partial():
    gold = Document(id="d", text=TEXT, entities=tuple(GOLD_ORG))
    predicted = Document(id="d", text=TEXT, entities=(ent(0, "ORG", TEXT, "蔚能"),))
    report = evaluate([gold], [predicted])
    assert report.micro.strict.f1 == 0.0
    assert report.micro.partial.precision == 0.5
    assert report.micro.partial.recall == 0.5
    assert report.micro.type.f1 == 1.0


def test_matching_is_one_to_one_and_prefers_full_matches():
    """Two predictions overlap one gold entity: the exact one matches, the other is spurious."""
    gold = Document(id="d", text=TEXT, entities=(ent(0, "ORG", TEXT, "蔚能(上海)电池科技有限公司"),))
    predicted = Document(id="d", text=TEXT, entities=(
        ent(0, "ORG", TEXT, "蔚能"),
        ent(1, "ORG", TEXT, "蔚能(上海)电池科技有限公司"),
    ))
    report = evaluate([gold], [predicted])
    assert counts(report, "strict") == (1, 0, 0, 0, 1, 1, 2)
    assert counts(report, "partial") == (1, 0, 0, 0, 1, 1, 2)


# --- averages -----------------------------------------------------------------------------


def test_micro_and_macro_averages():
    text = "总投资50亿元、30亿元和20亿元，京东落户上海"
    gold = Document(id="d", text=text, entities=(
        ent(0, "MONEY", text, "50亿元"), ent(1, "MONEY", text, "30亿元"), ent(2, "MONEY", text, "20亿元"),
        ent(3, "ORG", text, "京东"),
    ))
    predicted = Document(id="d", text=text, entities=(
        ent(0, "MONEY", text, "50亿元"), ent(1, "MONEY", text, "30亿元"), ent(2, "MONEY", text, "20亿元"),
        ent(3, "ORG", text, "上海"),
    ))
    report = evaluate([gold], [predicted])
    assert report.labels["MONEY"].strict.f1 == 1.0
    assert counts(report, "strict", "ORG") == (0, 0, 0, 1, 1, 1, 1)
    assert report.micro.strict.precision == 0.75
    assert report.micro.strict.recall == 0.75
    assert report.macro.labels == ("MONEY", "ORG")
    assert report.macro.strict.precision == 0.5
    assert report.macro.strict.f1 == 0.5
    assert report.labels["AREA"].strict.possible == 0


# --- values -------------------------------------------------------------------------------


def test_value_accuracy_among_strict_matches():
    text = "签约项目28个，总投资50亿元，其中外资3亿美元，占地300亩"
    gold = Document(id="d", text=text, entities=(
        ent(0, "PROJECT_COUNT", text, "28个", value=28, qualifier="exact"),
        ent(1, "MONEY", text, "50亿元", value=Decimal("5000000000"), currency="CNY", qualifier="exact"),
        ent(2, "MONEY", text, "3亿美元", value=Decimal("300000000"), currency="USD", qualifier="exact"),
        ent(3, "AREA", text, "300亩", value=Decimal("200000"), unit="m2", qualifier="exact"),
    ))
    predicted = Document(id="d", text=text, entities=(
        ent(0, "PROJECT_COUNT", text, "28个", value=28, qualifier="exact"),
        ent(1, "MONEY", text, "50亿元", value=Decimal("5E+9"), currency="CNY", qualifier="exact"),
        ent(2, "MONEY", text, "3亿美元", value=Decimal("300000000"), currency="CNY", qualifier="exact"),
        ent(3, "AREA", text, "300亩", value=Decimal("200000.00"), unit="m2", qualifier="about"),
    ))
    report = evaluate([gold], [predicted])
    money, area, count = report.values["MONEY"], report.values["AREA"], report.values["PROJECT_COUNT"]
    assert (money.matched, money.value_correct, money.qualifier_correct, money.both_correct) == (2, 1, 2, 1)
    assert money.value_accuracy == 0.5 and money.qualifier_accuracy == 1.0 and money.accuracy == 0.5
    assert (area.matched, area.value_correct, area.qualifier_correct, area.both_correct) == (1, 1, 0, 0)
    assert (count.matched, count.accuracy) == (1, 1.0)
    wrong = [error for error in report.errors if error.kind == "wrong_value"]
    assert [(error.label, error.text) for error in wrong] == [("MONEY", "3亿美元"), ("AREA", "300亩")]
    assert wrong[0].note == "predicted 300000000 CNY exact, gold 300000000 USD exact"
    assert report.micro.strict.f1 == 1.0


def test_value_accuracy_is_none_without_matches():
    report = evaluate([Document(id="d", text=TEXT)], [Document(id="d", text=TEXT)])
    assert report.values["AREA"].matched == 0
    assert report.values["AREA"].value_accuracy is None


# --- relations ----------------------------------------------------------------------------

RTEXT = "蔚能(上海)电池科技有限公司拟投资50亿元入驻嘉定区。蔚能投资50亿元。"


def relation_gold() -> Document:
    return Document(id="r", text=RTEXT, entities=(
        ent(0, "ORG", RTEXT, "蔚能(上海)电池科技有限公司", name_simplified="蔚能(上海)电池科技有限公司"),
        ent(1, "MONEY", RTEXT, "50亿元", value=Decimal("5000000000"), currency="CNY", qualifier="exact"),
        ent(2, "LOC", RTEXT, "嘉定区"),
        ent(3, "MONEY", RTEXT, "50亿元", nth=1, value=Decimal("5000000000"), currency="CNY", qualifier="exact"),
    ), relations=(
        InvestmentRelation(investor=0, amount=1, location=2, stage="planned"),
        InvestmentRelation(investor=0, amount=3),  # the same investment again: counted once
        LocatedInRelation(org=0, location=2),
    ))


def test_relations_match_by_name_and_value():
    predicted = Document(id="r", text=RTEXT, entities=(
        # A different mention, named by its simplified name; amount written with an exponent.
        ent(7, "ORG", RTEXT, "蔚能", nth=1, name_simplified="蔚能(上海)电池科技有限公司"),
        ent(8, "MONEY", RTEXT, "50亿元", nth=1, value=Decimal("5E+9"), currency="CNY", qualifier="exact"),
        ent(9, "LOC", RTEXT, "上海"),
    ), relations=(
        InvestmentRelation(investor=7, amount=8),  # location and stage are not compared
        LocatedInRelation(org=7, location=9),      # wrong place
    ))
    report = evaluate([relation_gold()], [predicted])
    investment, located = report.relations["INVESTMENT"], report.relations["LOCATED_IN"]
    assert (investment.correct, investment.missed, investment.spurious) == (1, 0, 0)
    assert (located.correct, located.missed, located.spurious) == (0, 1, 1)
    assert report.relations["PROJECT_SUMMARY"].possible == 0
    micro = report.relations_micro
    assert (micro.correct, micro.missed, micro.spurious, micro.precision, micro.recall) == (1, 1, 1, 0.5, 0.5)
    errors = [(e.kind, e.label, e.note) for e in report.errors if e.level == "relation"]
    assert errors == [
        ("false_negative", "LOCATED_IN", "org=蔚能(上海)电池科技有限公司 location=嘉定区"),
        ("false_positive", "LOCATED_IN", "org=蔚能(上海)电池科技有限公司 location=上海"),
    ]


def test_org_without_simplified_name_matches_by_text():
    text = "京东落户上海"
    gold = Document(id="t", text=text, entities=(ent(0, "ORG", text, "京东"), ent(1, "LOC", text, "上海")),
                    relations=(LocatedInRelation(org=0, location=1),))
    predicted = Document(id="t", text=text, entities=(ent(5, "ORG", text, "京东", name_simplified="京东"), ent(6, "LOC", text, "上海")),
                         relations=(LocatedInRelation(org=5, location=6), LocatedInRelation(org=5, location=6)))
    report = evaluate([gold], [predicted])
    assert (report.relations_micro.correct, report.relations_micro.spurious) == (1, 0)


def test_duplicate_relations_count_once():
    gold = relation_gold()
    report = evaluate([gold], [gold])
    assert report.relations["INVESTMENT"].possible == 1
    assert report.relations["INVESTMENT"].actual == 1
    assert report.relations["LOCATED_IN"].correct == 1
    assert report.relations_micro.f1 == 1.0


def test_project_summary_matches_count_and_total():
    text = "总投资4898亿元的216个重大产业项目集中签约"
    entities = (
        ent(0, "MONEY", text, "4898亿元", value=Decimal("489800000000"), currency="CNY", qualifier="exact"),
        ent(1, "PROJECT_COUNT", text, "216个", value=216, qualifier="exact"),
    )
    gold = Document(id="p", text=text, entities=entities, relations=(ProjectSummaryRelation(count=1, total=0, stage="signed"),))
    same = Document(id="p", text=text, entities=entities, relations=(ProjectSummaryRelation(count=1, total=0),))
    no_total = Document(id="p", text=text, entities=entities, relations=(ProjectSummaryRelation(count=1),))
    assert evaluate([gold], [same]).relations["PROJECT_SUMMARY"].correct == 1
    report = evaluate([gold], [no_total])
    summary = report.relations["PROJECT_SUMMARY"]
    # SPEC v1.1: a count without its total may be output and is not scored
    assert (summary.correct, summary.missed, summary.spurious) == (0, 1, 0)
    assert report.errors[-1].note == "count=216 total=4898亿元"


# --- documents ----------------------------------------------------------------------------


def test_missing_predicted_document_counts_all_gold_as_missed():
    other = Document(id="b", text=TEXT, entities=tuple(GOLD_ORG))
    report = evaluate([relation_gold(), other], [relation_gold()])
    assert report.documents == 2
    assert report.missing == ("b",)
    assert counts(report, "strict") == (4, 0, 0, 1, 0, 5, 4)
    assert report.micro.strict.recall == 0.8
    assert report.micro.strict.precision == 1.0
    fn = [error for error in report.errors if error.kind == "false_negative"]
    assert [(error.document, error.label, error.start, error.end) for error in fn] == [("b", "ORG", 0, 14)]


def test_unexpected_predicted_documents_are_listed_not_scored():
    report = evaluate([Document(id="a", text=TEXT)], [Document(id="a", text=TEXT), Document(id="z", text="x", entities=())])
    assert report.unexpected == ("z",)
    assert report.micro.strict.actual == 0


def test_error_list_has_context():
    text = "据新华网报道，" + TEXT + "，预计2025年投产。"
    gold = Document(id="c", text=text, entities=(ent(0, "LOC", text, "嘉定区"),))
    predicted = Document(id="c", text=text, entities=(ent(0, "ORG", text, "新华网"),))
    report = evaluate([gold], [predicted])
    assert [error.model_dump(include={"kind", "label", "start", "end", "text", "left", "right"}) for error in report.errors] == [
        {"kind": "false_positive", "label": "ORG", "start": 1, "end": 4, "text": "新华网", "left": "据", "right": "报道，蔚能(上海)电池科技有限公司拟投资"},
        {"kind": "false_negative", "label": "LOC", "start": 30, "end": 33, "text": "嘉定区",
         "left": "上海)电池科技有限公司拟投资50亿元入驻", "right": "，预计2025年投产。"},
    ]
    assert report.errors[1].line() == "FN\tc\tLOC\t30-33\t上海)电池科技有限公司拟投资50亿元入驻[嘉定区]，预计2025年投产。"


def test_different_text_is_an_error():
    with pytest.raises(InputError, match="differs from the gold text"):
        evaluate([Document(id="a", text=TEXT)], [Document(id="a", text=TEXT + "。")])


def test_duplicate_document_ids_are_an_error():
    with pytest.raises(InputError, match="duplicate document id 'a'"):
        evaluate([Document(id="a", text=TEXT), Document(id="a", text=TEXT)], [])


# --- output -------------------------------------------------------------------------------


def test_report_serialises_to_json_and_back():
    report = evaluate([relation_gold()], [Document(id="r", text=RTEXT, entities=relation_gold().entities[:2])])
    data = json.loads(report.model_dump_json())
    assert data["micro"]["strict"]["precision"] == 1.0
    assert data["micro"]["strict"]["recall"] == 0.5
    assert data["micro"]["strict"]["possible"] == 4
    assert data["values"]["MONEY"]["accuracy"] == 1.0
    assert data["relations"]["INVESTMENT"]["missed"] == 1
    assert Report.model_validate_json(report.model_dump_json()) == report


def test_table_has_a_row_per_label_and_relation():
    report = evaluate([relation_gold()], [Document(id="r", text=RTEXT, entities=relation_gold().entities[:2])])
    table = report.to_table()
    lines = table.splitlines()
    assert lines[0] == "Entities (1 documents)"
    row = next(line for line in lines if line.startswith("MONEY "))
    assert row.split() == ["MONEY", "100.0", "50.0", "66.7", "100.0", "50.0", "66.7", "2", "1"]
    micro = next(line for line in lines if line.startswith("micro "))
    assert micro.split() == ["micro", "100.0", "50.0", "66.7", "100.0", "50.0", "66.7", "4", "2"]
    assert any(line.split() == ["INVESTMENT", "0.0", "0.0", "0.0", "1", "0"] for line in lines)
    assert any(line.split() == ["MONEY", "1", "100.0", "100.0", "100.0"] for line in lines)


# --- error classes -------------------------------------------------------------------------

CLASS_TEXT = "据报道,华星科技有限公司拟在玉溪市投资5亿元"


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        (("ORG", 4, 12), None, "missed"),
        (None, ("ORG", 4, 12), "spurious"),
        (("ORG", 4, 12), ("ORG", 3, 12), "left edge too long"),
        (("ORG", 4, 12), ("ORG", 6, 12), "left edge too short"),
        (("ORG", 4, 12), ("ORG", 4, 13), "right edge too long"),
        (("ORG", 4, 12), ("ORG", 4, 8), "right edge too short"),
        (("ORG", 4, 12), ("ORG", 3, 13), "both edges wrong"),
        (("LOC", 14, 17), ("ORG", 14, 17), "wrong label"),
        (("LOC", 14, 17), ("ORG", 13, 17), "wrong label and span"),
    ],
    ids=lambda case: case if isinstance(case, str) else None,
)
def test_entity_errors_are_classed(gold, predicted, expected):
    def doc(spec):
        entities = () if spec is None else (span(0, spec[0], CLASS_TEXT, spec[1], spec[2]),)
        return Document(id="c", text=CLASS_TEXT, entities=entities)

    report = evaluate([doc(gold)], [doc(predicted)])
    label = (gold or predicted)[0]
    assert report.error_classes == {expected: {label: 1}}
    assert {item.error_class for item in report.errors} == {expected}


def test_value_and_qualifier_errors_are_classed():
    money = {"value": Decimal("500000000"), "currency": "CNY", "qualifier": "exact"}
    gold = Document(id="c", text=CLASS_TEXT, entities=(span(0, "MONEY", CLASS_TEXT, 19, 22, **money),))
    wrong_value = Document(id="c", text=CLASS_TEXT, entities=(span(0, "MONEY", CLASS_TEXT, 19, 22, **{**money, "value": Decimal("5")}),))
    wrong_qualifier = Document(id="c", text=CLASS_TEXT, entities=(span(0, "MONEY", CLASS_TEXT, 19, 22, **{**money, "qualifier": "over"}),))
    assert evaluate([gold], [wrong_value]).error_classes == {"wrong value": {"MONEY": 1}}
    assert evaluate([gold], [wrong_qualifier]).error_classes == {"wrong qualifier": {"MONEY": 1}}


def _investment_doc(entities, relations=()):
    return Document(id="c", text=CLASS_TEXT, entities=tuple(entities), relations=tuple(relations))


ORG = span(0, "ORG", CLASS_TEXT, 4, 12, name_simplified="华星科技有限公司")
LOC = span(1, "LOC", CLASS_TEXT, 14, 17)
MONEY = span(2, "MONEY", CLASS_TEXT, 19, 22, value=Decimal("500000000"), currency="CNY", qualifier="exact")
OTHER_LOC = span(3, "LOC", CLASS_TEXT, 1, 3)  # another place


@pytest.mark.parametrize(
    ("entities", "relations", "expected"),
    [
        ((LOC, MONEY), (), {"missed: argument missing": {"INVESTMENT": 1, "LOCATED_IN": 1}}),
        ((ORG, LOC, MONEY), (), {"missed: arguments found": {"INVESTMENT": 1, "LOCATED_IN": 1}}),
        (
            (ORG, LOC, MONEY, OTHER_LOC),
            (InvestmentRelation(investor=0, amount=2, location=1), LocatedInRelation(org=0, location=3)),
            {"wrong argument": {"LOCATED_IN": 1}},
        ),
    ],
    ids=["argument missing", "arguments found", "wrong argument"],
)
def test_relation_errors_are_classed(entities, relations, expected):
    gold = _investment_doc(
        (ORG, LOC, MONEY), (InvestmentRelation(investor=0, amount=2, location=1), LocatedInRelation(org=0, location=1))
    )
    classes = evaluate([gold], [_investment_doc(entities, relations)]).error_classes
    relation_rows = {name: {k: v for k, v in row.items() if k in RELATION_TYPES} for name, row in classes.items()}
    assert {name: row for name, row in relation_rows.items() if row} == expected


def test_places_in_relations_match_without_their_administrative_suffix():
    gold = _investment_doc((ORG, LOC, MONEY), (LocatedInRelation(org=0, location=1),))
    short = span(1, "LOC", CLASS_TEXT, 14, 16)  # 玉溪 for gold 玉溪市
    report = evaluate([gold], [_investment_doc((ORG, short, MONEY), (LocatedInRelation(org=0, location=1),))])
    assert report.relations["LOCATED_IN"].correct == 1


def test_a_batch_without_its_total_is_not_scored():
    text = "签约项目28个"
    count = span(0, "PROJECT_COUNT", text, 4, 7, value=28, qualifier="exact")
    gold = Document(id="c", text=text, entities=(count,))
    predicted = Document(id="c", text=text, entities=(count,), relations=(ProjectSummaryRelation(count=0),))
    assert evaluate([gold], [predicted]).relations["PROJECT_SUMMARY"].actual == 0


def test_investment_locations_are_checked_among_matched_investments():
    gold = _investment_doc((ORG, LOC, MONEY), (InvestmentRelation(investor=0, amount=2, location=1),))
    without = _investment_doc((ORG, LOC, MONEY), (InvestmentRelation(investor=0, amount=2),))
    report = evaluate([gold], [without])
    assert report.relations["INVESTMENT"].correct == 1
    assert (report.investment_locations.matched, report.investment_locations.value_correct) == (1, 0)


def test_relation_patterns_are_counted_fired_and_right():
    gold = _investment_doc((ORG, LOC, MONEY), (InvestmentRelation(investor=0, amount=2, location=1),))
    predicted = _investment_doc(
        (ORG, LOC, MONEY, OTHER_LOC),
        (
            InvestmentRelation(investor=0, amount=2, location=1, pattern="org_at_place_invests"),
            LocatedInRelation(org=0, location=3, pattern="org_lands_at"),
            ProjectSummaryRelation(count=2, pattern="count_only"),  # not scored: not counted
        ),
    )
    report = evaluate([gold], [predicted])
    assert {name: (hits.fired, hits.right) for name, hits in report.patterns.items()} == {
        "org_at_place_invests": (1, 1),
        "org_lands_at": (1, 0),
    }
    assert "org_lands_at" in report.pattern_table()
    assert any("pattern=org_lands_at" in (item.note or "") for item in report.errors)


def test_a_relation_pattern_is_written_only_when_set():
    relation = InvestmentRelation(investor=0, amount=2)
    assert "pattern" not in relation.model_dump()
    named = InvestmentRelation(investor=0, amount=2, pattern="org_invests")
    assert InvestmentRelation.model_validate_json(named.model_dump_json()) == named


def test_floors_catch_a_figure_that_fell():
    from zhinvest.evaluation import below_floors, raised_floors

    assert below_floors({"entity.ORG.f1": 0.80}, {"entity.ORG.f1": 0.85}) == ["entity.ORG.f1: 0.8000 is below its floor 0.8500"]
    assert below_floors({}, {"relation.micro.f1": 0.1}) == ["relation.micro.f1: 0.0000 is below its floor 0.1000"]
    assert raised_floors({"a": 0.9, "b": 0.5}, {"a": 0.95, "b": 0.3}) == {"a": 0.95, "b": 0.49}
