"""The ``brat`` format: a folder of ``.txt``/``.ann`` standoff files, ``.meta.json`` sidecars and ``annotation.conf``."""

from __future__ import annotations

import json

import pytest

from zhinvest.errors import FormatError
from zhinvest.formats import brat
from zhinvest.schema import Document, Entity, LocatedInRelation


def test_round_trip(documents, tmp_path):
    brat.write(documents, tmp_path)
    assert brat.read(tmp_path) == documents
    assert brat.detect(tmp_path)


def test_files(documents, investment_doc, tmp_path):
    brat.write(documents, tmp_path)
    stem = investment_doc.id
    assert sorted(path.name for path in tmp_path.iterdir())[:4] == [
        f"{stem}.ann", f"{stem}.meta.json", f"{stem}.txt", "002_2e9563b3e2ac65ac.ann",
    ]
    assert (tmp_path / f"{stem}.txt").read_bytes() == investment_doc.text.encode("utf-8")
    meta = json.loads((tmp_path / f"{stem}.meta.json").read_text(encoding="utf-8"))
    assert meta["id"] == stem and meta["source"] == investment_doc.source and meta["metadata"]["date"] == "2021-04-07"
    ann = (tmp_path / f"{stem}.ann").read_text(encoding="utf-8").splitlines()
    assert ann[4:7] == [
        "T3\tMONEY 38 44\t4898亿元",
        "A1\tQualifier T3 exact",
        '#3\tAnnotatorNotes T3\t{"source_text": "4898亿元", "source_start": 450, "source_end": 456, '
        '"value": "489800000000", "currency": "CNY", "source_component": "money"}',
    ]
    first = next(index for index, line in enumerate(ann) if line.startswith("R1\t"))
    assert ann[first : first + 4] == [
        "R1\tPROJECT_SUMMARY_total Arg1:T4 Arg2:T3",
        '#11\tAnnotatorNotes R1\t{"relation": 0, "stage": "signed", "scope": "重大产业", "evidence": "总投资4898亿元的216个重大产业项目集中签约"}',
        "R2\tINVESTMENT_investor Arg1:T6 Arg2:T5",
        '#12\tAnnotatorNotes R2\t{"relation": 1, "stage": "planned", "project": "动力电池", "sector": "新能源", '
        '"evidence": "蔚能(上海)电池科技有限公司拟投资50亿元入驻嘉定区"}',
    ]
    conf = (tmp_path / "annotation.conf").read_text(encoding="utf-8")
    assert "INVESTMENT_investor\tArg1:MONEY, Arg2:ORG\n" in conf
    assert "Qualifier\tArg:MONEY|AREA|PROJECT_COUNT, Value:exact|over|under|about|at_least|magnitude\n" in conf


def test_entity_across_a_line_break_is_fragments(tmp_path):
    text = "蔚能(上海)电池\n科技有限公司投资"
    doc = Document(id="frag", text=text, entities=(
        Entity(id=0, label="ORG", text=text[:15], source_text=text[:15], start=0, end=15, source_start=0, source_end=15),
    ))
    brat.write([doc], tmp_path)
    assert (tmp_path / "frag.ann").read_text(encoding="utf-8").splitlines()[0] == "T1\tORG 0 8;9 15\t蔚能(上海)电池 科技有限公司"
    assert brat.read(tmp_path) == [doc]


def test_annotations_drawn_in_brat(tmp_path):
    (tmp_path / "new.txt").write_text("京东落户上海\n", encoding="utf-8")
    (tmp_path / "new.ann").write_text(
        "T1\tORG 0 2\t京东\nT2\tLOC 4 6\t上海\nR1\tLOCATED_IN_location Arg1:T1 Arg2:T2\n#1\tAnnotatorNotes T1\t待核实\n",
        encoding="utf-8",
    )
    (doc,) = brat.read(tmp_path)
    assert (doc.id, doc.text, doc.metadata.title) == ("new", "京东落户上海\n", None)
    assert [(entity.id, entity.label, entity.text, entity.source_start) for entity in doc.entities] == [(0, "ORG", "京东", 0), (1, "LOC", "上海", 4)]
    assert doc.relations == (LocatedInRelation(org=0, location=1),)


@pytest.mark.parametrize(
    "ann, message",
    [
        ("T1\tORG zero 2\t京东\n", r"new\.ann, line 1: expected 'T<n>"),
        ("T1\tORG 0 2\t京东\nR1\tLOCATED_IN_location Arg1:T1\n", r"line 2: expected 'R<n>"),
        ("T1\tORG 0 2\t京东\nR1\tLOCATED_IN_location Arg1:T1 Arg2:T9\n", r"line 2: document 'new': relation link 'LOCATED_IN_location': argument T9 is not an entity"),
        ("T1\tORG 0 2\t京东\n#1\tAnnotatorNotes T1\t{oops\n", r"line 2: annotator note is not valid JSON"),
        ("T1\tORG 0 2\t京東\nX1\tfoo\n", r"line 2: unknown annotation 'X1'"),
        ("T1\tFIRM 0 2\t京东\n", r"new\.ann: not a zhinvest document: entities\.0\.label"),
    ],
    ids=["bad offsets", "bad relation", "missing argument", "bad note", "unknown line", "unknown label"],
)
def test_malformed_ann(tmp_path, ann, message):
    (tmp_path / "new.txt").write_text("京东落户上海", encoding="utf-8")
    (tmp_path / "new.ann").write_text(ann, encoding="utf-8")
    with pytest.raises(FormatError, match=message) as error:
        brat.read(tmp_path)
    assert "\n" not in str(error.value)


def test_missing_text_file(tmp_path):
    (tmp_path / "lost.ann").write_text("", encoding="utf-8")
    with pytest.raises(FormatError, match=r"lost\.txt: file not found"):
        brat.read(tmp_path)


def test_a_file_is_not_a_brat_folder(tmp_path):
    (tmp_path / "x.ann").write_text("", encoding="utf-8")
    with pytest.raises(FormatError, match="expected a folder of brat"):
        brat.read(tmp_path / "x.ann")
