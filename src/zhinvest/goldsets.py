"""Gold sets to evaluate against: :func:`load_gold` reads either kind into a :class:`GoldSet`.

Three kinds are read:

``annotations/`` (any format of :mod:`zhinvest.formats`)
    Documents with offsets into the reader's clean text; each names its source file, which
    is read again to run the pipeline on.

a *context-anchored* set (a folder with ``texts/`` and ``gold/``, as ``../shared/dev``)
    ``texts/ID.txt`` holds the article as found, after a ``url: …`` line and a blank line;
    ``gold/ID.json`` lists every mention in reading order with its label, its characters as
    in the source, its Simplified form, its value and about twelve characters of source
    ``context``, and the relations by name and value, not by offset. :func:`load_gold`
    strips the url lines, runs the reader, finds each mention through its context in the
    source and maps it to the clean text through the reader's offset map. A mention that
    cannot be placed is reported in :attr:`GoldSet.problems`, never dropped silently: a
    reader change that breaks alignment shows there.

a NER corpus (``*.jsonl``, a sentence a line with ``[start, end, label]`` spans, as the
public corpora in ``../shared/data/ner``)
    Gold for the name labels (ORG, LOC, PERSON; :data:`SPAN_CORPUS_LABELS`): general news
    whose annotation conventions differ from SPEC's (中国政府 is no entity there), a check
    of how the name rules fare beyond investment news, never a target.

All give gold :class:`~zhinvest.schema.Document` objects whose text is the reader's clean
text and the :class:`~zhinvest.reader.Article` to run the pipeline on, so
:func:`zhinvest.evaluation.evaluate` scores both alike.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .about import LABELS, NAME_LABELS
from .errors import Errors, InputError
from .reader import Article, read, read_file_text, read_text
from .reader.normalise import fold_width, to_simplified
from .schema import RELATION_SPECS, Document, Entity, Relation

__all__ = ["GoldSet", "load_gold", "is_anchored_set", "strip_provenance", "argument_key", "place_key"]

#: A provenance line before an article in an anchored set (``url: https://…``).
_URL_LINE = re.compile(r"\A\ufeff?url:[^\n]*\n(?:[ \t]*\n)?")
_SPACE = re.compile(r"\s+")
#: A final administrative suffix set aside when places are compared (SPEC "Scoring").
_ADMIN_SUFFIX = ("省", "市", "县", "区")


@dataclass(frozen=True)
class GoldSet:
    """Gold documents, the articles to run the pipeline on (same order) and what could not be read."""

    name: str
    documents: tuple[Document, ...]
    articles: tuple[Article, ...]
    problems: tuple[str, ...] = field(default=())
    #: The labels the set annotates: predictions of other labels are not scored against it.
    labels: tuple[str, ...] = LABELS
    #: Whether the set annotates relations (a NER corpus does not: predicted ones are not scored).
    has_relations: bool = True


def load_gold(path: str | Path, sources: str | Path | None = None) -> GoldSet:
    """The gold set at ``path``: an anchored set (``texts/`` + ``gold/``) or annotations in any format.

    ``sources`` is the folder holding the source files of an annotation folder (default: each
    document's ``source`` resolved against the folder's parent, then the current directory).
    """
    path = Path(path)
    if not path.exists():
        raise InputError(Errors.E001.format(name=path))
    if is_anchored_set(path):
        return _load_anchored(path)
    if is_span_corpus(path):
        return _load_span_corpus(path)
    return _load_annotations(path, sources)


def is_anchored_set(path: str | Path) -> bool:
    """Whether ``path`` is a folder in the context-anchored layout (``texts/`` and ``gold/``)."""
    path = Path(path)
    return (path / "texts").is_dir() and (path / "gold").is_dir()


def strip_provenance(text: str) -> str:
    """The article of an anchored set's text file: without its ``url:`` line and the blank line after it."""
    return _URL_LINE.sub("", text, count=1)


# --- argument keys (SPEC "Scoring") ------------------------------------------------------


def name_key(text: str) -> str:
    """A name as compared: Simplified, half-width, without white space."""
    return _SPACE.sub("", fold_width(to_simplified(text)))


def place_key(text: str) -> str:
    """A place as compared: :func:`name_key` with a final 省/市/县/区 set aside (玉溪 = 玉溪市)."""
    key = name_key(text)
    if len(key) > 2 and key.endswith(_ADMIN_SUFFIX):
        return key[:-1]
    return key


def argument_key(entity: Entity) -> tuple[object, ...]:
    """What a relation argument is matched on: ORG and PERSON by name, LOC by place key, amounts by value."""
    if entity.label in ("MONEY", "AREA") and entity.value is not None:
        return (entity.label, Decimal(entity.value).normalize(), entity.currency or None)
    if entity.label == "PROJECT_COUNT" and entity.value is not None:
        return ("PROJECT_COUNT", int(entity.value))
    if entity.label == "LOC":
        return ("LOC", place_key(entity.text))
    return (entity.label, name_key(entity.name_simplified or entity.text))


# --- annotations/ ------------------------------------------------------------------------


def _load_annotations(path: Path, sources: str | Path | None) -> GoldSet:
    from .formats import read as read_documents

    documents = read_documents(path)
    articles = []
    for doc in documents:
        source = _source_of(doc, path, sources)
        articles.append(read(source, doc_id=doc.id))
    return GoldSet(name=str(path), documents=tuple(documents), articles=tuple(articles))


def _source_of(doc: Document, gold_path: Path, sources: str | Path | None) -> Path:
    if doc.source is None:
        raise InputError(Errors.E031.format(doc=doc.id))
    name = Path(doc.source)
    base = gold_path if gold_path.is_dir() else gold_path.parent
    candidates = [Path(sources) / name.name] if sources is not None else [base.parent / name, Path.cwd() / name, name]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise InputError(Errors.E032.format(doc=doc.id, source=doc.source))


# --- NER corpora (one sentence a line, spans with labels) ---------------------------------------

#: Labels of public NER corpora (MSRA, Weibo, CLUENER2020) mapped to SPEC's name labels; others are left out.
SPAN_CORPUS_LABELS: dict[str, str] = {
    "PER": "PERSON", "PER.NAM": "PERSON", "name": "PERSON",
    "ORG": "ORG", "ORG.NAM": "ORG", "company": "ORG", "government": "ORG", "organization": "ORG",
    "LOC": "LOC", "LOC.NAM": "LOC", "GPE.NAM": "LOC",
}


def is_span_corpus(path: str | Path) -> bool:
    """Whether ``path`` is a JSON Lines NER corpus: ``{"text": ..., "entities": [[start, end, label], ...]}`` a line."""
    path = Path(path)
    if not (path.is_file() and path.suffix == ".jsonl"):
        return False
    with path.open(encoding="utf-8") as handle:
        first = handle.readline()
    try:
        record = json.loads(first)
    except json.JSONDecodeError:
        return False
    entities = record.get("entities") if isinstance(record, dict) else None
    return isinstance(record.get("text"), str) and isinstance(entities, list) and all(
        isinstance(e, list) and len(e) == 3 for e in entities
    )


def _load_span_corpus(path: Path) -> GoldSet:
    """A public NER corpus as gold for the name labels only (a yardstick of general news whose
    conventions differ from SPEC's: read it beside the investment sets, never as a target).
    A sentence the reader changes in length cannot keep its offsets and is reported."""
    documents: list[Document] = []
    articles: list[Article] = []
    problems: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            record = json.loads(line)
            doc_id = f"{path.stem}-{number:05d}"
            article = read_text(record["text"], source=str(path), doc_id=doc_id)
            if len(article.text) != len(record["text"]):
                problems.append(f"{doc_id}: the reader changes this sentence's length; left out")
                continue
            entities: list[Entity] = []
            for start, end, label in record["entities"]:
                if label in SPAN_CORPUS_LABELS and end > start:
                    entities.append(article.entity(len(entities), SPAN_CORPUS_LABELS[label], int(start), int(end), source_component="gold"))
            documents.append(Document(id=doc_id, source=str(path), text=article.text, entities=tuple(entities)))
            articles.append(article)
    return GoldSet(
        name=str(path),
        documents=tuple(documents),
        articles=tuple(articles),
        problems=tuple(problems),
        labels=NAME_LABELS,
        has_relations=False,
    )


# --- context-anchored sets ------------------------------------------------------------------


def _load_anchored(path: Path) -> GoldSet:
    documents: list[Document] = []
    articles: list[Article] = []
    problems: list[str] = []
    for gold_file in sorted((path / "gold").glob("*.json")):
        try:
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise InputError(Errors.E014.format(name=gold_file, reason=error)) from None
        if not isinstance(gold, dict) or not isinstance(gold.get("entities"), list):
            raise InputError(Errors.E015.format(name=gold_file, expected="an object with an 'entities' list"))
        text_file = path / "texts" / str(gold.get("doc") or gold_file.with_suffix(".txt").name)
        whole = read_file_text(text_file)
        source = strip_provenance(whole)
        article = read_text(source, source=str(text_file), doc_id=text_file.stem)
        document, found = _anchored_document(article, gold, text_file.stem, whole)
        documents.append(document)
        articles.append(article)
        problems.extend(found)
    if not documents:
        raise InputError(Errors.E033.format(name=path))
    return GoldSet(name=str(path), documents=tuple(documents), articles=tuple(articles), problems=tuple(problems))


def _anchored_document(article: Article, gold: dict[str, Any], doc_id: str, whole: str) -> tuple[Document, list[str]]:
    """The gold document of one anchored article. Contexts are searched in the whole file
    (a context may reach back into the url lines) and mapped into the article after them."""
    problems: list[str] = []
    entities: list[Entity] = []
    shift = len(whole) - len(article.source_text)
    cursor = shift
    for number, mention in enumerate(gold["entities"]):
        where = f"{doc_id}: entity {number} {mention.get('label')} {mention.get('text')!r}"
        try:
            span = _find(whole, str(mention["text"]), str(mention.get("context") or ""), cursor)
        except KeyError as error:
            problems.append(f"{where}: no {error.args[0]!r} field")
            continue
        if span is None:
            problems.append(f"{where}: context {mention.get('context')!r} not found in the text")
            continue
        start, end = _clean_span(article, span[0] - shift, span[1] - shift)
        if start >= end:
            problems.append(f"{where}: not in the clean text (the reader removed it)")
            continue
        cursor = span[1]
        clean = article.text[start:end]
        expected = name_key(str(mention.get("simplified") or mention["text"]))
        if name_key(clean) != expected:
            problems.append(f"{where}: the clean text has {clean!r} there")
        try:
            entities.append(_entity(len(entities), mention, article, start, end))
        except (ValueError, InvalidOperation) as error:
            problems.append(f"{where}: {error}")
    relations: list[Relation] = []
    for relation in gold.get("relations", []):
        built = _relation(relation, entities, article.text)
        if isinstance(built, str):
            problems.append(f"{doc_id}: {relation.get('type')} {_short(relation)}: {built}")
        else:
            relations.append(built)
    document = Document(
        id=doc_id,
        source=article.source,
        metadata=article.metadata,
        text=article.text,
        entities=tuple(entities),
        relations=tuple(relations),
    )
    return document, problems


def _find(source: str, text: str, context: str, cursor: int) -> tuple[int, int] | None:
    """The source span of a mention: inside an occurrence of its context, at or after ``cursor``
    (mentions come in reading order), nearest the middle of the context; white space in the
    context is not significant. Without a usable context, the first occurrence after ``cursor``."""
    candidates: list[tuple[int, int]] = []  # (start in source, distance from the context's middle)
    if context and text in context:
        start = source.find(context)
        while start != -1:
            middle = start + len(context) / 2
            inner = context.find(text)
            while inner != -1:
                position = start + inner
                if position >= cursor:
                    candidates.append((position, int(abs(position + len(text) / 2 - middle))))
                inner = context.find(text, inner + 1)
            if candidates:
                break
            start = source.find(context, start + 1)
    if not candidates and context:
        squeezed = _find_squeezed(source, text, context, cursor)
        if squeezed is not None:
            return squeezed
    if not candidates:
        if context:
            return None
        start = source.find(text, cursor)
        return None if start == -1 else (start, start + len(text))
    position = min(candidates, key=lambda item: item[1])[0]
    return position, position + len(text)


def _find_squeezed(source: str, text: str, context: str, cursor: int) -> tuple[int, int] | None:
    """:func:`_find` with white space removed from source, context and mention."""
    kept = [index for index, char in enumerate(source) if not char.isspace()]
    squeezed = "".join(source[index] for index in kept)
    context, text = _SPACE.sub("", context), _SPACE.sub("", text)
    if not text or text not in context:
        return None
    start = squeezed.find(context)
    while start != -1:
        inner = context.find(text)
        while inner != -1:
            first = start + inner
            if kept[first] >= cursor:
                return kept[first], kept[first + len(text) - 1] + 1
            inner = context.find(text, inner + 1)
        start = squeezed.find(context, start + 1)
    return None


def _clean_span(article: Article, source_start: int, source_end: int) -> tuple[int, int]:
    """The clean span made from characters of ``[source_start, source_end)`` of the source."""
    starts = article.clean.starts
    start = bisect_left(starts, source_start)
    end = bisect_left(starts, source_end, lo=start)
    while end > start and article.clean.ends[end - 1] > source_end and starts[end - 1] >= source_end:
        end -= 1
    return start, end


def _entity(index: int, mention: dict[str, Any], article: Article, start: int, end: int) -> Entity:
    label = mention["label"]
    fields: dict[str, Any] = {}
    if label == "MONEY":
        fields = {"value": Decimal(str(mention["value"])), "currency": mention.get("currency") or "CNY"}
    elif label == "AREA":
        fields = {"value": Decimal(str(mention["value_m2"])), "unit": "m2"}
    elif label == "PROJECT_COUNT":
        fields = {"value": int(mention["count"])}
    if label in ("MONEY", "AREA", "PROJECT_COUNT"):
        fields["qualifier"] = mention.get("qualifier") or "exact"
    return article.entity(index, label, start, end, source_component="gold", **fields)


def _relation(relation: dict[str, Any], entities: list[Entity], text: str) -> Relation | str:
    """A gold relation given by names and values, pointed at the entities that carry them
    (nearest its evidence); or why it cannot be."""
    kind = relation.get("type")
    if kind not in RELATION_SPECS:
        return f"unknown relation type {kind!r}"
    evidence = str(relation.get("evidence") or "")
    anchor = text.find(name_key(evidence)[:12]) if evidence else -1
    fields: dict[str, Any] = {}
    for name, label, required in ((a.role, a.label, a.required) for a in RELATION_SPECS[kind].arguments):
        given = relation.get(name)
        if given is None or given == "":
            if required:
                return f"no {name}"
            continue
        wanted = _gold_key(label, given)
        matches = [entity for entity in entities if argument_key(entity)[: len(wanted)] == wanted]
        if not matches:
            return f"{name} {given!r} is no annotated {label} entity"
        fields[name] = min(matches, key=lambda entity: abs(entity.start - anchor) if anchor >= 0 else entity.start).id
    for name in (*RELATION_SPECS[kind].attributes, "evidence"):
        if relation.get(name) is not None:
            fields[name] = relation[name]
    return RELATION_SPECS[kind].model(**fields)


def _gold_key(label: str, given: Any) -> tuple[object, ...]:
    if label == "MONEY":  # by value: the currency is the entity's
        return ("MONEY", Decimal(str(given)).normalize())
    if label == "PROJECT_COUNT":
        return ("PROJECT_COUNT", int(given))
    if label == "LOC":
        return ("LOC", place_key(str(given)))
    return (label, name_key(str(given)))


def _short(relation: dict[str, Any]) -> str:
    return " ".join(f"{key}={value}" for key, value in relation.items() if key not in ("type", "evidence") and value is not None)
