"""The HTML review page: an article with its entities highlighted and its relations beside it.

:func:`render_document` gives one document as a complete, self-contained HTML5 page (inline
CSS and a little inline JavaScript, no external resource; a Content-Security-Policy forbids
any network request). Every entity is a ``<mark class="ent ent-LABEL" data-label="LABEL"
data-id="ID" title="...">`` over its half-open span ``[start, end)`` of the clean text; the
title shows the label, normalised value, currency or unit, qualifier and canonical name.

:func:`render_comparison` puts gold and predicted documents side by side. Predicted entities
are matched to gold ones with :mod:`zhinvest.evaluation`'s strict matching (one to one, full
matches first, then overlaps by closest boundaries), so the page agrees with the report:

=============  ===============================================================
status         meaning
=============  ===============================================================
``correct``    same span and label as a gold entity
``wrong-label`` same span as a gold entity, another label
``wrong-span`` overlaps a gold entity with other boundaries (any label)
``spurious``   overlaps no gold entity
``missed``     a gold entity no prediction matched (on the gold side)
``found``      a gold entity matched exactly (``partly`` when matched by an overlap)
=============  ===============================================================

Spans of SPEC documents never overlap, but the page does not rely on it: a span nested in
another is drawn inside it, one that crosses another's boundary (or lies outside the text) is
left unhighlighted and listed under the text.

On load, the inline script counts the drawn marks and writes the counts into the
``#render-stats`` element (``data-total``, ``data-label-<label>``, ``data-status-<status>``,
``data-mark-background``: the computed background colour of the first mark), for tests that
run the page in a browser.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from html import escape

from .about import LABELS
from .errors import Errors, InputError
from .evaluation import Report
from .evaluation import _match as match_entities
from .schema import RELATION_ARGUMENTS, RELATION_SPECS, Document, Entity, Relation, decimal_to_str

#: Background colour of each label (light, so that black text stays readable on it).
LABEL_COLOURS: dict[str, str] = {
    "MONEY": "#ffe08a",
    "AREA": "#b8efc6",
    "PROJECT_COUNT": "#ffc8a6",
    "ORG": "#bcd7ff",
    "LOC": "#e2cbff",
    "PERSON": "#ffc4d8",
}
#: Colour of a label without an entry in :data:`LABEL_COLOURS`.
FALLBACK_COLOUR = "#dddddd"

#: Outline colour and legend text of each comparison status.
STATUSES: dict[str, tuple[str, str]] = {
    "correct": ("#1a7f37", "correct: same span and label"),
    "wrong-label": ("#d97706", "wrong label: same span, other label"),
    "wrong-span": ("#7c3aed", "wrong span: overlaps a gold entity"),
    "spurious": ("#cf222e", "spurious: no gold entity there"),
    "found": ("#1a7f37", "found: matched exactly"),
    "partly": ("#d97706", "partly: matched with a wrong span or label"),
    "missed": ("#cf222e", "missed: no prediction matched it"),
}
#: Statuses of matched entities: underlined rather than outlined, so that the errors stand out.
_MATCHES = ("correct", "found")
#: Columns of the relation tables besides the entity arguments, by relation type.
RELATION_FIELDS: dict[str, tuple[str, ...]] = {kind: spec.attributes for kind, spec in RELATION_SPECS.items()}
_FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'


# --- public ------------------------------------------------------------------------------


def render_document(document: Document, *, title: str | None = None) -> str:
    """One document as a self-contained HTML5 page.

    The page has a header with the metadata, a legend, the text with each entity highlighted
    by label (value, unit, currency and qualifier in its hover title), the relations as one
    table per type beside the text, and every entity in a collapsible table. Hovering a
    relation row highlights its entities; clicking an argument scrolls to it.
    """
    page_title = title or document.metadata.title or document.id
    text_html, skipped = _highlight(document.text, document.entities, lambda entity: _mark_attributes(entity, "ent"))
    body = [
        _header(document, page_title),
        _legend(_labels_of(document.entities)),
        '<div class="columns">',
        '<article class="panel">',
        f'<div class="text" lang="zh-Hans">{text_html}</div>',
        _skipped_note(skipped),
        "</article>",
        '<aside class="panel relations">',
        _relation_tables(document, "ent"),
        "</aside>",
        "</div>",
        _entity_table(document),
    ]
    return _page(page_title, "\n".join(body))


def render_comparison(pairs: Sequence[tuple[Document, Document]], report: Report | None = None) -> str:
    """Gold and predicted documents side by side, each entity marked with its status.

    ``pairs`` holds ``(gold, predicted)`` tuples; both documents of a pair must have the same
    text (:class:`~zhinvest.errors.InputError` otherwise, as in
    :func:`~zhinvest.evaluation.evaluate`). Entities are matched with the evaluation's strict
    scheme (see the module docstring for the statuses). ``report``, when given, is shown at
    the top as :meth:`~zhinvest.evaluation.Report.to_table`.
    """
    sections = []
    for index, (gold, predicted) in enumerate(pairs):
        if gold.text != predicted.text:
            raise InputError(Errors.E030.format(doc=gold.id))
        sections.append(_comparison_section(index, gold, predicted))
    labels = _labels_of(entity for gold, predicted in pairs for entity in gold.entities + predicted.entities)
    body = [
        '<header class="head"><h1>Gold and predicted entities</h1>',
        f'<p class="meta">{len(pairs)} document(s)</p></header>',
        _legend(labels, statuses=True),
    ]
    if report is not None:
        body.append(f'<section class="panel report"><h2>Report</h2><pre>{escape(report.to_table())}</pre></section>')
    if not pairs:
        body.append('<p class="empty">No documents.</p>')
    body.extend(sections)
    return _page("Gold and predicted entities", "\n".join(body))


# --- highlighting ----------------------------------------------------------------------


def _nested(text: str, entities: Iterable[Entity]) -> tuple[list[Entity], list[Entity]]:
    """Split ``entities`` into those that can be drawn as properly nested marks and the rest.

    Drawn entities come in document order, outer before inner; an entity crossing the end of
    an entity already drawn, or lying outside ``text``, is skipped.
    """
    drawn: list[Entity] = []
    skipped: list[Entity] = []
    open_ends: list[int] = []
    for entity in sorted(entities, key=lambda e: (e.start, -e.end, e.id)):
        if not 0 <= entity.start < entity.end <= len(text):
            skipped.append(entity)
            continue
        while open_ends and open_ends[-1] <= entity.start:
            open_ends.pop()
        if open_ends and entity.end > open_ends[-1]:
            skipped.append(entity)
            continue
        open_ends.append(entity.end)
        drawn.append(entity)
    return drawn, skipped


def _highlight(
    text: str, entities: Iterable[Entity], attributes: Callable[[Entity], str]
) -> tuple[str, list[Entity]]:
    """``text`` as escaped HTML with a ``<mark>`` per drawable entity; also the skipped entities.

    ``attributes(entity)`` gives the attributes of the entity's mark. The text between tags is
    exactly ``text``, so the page's text content equals the document's.
    """
    drawn, skipped = _nested(text, entities)
    parts: list[str] = []
    position = 0
    open_ends: list[int] = []

    def close_until(limit: int) -> None:
        nonlocal position
        while open_ends and open_ends[-1] <= limit:
            end = open_ends.pop()
            parts.append(escape(text[position:end]))
            parts.append("</mark>")
            position = end

    for entity in drawn:
        close_until(entity.start)
        parts.append(escape(text[position : entity.start]))
        parts.append(f"<mark {attributes(entity)}>")
        position = entity.start
        open_ends.append(entity.end)
    close_until(len(text))
    parts.append(escape(text[position:]))
    return "".join(parts), skipped


def _mark_attributes(entity: Entity, prefix: str, status: str | None = None, note: str | None = None) -> str:
    """Attributes of an entity's mark; ``prefix`` makes its element id unique on the page."""
    classes = f"ent ent-{entity.label}" + (f" st-{status}" if status else "")
    tip = _describe(entity) + (f"\n{note}" if note else "")
    attributes = {
        "class": classes,
        "id": f"{prefix}-{entity.id}",
        "data-label": entity.label,
        "data-id": str(entity.id),
        "title": tip,
    }
    if status:
        attributes["data-status"] = status
    return " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items())


def _describe(entity: Entity) -> str:
    """The hover text of an entity: label and id, then its normalised fields, one per line."""
    lines = [f"{entity.label} #{entity.id}  [{entity.start}, {entity.end})"]
    if entity.value is not None:
        lines.append(f"value: {_format_value(entity)}")
    if entity.currency:
        lines.append(f"currency: {entity.currency}")
    if entity.unit:
        lines.append(f"unit: {entity.unit}")
    if entity.qualifier:
        lines.append(f"qualifier: {entity.qualifier}")
    if entity.name_simplified and entity.name_simplified != entity.text:
        lines.append(f"name: {entity.name_simplified}")
    if entity.source_component:
        lines.append(f"from: {entity.source_component}")
    return "\n".join(lines)


def _format_value(entity: Entity) -> str:
    """The normalised value with thousands separators: ``489,800,000,000``."""
    value = entity.value
    if isinstance(value, Decimal):
        return format(Decimal(decimal_to_str(value)), ",f")
    return f"{value:,}" if isinstance(value, int) else str(value)


def _value_text(entity: Entity) -> str:
    """A short normalised form for tables: value, currency or unit, qualifier."""
    if entity.value is None:
        return entity.name_simplified if entity.name_simplified and entity.name_simplified != entity.text else ""
    parts = [_format_value(entity), entity.currency or entity.unit or ""]
    if entity.qualifier and entity.qualifier != "exact":
        parts.append(f"({entity.qualifier})")
    return " ".join(part for part in parts if part)


def _skipped_note(skipped: Sequence[Entity]) -> str:
    if not skipped:
        return ""
    items = "".join(
        f"<li>{escape(entity.label)} #{entity.id} [{entity.start}, {entity.end}) {escape(entity.text)}</li>"
        for entity in skipped
    )
    return f'<div class="skipped"><p>{len(skipped)} overlapping entity span(s) not highlighted:</p><ul>{items}</ul></div>'


# --- page parts --------------------------------------------------------------------------


def _labels_of(entities: Iterable[Entity]) -> list[str]:
    """SPEC labels in report order, then any other label that occurs."""
    seen = {entity.label for entity in entities}
    return list(LABELS) + sorted(seen - set(LABELS))


def _header(document: Document, title: str) -> str:
    meta = document.metadata
    fields = [
        ("date", meta.date),
        ("source", meta.source),
        ("author", meta.author if meta.author != meta.source else None),
        ("categories", " / ".join(meta.categories) or None),
        ("document", document.id),
        ("file", document.source),
    ]
    items = "".join(
        f'<span class="field"><span class="key">{name}</span> {escape(value)}</span>' for name, value in fields if value
    )
    if meta.url:
        items += f'<span class="field"><span class="key">url</span> {escape(meta.url)}</span>'
    counts: Counter[str] = Counter(entity.label for entity in document.entities)
    summary = f"{len(document.entities)} entities, {len(document.relations)} relations"
    if counts:
        summary += " — " + ", ".join(f"{label} {counts[label]}" for label in _labels_of(document.entities) if counts[label])
    return (
        f'<header class="head"><h1>{escape(title)}</h1><p class="meta">{items}</p>'
        f'<p class="meta summary">{escape(summary)}</p></header>'
    )


def _legend(labels: Sequence[str], statuses: bool = False) -> str:
    chips = "".join(f'<mark class="chip ent-{escape(label)}">{escape(label)}</mark>' for label in labels)
    if statuses:
        chips += '<span class="sep"></span>' + "".join(
            f'<span class="chip st-{name}" title="{escape(text)}">{escape(name)}</span>' for name, (_, text) in STATUSES.items()
        )
    toggle = '<label class="toggle"><input type="checkbox" id="show-labels"> show labels</label>'
    return f'<nav class="legend" aria-label="legend">{chips}{toggle}</nav>'


def _argument(document: Document, ref: int | None, prefix: str) -> str:
    """A table cell for an entity argument: a link to its mark, with its normalised value."""
    if ref is None:
        return '<td class="none">—</td>'
    try:
        entity = document.entity(ref)
    except KeyError:
        return f'<td class="none">#{ref}?</td>'
    value = _value_text(entity)
    value_html = f'<span class="val">{escape(value)}</span>' if value else ""
    return (
        f'<td><a class="ref ent-{escape(entity.label)}" href="#{prefix}-{entity.id}" data-id="{entity.id}"'
        f' title="{escape(_describe(entity))}">{escape(entity.text)}</a>{value_html}</td>'
    )


def _relation_tables(document: Document, prefix: str) -> str:
    """One table per relation type with the argument texts; rows name their entities in ``data-refs``."""
    by_type: dict[str, list[Relation]] = {kind: [] for kind in RELATION_SPECS}
    for relation in document.relations:
        by_type.setdefault(relation.type, []).append(relation)
    tables = ["<h2>Relations</h2>"]
    for kind, relations in by_type.items():
        tables.append(f'<h3>{escape(kind)} <span class="count">{len(relations)}</span></h3>')
        if not relations:
            tables.append('<p class="empty">none</p>')
            continue
        arguments = RELATION_ARGUMENTS.get(kind, ())
        # Other fields only when some relation of the type has them.
        fields = tuple(
            name for name in RELATION_FIELDS.get(kind, ()) if any(getattr(r, name, None) for r in relations)
        )
        head = "".join(f"<th>{escape(name)}</th>" for name in ("#", *arguments, *fields))
        rows = []
        for number, relation in enumerate(relations, 1):
            refs = [getattr(relation, name) for name in arguments]
            cells = "".join(_argument(document, ref, prefix) for ref in refs)
            cells += "".join(f"<td>{escape(str(getattr(relation, name, None) or ''))}</td>" for name in fields)
            data_refs = " ".join(str(ref) for ref in refs if ref is not None)
            evidence = f' title="{escape(relation.evidence)}"' if relation.evidence else ""
            rows.append(
                f'<tr class="rel" data-type="{escape(kind)}" data-refs="{data_refs}"{evidence}>'
                f"<td>{number}</td>{cells}</tr>"
            )
        tables.append(
            f'<table class="rel-table" data-type="{escape(kind)}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>'
        )
    return "\n".join(tables)


def _entity_table(document: Document) -> str:
    """Every entity in a collapsible table: id, label, span, text and normalised fields."""
    columns = ("id", "label", "span", "text", "value", "currency / unit", "qualifier", "from")
    head = "".join(f"<th>{name}</th>" for name in columns)
    rows = "".join(
        f'<tr><td>{entity.id}</td><td><a class="ref ent-{escape(entity.label)}" href="#ent-{entity.id}" data-id="{entity.id}">'
        f"{escape(entity.label)}</a></td><td>[{entity.start}, {entity.end})</td><td>{escape(entity.text)}</td>"
        f"<td class=\"num\">{escape(_format_value(entity)) if entity.value is not None else ''}</td>"
        f"<td>{escape(entity.currency or entity.unit or '')}</td><td>{escape(entity.qualifier or '')}</td>"
        f"<td>{escape(entity.source_component or '')}</td></tr>"
        for entity in sorted(document.entities, key=lambda e: (e.start, e.end, e.id))
    )
    return (
        f'<details class="panel entities"><summary>All entities ({len(document.entities)})</summary>'
        f'<table class="ent-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></details>'
    )


# --- comparison ------------------------------------------------------------------------


def _statuses(gold: Document, predicted: Document) -> tuple[dict[int, tuple[str, str]], dict[int, tuple[str, str]]]:
    """Status and note of each gold and each predicted entity, by entity id, from strict matching."""
    gold_status: dict[int, tuple[str, str]] = {}
    predicted_status: dict[int, tuple[str, str]] = {}
    for outcome, gold_entity, pred_entity in match_entities(gold.entities, predicted.entities, "strict"):
        if outcome == "missed" and gold_entity is not None:
            gold_status[gold_entity.id] = ("missed", "missed: no prediction matched it")
        elif outcome == "spurious" and pred_entity is not None:
            predicted_status[pred_entity.id] = ("spurious", "spurious: no gold entity there")
        elif gold_entity is not None and pred_entity is not None:
            if outcome == "correct":
                gold_status[gold_entity.id] = ("found", f"found as predicted #{pred_entity.id}")
                predicted_status[pred_entity.id] = ("correct", f"correct: gold #{gold_entity.id}")
                continue
            same_span = (gold_entity.start, gold_entity.end) == (pred_entity.start, pred_entity.end)
            status = "wrong-label" if same_span else "wrong-span"
            gold_note = f"gold {gold_entity.label} [{gold_entity.start}, {gold_entity.end}) {gold_entity.text}"
            predicted_status[pred_entity.id] = (status, f"{status}: {gold_note}")
            gold_status[gold_entity.id] = (
                "partly",
                f"partly: predicted {pred_entity.label} [{pred_entity.start}, {pred_entity.end}) {pred_entity.text}",
            )
    return gold_status, predicted_status


def _comparison_section(index: int, gold: Document, predicted: Document) -> str:
    gold_status, predicted_status = _statuses(gold, predicted)
    columns = []
    for side, document, statuses in (("gold", gold, gold_status), ("predicted", predicted, predicted_status)):
        prefix = f"d{index}-{side[0]}"

        def attributes(entity: Entity, prefix: str = prefix, statuses: Mapping[int, tuple[str, str]] = statuses) -> str:
            status, note = statuses.get(entity.id, ("", ""))
            return _mark_attributes(entity, prefix, status or None, note or None)

        text_html, skipped = _highlight(document.text, document.entities, attributes)
        counts = Counter(status for status, _ in statuses.values())
        summary = ", ".join(f"{name} {counts[name]}" for name in STATUSES if counts[name])
        columns.append(
            f'<div class="panel side side-{side}" data-side="{side}"><h3>{side} '
            f'<span class="count">{len(document.entities)} entities</span></h3>'
            f'<p class="meta summary">{escape(summary)}</p>'
            f'<div class="text" lang="zh-Hans">{text_html}</div>{_skipped_note(skipped)}</div>'
        )
    title = gold.metadata.title or gold.id
    return (
        f'<section class="doc" id="doc-{index}" data-document="{escape(gold.id)}"><h2>{escape(title)}</h2>'
        f'<p class="meta">{escape(gold.id)}</p><div class="columns even">{"".join(columns)}</div></section>'
    )


# --- page ------------------------------------------------------------------------------


def _css() -> str:
    labels = "\n".join(f".ent-{label} {{ background: {colour}; }}" for label, colour in LABEL_COLOURS.items())
    statuses = "\n".join(
        f"mark.st-{name} {{ box-shadow: inset 0 {'-2px 0' if name in _MATCHES else '0 0 2px'} {colour}; }}"
        f" .chip.st-{name} {{ background: #fff; border: 2px solid {colour}; }}"
        for name, (colour, _) in STATUSES.items()
    )
    return f"""
:root {{ color-scheme: light; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; padding: 1.2rem 1.6rem 3rem; background: #f4f5f7; color: #1f2328;
  font: 15px/1.6 {_FONTS}; }}
h1 {{ font-size: 1.35rem; margin: 0 0 .3rem; line-height: 1.35; }}
h2 {{ font-size: 1.1rem; margin: .2rem 0 .6rem; }}
h3 {{ font-size: .95rem; margin: 1rem 0 .35rem; }}
.head {{ margin-bottom: .6rem; }}
.meta {{ margin: .15rem 0; color: #57606a; font-size: .85rem; }}
.field {{ margin-right: 1.1rem; }}
.key {{ color: #8c959f; text-transform: uppercase; font-size: .7rem; letter-spacing: .04em; }}
.legend {{ position: sticky; top: 0; z-index: 5; display: flex; flex-wrap: wrap; align-items: center;
  gap: .4rem; padding: .45rem .6rem; margin: 0 0 .8rem; background: #fffffff0; border: 1px solid #d0d7de;
  border-radius: 6px; }}
.chip {{ font-size: .75rem; padding: .05rem .45rem; border-radius: 4px; color: #1f2328; }}
.sep {{ width: 1px; height: 1.2rem; background: #d0d7de; margin: 0 .3rem; }}
.toggle {{ margin-left: auto; font-size: .8rem; color: #57606a; cursor: pointer; }}
.columns {{ display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; align-items: start; }}
.columns.even {{ grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }}
@media (max-width: 900px) {{ .columns, .columns.even {{ grid-template-columns: minmax(0, 1fr); }} }}
.panel {{ background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: .9rem 1.1rem; }}
.relations {{ position: sticky; top: 3.2rem; max-height: calc(100vh - 4rem); overflow: auto; }}
.text {{ white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1rem; line-height: 1.95; }}
mark.ent {{ color: inherit; padding: .1em .12em; margin: 0 .04em; border-radius: 3px; cursor: help; }}
mark.ent mark.ent {{ outline: 1px solid #0004; }}
mark.ent.active, mark.ent:target {{ outline: 2px solid #1f2328; outline-offset: 1px; }}
.show-labels mark.ent::after {{ content: attr(data-label); font-size: .6em; font-weight: 600; margin-left: .25em;
  vertical-align: .2em; color: #0009; letter-spacing: .02em; }}
:where(.chip, .ent, .ref) {{ background: {FALLBACK_COLOUR}; }}
{labels}
{statuses}
mark.st-spurious {{ text-decoration: line-through #cf222e 1px; }}
mark.st-missed {{ box-shadow: inset 0 0 0 2px #cf222e; background-image: repeating-linear-gradient(
  135deg, #0000 0 4px, #cf222e22 4px 6px); }}
table {{ border-collapse: collapse; width: 100%; font-size: .82rem; }}
th, td {{ text-align: left; vertical-align: top; padding: .25rem .4rem; border-bottom: 1px solid #eaeef2; }}
th {{ color: #57606a; font-weight: 600; background: #f6f8fa; }}
tr.rel {{ cursor: pointer; }}
tr.rel:hover, tr.rel.active {{ background: #fff8c5; }}
a.ref {{ color: inherit; text-decoration: none; padding: 0 .2em; border-radius: 3px; }}
.val {{ display: block; color: #57606a; font-size: .75rem; }}
.num {{ font-variant-numeric: tabular-nums; text-align: right; }}
.count {{ color: #57606a; font-weight: 400; font-size: .8rem; }}
.empty, .none {{ color: #8c959f; }}
.skipped {{ margin-top: .8rem; font-size: .8rem; color: #9a6700; }}
.entities {{ margin-top: 1rem; }}
.entities summary {{ cursor: pointer; font-weight: 600; }}
.report pre {{ font-size: .8rem; overflow-x: auto; margin: 0; }}
.doc {{ margin: 1.6rem 0; }}
.report {{ margin-bottom: 1rem; }}
"""


_SCRIPT = """
(function () {
  function each(selector, root, fn) { Array.prototype.forEach.call((root || document).querySelectorAll(selector), fn); }
  function scope(el) { return el.closest('.doc') || document; }
  each('tr.rel', null, function (row) {
    var ids = (row.getAttribute('data-refs') || '').split(' ').filter(Boolean);
    function set(on) {
      row.classList.toggle('active', on);
      ids.forEach(function (id) { each('mark.ent[data-id="' + id + '"]', scope(row), function (m) { m.classList.toggle('active', on); }); });
    }
    row.addEventListener('mouseenter', function () { set(true); });
    row.addEventListener('mouseleave', function () { set(false); });
  });
  var toggle = document.getElementById('show-labels');
  if (toggle) { toggle.addEventListener('change', function () { document.body.classList.toggle('show-labels', toggle.checked); }); }
  var stats = document.getElementById('render-stats');
  var marks = document.querySelectorAll('mark.ent');
  stats.setAttribute('data-total', String(marks.length));
  var byLabel = {}, byStatus = {};
  Array.prototype.forEach.call(marks, function (m) {
    var label = m.getAttribute('data-label'), status = m.getAttribute('data-status');
    byLabel[label] = (byLabel[label] || 0) + 1;
    if (status) { byStatus[status] = (byStatus[status] || 0) + 1; }
  });
  Object.keys(byLabel).forEach(function (k) { stats.setAttribute('data-label-' + k.toLowerCase(), String(byLabel[k])); });
  Object.keys(byStatus).forEach(function (k) { stats.setAttribute('data-status-' + k, String(byStatus[k])); });
  if (marks.length) { stats.setAttribute('data-mark-background', getComputedStyle(marks[0]).backgroundColor); }
  stats.setAttribute('data-ready', 'true');
})();
"""


def _page(title: str, body: str) -> str:
    """A complete HTML5 page around ``body``, with the CSS, the script and no external resource."""
    policy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
    return f"""<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="generator" content="zhinvest">
<title>{escape(title)}</title>
<style>{_css()}</style>
</head>
<body>
{body}
<output id="render-stats" hidden></output>
<script>{_SCRIPT}</script>
</body>
</html>
"""
