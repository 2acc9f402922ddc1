"""An investment ledger across articles: one fact, however many outlets report it.

>>> from zhinvest.ledger import Ledger
>>> ledger = Ledger.build(["seeds/", "out/part-*.jsonl"], "ledger.sqlite")   # doctest: +SKIP
>>> ledger.events(place="河北")                  # a pandas DataFrame            # doctest: +SKIP
>>> ledger.reports(company="蔚能")               # one row per report, with provenance  # doctest: +SKIP

- ``store.py``: the SQLite file (documents, mentions, reports with provenance; derived
  companies and events), idempotent by a hash of each article's id and text;
- ``normalise.py``: company keys and same-document 简称 links; places to division codes;
- ``events.py``: the rule that makes reports of one investment (or batch) one event;
- ``query.py`` and ``render.py``: DataFrames and an HTML page, without spaCy;
- ``ingest.py``: what ``ledger build`` reads (articles, and documents already extracted).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..schema import Document, Failure

__all__ = ["BuildReport", "Ledger"]


@dataclass
class BuildReport:
    """What a build did: documents added, unchanged, replaced; failures; the ledger's counts."""

    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    failures: list[Failure] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        totals = ", ".join(f"{value} {name}" for name, value in self.totals.items())
        return (f"{self.added} added, {self.unchanged} unchanged, {self.replaced} replaced, {len(self.failures)} failed; "
                f"ledger now: {totals}")


class Ledger:
    """A ledger file: build it from inputs, read its events and reports as DataFrames."""

    def __init__(self, path: str | Path, *, create: bool = False) -> None:
        from .store import connect

        self.path = Path(path)
        self.connection: sqlite3.Connection = connect(self.path, create=create)

    @classmethod
    def build(
        cls,
        inputs: Iterable[str],
        path: str | Path,
        *,
        extract: Callable[[Iterator[Any]], Iterator[Document | Failure]] | None = None,
        window_days: int | None = None,
        on_failure: Callable[[Failure], None] = lambda _: None,
        report: BuildReport | None = None,
        **source_options: Any,
    ) -> "Ledger":
        """Add the documents of ``inputs`` (anything ``zhinvest extract`` reads, and its JSON
        Lines output) to the ledger at ``path`` (made when missing), then recompute companies
        and events. ``extract`` turns sources into documents (default: a rules+NER
        :class:`~zhinvest.engine.Pipeline`, built only when some article is new)."""
        ledger = cls(path, create=True)
        ledger.add(inputs, extract=extract, on_failure=on_failure, report=report, **source_options)
        totals = ledger.refresh(window_days=window_days)
        if report is not None:
            report.totals = totals
        return ledger

    def add(
        self,
        inputs: Iterable[str],
        *,
        extract: Callable[[Iterator[Any]], Iterator[Document | Failure]] | None = None,
        on_failure: Callable[[Failure], None] = lambda _: None,
        report: BuildReport | None = None,
        **source_options: Any,
    ) -> BuildReport:
        """Add documents without recomputing events (call :meth:`refresh` after)."""
        from .ingest import iter_documents
        from .normalise import gazetteer
        from .store import add_document, document_key, has_document

        report = report if report is not None else BuildReport()
        gaz = gazetteer()

        def skipped() -> None:
            report.unchanged += 1

        def default_extract(sources: Iterator[Any]) -> Iterator[Document | Failure]:
            from ..engine import Pipeline

            return Pipeline().pipe(sources, on_error="record")

        documents = iter_documents(
            inputs, is_known=lambda article: has_document(self.connection, document_key(article)),
            extract=extract or default_extract, on_skip=skipped, **source_options,
        )
        for number, result in enumerate(documents, 1):
            if isinstance(result, Failure):
                report.failures.append(result)
                on_failure(result)
                continue
            outcome = add_document(self.connection, result, gaz)
            setattr(report, outcome, getattr(report, outcome) + 1)
            if number % 50 == 0:
                self.connection.commit()
        self.connection.commit()
        return report

    def refresh(self, *, window_days: int | None = None) -> dict[str, int]:
        from .store import refresh

        return refresh(self.connection, window_days=window_days)

    def events(self, **filters: Any) -> Any:
        """Events as a pandas DataFrame; filters as :class:`~zhinvest.ledger.query.Filters`
        (place, company, sector, stage, since, until, kind)."""
        from .query import Filters, events

        return events(self.connection, Filters(**filters))

    def reports(self, **filters: Any) -> Any:
        """The reports of the events :meth:`events` gives, one row each, with provenance."""
        from .query import Filters, reports

        return reports(self.connection, Filters(**filters))

    def companies(self) -> Any:
        """Companies with every name they go by, and the reason each key belongs to them."""
        import pandas as pd

        return pd.read_sql_query(
            "SELECT c.company_key, c.name, c.names, n.key, n.reason FROM companies c JOIN company_names n ON n.company_key = c.company_key ORDER BY c.company_key, n.key",
            self.connection,
        )

    def render(self, **filters: Any) -> str:
        from .query import Filters
        from .render import render_ledger

        return render_ledger(self.connection, Filters(**{"kind": "all", **filters}))

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
