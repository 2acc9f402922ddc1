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

from .about import LABELS, NAME_LABELS, NUMERIC_LABELS
from .components import area, money, organisations, persons, places, project_count  # noqa: F401  (also entry points)
from .components._spans import Mention, get_mentions
from .errors import Errors, ModelError
from .reader import Article, read
from .schema import Document, Entity

#: The segmenters spaCy's Chinese tokenizer offers.
SEGMENTERS: tuple[str, ...] = ("char", "jieba", "pkuseg")
#: The numeric rule components, in pipeline order.
NUMERIC_COMPONENTS: tuple[str, ...] = ("zhinvest_money", "zhinvest_area", "zhinvest_project_count")
#: The name rule components; they run after the numeric ones, whose spans names never cross.
NAME_COMPONENTS: tuple[str, ...] = ("zhinvest_organisations", "zhinvest_persons", "zhinvest_places")
DEFAULT_COMPONENTS: tuple[str, ...] = NUMERIC_COMPONENTS + NAME_COMPONENTS
#: Text is given to spaCy in chunks of at most this many characters, cut at line ends.
CHUNK_CHARS = 20_000
#: Which label wins where mentions overlap (after numeric before names, rules before a model).
_PRIORITY = {label: rank for rank, label in enumerate(NUMERIC_LABELS + ("ORG", "PERSON", "LOC"))}


def build_nlp(segmenter: str = "char", components: Sequence[str] = DEFAULT_COMPONENTS, set_ents: bool = True) -> Language:
    """A blank Chinese spaCy pipeline with the zhinvest components.

    ``set_ents=False`` leaves ``doc.ents`` alone (the mentions in ``doc._.zhinvest_mentions``
    are complete without it); :class:`Pipeline` uses that, as building spaCy spans costs more
    than finding the mentions."""
    if segmenter not in SEGMENTERS:
        raise ModelError(Errors.E020.format(name=segmenter, choices=", ".join(SEGMENTERS)))
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})
    for name in components:
        nlp.add_pipe(name, config={"set_ents": set_ents})
    return nlp


class Pipeline:
    """Reusable extraction: ``Pipeline()(path_or_text) -> Document``."""

    def __init__(self, nlp: Language | None = None, segmenter: str = "char") -> None:
        self.nlp = nlp if nlp is not None else build_nlp(segmenter, set_ents=False)

    def __call__(self, obj: str | bytes | os.PathLike[str], *, name: str | None = None, doc_id: str | None = None) -> Document:
        return self.document(read(obj, name=name, doc_id=doc_id))

    def document(self, article: Article) -> Document:
        """Run the spaCy pipeline over an article's clean text and build its Document."""
        mentions: list[Mention] = []
        chunks = list(split_chunks(article.text, CHUNK_CHARS))
        for (offset, _), doc in zip(chunks, self.nlp.pipe(text for _, text in chunks)):
            for mention in collect_mentions(doc):
                mentions.append({**mention, "start": mention["start"] + offset, "end": mention["end"] + offset})
        return to_document(article, mentions)

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


def collect_mentions(doc: Any) -> list[Mention]:
    """The doc's character mentions, plus named entities a statistical NER put in ``doc.ents``."""
    mentions = list(get_mentions(doc))
    covered = {(m["start"], m["end"]) for m in mentions}
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS and (ent.start_char, ent.end_char) not in covered:
            mentions.append(Mention(start=ent.start_char, end=ent.end_char, label=ent.label_, component="ner"))
    return mentions


def resolve_overlaps(mentions: Iterable[Mention]) -> list[Mention]:
    """Flat spans. Where mentions overlap, the winner is, in this order: a numeric mention;
    a rule's mention over a statistical model's (``component == "ner"``); ORG, then PERSON,
    then LOC; the longer span."""
    ranked = sorted(
        mentions,
        key=lambda m: (
            m["label"] not in NUMERIC_LABELS,
            m.get("component") == "ner",
            _PRIORITY.get(m["label"], len(LABELS)),
            -(m["end"] - m["start"]),
            m["start"],
        ),
    )
    kept: list[Mention] = []
    occupied = bytearray(max((m["end"] for m in ranked), default=0))
    for mention in ranked:
        start, end = mention["start"], mention["end"]
        if any(occupied[start:end]):
            continue
        kept.append(mention)
        occupied[start:end] = b"\x01" * (end - start)
    return sorted(kept, key=lambda m: (m["start"], m["end"]))


def to_document(article: Article, mentions: Iterable[Mention]) -> Document:
    """Entities with ids in text order and offsets into both clean and source text."""
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
    return Document(
        id=article.id,
        source=article.source,
        metadata=article.metadata,
        text=article.text,
        entities=tuple(entities),
    )


def models_dir() -> Path:
    """Where the bundled models are: inside the installed package, or ``models/`` of a source checkout."""
    packaged = Path(__file__).resolve().parent / "models"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "models"
