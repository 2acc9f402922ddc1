"""Reading a ledger: events and reports as pandas DataFrames, filtered. No spaCy here.

``--place`` is a division at any level, by full or short name (河北, 廊坊市, 嘉定): a province
finds the facts placed in it and in its cities and counties. A name the gazetteer does not hold
(a zone: 临港) finds the events with a report whose location contains it. ``--company`` finds the
companies whose key or any name contains it (in Simplified); ``--sector`` and ``--stage`` match
the events' sectors and stages; ``--since``/``--until`` their first report's date (an event with
no date is left out when either is given).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import Errors, ZhinvestError
from .normalise import Gazetteer, gazetteer, name_key

__all__ = ["Filters", "events", "reports", "place_codes"]

KINDS = {"investments": ("INVESTMENT",), "summaries": ("PROJECT_SUMMARY",), "all": ("INVESTMENT", "PROJECT_SUMMARY")}

EVENT_COLUMNS = ("event", "type", "date", "company", "amount", "currency", "count", "place", "province", "city", "county",
                 "stages", "sectors", "reports", "documents", "outlets")
REPORT_COLUMNS = ("event", "type", "document", "date", "outlet", "url", "source", "company", "investor", "amount", "currency",
                  "count", "location", "place", "province", "city", "county", "place_reason", "stage", "sector", "evidence",
                  "evidence_start", "evidence_end", "source_start", "source_end", "quote_start", "quote_end", "join_reason")


@dataclass(frozen=True)
class Filters:
    place: str | None = None
    company: str | None = None
    sector: str | None = None
    stage: str | None = None
    since: str | None = None
    until: str | None = None
    kind: str = "investments"

    def __post_init__(self) -> None:
        for option, value in (("--since", self.since), ("--until", self.until)):
            if value is not None:
                try:
                    date.fromisoformat(value)
                except ValueError:
                    raise ZhinvestError(Errors.E083.format(option=option, value=value)) from None


def place_codes(place: str, gaz: Gazetteer | None = None) -> list[str]:
    """The divisions a place name in a query stands for: the highest level among its readings
    (河北 → 河北省, not 天津's 河北区), all of them when they share that level."""
    gaz = gaz or gazetteer()
    codes, _ = gaz.candidates(place)
    if not codes:
        return []
    top = min(len(gaz.ancestors(code)) for code in codes)
    return [code for code in codes if len(gaz.ancestors(code)) == top]


def _where(filters: Filters, alias: str) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``events`` (as ``alias``) joined with ``places p`` and ``companies c``."""
    kinds = KINDS[filters.kind]
    clauses = [f"{alias}.type IN ({', '.join('?' * len(kinds))})"]
    params: list[Any] = list(kinds)
    if filters.place:
        codes = place_codes(filters.place)
        if codes:
            marks = ", ".join("?" * len(codes))
            clauses.append(f"(p.code IN ({marks}) OR p.province_code IN ({marks}) OR p.city_code IN ({marks}))")
            params += codes * 3
        else:
            clauses.append(f"EXISTS (SELECT 1 FROM event_reports x JOIN reports r USING (doc_key, rel) WHERE x.event = {alias}.event AND instr(r.location, ?) > 0)")
            params.append(name_key(filters.place))
    if filters.company:
        needle = name_key(filters.company)
        clauses.append(f"(instr({alias}.company_key, ?) > 0 OR instr(c.names, ?) > 0)")
        params += [needle, needle]
    if filters.sector:
        clauses.append(f"instr({alias}.sectors, ?) > 0")
        params.append(name_key(filters.sector))
    if filters.stage:
        clauses.append(f"instr(',' || {alias}.stages || ',', ?) > 0")
        params.append(f",{filters.stage},")
    if filters.since:
        clauses.append(f"{alias}.first_date >= ?")
        params.append(filters.since)
    if filters.until:
        clauses.append(f"{alias}.first_date <= ?")
        params.append(filters.until)
    return clauses, params


def events(connection: sqlite3.Connection, filters: Filters = Filters()) -> Any:
    """One row per event (columns :data:`EVENT_COLUMNS`), by type and date."""
    import pandas as pd

    clauses, params = _where(filters, "e")
    sql = (
        "SELECT e.event, e.type, e.first_date AS date, coalesce(c.name, e.company_key) AS company, e.amount, e.currency, e.count, "
        "e.place, p.province, p.city, p.county, e.stages, e.sectors, e.reports, e.documents, e.outlets "
        "FROM events e LEFT JOIN places p ON p.code = e.place_code LEFT JOIN companies c ON c.company_key = e.company_key "
        f"WHERE {' AND '.join(clauses)} ORDER BY e.type, coalesce(e.first_date, '9999'), company, e.event"
    )
    frame = pd.read_sql_query(sql, connection, params=params)
    return frame.astype({"count": "Int64", "reports": "Int64", "documents": "Int64"})


def reports(connection: sqlite3.Connection, filters: Filters = Filters()) -> Any:
    """One row per report of the events :func:`events` gives, with its provenance (columns
    :data:`REPORT_COLUMNS`), by event."""
    import pandas as pd

    clauses, params = _where(filters, "e")
    sql = (
        "SELECT e.event, e.type, d.id AS document, d.date, d.outlet, d.url, d.source, coalesce(c.name, e.company_key) AS company, "
        "r.investor, r.amount, r.currency, r.count, r.location, q.name AS place, q.province, q.city, q.county, r.place_reason, "
        "r.stage, r.sector, r.evidence, r.evidence_start, r.evidence_end, r.source_start, r.source_end, r.quote_start, r.quote_end, x.reason AS join_reason "
        "FROM events e JOIN event_reports x ON x.event = e.event JOIN reports r ON r.doc_key = x.doc_key AND r.rel = x.rel "
        "JOIN documents d ON d.doc_key = r.doc_key LEFT JOIN places q ON q.code = r.place_code "
        "LEFT JOIN places p ON p.code = e.place_code LEFT JOIN companies c ON c.company_key = e.company_key "
        f"WHERE {' AND '.join(clauses)} ORDER BY e.type, coalesce(e.first_date, '9999'), company, e.event, d.date, d.id, r.rel"
    )
    frame = pd.read_sql_query(sql, connection, params=params)
    return frame.astype({"count": "Int64", "evidence_start": "Int64", "evidence_end": "Int64", "source_start": "Int64", "source_end": "Int64"})
