"""From a pipeline's mentions and relation candidates to a :class:`~zhinvest.schema.Document`.

The one place where overlapping mentions are settled (:func:`resolve_overlaps`; the relation
component reads the same resolved list, see :func:`zhinvest.components._spans.resolved_mentions`)
and where relation candidates, whose arguments are character spans, become relations whose
arguments are entity ids (:func:`to_document`). A candidate whose argument is no entity is
never dropped in silence: the document counts it in ``metadata.dropped_relations``.

Nothing here imports spaCy: a :class:`DocumentParts` collects what the chunks of one article
gave, at their offsets, and :meth:`DocumentParts.document` builds the result.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .about import LABELS, NUMERIC_LABELS
from .mentions import Mention, RelationCandidate
from .reader import Article
from .schema import RELATION_SPECS, Document, Entity, Relation

__all__ = ["DocumentParts", "Mention", "RelationCandidate", "relation_key", "resolve_overlaps", "to_document"]

#: Which label wins where mentions overlap: numeric labels, then ORG, PERSON, LOC.
_PRIORITY = {label: rank for rank, label in enumerate(NUMERIC_LABELS + ("ORG", "PERSON", "LOC"))}


def resolve_overlaps(mentions: Iterable[Mention]) -> list[Mention]:
    """Flat spans, in text order. Where mentions overlap, the winner is, in this order: a
    numeric mention; a rule's mention over a statistical model's or a backend's (``origin``);
    ORG, then PERSON, then LOC; the longer span."""
    ranked = sorted(
        mentions,
        key=lambda m: (
            m.label not in NUMERIC_LABELS,
            m.origin != "rule",
            _PRIORITY.get(m.label, len(LABELS)),
            -(m.end - m.start),
            m.start,
        ),
    )
    kept: list[Mention] = []
    occupied = bytearray(max((m.end for m in ranked), default=0))
    for mention in ranked:
        start, end = mention.start, mention.end
        if any(occupied[start:end]):
            continue
        kept.append(mention)
        occupied[start:end] = b"\x01" * (end - start)
    return sorted(kept, key=lambda m: (m.start, m.end))


class DocumentParts:
    """What the chunks of one article gave: resolved mentions and relation candidates, each
    shifted by its chunk's offset into the article's clean text."""

    def __init__(self, article: Article, chunks: int) -> None:
        self.article = article
        self.missing = chunks
        self.mentions: list[Mention] = []
        self.relations: list[RelationCandidate] = []

    @property
    def complete(self) -> bool:
        return self.missing == 0

    def add(self, mentions: Iterable[Mention], relations: Iterable[RelationCandidate], offset: int) -> None:
        """One chunk's resolved mentions and relation candidates, the chunk starting at ``offset``."""
        self.missing -= 1
        self.mentions.extend(mention.shifted(offset) for mention in mentions)
        self.relations.extend(relation.shifted(offset) for relation in relations)

    def document(self) -> Document:
        return to_document(self.article, self.mentions, self.relations)


def to_document(article: Article, mentions: Iterable[Mention], relations: Iterable[RelationCandidate] = ()) -> Document:
    """Entities with ids in text order and offsets into both clean and source text; relations
    with entity ids as arguments, each fact once (the first mention of a repeated fact).

    ``mentions`` must not overlap (:func:`resolve_overlaps`). A candidate whose argument span
    is no entity is counted in ``metadata.dropped_relations``."""
    entities = []
    for index, mention in enumerate(sorted(mentions, key=lambda m: (m.start, m.end))):
        entities.append(
            article.entity(
                index,
                mention.label,
                mention.start,
                mention.end,
                value=mention.value,
                currency=mention.currency,
                unit=mention.unit,
                qualifier=mention.qualifier,
                source_component=mention.component,
            )
        )
    for previous, entity in zip(entities, entities[1:]):
        if entity.start < previous.end:
            raise ValueError(f"mentions overlap: {previous.text!r} [{previous.start}, {previous.end}) and {entity.text!r} [{entity.start}, {entity.end})")
    by_span = {(e.start, e.end): e for e in entities}
    by_id = {e.id: e for e in entities}
    built: list[Relation] = []
    seen: set[tuple[Any, ...]] = set()
    dropped = 0
    for relation in relations:
        arguments = {role: by_span.get(span) for role, span in relation.arguments.items()}
        if any(entity is None for entity in arguments.values()):
            dropped += 1
            continue
        model = RELATION_SPECS[relation.type].model
        fields = {**relation.fields, **{role: entity.id for role, entity in arguments.items() if entity is not None}}
        candidate: Relation = model(**{k: v for k, v in fields.items() if k in model.model_fields})
        fact = relation_key(candidate, by_id)
        if fact not in seen:
            seen.add(fact)
            built.append(candidate)
    # a batch mentioned again without its total is the same batch
    counted = {_value(by_id, r.count) for r in built if r.type == "PROJECT_SUMMARY" and r.total is not None}
    built = [r for r in built if not (r.type == "PROJECT_SUMMARY" and r.total is None and _value(by_id, r.count) in counted)]
    metadata = article.metadata.model_copy(update={"dropped_relations": dropped}) if dropped else article.metadata
    return Document(
        id=article.id,
        source=article.source,
        metadata=metadata,
        text=article.text,
        entities=tuple(entities),
        relations=tuple(built),
    )


def _value(by_id: dict[int, Entity], entity_id: int) -> Any:
    return by_id[entity_id].value


def relation_key(relation: Relation, entities: dict[int, Entity]) -> tuple[Any, ...]:
    """What makes two relations the same fact: type and arguments, by name or value."""
    parts: list[Any] = [relation.type]
    for name in RELATION_SPECS[relation.type].roles:
        ref = getattr(relation, name)
        entity = entities.get(ref) if ref is not None else None
        parts.append(None if entity is None else (entity.label, str(entity.value) if entity.value is not None else entity.text))
    return tuple(parts)
