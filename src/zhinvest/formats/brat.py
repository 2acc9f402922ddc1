"""The ``brat`` format: a folder of brat standoff files, one set per document.

* ``<id>.txt``: the clean text, exactly (UTF-8, newlines as they are);
* ``<id>.ann``: the annotations;
* ``<id>.meta.json``: a sidecar with the document's ``id``, ``source`` and ``metadata``, which
  brat ignores (without it the document id is the file name);
* ``annotation.conf``: the entity, relation and attribute types, for brat's configuration.

In the ``.ann`` file an entity is ``T<entity id + 1>`` (``T1\\tMONEY 31 37\\t4898亿元``; a span
across a line break is written as brat fragments, ``ORG 3 8;9 12``). Its qualifier is an
attribute (``A1\\tQualifier T1 exact``) and its other fields (value, currency, unit, source
offsets and text, simplified name, component) a JSON annotator note
(``#1\\tAnnotatorNotes T1\\t{"value": "489800000000", "currency": "CNY", ...}``).

brat relations are binary, so an n-ary relation is written as links from a pivot argument,
typed ``<TYPE>_<role>``: INVESTMENT from the amount (``INVESTMENT_investor``,
``INVESTMENT_location``), PROJECT_SUMMARY from the count (``PROJECT_SUMMARY_total``; a summary
without a total is a link from the count to itself, ``PROJECT_SUMMARY_count``), LOCATED_IN from
the organisation (``LOCATED_IN_location``). Each link has a JSON note with ``relation``, the
index of its n-ary relation, and that relation's stage, project, sector, scope and evidence;
links drawn in brat without a note are grouped by type and pivot.

Documents are read back in file-name order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..about import LABELS, NUMERIC_LABELS, QUALIFIERS
from ..errors import Errors, FormatError
from ..schema import Document, Entity
from ._common import (
    Link,
    check_unique,
    document,
    entity_data,
    entity_extras,
    file_stem,
    from_links,
    link_labels,
    load_json,
    parse_link_label,
    to_links,
)

NAME = "brat"
SEPARATOR = "_"
CONF = "annotation.conf"
#: The attribute holding an entity's qualifier.
QUALIFIER = "Qualifier"
_NOTE = "AnnotatorNotes"
_SPAN = re.compile(r"^(\d+) (\d+)$")


def annotation_conf() -> str:
    """brat's ``annotation.conf`` for zhinvest's entity labels, relation links and qualifier attribute."""
    relations = "\n".join(f"{label}\tArg1:{head}, Arg2:{tail}" for label, head, tail in link_labels(SEPARATOR))
    return (
        "# brat configuration for zhinvest annotations (written by zhinvest.formats.brat)\n"
        "[entities]\n" + "\n".join(LABELS) + "\n\n"
        "[relations]\n" + relations + "\n\n"
        "[events]\n\n"
        "[attributes]\n"
        f"{QUALIFIER}\tArg:{'|'.join(NUMERIC_LABELS)}, Value:{'|'.join(QUALIFIERS)}\n"
    )


def _fragments(entity: Entity, text: str) -> list[tuple[int, int]]:
    """The entity's span cut at line breaks, as brat wants it."""
    fragments, start = [], None
    for offset in range(entity.start, entity.end + 1):
        inside = offset < entity.end and text[offset] not in "\r\n"
        if inside and start is None:
            start = offset
        elif not inside and start is not None:
            fragments.append((start, offset))
            start = None
    return fragments or [(entity.start, entity.end)]


def _note(number: int, target: str, data: dict[str, Any]) -> str:
    return f"#{number}\t{_NOTE} {target}\t{json.dumps(data, ensure_ascii=False)}"


def to_ann(doc: Document) -> str:
    """The ``.ann`` file of one document."""
    lines: list[str] = []
    attributes = notes = 0
    for entity in doc.entities:
        target = f"T{entity.id + 1}"
        fragments = _fragments(entity, doc.text)
        offsets = ";".join(f"{start} {end}" for start, end in fragments)
        lines.append(f"{target}\t{entity.label} {offsets}\t{' '.join(doc.text[start:end] for start, end in fragments)}")
        extras = entity_extras(entity)
        qualifier = extras.pop("qualifier", None)
        if qualifier is not None:
            attributes += 1
            lines.append(f"A{attributes}\t{QUALIFIER} {target} {qualifier}")
        notes += 1
        lines.append(_note(notes, target, extras))
    for number, link in enumerate(to_links(doc.relations), start=1):
        lines.append(f"R{number}\t{link.label(SEPARATOR)} Arg1:T{link.head + 1} Arg2:T{link.tail + 1}")
        notes += 1
        lines.append(_note(notes, f"R{number}", {"relation": link.relation, **link.fields}))
    return "".join(line + "\n" for line in lines)


def write(docs: Iterable[Document], path: str | Path) -> None:
    """Write ``docs`` to a folder: ``<id>.txt``, ``<id>.ann``, ``<id>.meta.json`` and ``annotation.conf``."""
    path, docs = Path(path), list(docs)
    check_unique(docs)
    path.mkdir(parents=True, exist_ok=True)
    (path / CONF).write_text(annotation_conf(), encoding="utf-8")
    for doc in docs:
        stem = file_stem(doc.id)
        (path / f"{stem}.txt").write_text(doc.text, encoding="utf-8", newline="")
        (path / f"{stem}.ann").write_text(to_ann(doc), encoding="utf-8", newline="")
        meta = {"id": doc.id, "source": doc.source, "metadata": doc.metadata.model_dump(mode="json")}
        (path / f"{stem}.meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _read_text(path: Path) -> str:
    if not path.is_file():
        raise FormatError(Errors.E001.format(name=path))
    try:
        with path.open(encoding="utf-8", newline="") as file:
            return file.read()
    except UnicodeDecodeError as error:
        raise FormatError(Errors.E006.format(name=path, reason=error)) from None


def from_ann(ann: str, text: str, meta: dict[str, Any], *, name: str | Path, doc_id: str) -> Document:
    """The :class:`Document` of one ``.ann`` file over ``text``."""
    entities: dict[str, dict[str, Any]] = {}
    qualifiers: dict[str, str] = {}
    notes: dict[str, Any] = {}
    links: list[tuple[str, str, str, str, int]] = []  # label, Arg1, Arg2, R id, line

    def fail(line: int, reason: str) -> FormatError:
        return FormatError(Errors.E013.format(name=name, line=line, reason=reason))

    for number, line in enumerate(ann.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        ident, _, rest = line.partition("\t")
        kind = ident[:1]
        if kind == "T":
            head, _, _ = rest.partition("\t")
            label, _, offsets = head.partition(" ")
            spans = [_SPAN.match(fragment) for fragment in offsets.split(";")]
            if not label or not all(spans):
                raise fail(number, f"expected 'T<n>\\t<label> <start> <end>\\t<text>', got {line!r}")
            starts = [int(span.group(1)) for span in spans if span]
            ends = [int(span.group(2)) for span in spans if span]
            entities[ident] = {"label": label, "start": min(starts), "end": max(ends), "line": number}
        elif kind == "A":
            parts = rest.split(" ")
            if len(parts) not in (2, 3):
                raise fail(number, f"expected 'A<n>\\t<attribute> <T id> [<value>]', got {line!r}")
            if parts[0] == QUALIFIER and len(parts) == 3:
                qualifiers[parts[1]] = parts[2]
        elif kind == "R":
            parts = rest.split(" ")
            if len(parts) != 3 or not parts[1].startswith("Arg1:") or not parts[2].startswith("Arg2:"):
                raise fail(number, f"expected 'R<n>\\t<type> Arg1:<T id> Arg2:<T id>', got {line!r}")
            links.append((parts[0], parts[1][5:], parts[2][5:], ident, number))
        elif kind == "#":
            head, _, body = rest.partition("\t")
            note_kind, _, target = head.partition(" ")
            if note_kind == _NOTE and body.lstrip().startswith("{"):
                try:
                    notes[target] = json.loads(body)
                except json.JSONDecodeError as error:
                    raise fail(number, f"annotator note is not valid JSON: {error}") from None
        elif kind not in ("E", "M", "N", "*"):
            raise fail(number, f"unknown annotation {ident!r}")
    entity_list = []
    for ident, entity in entities.items():
        if not ident[1:].isdigit() or int(ident[1:]) < 1:
            raise fail(entity["line"], f"entity id {ident!r} is not T followed by a number from 1")
        extras = dict(notes.get(ident) or {})
        if ident in qualifiers:
            extras["qualifier"] = qualifiers[ident]
        entity_list.append(
            entity_data(int(ident[1:]) - 1, entity["label"], entity["start"], entity["end"], text, extras)
        )
    relation_links = []
    for label, head, tail, ident, number in links:
        parsed = parse_link_label(label)
        if parsed is None or head not in entities or tail not in entities:
            problem = (
                "not a zhinvest relation type"
                if parsed is None
                else f"argument {head if head not in entities else tail} is not an entity"
            )
            raise FormatError(Errors.E019.format(name=f"{name}, line {number}", doc=doc_id, link=label, reason=problem))
        note = dict(notes.get(ident) or {})
        relation = note.pop("relation", None)
        relation_links.append(Link(int(head[1:]) - 1, int(tail[1:]) - 1, *parsed, relation=relation, fields=note))
    return document(
        name,
        {
            "id": doc_id,
            "source": meta.get("source"),
            "metadata": meta.get("metadata") or {},
            "text": text,
            "entities": entity_list,
            "relations": from_links(relation_links, name=name, doc=doc_id),
        },
    )


def read(path: str | Path) -> list[Document]:
    """Documents from a folder of ``.txt``/``.ann`` pairs (with ``.meta.json`` sidecars where present)."""
    path = Path(path)
    if not path.is_dir():
        raise FormatError(Errors.E015.format(name=path, expected="a folder of brat .txt and .ann files"))
    docs = []
    for ann_path in sorted(path.glob("*.ann")):
        stem = ann_path.name[: -len(".ann")]
        meta_path = path / f"{stem}.meta.json"
        meta = load_json(meta_path) if meta_path.is_file() else {}
        if not isinstance(meta, dict):
            raise FormatError(Errors.E015.format(name=meta_path, expected="a JSON object with id, source and metadata"))
        text = _read_text(path / f"{stem}.txt")
        docs.append(from_ann(_read_text(ann_path), text, meta, name=ann_path, doc_id=str(meta.get("id") or stem)))
    return docs


def detect(path: str | Path) -> bool:
    """A folder holding ``.ann`` files."""
    path = Path(path)
    return path.is_dir() and any(path.glob("*.ann"))
