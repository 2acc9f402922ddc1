"""Mentions and relation candidates become a Document: overlaps settled once, ids, relations."""

from __future__ import annotations

import pytest

from zhinvest.assemble import DocumentParts, resolve_overlaps, to_document
from zhinvest.mentions import Mention, RelationCandidate, as_candidate, as_mention
from zhinvest.reader import read


def spans(mentions: list[Mention]) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.label) for m in mentions]


def test_overlaps_resolve_to_numeric_then_longer():
    mentions = [Mention(0, 4, "ORG"), Mention(2, 6, "MONEY"), Mention(6, 8, "LOC"), Mention(6, 9, "LOC")]
    assert spans(resolve_overlaps(mentions)) == [(2, 6, "MONEY"), (6, 9, "LOC")]


@pytest.mark.parametrize("origin", ["model", "backend"])
def test_a_rule_beats_a_model_or_a_backend_whatever_the_length(origin):
    mentions = [Mention(0, 6, "ORG", origin=origin, component="x"), Mention(4, 6, "LOC", component="places")]
    assert spans(resolve_overlaps(mentions)) == [(4, 6, "LOC")]


def test_mentions_are_immutable_and_survive_serialisation_as_arrays():
    import srsly

    mention = Mention(3, 7, "MONEY", component="money", value="500000000", currency="CNY", qualifier="exact")
    with pytest.raises(AttributeError):
        mention.start = 4  # type: ignore[misc]
    assert as_mention(srsly.msgpack_loads(srsly.msgpack_dumps(mention))) == mention
    candidate = RelationCandidate("LOCATED_IN", {"org": (0, 4), "location": (5, 7)}, {"pattern": "p"})
    assert as_candidate(srsly.msgpack_loads(srsly.msgpack_dumps(candidate))) == candidate


TEXT = "星河科技有限公司投资5亿元落户玉溪市。"
ORG, MONEY, LOC = Mention(0, 8, "ORG"), Mention(10, 13, "MONEY", value="500000000", currency="CNY", qualifier="exact"), Mention(15, 18, "LOC")


def test_candidates_become_relations_between_entity_ids():
    article = read(TEXT, as_="text")
    investment = RelationCandidate("INVESTMENT", {"investor": (0, 8), "amount": (10, 13), "location": (15, 18)}, {"stage": "landed", "pattern": "p"})
    doc = to_document(article, [ORG, MONEY, LOC], [investment, investment])
    assert [(e.id, e.text) for e in doc.entities] == [(0, "星河科技有限公司"), (1, "5亿元"), (2, "玉溪市")]
    (relation,) = doc.relations  # the same fact twice is one relation
    assert (relation.investor, relation.amount, relation.location, relation.stage) == (0, 1, 2, "landed")
    assert doc.metadata.dropped_relations == 0 and "dropped_relations" not in doc.to_json()


def test_a_candidate_whose_argument_is_no_entity_is_counted_not_lost_in_silence():
    article = read(TEXT, as_="text")
    orphan = RelationCandidate("LOCATED_IN", {"org": (0, 4), "location": (15, 18)}, {})
    doc = to_document(article, [ORG, MONEY, LOC], [orphan])
    assert doc.relations == () and doc.metadata.dropped_relations == 1
    assert '"dropped_relations":1' in doc.to_json()


def test_overlapping_mentions_are_refused_not_silently_merged():
    with pytest.raises(ValueError, match="overlap"):
        to_document(read(TEXT, as_="text"), [ORG, Mention(4, 10, "LOC")])


def test_parts_of_a_chunked_article_are_shifted_to_its_offsets():
    article = read(TEXT + "\n" + TEXT, as_="text")
    second = len(TEXT) + 1
    parts = DocumentParts(article, chunks=2)
    located = RelationCandidate("LOCATED_IN", {"org": (0, 8), "location": (15, 18)}, {})
    parts.add([ORG, LOC], [located], 0)
    assert not parts.complete
    parts.add([ORG, LOC], [located], second)
    doc = parts.document()
    assert [e.start for e in doc.entities] == [0, 15, second, second + 15]
    assert len(doc.relations) == 1  # the same fact in both chunks
