"""The converter table, format detection and :func:`zhinvest.formats.convert`."""

from __future__ import annotations

import pytest

from zhinvest.errors import FormatError
from zhinvest.formats import CONVERTERS, convert, detect, read, write


def test_table():
    assert list(CONVERTERS) == ["json", "spacy", "labelstudio", "doccano", "brat", "conll"]
    for name, converter in CONVERTERS.items():
        assert name == converter.NAME
        assert callable(converter.read) and callable(converter.write) and callable(converter.detect)


def test_chain_of_conversions_is_lossless(documents, tmp_path):
    write(documents, tmp_path / "start", "json")
    steps = [
        ("labelstudio", tmp_path / "tasks.json"),
        ("doccano", tmp_path / "doccano.jsonl"),
        ("brat", tmp_path / "brat"),
        ("spacy", tmp_path / "train.spacy"),
        ("json", tmp_path / "end.jsonl"),
    ]
    source = tmp_path / "start"
    for name, dest in steps:
        assert convert(source, dest, to=name) == documents
        assert detect(dest) == name
        source = dest
    assert read(source) == documents


def test_conll_from_detected_json(documents, tmp_path):
    write(documents, tmp_path / "docs.jsonl", "json")
    converted = convert(tmp_path / "docs.jsonl", tmp_path / "train.conll", to="conll")
    assert len(converted) == 3
    assert detect(tmp_path / "train.conll") == "conll"
    assert [doc.text for doc in read(tmp_path / "train.conll", "conll")] == [doc.text for doc in documents]


def test_explicit_source_format(documents, tmp_path):
    write(documents, tmp_path / "tasks.json", "labelstudio")
    assert convert(tmp_path / "tasks.json", tmp_path / "out", to="json", from_="labelstudio") == documents


def test_unknown_format_name(tmp_path):
    with pytest.raises(FormatError, match=r"unknown format 'xml'; choose one of json, spacy, labelstudio, doccano, brat, conll"):
        convert(tmp_path, tmp_path / "out.xml", to="xml")


def test_undetectable_and_missing_sources(tmp_path):
    (tmp_path / "notes.txt").write_text("京东落户上海", encoding="utf-8")
    with pytest.raises(FormatError, match="cannot tell the annotation format"):
        detect(tmp_path / "notes.txt")
    with pytest.raises(FormatError, match="file not found"):
        convert(tmp_path / "absent.jsonl", tmp_path / "out", to="json")


@pytest.mark.parametrize(("name", "suffix"), [("labelstudio", ".json"), ("doccano", ".jsonl"), ("spacy", ".spacy"), ("conll", ".conll")])
def test_a_destination_without_an_ending_gets_the_formats_and_reads_back(documents, tmp_path, name, suffix):
    write(documents, tmp_path / "start.jsonl", "json")
    convert(tmp_path / "start.jsonl", tmp_path / "out", to=name)
    assert not (tmp_path / "out").exists() and (tmp_path / f"out{suffix}").is_file()
    assert detect(tmp_path / f"out{suffix}") == name
    assert [doc.id for doc in read(tmp_path / f"out{suffix}")] == [doc.id for doc in documents]


def test_folder_formats_and_named_files_keep_the_destination(documents, tmp_path):
    from zhinvest.formats import destination

    assert destination(tmp_path / "out", "json") == tmp_path / "out"
    assert destination(tmp_path / "out", "brat") == tmp_path / "out"
    assert destination(tmp_path / "tasks.txt", "labelstudio") == tmp_path / "tasks.txt"
