"""The event rule: which reports are one fact.

Two INVESTMENT reports are the same investment when all of these hold:

- **company**: the same company (``store._resolve_companies``: identical canonical key, or a
  简称 linked to its full name in some document);
- **amount**: the same currency, and the amounts are equal once both are rounded to the
  significant digits of the less precise one, counting at least two (4898亿 = 4900亿, 5.03亿 =
  5亿, 1.12万亿 = 1.1万亿; 50亿 ≠ 51亿, 50亿 ≠ 55亿); the qualifier (超过, 约) is not compared;
- **place**: compatible: one lies inside the other (嘉定区 and 上海), or either is unknown;
- **date**: the documents' dates at most ``window_days`` apart (default 30), or either unknown.

PROJECT_SUMMARY reports (a batch of projects) are the same batch when they state the same
count, totals that agree as amounts do, compatible places and stages and dates in the window.
A summary without its total is its own event (a count alone is too weak to merge on).

Reports are taken in order of company (or count), date, document and relation, and each joins
the first event of its block all of whose reports it agrees with, else starts one. So every
report of an event agrees with every other (no chains through a middle report), and the result
does not depend on the order documents were added.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .normalise import Gazetteer, gazetteer, most_specific

__all__ = ["DEFAULT_WINDOW_DAYS", "Event", "Report", "amounts_agree", "group_events"]

#: Reports of one investment are at most this many days apart.
DEFAULT_WINDOW_DAYS = 30
_STAGES = ("planned", "signed", "started", "landed")


@dataclass(frozen=True)
class Report:
    """One relation of one document, as the event rule sees it."""

    doc_key: str
    rel: int
    type: str
    company: str | None = None
    amount: str | None = None
    currency: str | None = None
    count: int | None = None
    place: str | None = None
    date: str | None = None
    stage: str | None = None
    sector: str | None = None
    doc_id: str = ""
    outlet: str | None = None


@dataclass
class Event:
    id: str
    type: str
    reports: list[Report] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def company(self) -> str | None:
        return self.reports[0].company

    @property
    def amount(self) -> str | None:
        """The most precise amount reported."""
        amounts = [Decimal(r.amount) for r in self.reports if r.amount is not None]
        return str(max(amounts, key=_significant)) if amounts else None

    @property
    def currency(self) -> str | None:
        return self.reports[0].currency

    @property
    def count(self) -> int | None:
        return self.reports[0].count

    @property
    def place(self) -> str | None:
        return most_specific(r.place for r in self.reports)

    @property
    def first_date(self) -> str | None:
        return min((r.date for r in self.reports if r.date), default=None)

    @property
    def last_date(self) -> str | None:
        return max((r.date for r in self.reports if r.date), default=None)

    @property
    def stages(self) -> list[str]:
        found = {r.stage for r in self.reports if r.stage}
        return [s for s in _STAGES if s in found]

    @property
    def sectors(self) -> list[str]:
        return sorted({r.sector for r in self.reports if r.sector})


def _significant(value: Decimal) -> int:
    """Significant digits written (trailing zeros do not count), at least two."""
    if value == 0:
        return 2
    digits = value.normalize().as_tuple().digits
    return max(2, len(digits))


def _round(value: Decimal, digits: int) -> Decimal:
    if value == 0:
        return value
    exponent = value.adjusted() - digits + 1
    return value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)


def amounts_agree(first: str | Decimal | None, second: str | Decimal | None) -> bool:
    """Whether two amounts are the same once rounded to the less precise one's significant digits."""
    if first is None or second is None:
        return False
    a, b = Decimal(first), Decimal(second)
    digits = min(_significant(a), _significant(b))
    return _round(a, digits) == _round(b, digits)


def _days_apart(first: str | None, second: str | None) -> int | None:
    if not first or not second:
        return None
    try:
        return abs((date.fromisoformat(first) - date.fromisoformat(second)).days)
    except ValueError:
        return None


def _agrees(report: Report, other: Report, gaz: Gazetteer, window_days: int) -> str | None:
    """Why ``report`` is the same fact as ``other`` (a reason), or None when it is not."""
    if report.currency != other.currency or not amounts_agree(report.amount, other.amount):
        return None
    if not gaz.compatible(report.place, other.place):
        return None
    apart = _days_apart(report.date, other.date)
    if apart is not None and apart > window_days:
        return None
    if report.type == "PROJECT_SUMMARY":
        if report.count != other.count or (report.stage and other.stage and report.stage != other.stage):
            return None
        what = f"same count {report.count}, total {report.amount} ≈ {other.amount}"
    else:
        what = f"same company {report.company}, amount {report.amount} ≈ {other.amount}"
    where = "places compatible" if report.place and other.place else "a place unknown"
    when = f"{apart} days apart" if apart is not None else "a date unknown"
    return f"{what} {report.currency}, {where}, {when}"


def _block(report: Report) -> tuple[object, ...] | None:
    """Reports that may be one event share a block; None for a report that stands alone."""
    if report.type == "INVESTMENT" and report.company and report.amount is not None:
        return ("INVESTMENT", report.company, report.currency)
    if report.type == "PROJECT_SUMMARY" and report.count is not None and report.amount is not None:
        return ("PROJECT_SUMMARY", report.count, report.currency)
    return None


def _order(report: Report) -> tuple[object, ...]:
    return (report.date or "9999", report.doc_id, report.rel)


def group_events(reports: Iterable[Report], gaz: Gazetteer | None = None, window_days: int = DEFAULT_WINDOW_DAYS) -> list[Event]:
    """The events of some reports (INVESTMENT and PROJECT_SUMMARY), each listing its reports
    and, for each, the reason it belongs (``"first report"`` for the first)."""
    gaz = gaz or gazetteer()
    blocks: dict[object, list[Event]] = {}
    events: list[Event] = []
    for report in sorted(reports, key=lambda r: (r.type, str(_block(r)), _order(r))):
        block = _block(report)
        joined = False
        for event in blocks.get(block, []) if block is not None else []:
            reasons = [_agrees(report, member, gaz, window_days) for member in event.reports]
            if all(reasons):
                event.reports.append(report)
                event.reasons.append(f"{reasons[0]} (agrees with all {len(event.reports) - 1} reports)" if len(reasons) > 1 else str(reasons[0]))
                joined = True
                break
        if not joined:
            event = Event(_event_id(report), report.type, [report], ["first report"])
            events.append(event)
            if block is not None:
                blocks.setdefault(block, []).append(event)
    return sorted(events, key=lambda e: (e.type, e.first_date or "9999", e.id))


def _event_id(report: Report) -> str:
    prefix = "inv" if report.type == "INVESTMENT" else "sum"
    return f"{prefix}-{hashlib.sha1(f'{report.doc_key}:{report.rel}'.encode()).hexdigest()[:10]}"


def event_reports(events: Sequence[Event]) -> dict[tuple[str, int], str]:
    return {(r.doc_key, r.rel): e.id for e in events for r in e.reports}
