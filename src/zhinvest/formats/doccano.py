"""The ``doccano`` format: JSON lines as doccano's relation-extraction export, one document per line::

    {"text": "...", "doc_id": "000_83a0861aacad86cc", "source": "...", "metadata": {...},
     "entities": [{"id": 0, "label": "MONEY", "start_offset": 31, "end_offset": 37,
                   "value": "489800000000", "currency": "CNY", "qualifier": "exact", ...}],
     "relations": [{"id": 0, "from_id": 0, "to_id": 3, "type": "INVESTMENT:investor",
                    "relation": 0, "stage": "planned"}]}

Entity ids are the document's entity ids. Relations are binary, written as links from a pivot
argument as in the ``labelstudio`` format (``INVESTMENT:investor`` from the amount, …). What
doccano has no field for travels in extra keys: ``doc_id``, ``source`` and ``metadata`` on the
line (doccano keeps unknown keys of an imported line as metadata), an entity's other fields
on the entity, and on each link ``relation`` (the index of the n-ary relation it belongs to)
with that relation's stage, project, sector, scope and evidence. Links without ``relation``
(drawn in doccano) are grouped by type and pivot.

For reading, doccano's sequence-labelling export (``"label": [[start, end, "MONEY"], ...]``)
is accepted too; a line's ``id`` names the document when there is no ``doc_id``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import Errors, FormatError
from ..schema import Document
from ._common import Link, document, entity_data, entity_extras, first_json_line, from_links, parse_link_label, to_links

NAME = "doccano"
#: The file ending written when a destination has none.
SUFFIX = ".jsonl"
_ENTITY_KEYS = ("id", "label", "start_offset", "end_offset")
_LINK_KEYS = ("id", "from_id", "to_id", "type", "relation")


def to_line(doc: Document) -> dict[str, Any]:
    """One doccano JSON line for ``doc``."""
    return {
        "text": doc.text,
        "doc_id": doc.id,
        "source": doc.source,
        "metadata": doc.metadata.model_dump(mode="json"),
        "entities": [
            {
                "id": entity.id,
                "label": entity.label,
                "start_offset": entity.start,
                "end_offset": entity.end,
                **entity_extras(entity),
            }
            for entity in doc.entities
        ],
        "relations": [
            {
                "id": index,
                "from_id": link.head,
                "to_id": link.tail,
                "type": link.label(":"),
                "relation": link.relation,
                **link.fields,
            }
            for index, link in enumerate(to_links(doc.relations))
        ],
    }


def from_line(data: Any, *, name: str | Path = "<line>", line: int = 1) -> Document:
    """The :class:`Document` one doccano JSON line holds."""
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise FormatError(Errors.E013.format(name=name, line=line, reason="expected a JSON object with a text"))
    text: str = data["text"]
    doc_id = str(data.get("doc_id") or data.get("id") or f"{Path(str(name)).stem}-{line}")
    entities = []
    if "entities" in data:
        for item in data["entities"]:
            if not isinstance(item, dict) or any(key not in item for key in _ENTITY_KEYS):
                raise FormatError(
                    Errors.E013.format(name=name, line=line, reason=f"an entity needs {', '.join(_ENTITY_KEYS)}")
                )
            extras = {key: value for key, value in item.items() if key not in _ENTITY_KEYS}
            entities.append(
                entity_data(item["id"], item["label"], item["start_offset"], item["end_offset"], text, extras)
            )
    else:
        for index, item in enumerate(data.get("label") or []):
            if not isinstance(item, list) or len(item) != 3:
                raise FormatError(Errors.E013.format(name=name, line=line, reason="a label needs [start, end, label]"))
            start, end, label = item
            entities.append(entity_data(index, label, start, end, text, None))
    links = []
    for item in data.get("relations") or []:
        if not isinstance(item, dict) or any(key not in item for key in ("from_id", "to_id", "type")):
            raise FormatError(
                Errors.E013.format(name=name, line=line, reason="a relation needs from_id, to_id and type")
            )
        parsed = parse_link_label(str(item["type"]))
        if parsed is None:
            raise FormatError(
                Errors.E019.format(name=name, doc=doc_id, link=item["type"], reason="not a zhinvest relation label")
            )
        fields = {key: value for key, value in item.items() if key not in _LINK_KEYS}
        links.append(Link(item["from_id"], item["to_id"], *parsed, relation=item.get("relation"), fields=fields))
    return document(
        f"{name}, line {line}",
        {
            "id": doc_id,
            "source": data.get("source"),
            "metadata": data.get("metadata") or {},
            "text": text,
            "entities": entities,
            "relations": from_links(links, name=name, doc=doc_id),
        },
    )


def write(docs: Iterable[Document], path: str | Path) -> None:
    """Write ``docs`` to a JSON-lines file, one document per line."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for doc in docs:
            out.write(json.dumps(to_line(doc), ensure_ascii=False) + "\n")


def read(path: str | Path) -> list[Document]:
    """Documents from a doccano JSON-lines file."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except UnicodeDecodeError as error:
        raise FormatError(Errors.E006.format(name=path, reason=error)) from None
    docs = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise FormatError(Errors.E013.format(name=path, line=number, reason=f"not valid JSON: {error}")) from None
        docs.append(from_line(data, name=path, line=number))
    return docs


def detect(path: str | Path) -> bool:
    """A ``.jsonl``/``.json`` file whose first line is an object with ``text`` and doccano's ``entities`` or ``label``."""
    path = Path(path)
    if path.suffix not in (".jsonl", ".json") or not path.is_file():
        return False
    first = first_json_line(path)
    if not isinstance(first, dict) or not isinstance(first.get("text"), str) or "data" in first:
        return False
    entities = first.get("entities")
    if isinstance(entities, list) and entities:
        return isinstance(entities[0], dict) and "start_offset" in entities[0]
    return "doc_id" in first or "label" in first or not isinstance(first.get("id"), str)
