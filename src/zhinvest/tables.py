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
from .schema import Document, Entity

TABLES = ("investments", "summaries", "located")
COLUMNS: dict[str, tuple[str, ...]] = {
    "investments": ("document", "investor", "amount", "currency", "qualifier", "location", "project", "sector", "stage", "evidence"),
    "summaries": ("document", "count", "count_qualifier", "total", "currency", "total_qualifier", "stage", "scope", "evidence"),
    "located": ("document", "org", "location", "evidence"),
}
_TYPES = {"investments": "INVESTMENT", "summaries": "PROJECT_SUMMARY", "located": "LOCATED_IN"}


def check_table(table: str) -> str:
    """``table`` if it is one of :data:`TABLES`, else an :class:`~zhinvest.errors.InputError`."""
    if table not in COLUMNS:
        raise InputError(Errors.E025.format(name=table, choices=", ".join(TABLES)))
    return table


def relation_rows(document: Document, table: str) -> Iterator[dict[str, Any]]:
    """The rows of ``table`` for one document, one per relation of its type."""
    check_table(table)
    entities = {e.id: e for e in document.entities}

    def name(ref: int | None) -> str | None:
        entity: Entity | None = entities.get(ref) if ref is not None else None
        return None if entity is None else (entity.name_simplified or entity.text)

    def entity(ref: int | None) -> Entity | None:
        return entities.get(ref) if ref is not None else None

    for relation in document.relations:
        if relation.type != _TYPES[table]:
            continue
        if relation.type == "INVESTMENT":
            amount = entity(relation.amount)
            yield {
                "document": document.id, "investor": name(relation.investor),
                "amount": None if amount is None else amount.value, "currency": amount.currency if amount else None,
                "qualifier": amount.qualifier if amount else None, "location": name(relation.location),
                "project": relation.project, "sector": relation.sector, "stage": relation.stage, "evidence": relation.evidence,
            }
        elif relation.type == "PROJECT_SUMMARY":
            count, total = entity(relation.count), entity(relation.total)
            yield {
                "document": document.id, "count": count.value if count else None, "count_qualifier": count.qualifier if count else None,
                "total": total.value if total else None, "currency": total.currency if total else None,
                "total_qualifier": total.qualifier if total else None, "stage": relation.stage, "scope": relation.scope,
                "evidence": relation.evidence,
            }
        else:
            yield {"document": document.id, "org": name(relation.org), "location": name(relation.location), "evidence": relation.evidence}


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
