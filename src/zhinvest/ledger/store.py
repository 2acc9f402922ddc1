"""The ledger's SQLite file: its tables, adding documents, and the derived companies and events.

SQLite from the standard library: no extra dependency, one file to copy or hand on, any number
of readers while one build writes (WAL journal), and SQL for analysts (``sqlite3 ledger.sqlite``,
pandas, DuckDB's ``sqlite`` extension, Datasette). Tables:

- ``documents``: one row per article, keyed by ``doc_key``, the SHA-256 of its id and clean
  text: the same article again adds nothing; a new text under a known id replaces the old one.
  Provenance: id, source, url, date (from the metadata, else from the url's path: ``date_from``),
  outlet, title, and the document's own place.
- ``mentions``: every entity with its clean and source offsets and value; ORG mentions with
  their key (``name_key``) and their company in the document (``company_key``, ``company_reason``);
  LOC mentions with their division (``place_code``, ``place_reason``).
- ``reports``: every relation, with its arguments' names and values, evidence (clean offsets)
  and source offsets (the arguments' span in the source, and its first and last argument as
  written there), its company and its place (from its
  location, else the places of its sentence, else the document's place, with the reason).
- ``places``: the gazetteer (code, name, level, parent, and the province, city and county).
- derived on every build, from all documents: ``companies`` and ``company_names`` (every key
  with the company it belongs to and why), ``events`` and ``event_reports`` (``events.py``).
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from ..errors import Errors, ZhinvestError
from ..schema import RELATION_ARGUMENTS, Document, Entity
from .normalise import (
    CompanyLink, Gazetteer, PlaceResolution, company_key, document_aliases, document_place, entity_name, gazetteer, level_of, most_specific, name_key, resolve_places,
)

__all__ = ["SCHEMA_VERSION", "connect", "document_key", "add_document", "refresh"]

SCHEMA_VERSION = "1"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS places (
  code TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL, parent TEXT,
  province_code TEXT, city_code TEXT, province TEXT, city TEXT, county TEXT);
CREATE TABLE IF NOT EXISTS documents (
  doc_key TEXT PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT, url TEXT, date TEXT, date_from TEXT, outlet TEXT,
  title TEXT, place_code TEXT, text TEXT NOT NULL, added TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mentions (
  doc_key TEXT NOT NULL REFERENCES documents ON DELETE CASCADE, entity INTEGER NOT NULL,
  label TEXT NOT NULL, text TEXT NOT NULL, source_text TEXT, start INTEGER, "end" INTEGER,
  source_start INTEGER, source_end INTEGER, value TEXT, currency TEXT, unit TEXT, qualifier TEXT,
  name_key TEXT, company_key TEXT, company_reason TEXT, place_code TEXT, place_reason TEXT,
  PRIMARY KEY (doc_key, entity));
CREATE TABLE IF NOT EXISTS reports (
  doc_key TEXT NOT NULL REFERENCES documents ON DELETE CASCADE, rel INTEGER NOT NULL, type TEXT NOT NULL,
  investor TEXT, company_key TEXT, amount TEXT, currency TEXT, amount_qualifier TEXT, count INTEGER,
  location TEXT, stage TEXT, project TEXT, sector TEXT, evidence TEXT, evidence_start INTEGER,
  evidence_end INTEGER, source_start INTEGER, source_end INTEGER, quote_start TEXT, quote_end TEXT,
  place_code TEXT, place_reason TEXT, entities TEXT, PRIMARY KEY (doc_key, rel));
CREATE TABLE IF NOT EXISTS companies (company_key TEXT PRIMARY KEY, name TEXT NOT NULL, names TEXT);
CREATE TABLE IF NOT EXISTS company_names (key TEXT PRIMARY KEY, company_key TEXT NOT NULL, reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  event TEXT PRIMARY KEY, type TEXT NOT NULL, company_key TEXT, amount TEXT, currency TEXT, count INTEGER,
  place_code TEXT, place TEXT, first_date TEXT, last_date TEXT, stages TEXT, sectors TEXT,
  reports INTEGER, documents INTEGER, outlets TEXT);
CREATE TABLE IF NOT EXISTS event_reports (
  event TEXT NOT NULL, doc_key TEXT NOT NULL, rel INTEGER NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (doc_key, rel));
CREATE INDEX IF NOT EXISTS mentions_company ON mentions (company_key);
CREATE INDEX IF NOT EXISTS reports_company ON reports (company_key);
CREATE INDEX IF NOT EXISTS events_place ON events (place_code);
CREATE INDEX IF NOT EXISTS event_reports_event ON event_reports (event);
"""


def connect(path: str | Path, *, create: bool = False) -> sqlite3.Connection:
    """An open ledger. ``create`` makes the file and its tables when missing; without it a
    missing file, or one that is no ledger, is a :class:`~zhinvest.errors.ZhinvestError`."""
    path = Path(path)
    if not create and not path.is_file():
        raise ZhinvestError(Errors.E080.format(path=path))
    try:
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA foreign_keys = ON")
        if create:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.executescript(SCHEMA)
            if connection.execute("SELECT count(*) FROM places").fetchone()[0] == 0:
                _fill_places(connection, gazetteer())
            connection.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
            connection.commit()
        version = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.Error as error:
        raise ZhinvestError(Errors.E081.format(path=path, reason=error)) from None
    if version is None or version[0] != SCHEMA_VERSION:
        raise ZhinvestError(Errors.E081.format(path=path, reason=f"schema version {version and version[0]!r}, expected {SCHEMA_VERSION!r}"))
    return connection


def _fill_places(connection: sqlite3.Connection, gaz: Gazetteer) -> None:
    rows = []
    for code, (name, parent) in gaz.divisions.items():
        chain = gaz.ancestors(code)
        by_level = {level_of(c): c for c in chain}
        rows.append((
            code, name, level_of(code), parent, by_level.get("province"), by_level.get("city"),
            *(gaz.name(by_level[level]) if level in by_level else None for level in ("province", "city", "county")),
        ))
    connection.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def document_key(document: Document | Any) -> str:
    """SHA-256 of the document's (or read article's) id and clean text: what makes two documents
    the same article."""
    return hashlib.sha256(f"{document.id}\n{document.text}".encode("utf-8", "surrogatepass")).hexdigest()


def has_document(connection: sqlite3.Connection, doc_key: str) -> bool:
    return connection.execute("SELECT 1 FROM documents WHERE doc_key = ?", (doc_key,)).fetchone() is not None


def iso_date(text: str | None) -> str | None:
    """``2021-04-07`` from the date forms articles carry (2021年4月7日, RFC 2822 …), else None."""
    from ..reader.html import normalise_date

    return normalise_date(text)


#: A date in a url's path: /2018-10/15/, /202402/26/, /2010/06/08/, /2018-04-20/.
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[-/_]?(\d{2})[-/_](\d{2})(?=[/._-]|$)")


def document_date(document: Document) -> tuple[str | None, str | None]:
    """The document's date and where it comes from: ``metadata``, else ``url`` (a date in its
    path, as news sites file articles), else ``(None, None)``."""
    found = iso_date(document.metadata.date)
    if found:
        return found, "metadata"
    match = _URL_DATE.search(urlparse(document.metadata.url).path) if document.metadata.url else None
    if match:
        found = iso_date("-".join(match.groups()))
        if found:
            return found, "url"
    return None, None


def outlet(document: Document) -> str | None:
    """Who published the article: the source of its metadata, its author, else its url's host."""
    meta = document.metadata
    if meta.source or meta.author:
        return meta.source or meta.author
    return urlparse(meta.url).hostname if meta.url else None


def add_document(connection: sqlite3.Connection, document: Document, gaz: Gazetteer | None = None) -> str:
    """Store one document: ``"added"``, ``"unchanged"`` (the same id and text are there) or
    ``"replaced"`` (the id was there with another text). The caller commits."""
    gaz = gaz or gazetteer()
    key = document_key(document)
    if has_document(connection, key):
        return "unchanged"
    replaced = connection.execute("DELETE FROM documents WHERE id = ?", (document.id,)).rowcount > 0
    places = resolve_places(document, gaz)
    links = document_aliases(document)
    home = document_place([p.code for p in places.values() if p.code], gaz)
    meta = document.metadata
    connection.execute(
        "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (key, document.id, document.source, meta.url, *document_date(document), outlet(document), meta.title, home, document.text,
         datetime.now(timezone.utc).isoformat(timespec="seconds")),
    )
    rows = []
    for e in document.entities:
        link = links.get(e.id)
        place = places.get(e.id)
        rows.append((
            key, e.id, e.label, e.text, e.source_text, e.start, e.end, e.source_start, e.source_end,
            None if e.value is None else str(e.value), e.currency, e.unit, e.qualifier,
            company_key(entity_name(e)) if e.label == "ORG" else None, link.key if link else None, link.reason if link else None,
            place.code if place else None, place.reason if place else None,
        ))
    connection.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    by_id = {e.id: e for e in document.entities}
    report_rows = []
    for index, relation in enumerate(document.relations):
        report_rows.append(_report_row(key, index, relation, document, by_id, links, places, home, gaz))
    connection.executemany(f"INSERT INTO reports VALUES ({', '.join('?' * 23)})", report_rows)
    return "replaced" if replaced else "added"


#: Characters that end a sentence, for a relation without evidence.
SENTENCE_ENDS = "。！？!?；;\n"


def _evidence_span(document: Document, evidence: str | None, arguments: list[Entity]) -> tuple[int, int]:
    """Where the evidence is in the clean text (the occurrence nearest the arguments), else the
    sentence around the arguments."""
    anchor = min((e.start for e in arguments), default=0)
    if evidence:
        starts = [m.start() for m in re.finditer(re.escape(evidence), document.text)]
        if starts:
            start = min(starts, key=lambda s: abs(s - anchor) if s <= anchor else abs(s - anchor) + len(document.text))
            return start, start + len(evidence)
    end = max((e.end for e in arguments), default=0)
    text = document.text
    start = max(text.rfind(mark, 0, anchor) for mark in SENTENCE_ENDS) + 1
    ends = [found for mark in SENTENCE_ENDS if (found := text.find(mark, end)) >= 0]
    return start, (min(ends) + 1 if ends else len(text))


def _report_row(key: str, index: int, relation: Any, document: Document, by_id: dict[int, Entity], links: dict[int, CompanyLink], places: dict[int, PlaceResolution], home: str | None, gaz: Gazetteer) -> tuple[Any, ...]:
    kind = relation.type
    arguments = [by_id[getattr(relation, name)] for name in RELATION_ARGUMENTS[kind] if getattr(relation, name) is not None]
    start, end = _evidence_span(document, relation.evidence, arguments)
    org = by_id.get(relation.investor if kind == "INVESTMENT" else relation.org if kind == "LOCATED_IN" else -1)
    money = by_id.get(relation.amount if kind == "INVESTMENT" else relation.total if kind == "PROJECT_SUMMARY" else -1)
    count = by_id.get(relation.count) if kind == "PROJECT_SUMMARY" else None
    location = by_id.get(relation.location) if kind in ("INVESTMENT", "LOCATED_IN") and relation.location is not None else None
    code, reason = None, None
    if location is not None and places.get(location.id) and places[location.id].code:
        code, reason = places[location.id].code, f"location {location.text}: {places[location.id].reason}"
    else:
        missing = f"location {location.text} not resolved; " if location is not None else ""
        nearest = _nearest_place(document, start, end, org, money or count, places, home, gaz)
        if nearest is not None:
            code, reason = nearest[0], f"{missing}{nearest[1]}"
        elif home:
            code, reason = home, f"{missing}the document's place"
    return (
        key, index, kind,
        entity_name(org) if org else None, links[org.id].key if org is not None and org.id in links else None,
        None if money is None or money.value is None else str(money.value), money.currency if money else None,
        money.qualifier if money else None, count.value if count else None,
        location.text if location is not None else None, getattr(relation, "stage", None), getattr(relation, "project", None),
        getattr(relation, "sector", None) or getattr(relation, "scope", None), relation.evidence or document.text[start:end].strip(),
        start, end, min((e.source_start for e in arguments), default=None), max((e.source_end for e in arguments), default=None),
        *_quotes(arguments), code, reason, ",".join(str(e.id) for e in arguments),
    )


def _nearest_place(document: Document, start: int, end: int, org: Entity | None, money: Entity | None, places: dict[int, PlaceResolution], home: str | None, gaz: Gazetteer) -> tuple[str | None, str] | None:
    """The place of a relation without a resolved location, from its sentence ``[start, end)``:
    a place between the investor and the amount (X在L投资M), else the place nearest before the
    amount, else the nearest in the sentence; only places compatible with the document's."""
    found = [
        e for e in document.entities
        if e.label == "LOC" and start <= e.start < end and places.get(e.id) and places[e.id].code
        and (home is None or gaz.compatible(places[e.id].code, home))
    ]
    if not found:
        return None
    anchor = money.start if money is not None else end
    if org is not None and money is not None:
        between = [e for e in found if org.end <= e.start and e.end <= money.start]
        if between:
            return places[between[-1].id].code, f"the place between investor and amount in its sentence ({between[-1].text})"
    before = [e for e in found if e.end <= anchor]
    if before:
        return places[before[-1].id].code, f"the nearest place before the amount in its sentence ({before[-1].text})"
    chosen = min(found, key=lambda e: abs(e.start - anchor))
    return places[chosen.id].code, f"the nearest place in its sentence ({chosen.text})"


def _quotes(arguments: list[Entity]) -> tuple[str | None, str | None]:
    """The first and the last argument as written in the source: the ends of a text fragment
    (``#:~:text=start,end``) that finds the report in the page it came from."""
    ordered = sorted(arguments, key=lambda e: e.source_start)
    if not ordered:
        return None, None
    return ordered[0].source_text, (ordered[-1].source_text if len(ordered) > 1 else None)


def refresh(connection: sqlite3.Connection, *, window_days: int | None = None) -> dict[str, int]:
    """Recompute the derived tables (companies, events) from all the documents, so that they do
    not depend on the order documents came in. Returns counts."""
    from .events import DEFAULT_WINDOW_DAYS, Report, group_events

    window = DEFAULT_WINDOW_DAYS if window_days is None else window_days
    names = _resolve_companies(connection)
    rows = connection.execute(
        "SELECT r.doc_key, r.rel, r.type, r.company_key, r.amount, r.currency, r.count, r.place_code, d.date, r.stage, r.sector, d.id, d.outlet "
        "FROM reports r JOIN documents d USING (doc_key) WHERE r.type IN ('INVESTMENT', 'PROJECT_SUMMARY')"
    ).fetchall()
    reports = [
        Report(doc_key=r[0], rel=r[1], type=r[2], company=names.get(r[3], (r[3], ""))[0] if r[3] else None, amount=r[4], currency=r[5],
               count=r[6], place=r[7], date=r[8], stage=r[9], sector=r[10], doc_id=r[11], outlet=r[12])
        for r in rows
    ]
    events = group_events(reports, gazetteer(), window_days=window)
    gaz = gazetteer()
    connection.execute("DELETE FROM events")
    connection.execute("DELETE FROM event_reports")
    for event in events:
        members = event.reports
        connection.execute(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (event.id, event.type, event.company, event.amount, event.currency, event.count, event.place,
             gaz.name(event.place) if event.place else None, event.first_date, event.last_date,
             ",".join(event.stages), ",".join(event.sectors), len(members), len({m.doc_key for m in members}),
             ",".join(sorted({m.outlet for m in members if m.outlet}))),
        )
        connection.executemany("INSERT INTO event_reports VALUES (?, ?, ?, ?)", [(event.id, m.doc_key, m.rel, why) for m, why in zip(members, event.reasons)])
    connection.execute("INSERT OR REPLACE INTO meta VALUES ('window_days', ?)", (str(window),))
    connection.commit()
    return {
        "documents": connection.execute("SELECT count(*) FROM documents").fetchone()[0],
        "mentions": connection.execute("SELECT count(*) FROM mentions").fetchone()[0],
        "reports": connection.execute("SELECT count(*) FROM reports").fetchone()[0],
        "companies": connection.execute("SELECT count(*) FROM companies").fetchone()[0],
        "investment events": sum(1 for e in events if e.type == "INVESTMENT"),
        "summary events": sum(1 for e in events if e.type == "PROJECT_SUMMARY"),
    }


def _resolve_companies(connection: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """Every company key of the ledger mapped to its company and the reason.

    A key is its own company ("canonical key": identical keys are one company), unless some
    document links it as a 简称 to a full name (``mentions.company_key`` differs from
    ``name_key``) and all such links point at one company: then it is that company ("alias of
    K in document D"). A key linked to two companies stays its own."""
    targets: dict[str, dict[str, str]] = {}
    for own, linked, doc_id in connection.execute(
        "SELECT m.name_key, m.company_key, d.id FROM mentions m JOIN documents d USING (doc_key) "
        "WHERE m.label = 'ORG' AND m.company_key != m.name_key ORDER BY d.id"
    ):
        targets.setdefault(own, {}).setdefault(linked, doc_id)
    resolved: dict[str, tuple[str, str]] = {}
    keys = [row[0] for row in connection.execute("SELECT DISTINCT company_key FROM mentions WHERE label = 'ORG'")]
    for key in keys:
        linked = targets.get(key, {})
        if len(linked) == 1:
            (target, doc_id), = linked.items()
            resolved[key] = (target, f"alias of {target} in document {doc_id}")
        else:
            reason = "canonical key" if not linked else f"canonical key (an alias of {len(linked)} companies elsewhere: not merged)"
            resolved[key] = (key, reason)
    display: dict[str, list[str]] = {}
    for text, key in connection.execute("SELECT text, company_key FROM mentions WHERE label = 'ORG' ORDER BY length(text) DESC, text"):
        display.setdefault(resolved.get(key, (key, ""))[0], []).append(name_key(text))
    connection.execute("DELETE FROM companies")
    connection.execute("DELETE FROM company_names")
    for company, texts in display.items():
        unique = list(dict.fromkeys(texts))
        connection.execute("INSERT INTO companies VALUES (?, ?, ?)", (company, unique[0], "|".join(unique)))
    connection.executemany("INSERT INTO company_names VALUES (?, ?, ?)", [(key, company, reason) for key, (company, reason) in resolved.items()])
    return resolved


def add_documents(connection: sqlite3.Connection, documents: Iterable[Document], commit_every: int = 50) -> dict[str, int]:
    """:func:`add_document` over many, committing as it goes; counts by outcome."""
    counts = {"added": 0, "unchanged": 0, "replaced": 0}
    gaz = gazetteer()
    for number, document in enumerate(documents, 1):
        counts[add_document(connection, document, gaz)] += 1
        if number % commit_every == 0:
            connection.commit()
    connection.commit()
    return counts
