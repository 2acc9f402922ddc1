"""The ``labelstudio`` format: a JSON list of Label Studio tasks for an NER + relation project.

One task per document, for the labelling config :func:`labelstudio_config`::

    {"data": {"text": "<clean text>", "zhinvest": {...}},
     "annotations": [{"result": [
        {"id": "e0", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 31, "end": 37, "text": "4898亿元", "labels": ["MONEY"]}},
        {"from_id": "e0", "to_id": "e3", "type": "relation", "direction": "right",
         "labels": ["INVESTMENT:investor"]}]}]}

Region ids are ``e<entity id>``. Label Studio relations are binary, so an n-ary relation is
written as links from a pivot argument: INVESTMENT from ``amount`` (``INVESTMENT:investor``,
``INVESTMENT:location``), PROJECT_SUMMARY from ``count`` (``PROJECT_SUMMARY:total``),
LOCATED_IN from ``org`` (``LOCATED_IN:location``); a PROJECT_SUMMARY without a total is a
link from the count to itself (``PROJECT_SUMMARY:count``).

A relation link cannot hold more fields, so ``data["zhinvest"]`` keeps what the regions and
links cannot: ``id``, ``source``, ``metadata``, ``entities`` (region id → entity id and the
entity's other fields: value, currency, unit, qualifier, source offsets and text, simplified
name) and ``relations`` (the full relations, with stage, project, sector, scope, evidence).
On reading, the regions and links are authoritative: when the links are exactly those of
``data["zhinvest"]["relations"]`` those relations come back unchanged; when an annotator has
changed them, relations are rebuilt from the links (see :func:`._common.from_links`).

Documents are written as ``annotations`` (gold: what Label Studio shows as completed work), or
with ``result_key="predictions"`` (``zhinvest convert --to labelstudio --predictions``) as
model output for an annotator to correct, with a ``model_version``. Reading takes a task's
last annotation that was not cancelled, else its first prediction.
Offsets are Unicode code points, as Python's and current Label Studio's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from ..about import LABELS, __version__
from ..errors import Errors, FormatError
from ..schema import Document
from ._common import (
    RELATION_CLASSES,
    Link,
    document,
    entity_data,
    entity_extras,
    from_links,
    link_labels,
    load_json,
    parse_link_label,
    reason,
    to_links,
)

NAME = "labelstudio"
#: The file ending written when a destination has none.
SUFFIX = ".json"
FROM_NAME = "label"
TO_NAME = "text"
#: Key of zhinvest's own fields in a task's ``data``.
DATA_KEY = "zhinvest"
#: Label colours in the labelling config.
COLOURS = {
    "MONEY": "#f4a261",
    "AREA": "#e9c46a",
    "PROJECT_COUNT": "#2a9d8f",
    "ORG": "#457b9d",
    "LOC": "#8ab17d",
    "PERSON": "#e76f51",
}


def labelstudio_config() -> str:
    """The labelling-config XML of an NER + relation project for these tasks."""
    labels = "\n".join(f'    <Label value="{label}" background="{COLOURS[label]}"/>' for label in LABELS)
    relations = "\n".join(f'    <Relation value="{label}"/>' for label, _, _ in link_labels(":"))
    return (
        "<View>\n"
        f'  <Labels name="{FROM_NAME}" toName="{TO_NAME}">\n{labels}\n  </Labels>\n'
        f"  <Relations>\n{relations}\n  </Relations>\n"
        f'  <Text name="{TO_NAME}" value="$text"/>\n'
        "</View>\n"
    )


def _region_id(entity_id: int) -> str:
    return f"e{entity_id}"


ResultKey = Literal["annotations", "predictions"]


def to_task(doc: Document, result_key: ResultKey = "annotations") -> dict[str, Any]:
    """One Label Studio task for ``doc``, its entities and relations under ``result_key``:
    ``annotations`` for gold, ``predictions`` for model output."""
    result: list[dict[str, Any]] = [
        {
            "id": _region_id(entity.id),
            "from_name": FROM_NAME,
            "to_name": TO_NAME,
            "type": "labels",
            "value": {"start": entity.start, "end": entity.end, "text": entity.text, "labels": [entity.label]},
        }
        for entity in doc.entities
    ]
    result += [
        {
            "from_id": _region_id(link.head),
            "to_id": _region_id(link.tail),
            "type": "relation",
            "direction": "right",
            "labels": [link.label(":")],
        }
        for link in to_links(doc.relations)
    ]
    extras = {
        "id": doc.id,
        "source": doc.source,
        "metadata": doc.metadata.model_dump(mode="json"),
        "entities": {_region_id(entity.id): {"id": entity.id, **entity_extras(entity)} for entity in doc.entities},
        "relations": [relation.model_dump(mode="json") for relation in doc.relations],
    }
    entry: dict[str, Any] = {"result": result}
    if result_key == "predictions":
        entry["model_version"] = f"zhinvest {__version__}"
    return {"data": {"text": doc.text, DATA_KEY: extras}, result_key: [entry]}


def from_task(task: Any, *, name: str | Path = "<task>", index: int = 0) -> Document:
    """The :class:`Document` a Label Studio task holds."""
    data = task.get("data") if isinstance(task, dict) else None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise FormatError(Errors.E015.format(name=name, expected=f"a task with data.text (task {index})"))
    text: str = data["text"]
    extras = data.get(DATA_KEY) or {}
    doc_id = str(extras.get("id") or task.get("id") or f"{Path(str(name)).stem}-{index}")
    known = extras.get("entities") or {}
    result = _chosen_result(task)
    regions = [item for item in result if item.get("type") == "labels"]
    used = {record["id"] for record in known.values() if isinstance(record, dict) and "id" in record}
    next_id = max(used, default=-1) + 1
    entity_ids: dict[str, int] = {}
    entities = []
    for item in regions:
        region = str(item.get("id", ""))
        value = item.get("value") or {}
        labels = value.get("labels") or []
        start, end = value.get("start"), value.get("end")
        if len(labels) != 1 or not isinstance(start, int) or not isinstance(end, int):
            problem = f"region {region or '?'} needs integer start and end and exactly one label"
            raise FormatError(Errors.E010.format(name=name, reason=f"task {doc_id}: {problem}"))
        if "text" in value and value["text"] != text[start:end]:
            problem = f"region {region}: {value['text']!r} is not the text at [{start}, {end})"
            raise FormatError(Errors.E010.format(name=name, reason=f"task {doc_id}: {problem}"))
        record = dict(known.get(region) or {})
        entity_id = record.pop("id", None)
        if entity_id is None or entity_id in entity_ids.values():
            entity_id, next_id = next_id, next_id + 1
        entity_ids[region] = entity_id
        entities.append(entity_data(entity_id, labels[0], start, end, text, record))
    links = [_link(item, entity_ids, name=name, doc=doc_id) for item in result if item.get("type") == "relation"]
    records = [_record(relation, name=name, doc=doc_id) for relation in extras.get("relations") or []]
    return document(
        name,
        {
            "id": doc_id,
            "source": extras.get("source"),
            "metadata": extras.get("metadata") or {},
            "text": text,
            "entities": entities,
            "relations": from_links(links, records, name=name, doc=doc_id),
        },
    )


def _chosen_result(task: dict[str, Any]) -> list[dict[str, Any]]:
    annotations = [entry for entry in task.get("annotations") or [] if not entry.get("was_cancelled")]
    chosen = annotations[-1] if annotations else next(iter(task.get("predictions") or []), {})
    result = chosen.get("result") if isinstance(chosen, dict) else None
    return [item for item in result or [] if isinstance(item, dict)]


def _link(item: dict[str, Any], entity_ids: dict[str, int], *, name: str | Path, doc: str) -> Link:
    labels = item.get("labels") or []
    label = labels[0] if len(labels) == 1 else repr(labels)
    parsed = parse_link_label(label)
    if parsed is None:
        raise FormatError(Errors.E019.format(name=name, doc=doc, link=label, reason="not a zhinvest relation label"))
    head, tail = str(item.get("from_id")), str(item.get("to_id"))
    if item.get("direction") == "left":
        head, tail = tail, head
    if head not in entity_ids or tail not in entity_ids:
        raise FormatError(
            Errors.E019.format(name=name, doc=doc, link=label, reason=f"points at a missing region {head} or {tail}")
        )
    return Link(entity_ids[head], entity_ids[tail], *parsed)


def _record(data: Any, *, name: str | Path, doc: str) -> Any:
    kind = data.get("type") if isinstance(data, dict) else None
    if kind not in RELATION_CLASSES:
        raise FormatError(
            Errors.E010.format(name=name, reason=f"task {doc}: unknown relation {kind!r} in data.{DATA_KEY}.relations")
        )
    try:
        return RELATION_CLASSES[kind].model_validate(data)
    except ValidationError as error:
        raise FormatError(Errors.E010.format(name=name, reason=f"task {doc}: {reason(error)}")) from None


def write(docs: Iterable[Document], path: str | Path, *, result_key: ResultKey = "annotations") -> None:
    """Write ``docs`` as a JSON list of tasks: gold ``annotations`` by default,
    ``result_key="predictions"`` for model output (pre-annotations)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tasks = [to_task(doc, result_key) for doc in docs]
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def read(path: str | Path) -> list[Document]:
    """Documents from a JSON list of Label Studio tasks (or one task)."""
    path = Path(path)
    tasks = load_json(path)
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise FormatError(Errors.E015.format(name=path, expected="a JSON list of Label Studio tasks"))
    return [from_task(task, name=path, index=index) for index, task in enumerate(tasks)]


def detect(path: str | Path) -> bool:
    """A ``.json`` file holding Label Studio tasks (objects with ``data``)."""
    path = Path(path)
    if path.suffix != ".json" or not path.is_file():
        return False
    try:
        tasks = load_json(path)
    except FormatError:
        return False
    first = tasks[0] if isinstance(tasks, list) and tasks else tasks
    return isinstance(first, dict) and isinstance(first.get("data"), dict)
