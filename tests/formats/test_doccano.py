"""The ``doccano`` format: JSON lines as doccano's relation-extraction export."""

from __future__ import annotations

import json

import pytest

from zhinvest.errors import FormatError
from zhinvest.formats import doccano
from zhinvest.schema import InvestmentRelation, LocatedInRelation


def test_round_trip(documents, tmp_path):
    path = tmp_path / "doccano.jsonl"
    doccano.write(documents, path)
    assert doccano.read(path) == documents
    assert doccano.detect(path)


def test_line_shape(investment_doc):
    line = doccano.to_line(investment_doc)
    assert line["doc_id"] == investment_doc.id
    assert line["metadata"]["source"] == "观察者网"
    assert line["entities"][4] == {
        "id": 4, "label": "ORG", "start_offset": 61, "end_offset": 75,
        "source_text": "蔚能(上海)電池科技有限公司", "source_start": 473, "source_end": 487,
        "name_simplified": "蔚能(上海)电池科技有限公司",
    }
    assert line["relations"][:3] == [
        {"id": 0, "from_id": 3, "to_id": 2, "type": "PROJECT_SUMMARY:total", "relation": 0,
         "stage": "signed", "scope": "重大产业", "evidence": "总投资4898亿元的216个重大产业项目集中签约"},
        {"id": 1, "from_id": 5, "to_id": 4, "type": "INVESTMENT:investor", "relation": 1, "stage": "planned",
         "project": "动力电池", "sector": "新能源", "evidence": "蔚能(上海)电池科技有限公司拟投资50亿元入驻嘉定区"},
        {"id": 2, "from_id": 5, "to_id": 6, "type": "INVESTMENT:location", "relation": 1, "stage": "planned",
         "project": "动力电池", "sector": "新能源", "evidence": "蔚能(上海)电池科技有限公司拟投资50亿元入驻嘉定区"},
    ]


def test_doccano_export_without_extras(tmp_path):
    """As doccano exports it: its own ids, no zhinvest keys; two investors of one amount are two relations."""
    line = {
        "id": 7,
        "text": "京东与小华半导体共同投资10亿元落户临港",
        "entities": [
            {"id": 101, "label": "ORG", "start_offset": 0, "end_offset": 2},
            {"id": 102, "label": "ORG", "start_offset": 3, "end_offset": 8},
            {"id": 103, "label": "MONEY", "start_offset": 12, "end_offset": 16},
            {"id": 104, "label": "LOC", "start_offset": 18, "end_offset": 20},
        ],
        "relations": [
            {"id": 1, "from_id": 103, "to_id": 101, "type": "INVESTMENT:investor"},
            {"id": 2, "from_id": 103, "to_id": 102, "type": "INVESTMENT:investor"},
            {"id": 3, "from_id": 103, "to_id": 104, "type": "INVESTMENT:location"},
            {"id": 4, "from_id": 101, "to_id": 104, "type": "LOCATED_IN:location"},
        ],
        "Comments": [],
    }
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    assert doccano.detect(path)
    (doc,) = doccano.read(path)
    assert doc.id == "7"
    assert [(entity.id, entity.text, entity.source_text) for entity in doc.entities][:2] == [(101, "京东", "京东"), (102, "小华半导体", "小华半导体")]
    assert doc.relations == (
        InvestmentRelation(investor=101, amount=103, location=104),
        InvestmentRelation(investor=102, amount=103, location=104),
        LocatedInRelation(org=101, location=104),
    )


def test_sequence_labelling_export(tmp_path):
    path = tmp_path / "ner.jsonl"
    path.write_text('{"id": 3, "text": "京东落户上海", "label": [[0, 2, "ORG"], [4, 6, "LOC"]]}\n', encoding="utf-8")
    assert doccano.detect(path)
    (doc,) = doccano.read(path)
    assert [(entity.id, entity.label, entity.start, entity.end) for entity in doc.entities] == [(0, "ORG", 0, 2), (1, "LOC", 4, 6)]


@pytest.mark.parametrize(
    "line, message",
    [
        ("{oops", "line 2: not valid JSON"),
        ('{"entities": []}', "line 2: expected a JSON object with a text"),
        ('{"text": "京东", "entities": [{"id": 0, "label": "ORG", "start_offset": 0}]}', "line 2: an entity needs id, label, start_offset, end_offset"),
        ('{"text": "京东", "entities": [{"id": 0, "label": "ORG", "start_offset": 0, "end_offset": 9}]}', "line 2: not a zhinvest document"),
        ('{"text": "京东上海", "entities": [], "relations": [{"from_id": 0, "to_id": 1, "type": "HQ"}]}', "relation link 'HQ'"),
    ],
    ids=["not json", "no text", "entity keys", "span off the text", "unknown relation"],
)
def test_malformed_lines(investment_doc, tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(doccano.to_line(investment_doc), ensure_ascii=False) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(FormatError, match=message) as error:
        doccano.read(path)
    assert "\n" not in str(error.value)
