"""The zhinvest pipeline: reader → spaCy ``Language`` → :class:`~zhinvest.schema.Document`.

:func:`build_nlp` makes the spaCy pipeline (Chinese tokenizer with the chosen segmenter,
then the zhinvest components); :class:`Pipeline` reads an input, runs the pipeline over
the clean text in line-aligned chunks (so a 5 MB article stays within spaCy's
``max_length`` and memory stays bounded) and turns the character mentions into entities
with source offsets.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from .components import (  # noqa: F401  (registers the factories in a source tree too; installed, entry points do)
    area as _area,
    money as _money,
    organisations as _organisations,
    persons as _persons,
    places as _places,
    project_count as _project_count,
    relations as _relations,
)
from .components._spans import Mention, collect_mentions, resolve_overlaps
from .components.relations import RELATIONS
from .about import models_dir
from .errors import Errors, ModelError
from .segmentation import SEGMENTERS, blank_nlp
from .reader import Article, read
from .schema import RELATION_ARGUMENTS, Document, Entity, InvestmentRelation, LocatedInRelation, ProjectSummaryRelation, Relation

#: The numeric rule components, in pipeline order.
NUMERIC_COMPONENTS: tuple[str, ...] = ("zhinvest_money", "zhinvest_area", "zhinvest_project_count")
#: The name rule components; they run after the numeric ones, whose spans names never cross.
NAME_COMPONENTS: tuple[str, ...] = ("zhinvest_organisations", "zhinvest_persons", "zhinvest_places")
DEFAULT_COMPONENTS: tuple[str, ...] = NUMERIC_COMPONENTS + NAME_COMPONENTS + ("zhinvest_relations",)
#: Text is given to spaCy in chunks of at most this many characters, cut at line ends.
CHUNK_CHARS = 20_000


#: The folder of the statistical NER pipeline inside ``models/`` (trained by ``zhinvest.training``).
NER_MODEL = "zh_invest_ner"


def ner_model_path() -> Path | None:
    """The bundled NER pipeline, or None when it is not there (the rules then work alone)."""
    path = models_dir() / NER_MODEL
    return path if (path / "config.cfg").is_file() else None


def build_nlp(
    segmenter: str = "char",
    components: Sequence[str] = DEFAULT_COMPONENTS,
    set_ents: bool = True,
    ner_model: str | Path | None = "default",
) -> Language:
    """A Chinese spaCy pipeline: the statistical NER (``ner_model``; ``"default"`` is the
    bundled one, used with the char segmenter it was trained on; None for rules only), then
    the zhinvest components.

    ``set_ents=False`` leaves ``doc.ents`` alone (the mentions in ``doc._.zhinvest_mentions``
    are complete without it); :class:`Pipeline` uses that, as building spaCy spans costs more
    than finding the mentions."""
    if ner_model == "default":
        ner_model = ner_model_path() if segmenter == "char" else None
    if segmenter not in SEGMENTERS:
        raise ModelError(Errors.E020.format(name=segmenter, choices=", ".join(SEGMENTERS)))
    if ner_model is not None:
        try:
            nlp = spacy.load(ner_model)
        except (OSError, ValueError) as error:
            raise ModelError(Errors.E023.format(path=ner_model, reason=error)) from None
    else:
        nlp = blank_nlp(segmenter)  # checks the name, loads jieba or the bundled pkuseg model offline
    for name in components:
        nlp.add_pipe(name, config={"set_ents": set_ents} if name != "zhinvest_relations" else {})
    return nlp


class Pipeline:
    """Reusable extraction: ``Pipeline()(path_or_text) -> Document``."""

    def __init__(self, nlp: Language | None = None, segmenter: str = "char", ner_model: str | Path | None = "default") -> None:
        self.nlp = nlp if nlp is not None else build_nlp(segmenter, set_ents=False, ner_model=ner_model)

    def __call__(self, obj: str | bytes | os.PathLike[str], *, name: str | None = None, doc_id: str | None = None) -> Document:
        return self.document(read(obj, name=name, doc_id=doc_id))

    def document(self, article: Article) -> Document:
        """Run the spaCy pipeline over an article's clean text and build its Document."""
        mentions: list[Mention] = []
        relations: list[dict[str, Any]] = []
        chunks = list(split_chunks(article.text, CHUNK_CHARS))
        for (offset, _), doc in zip(chunks, self.nlp.pipe(text for _, text in chunks)):
            for mention in collect_mentions(doc):
                mentions.append({**mention, "start": mention["start"] + offset, "end": mention["end"] + offset})
            for relation in doc._.get(RELATIONS) or ():
                relations.append({k: [v[0] + offset, v[1] + offset] if isinstance(v, list) else v for k, v in relation.items()})
        return to_document(article, mentions, relations)

    def pipe(self, objs: Iterable[str | bytes | os.PathLike[str]]) -> Iterator[Document]:
        for obj in objs:
            yield self(obj)


def split_chunks(text: str, size: int) -> Iterator[tuple[int, str]]:
    """``(offset, chunk)`` pieces of at most ``size`` characters, cut after a newline where possible."""
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut > start:
                end = cut + 1
        yield start, text[start:end]
        start = end


def to_document(article: Article, mentions: Iterable[Mention], relations: Iterable[dict[str, Any]] = ()) -> Document:
    """Entities with ids in text order and offsets into both clean and source text; relations
    with entity ids as arguments, each fact once (the first mention of a repeated fact)."""
    entities = []
    for index, mention in enumerate(resolve_overlaps(mentions)):
        start, end = mention["start"], mention["end"]
        source_start, source_end = article.source_span(start, end)
        text = article.text[start:end]
        entities.append(
            Entity(
                id=index,
                label=mention["label"],
                text=text,
                source_text=article.source_text[source_start:source_end],
                start=start,
                end=end,
                source_start=source_start,
                source_end=source_end,
                value=mention.get("value"),
                currency=mention.get("currency"),
                unit=mention.get("unit"),
                qualifier=mention.get("qualifier"),
                name_simplified=text if mention["label"] == "ORG" else None,
                source_component=mention.get("component"),
            )
        )
    by_span = {(e.start, e.end): e for e in entities}
    built: list[Relation] = []
    seen: set[tuple[Any, ...]] = set()
    for relation in relations:
        fields: dict[str, Any] = {}
        for key, value in relation.items():
            if isinstance(value, list):
                entity = by_span.get((value[0], value[1]))
                if entity is None:
                    break
                fields[key] = entity.id
            else:
                fields[key] = value
        else:
            model = RELATION_MODELS[relation["type"]]
            candidate = model(**{k: v for k, v in fields.items() if k in model.model_fields})
            key = relation_key(candidate, {e.id: e for e in entities})
            if key not in seen:
                seen.add(key)
                built.append(candidate)
    # a batch mentioned again without its total is the same batch
    counted = {entity_value(entities, r.count) for r in built if r.type == "PROJECT_SUMMARY" and r.total is not None}
    built = [r for r in built if not (r.type == "PROJECT_SUMMARY" and r.total is None and entity_value(entities, r.count) in counted)]
    return Document(
        id=article.id,
        source=article.source,
        metadata=article.metadata,
        text=article.text,
        entities=tuple(entities),
        relations=tuple(built),
    )


def entity_value(entities: Sequence[Entity], entity_id: int) -> Any:
    return next(e.value for e in entities if e.id == entity_id)


RELATION_MODELS = {"INVESTMENT": InvestmentRelation, "PROJECT_SUMMARY": ProjectSummaryRelation, "LOCATED_IN": LocatedInRelation}


def relation_key(relation: Relation, entities: dict[int, Entity]) -> tuple[Any, ...]:
    """What makes two relations the same fact: type and required arguments, by name or value."""
    parts: list[Any] = [relation.type]
    for name in RELATION_ARGUMENTS[relation.type]:
        ref = getattr(relation, name)
        entity = entities.get(ref) if ref is not None else None
        parts.append(None if entity is None else (entity.label, str(entity.value) if entity.value is not None else entity.text))
    return tuple(parts)
