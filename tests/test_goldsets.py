"""Tests of :mod:`zhinvest.goldsets`: context-anchored gold (texts/ + gold/) on invented articles."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from zhinvest.errors import InputError
from zhinvest.goldsets import is_anchored_set, load_gold, place_key, strip_provenance

# Invented: Traditional script, a name repeated, a context reaching back into the url lines.
ARTICLE = "url: https://example.org/a.html\n\n星河科技\n華星科技有限公司擬在玉溪市投資5億元。星河科技與華星科技有限公司合作,項目落戶玉溪。\n"


def mention(label: str, text: str, context: str, **fields) -> dict:
    return {"label": label, "text": text, "simplified": fields.pop("simplified", text), "context": context, **fields}


def write_set(root: Path, entities: list[dict], relations: list[dict] = (), text: str = ARTICLE) -> Path:
    (root / "texts").mkdir(parents=True)
    (root / "gold").mkdir()
    (root / "texts" / "a1.txt").write_text(text, encoding="utf-8")
    gold = {"doc": "a1.txt", "annotator": "t", "notes": "", "entities": entities, "relations": list(relations)}
    (root / "gold" / "a1.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return root


ENTITIES = [
    mention("ORG", "星河科技", "html\n\n星河科技\n華星"),
    mention("ORG", "華星科技有限公司", "\n華星科技有限公司擬在", simplified="华星科技有限公司"),
    mention("LOC", "玉溪市", "擬在玉溪市投資"),
    mention("MONEY", "5億元", "投資5億元。星河", simplified="5亿元", value="500000000", currency="CNY", qualifier="exact"),
    mention("ORG", "星河科技", "。星河科技與華"),
    mention("ORG", "華星科技有限公司", "與華星科技有限公司合作", simplified="华星科技有限公司"),
    mention("LOC", "玉溪", "落戶玉溪。"),
]


def test_mentions_are_placed_in_the_clean_text_through_their_context(tmp_path):
    gold = load_gold(write_set(tmp_path / "set", ENTITIES))
    assert gold.problems == ()
    (document,) = gold.documents
    assert not document.text.startswith("url:")
    assert "华星科技有限公司拟在玉溪市投资5亿元" in document.text
    found = [(e.label, e.text, e.source_text) for e in document.entities]
    assert found == [
        ("ORG", "星河科技", "星河科技"),
        ("ORG", "华星科技有限公司", "華星科技有限公司"),
        ("LOC", "玉溪市", "玉溪市"),
        ("MONEY", "5亿元", "5億元"),
        ("ORG", "星河科技", "星河科技"),
        ("ORG", "华星科技有限公司", "華星科技有限公司"),
        ("LOC", "玉溪", "玉溪"),
    ]
    # the two 星河科技 are two mentions, in reading order
    assert document.entities[0].start < document.entities[4].start
    assert document.entities[3].value == Decimal("500000000") and document.entities[3].qualifier == "exact"


def test_relations_given_by_name_point_at_their_entities(tmp_path):
    relations = [
        {"type": "INVESTMENT", "investor": "华星科技有限公司", "amount": "500000000", "location": "玉溪", "stage": "planned"},
        {"type": "LOCATED_IN", "org": "星河科技", "location": "玉溪市", "evidence": "项目落户玉溪"},
    ]
    gold = load_gold(write_set(tmp_path / "set", ENTITIES, relations))
    assert gold.problems == ()
    document = gold.documents[0]
    investment, located = document.relations
    assert document.entity(investment.investor).text == "华星科技有限公司"
    assert document.entity(investment.location).text in ("玉溪市", "玉溪")  # 玉溪 and 玉溪市 are one place
    assert investment.stage == "planned"
    assert document.entity(located.location).text == "玉溪"  # nearest the evidence


def test_what_cannot_be_aligned_is_reported_not_dropped_silently(tmp_path):
    entities = [*ENTITIES[:2], mention("LOC", "大理", "在大理投资"), *ENTITIES[2:]]
    relations = [{"type": "INVESTMENT", "investor": "长江集团", "amount": "500000000"}]
    gold = load_gold(write_set(tmp_path / "set", entities, relations))
    assert len(gold.documents[0].entities) == len(ENTITIES)
    assert gold.problems == (
        "a1: entity 2 LOC '大理': context '在大理投资' not found in the text",
        "a1: INVESTMENT investor=长江集团 amount=500000000: investor '长江集团' is no annotated ORG entity",
    )


def test_white_space_in_a_context_is_not_significant(tmp_path):
    text = "url: x\n\n記者 張 三 報道:華星科技有限公司\n"
    entities = [mention("PERSON", "張 三", "記者張三報道", simplified="张 三")]
    gold = load_gold(write_set(tmp_path / "set", entities, text=text))
    assert gold.problems == ()
    assert gold.documents[0].entities[0].source_text == "張 三"


def test_the_layout_is_told_apart_from_annotation_folders(tmp_path, root):
    assert is_anchored_set(write_set(tmp_path / "set", ENTITIES))
    assert not is_anchored_set(root / "annotations")
    with pytest.raises(InputError, match="no gold/\\*.json"):
        (tmp_path / "empty" / "texts").mkdir(parents=True)
        (tmp_path / "empty" / "gold").mkdir()
        load_gold(tmp_path / "empty")


@pytest.mark.parametrize(
    ("name", "key"),
    [("玉溪市", "玉溪"), ("玉溪", "玉溪"), ("浙江省", "浙江"), ("渝北区", "渝北"), ("兴文县", "兴文"), ("上海", "上海"), ("县", "县")],
)
def test_places_compare_without_a_final_administrative_suffix(name, key):
    assert place_key(name) == key


def test_a_ner_corpus_is_gold_for_the_name_labels(tmp_path):
    corpus = tmp_path / "news.jsonl"
    lines = [
        {"text": "华星科技有限公司在玉溪市投资５亿元。", "entities": [[0, 8, "ORG"], [9, 12, "LOC"]]},
        {"text": "张明会见了代表。", "entities": [[0, 2, "PER"], [5, 7, "misc"]]},
    ]
    corpus.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    gold = load_gold(corpus)
    assert gold.labels == ("ORG", "LOC", "PERSON")
    assert gold.problems == ()
    assert [[(e.label, e.text) for e in doc.entities] for doc in gold.documents] == [
        [("ORG", "华星科技有限公司"), ("LOC", "玉溪市")],
        [("PERSON", "张明")],  # labels with no SPEC counterpart are left out
    ]
    # full-width digits are folded in place: offsets hold
    assert gold.documents[0].text.endswith("投资5亿元。")


def test_predictions_of_labels_a_set_does_not_annotate_are_not_scored(tmp_path):
    from zhinvest.evaluation import evaluate_gold_set
    from zhinvest.engine import Pipeline

    corpus = tmp_path / "news.jsonl"
    corpus.write_text(json.dumps({"text": "华星科技有限公司在玉溪市投资5亿元。", "entities": [[0, 8, "ORG"], [9, 12, "LOC"]]}, ensure_ascii=False) + "\n", encoding="utf-8")
    report, _, predicted = evaluate_gold_set(corpus, pipeline=Pipeline())
    assert {e.label for e in predicted[0].entities} == {"ORG", "LOC"}
    assert report.labels["MONEY"].strict.actual == 0
    assert report.micro.strict.f1 == 1.0
