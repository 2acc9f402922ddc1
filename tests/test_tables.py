"""Relation tables: rows per relation, CSV and pandas DataFrames, and a clear error for an unknown table."""

from __future__ import annotations

import pytest

from zhinvest.errors import InputError
from zhinvest.tables import COLUMNS, TABLES, csv_header, relation_rows, to_dataframe


@pytest.mark.parametrize("table", TABLES)
def test_dataframe_has_the_tables_columns_and_one_row_per_relation(seed_documents, table):
    pytest.importorskip("pandas")
    docs = list(seed_documents.values())
    frame = to_dataframe(docs, table)
    assert tuple(frame.columns) == COLUMNS[table]
    assert len(frame) == sum(1 for doc in docs for _ in relation_rows(doc, table))


@pytest.mark.parametrize("call", [
    lambda docs: to_dataframe(docs, "investment"),
    lambda docs: list(relation_rows(docs[0], "relations")),
    lambda docs: csv_header("all"),
], ids=["to_dataframe", "relation_rows", "csv_header"])
def test_an_unknown_table_is_a_clear_error(seed_documents, call):
    with pytest.raises(InputError, match=r"unknown table '\w+'; choose one of investments, summaries, located"):
        call(list(seed_documents.values()))
