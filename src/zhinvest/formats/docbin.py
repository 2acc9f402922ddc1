"""The ``spacy`` format: a :class:`spacy.tokens.DocBin` (``.spacy``) for training and inspection.

Each document becomes a ``Doc`` over a blank ``zh`` vocabulary, tokenised by spaCy's
character segmenter (every character a token; a space is kept as the preceding token's
trailing whitespace). Entities are ``doc.ents``, set with ``doc.char_span(...,
alignment_mode="strict")``; spaCy's ``doc.ents`` are flat, so overlapping entities raise a
:class:`~zhinvest.errors.FormatError`. Everything else travels in ``doc.user_data["zhinvest"]``:
the document id, source and metadata, each entity's id and its other fields (values,
qualifiers, currency, unit, source offsets and text, simplified name) keyed by its span, and
the relations as in the native JSON. Reading gives back an identical document; entities
added to ``doc.ents`` by other tools get new ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import Errors, FormatError
from ..schema import Document
from ._common import document, entity_data, entity_extras

NAME = "spacy"
#: The file ending written when a destination has none.
SUFFIX = ".spacy"
#: Key of the zhinvest fields in ``Doc.user_data``.
USER_DATA_KEY = "zhinvest"


def _blank_nlp() -> Any:
    import spacy

    return spacy.blank("zh")


def to_doc(document_: Document, nlp: Any = None, *, name: str | Path = "<doc>") -> Any:
    """A spaCy ``Doc`` holding ``document_``: entities in ``doc.ents``, the rest in ``doc.user_data``."""
    nlp = nlp or _blank_nlp()
    doc = nlp.make_doc(document_.text)
    spans: list[tuple[int, Any]] = []  # (entity id, span)
    for entity in sorted(document_.entities, key=lambda entity: (entity.start, entity.end)):
        span = doc.char_span(entity.start, entity.end, label=entity.label, alignment_mode="strict")
        if span is None:
            reason = f"entity {entity.id} {entity.text!r} [{entity.start}, {entity.end}) does not start and end on characters spaCy tokenises"
            raise FormatError(Errors.E010.format(name=name, reason=reason))
        if spans and span.start_char < spans[-1][1].end_char:
            previous = spans[-1][0]
            raise FormatError(
                Errors.E018.format(name=name, doc=document_.id, first=previous, second=entity.id, fmt=NAME)
            )
        spans.append((entity.id, span))
    doc.ents = [span for _, span in spans]
    doc.user_data[USER_DATA_KEY] = {
        "id": document_.id,
        "source": document_.source,
        "metadata": document_.metadata.model_dump(mode="json"),
        "entities": [
            {"id": entity.id, "start": entity.start, "end": entity.end, **entity_extras(entity)}
            for entity in document_.entities
        ],
        "relations": [relation.model_dump(mode="json") for relation in document_.relations],
    }
    return doc


def from_doc(doc: Any, *, name: str | Path = "<doc>", index: int = 0) -> Document:
    """The :class:`Document` a ``Doc`` from :func:`to_doc` holds (entity labels and spans from ``doc.ents``)."""
    data = doc.user_data.get(USER_DATA_KEY) or {}
    labels = {(ent.start_char, ent.end_char): ent.label_ for ent in doc.ents}
    entities = []
    for record in data.get("entities", []):
        span = (record.get("start"), record.get("end"))
        if span in labels:
            extras = {key: value for key, value in record.items() if key not in ("id", "start", "end")}
            entities.append(entity_data(record["id"], labels.pop(span), *span, doc.text, extras))
    next_id = max((entity["id"] for entity in entities), default=-1) + 1
    for offset, ((start, end), label) in enumerate(sorted(labels.items())):
        entities.append(entity_data(next_id + offset, label, start, end, doc.text, None))
    return document(
        name,
        {
            "id": data.get("id", f"{Path(str(name)).stem}-{index}"),
            "source": data.get("source"),
            "metadata": data.get("metadata", {}),
            "text": doc.text,
            "entities": entities,
            "relations": data.get("relations", []),
        },
    )


def write(docs: Iterable[Document], path: str | Path) -> None:
    """Write ``docs`` to a ``.spacy`` DocBin file with user data."""
    from spacy.tokens import DocBin

    path, nlp = Path(path), _blank_nlp()
    doc_bin = DocBin(store_user_data=True)
    for document_ in docs:
        doc_bin.add(to_doc(document_, nlp, name=path))
    path.parent.mkdir(parents=True, exist_ok=True)
    doc_bin.to_disk(path)


def read(path: str | Path) -> list[Document]:
    """Documents from a ``.spacy`` DocBin file."""
    from spacy.tokens import DocBin

    path = Path(path)
    try:
        doc_bin = DocBin().from_disk(path)
        docs = list(doc_bin.get_docs(_blank_nlp().vocab))
    except FileNotFoundError:
        raise
    except Exception as error:  # msgpack, zlib and spaCy's own errors on a damaged file
        raise FormatError(
            Errors.E015.format(
                name=path, expected=f"a spaCy DocBin file ({type(error).__name__}: {_first_line(error)})"
            )
        ) from None
    return [from_doc(doc, name=path, index=index) for index, doc in enumerate(docs)]


def _first_line(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else ""


def detect(path: str | Path) -> bool:
    return Path(path).suffix == ".spacy" and Path(path).is_file()
