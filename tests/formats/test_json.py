"""The native ``json`` format: a folder of ``<id>.json`` files or a ``.jsonl`` file."""

from __future__ import annotations

import json

import pytest

from zhinvest.errors import FormatError
from zhinvest.formats import native
from zhinvest.schema import Document


@pytest.mark.parametrize("name", ["docs", "docs.jsonl"], ids=["folder", "jsonl"])
def test_round_trip(documents, tmp_path, name):
    native.write(documents, tmp_path / name)
    assert native.read(tmp_path / name) == documents
    assert native.detect(tmp_path / name)


def test_folder_holds_one_indented_document_per_id(documents, investment_doc, tmp_path):
    native.write(documents, tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == [f"{doc.id}.json" for doc in documents]
    written = (tmp_path / f"{investment_doc.id}.json").read_text(encoding="utf-8")
    assert written == investment_doc.model_dump_json(indent=1) + "\n"
    assert '"source_text": "蔚能(上海)電池科技有限公司"' in written
    assert '"value": "5000000000"' in written


def test_jsonl_has_one_document_per_line(documents, tmp_path):
    native.write(documents, tmp_path / "docs.jsonl")
    lines = (tmp_path / "docs.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [doc.id for doc in documents]


def test_reads_a_json_file_with_a_list(documents, tmp_path):
    path = tmp_path / "docs.json"
    path.write_text("[" + ",".join(doc.model_dump_json() for doc in documents) + "]", encoding="utf-8")
    assert native.read(path) == documents
    assert native.detect(path)


def test_bad_line_names_file_and_line(investment_doc, tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(investment_doc.model_dump_json() + "\n{not json\n", encoding="utf-8")
    with pytest.raises(FormatError) as error:
        native.read(path)
    message = str(error.value)
    assert message.startswith(f"{path}, line 2: ")
    assert "\n" not in message


def test_entity_off_the_text_is_a_format_error(tmp_path):
    data = Document(id="x", text="京东落户上海").model_dump(mode="json")
    data["entities"] = [{"id": 0, "label": "ORG", "text": "京东", "source_text": "京东",
                         "start": 1, "end": 3, "source_start": 1, "source_end": 3}]
    (tmp_path / "x.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FormatError, match=r"x\.json: not a zhinvest document: .*does not match the text"):
        native.read(tmp_path)


@pytest.mark.parametrize("doc_id", ["../escape", "", ".hidden", "a/b"])
def test_ids_that_cannot_be_file_names(doc_id, tmp_path):
    with pytest.raises(FormatError, match="cannot be a file name"):
        native.write([Document(id=doc_id, text="文")], tmp_path / "out")


def test_duplicate_ids_in_a_folder(tmp_path):
    with pytest.raises(FormatError, match="duplicate document id 'a'"):
        native.write([Document(id="a", text="文"), Document(id="a", text="字")], tmp_path / "out")
