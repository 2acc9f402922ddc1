"""A ledger's events as one self-contained HTML page, each report linked to its evidence.

A report's link goes to its article's url with a text fragment from its first to its last
argument as the source writes them (``#:~:text=``, which browsers that support it scroll to
and highlight), else to its source file; the evidence is quoted
beside it with its clean-text and source offsets and the reason it joined the event. No spaCy.
"""

from __future__ import annotations

import html
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .query import Filters, events, reports

__all__ = ["render_ledger", "evidence_link"]

_STYLE = """
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:2em auto;max-width:60em;color:#222}
h1{font-size:1.4em} h2{font-size:1.15em;margin-top:2em}
.event{border:1px solid #ccc;border-radius:6px;padding:.6em 1em;margin:1em 0}
.event h3{margin:.2em 0;font-size:1em} .meta{color:#555;font-size:.9em}
ol{padding-left:1.4em} li{margin:.4em 0} blockquote{margin:.2em 0 .2em 0;padding-left:.6em;border-left:3px solid #9bd}
.why{color:#777;font-size:.8em}
"""


def _amount(value: object, currency: object) -> str:
    if value is None or value != value:  # NaN from pandas
        return ""
    amount = Decimal(str(value))
    if amount >= Decimal("1e8"):
        text = f"{(amount / Decimal('1e8')).normalize():f}亿"
    elif amount >= Decimal("1e4"):
        text = f"{(amount / Decimal('1e4')).normalize():f}万"
    else:
        text = f"{amount.normalize():f}"
    return f"{text} {currency or ''}".strip()


def evidence_link(url: str | None, source: str | None, start: str | None, end: str | None = None) -> str | None:
    """Where a report's evidence can be read: its url with a text fragment from its first to its
    last argument as the source writes them (``#:~:text=蔚能…,50億元``), else its source file."""
    if url:
        terms = [quote(term, safe="") for term in (start, end) if term]
        return f"{url}#:~:text={','.join(terms)}" if terms else url
    if source:
        path = Path(source.split("@", 1)[0].rsplit(":", 1)[0] if not Path(source).exists() else source)
        return path.resolve().as_uri() if path.exists() else None
    return None


def _present(value: object) -> str | None:
    """A text cell, or None for an empty one (None, NaN, "")."""
    return value if isinstance(value, str) and value else None


def _text(value: object) -> str:
    return "" if value is None or value != value else html.escape(str(value))


def render_ledger(connection: sqlite3.Connection, filters: Filters = Filters(kind="all"), title: str = "zhinvest ledger") -> str:
    """The page: investments, then batch summaries; every event with its reports."""
    frame = events(connection, filters)
    rows = reports(connection, filters)
    by_event: dict[str, list[dict[str, Any]]] = {}
    for row in rows.to_dict("records"):
        by_event.setdefault(row["event"], []).append(row)
    parts = [
        "<!DOCTYPE html>", '<html lang="zh"><head><meta charset="utf-8">', f"<title>{html.escape(title)}</title>",
        f"<style>{_STYLE}</style></head><body>", f"<h1>{html.escape(title)}</h1>",
        f'<p class="meta">{len(frame)} events from {len(rows)} reports in {rows["document"].nunique() if len(rows) else 0} documents</p>',
    ]
    for kind, heading in (("INVESTMENT", "Investments"), ("PROJECT_SUMMARY", "Batches of projects")):
        selected = frame[frame["type"] == kind]
        if not len(selected):
            continue
        parts.append(f"<h2>{heading} ({len(selected)})</h2>")
        for event in selected.to_dict("records"):
            place = " · ".join(x for x in (event["province"], event["city"], event["county"]) if isinstance(x, str)) or _text(event["place"])
            what = _text(event["company"]) if kind == "INVESTMENT" else f"{_text(event['count'])} projects"
            parts.append(f'<div class="event" id="{_text(event["event"])}"><h3>{what} — {_amount(event["amount"], event["currency"])}</h3>')
            parts.append(
                f'<div class="meta">{_text(event["date"]) or "date unknown"} · {html.escape(place) or "place unknown"} · '
                f'{_text(event["stages"]) or "stage unknown"} · {event["reports"]} report(s) in {event["documents"]} document(s)</div><ol>'
            )
            for report in by_event.get(event["event"], []):
                link = evidence_link(*(_present(report[key]) for key in ("url", "source", "quote_start", "quote_end")))
                name = _text(report["outlet"]) or _text(report["document"])
                anchor = f'<a href="{html.escape(link, quote=True)}">{name}</a>' if link else name
                offsets = f'text [{report["evidence_start"]}, {report["evidence_end"]}), source [{report["source_start"]}, {report["source_end"]})'
                parts.append(
                    f"<li>{anchor} <span class=\"meta\">{_text(report['document'])} · {_text(report['date']) or 'date unknown'} · "
                    f"{_text(report['investor'] or '')} {_amount(report['amount'], report['currency'])} · {_text(report['location']) or ''}"
                    f"</span><blockquote>{_text(report['evidence'])}</blockquote>"
                    f'<div class="why">{offsets}; place: {_text(report["place_reason"])}; {_text(report["join_reason"])}</div></li>'
                )
            parts.append("</ol></div>")
    parts.append("</body></html>")
    return "\n".join(parts)
