"""The ``spacy`` format: a DocBin with entities in ``doc.ents`` and the rest in ``doc.user_data``."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")
from spacy.tokens import DocBin  # noqa: E402

from zhinvest.errors import FormatError  # noqa: E402
from zhinvest.formats import docbin  # noqa: E402
from zhinvest.schema import Document, Entity  # noqa: E402


def test_round_trip(documents, tmp_path):
    path = tmp_path / "train.spacy"
    docbin.write(documents, path)
    assert docbin.read(path) == documents
    assert docbin.detect(path)


def test_entities_are_doc_ents_over_characters(investment_doc):
    doc = docbin.to_doc(investment_doc)
    assert [token.text for token in doc[:4]] == ["本", "报", "讯", "记"]  # the space is trailing whitespace
    assert doc.text == investment_doc.text
    assert [(ent.label_, ent.start_char, ent.end_char, ent.text) for ent in doc.ents][:3] == [
        ("PERSON", 7, 11, "杨舒鸿吉"),
        ("LOC", 22, 24, "上海"),
        ("MONEY", 38, 44, "4898亿元"),
    ]
    data = doc.user_data[docbin.USER_DATA_KEY]
    assert data["id"] == "000_83a0861aacad86cc"
    assert data["entities"][5] == {
        "id": 5, "start": 78, "end": 82, "source_text": "50億元", "source_start": 490, "source_end": 494,
        "value": "5000000000", "currency": "CNY", "qualifier": "exact",
    }
    assert data["relations"][1]["type"] == "INVESTMENT"


def test_entity_added_in_spacy_gets_a_new_id(traditional_doc, tmp_path):
    doc = docbin.to_doc(traditional_doc)
    doc.ents = [*doc.ents, doc.char_span(29, 41, label="ORG")]  # 智慧无人电商运营中心同日
    back = docbin.from_doc(doc)
    added = back.entities[-1]
    assert (added.id, added.label, added.text, added.source_start) == (18, "ORG", "智慧无人电商运营中心同日", 29)
    assert back.entities[:-1] == traditional_doc.entities


def loc(entity_id: int, text: str, start: int, end: int) -> Entity:
    return Entity(id=entity_id, label="LOC", text=text[start:end], source_text=text[start:end],
                  start=start, end=end, source_start=start, source_end=end)


def test_overlapping_entities_cannot_be_doc_ents():
    text = "A B 上海浦东"  # after the spaces, token indices trail character offsets
    doc = Document(id="o", text=text, entities=(loc(0, text, 4, 8), loc(1, text, 6, 8)))
    with pytest.raises(FormatError, match="entities 0 and 1 overlap; the spacy format holds only flat entities"):
        docbin.to_doc(doc)


def test_adjacent_entities_after_spaces_do_not_overlap():
    """Spaces are token whitespace, so token and character offsets differ."""
    text = "A  B  上海 浦东新区"
    doc = Document(id="s", text=text, entities=(loc(0, text, 6, 8), loc(1, text, 9, 11), loc(2, text, 11, 13)))
    spacy_doc = docbin.to_doc(doc)
    assert [(ent.start_char, ent.end_char) for ent in spacy_doc.ents] == [(6, 8), (9, 11), (11, 13)]
    assert docbin.from_doc(spacy_doc) == doc


def test_damaged_file_is_a_format_error(tmp_path):
    path = tmp_path / "bad.spacy"
    path.write_bytes(b"not a docbin")
    with pytest.raises(FormatError, match=r"bad\.spacy: expected a spaCy DocBin file"):
        docbin.read(path)


def test_plain_docbin_without_user_data(tmp_path):
    nlp = spacy.blank("zh")
    doc = nlp.make_doc("京东落户上海")
    doc.ents = [doc.char_span(0, 2, label="ORG"), doc.char_span(4, 6, label="LOC")]
    DocBin(docs=[doc]).to_disk(tmp_path / "plain.spacy")
    (back,) = docbin.read(tmp_path / "plain.spacy")
    assert back.id == "plain-0"
    assert [(entity.id, entity.label, entity.text) for entity in back.entities] == [(0, "ORG", "京东"), (1, "LOC", "上海")]
