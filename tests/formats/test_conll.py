"""The ``conll`` format: character-level BIO; ids, text and entity spans survive, values and relations do not."""

from __future__ import annotations

import pytest

from zhinvest.errors import FormatError
from zhinvest.formats import conll
from zhinvest.schema import Document, Entity


def spans(doc: Document) -> list[tuple[str, int, int]]:
    return sorted((entity.label, entity.start, entity.end) for entity in doc.entities)


def test_round_trip_keeps_ids_text_and_spans(documents, tmp_path):
    path = tmp_path / "train.conll"
    conll.write(documents, path)
    back = conll.read(path)
    assert [doc.id for doc in back] == [doc.id for doc in documents]
    assert [doc.text for doc in back] == [doc.text for doc in documents]
    assert [spans(doc) for doc in back] == [spans(doc) for doc in documents]
    assert all(doc.relations == () for doc in back)
    assert conll.detect(path)


def test_lines(investment_doc):
    lines = conll.to_conll(investment_doc).split("\n")
    assert lines[:13] == [
        "# doc_id = 000_83a0861aacad86cc",
        "本\tO", "报\tO", "讯\tO", "\\s\tO", "记\tO", "者\tO", "\\s\tO",
        "杨\tB-PERSON", "舒\tI-PERSON", "鸿\tI-PERSON", "吉\tI-PERSON",
        "\\n\tO",
    ]
    assert lines[13] == ""  # a sentence ends at the line break
    money = lines.index("4\tB-MONEY")
    assert lines[money : money + 6] == ["4\tB-MONEY", "8\tI-MONEY", "9\tI-MONEY", "8\tI-MONEY", "亿\tI-MONEY", "元\tI-MONEY"]
    assert lines[-3:] == ["。\tO", "", ""]


@pytest.mark.parametrize(
    "char, written",
    [(" ", "\\s"), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"), ("\\", "\\\\"), ("\u3000", "\\u3000"),
     ("\u2028", "\\u2028"), ("#", "#"), ("京", "京")],
    ids=["space", "newline", "return", "tab", "backslash", "ideographic space", "line separator", "hash", "hanzi"],
)
def test_escapes(char, written):
    assert conll.escape(char) == written
    assert conll.unescape(written) == char


def test_empty_document(tmp_path):
    path = tmp_path / "empty.conll"
    conll.write([Document(id="empty", text=""), Document(id="next", text="京")], path)
    assert path.read_text(encoding="utf-8") == "# doc_id = empty\n\n# doc_id = next\n京\tO\n\n"
    assert [(doc.id, doc.text) for doc in conll.read(path)] == [("empty", ""), ("next", "京")]


def test_hand_written_file(tmp_path):
    """No doc_id line, a stray I- tag, comments, and no blank line at the end."""
    path = tmp_path / "hand.bio"
    path.write_text("# a comment\n京\tB-ORG\n东\tI-ORG\n在\tO\n\n上\tI-LOC\n海\tI-LOC\n浦\tB-LOC\n东\tI-LOC", encoding="utf-8")
    (doc,) = conll.read(path)
    assert (doc.id, doc.text) == ("hand-0", "京东在上海浦东")
    assert [(entity.id, entity.label, entity.text) for entity in doc.entities] == [(0, "ORG", "京东"), (1, "LOC", "上海"), (2, "LOC", "浦东")]


@pytest.mark.parametrize(
    "content, message",
    [
        ("# doc_id = x\n京\tB-ORG\n东 I-ORG\n", "line 3: expected '<character>\\\\t<tag>'"),
        ("# doc_id = x\n京东\tB-ORG\n", "line 2: expected one \\(escaped\\) character"),
        ("# doc_id = x\n京\tORG\n", "line 2: expected O, B-<label> or I-<label>, got 'ORG'"),
        ("# doc_id = x\n京\tB-FIRM\n", "not a zhinvest document: entities.0.label"),
    ],
    ids=["no tab", "two characters", "bad tag", "unknown label"],
)
def test_malformed(tmp_path, content, message):
    path = tmp_path / "bad.conll"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError, match=message) as error:
        conll.read(path)
    assert "\n" not in str(error.value)


def test_overlapping_entities_cannot_be_bio(tmp_path):
    doc = Document(id="o", text="上海浦东", entities=(
        Entity(id=0, label="LOC", text="上海浦东", source_text="上海浦东", start=0, end=4, source_start=0, source_end=4),
        Entity(id=1, label="LOC", text="浦东", source_text="浦东", start=2, end=4, source_start=2, source_end=4),
    ))
    with pytest.raises(FormatError, match="entities 0 and 1 overlap; the conll format holds only flat entities"):
        conll.write([doc], tmp_path / "o.conll")


def test_losses_count_what_the_format_drops(documents):
    dropped = conll.losses(documents)
    assert dropped["relations"] == sum(len(doc.relations) for doc in documents) > 0
    assert dropped["entity values"] == sum(entity.value is not None or entity.qualifier is not None for doc in documents for entity in doc.entities)
    assert set(dropped) <= {"entity values", "relations", "entities' source offsets", "documents' source and metadata"}
    plain = Document(id="p", text="京东", entities=(Entity(id=0, label="ORG", text="京东", source_text="京东", start=0, end=2, source_start=0, source_end=2),))
    assert conll.losses([plain]) == {}
