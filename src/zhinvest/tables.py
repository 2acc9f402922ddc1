"""Relations as rows: one row per relation, for CSV files and pandas DataFrames.

``relation_rows(doc, "investments")`` gives dicts with the columns of :data:`COLUMNS`;
``to_dataframe(docs, "investments")`` the same for a corpus as a pandas DataFrame (pandas is
optional: ``pip install pandas``). The tables are :data:`TABLES`: ``investments``
(INVESTMENT), ``summaries`` (PROJECT_SUMMARY) and ``located`` (LOCATED_IN); another name
raises :class:`~zhinvest.errors.InputError`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import Errors, InputError
from .schema import RELATION_SPECS, Column, Document, Entity, Relation

#: Table name → the relation type it lists, from :data:`~zhinvest.schema.RELATION_SPECS`.
_TYPES: dict[str, str] = {spec.table: kind for kind, spec in RELATION_SPECS.items()}
TABLES: tuple[str, ...] = tuple(_TYPES)
#: Each table's columns: the document id, then the relation type's columns.
COLUMNS: dict[str, tuple[str, ...]] = {spec.table: ("document", *(column.name for column in spec.columns)) for spec in RELATION_SPECS.values()}


def check_table(table: str) -> str:
    """``table`` if it is one of :data:`TABLES`, else an :class:`~zhinvest.errors.InputError`."""
    if table not in COLUMNS:
        raise InputError(Errors.E025.format(name=table, choices=", ".join(TABLES)))
    return table


def relation_rows(document: Document, table: str) -> Iterator[dict[str, Any]]:
    """The rows of ``table`` for one document, one per relation of its type."""
    spec = RELATION_SPECS[_TYPES[check_table(table)]]
    entities = {e.id: e for e in document.entities}
    for relation in document.relations:
        if relation.type != spec.type:
            continue
        row: dict[str, Any] = {"document": document.id}
        for column in spec.columns:
            row[column.name] = _cell(relation, column, entities)
        yield row


def _cell(relation: Relation, column: Column, entities: dict[int, Entity]) -> Any:
    if column.argument is None:
        return getattr(relation, column.field)
    ref = getattr(relation, column.argument)
    entity = entities.get(ref) if ref is not None else None
    if entity is None:
        return None
    if column.field == "name":
        return entity.name_simplified or entity.text
    return getattr(entity, column.field)


def csv_header(table: str) -> str:
    return ",".join(COLUMNS[check_table(table)]) + "\r\n"


def csv_rows(document: Document, table: str) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS[table])
    for row in relation_rows(document, table):
        writer.writerow({k: "" if v is None else str(v) for k, v in row.items()})
    return buffer.getvalue()


def to_dataframe(documents: Iterable[Document], table: str) -> Any:
    """A pandas DataFrame with one row per relation of ``table`` (one of :data:`TABLES`) over
    all documents: ``to_dataframe(docs, "investments")``."""
    check_table(table)
    import pandas as pd

    return pd.DataFrame([row for doc in documents for row in relation_rows(doc, table)], columns=list(COLUMNS[table]))


def relation_lines(document: Document, tables: Iterable[str] = TABLES) -> Iterator[str]:
    """One readable line per relation of ``tables``: its type, then its filled columns."""
    for table in tables:
        for row in relation_rows(document, table):
            fields = "  ".join(f"{key}={value}" for key, value in row.items() if key not in ("document", "evidence") and value not in (None, ""))
            yield f"{_TYPES[table]:<16} {fields}"
