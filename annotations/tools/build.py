"""Build ``annotations/<seed id>.json`` from the hand-written span lists in ``tools/spans/``.

The span lists are the annotation; this script only finds character offsets (so nobody
counts characters by hand), maps them to the source through the reader, evaluates the
hand-written value expressions with :class:`~decimal.Decimal` and writes the documents.
It uses the reader and the schema of zhinvest, and nothing that extracts entities.

Span list format (``tools/spans/<seed id>.txt``, UTF-8, one item per line, TAB-separated)::

    # a comment
    LABEL  surface  [occurrence]  [value]  [qualifier]  [@handle]  [cur=USD]
    REL    TYPE     key=value ...

Entity lines are in text order. ``surface`` is looked for from the end of the previous
entity on; ``occurrence`` (default 1) picks the n-th occurrence from there. A surface may
carry context in brackets, ``在[华]发展``: the context is matched, the bracketed part is
the entity. ``value`` is an arithmetic expression read as Decimals (``4898*10^8``,
``800*10000/15``); AREA values are rounded to 0.01 m². Empty fields may be written ``-``.
A field starting with ``@`` names the entity for relation lines; ``cur=`` sets a currency
other than CNY.

Relation lines name their arguments by handle: ``REL INVESTMENT investor=@a amount=@b
location=@c stage=planned project=... sector=...``. The ``evidence`` is the sentence or
clause (cut at 。！？； and line ends) from the first argument to the last, cut from the text.

Usage::

    python annotations/tools/build.py            # rebuild every seed that has a span list
    python annotations/tools/build.py --show ID  # the text with the entities in brackets
    python annotations/tools/build.py --uncovered ID  # occurrences of annotated names left untagged
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from zhinvest.reader import Article, read
from zhinvest.schema import Document, Entity

TOOLS = Path(__file__).resolve().parent
ANNOTATIONS = TOOLS.parent
ROOT = ANNOTATIONS.parent
SPANS = TOOLS / "spans"
SEEDS = ROOT / "seeds"

LABELS = ("MONEY", "AREA", "PROJECT_COUNT", "ORG", "LOC", "PERSON")
QUALIFIERS = ("exact", "over", "under", "about", "at_least", "magnitude")
RELATION_ARGS = {
    "INVESTMENT": ("investor", "amount", "location"),
    "PROJECT_SUMMARY": ("count", "total"),
    "LOCATED_IN": ("org", "location"),
}
SENTENCE_END = re.compile(r"[。！？!?；;\n]")
CENT = Decimal("0.01")


class SpanError(ValueError):
    pass


def decimal_expression(text: str) -> Decimal:
    """``4898*10^8`` → Decimal('489800000000'); numbers are read as Decimals, never floats."""
    source = text.replace("^", "**")
    tree = ast.parse(source, mode="eval")

    def value(node: ast.AST) -> Decimal:
        if isinstance(node, ast.Expression):
            return value(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return Decimal(ast.get_source_segment(source, node) or "")
        if isinstance(node, ast.BinOp):
            left, right = value(node.left), value(node.right)
            if isinstance(node.op, ast.Add):
                return left + right
            if isinstance(node.op, ast.Sub):
                return left - right
            if isinstance(node.op, ast.Mult):
                return left * right
            if isinstance(node.op, ast.Div):
                return left / right
            if isinstance(node.op, ast.Pow):
                return left ** int(right)
        raise SpanError(f"unsupported value expression {text!r}")

    return value(tree)


def _find(text: str, surface: str, cursor: int, occurrence: int) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th match of ``surface`` (``ctx[span]ctx``) at or after ``cursor``."""
    match = re.fullmatch(r"(?P<before>[^\[\]]*)\[(?P<span>[^\[\]]+)\](?P<after>[^\[\]]*)", surface)
    needle = surface if match is None else match["before"] + match["span"] + match["after"]
    offset = 0 if match is None else len(match["before"])
    length = len(needle) if match is None else len(match["span"])
    search_from = max(cursor - offset, 0)
    position = -1
    for _ in range(occurrence):
        position = text.find(needle, search_from)
        if position == -1:
            raise SpanError(f"{surface!r} (occurrence {occurrence}) not found after offset {cursor}")
        search_from = position + 1
    return position + offset, position + offset + length


def parse_spans(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    entities: list[dict[str, Any]] = []
    relations: list[dict[str, str]] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        where = f"{path.name}:{number}"
        if fields[0] == "REL":
            relation = {"type": fields[1]}
            for field in fields[2:]:
                key, _, val = field.partition("=")
                relation[key.strip()] = val.strip()
            relation["_where"] = where
            relations.append(relation)
            continue
        label, surface, *rest = fields
        if label not in LABELS:
            raise SpanError(f"{where}: unknown label {label!r}")
        handle = next((f[1:] for f in rest if f.startswith("@")), None)
        currency = next((f[4:] for f in rest if f.startswith("cur=")), "CNY")
        positional = [f.strip() for f in rest if not f.startswith(("@", "cur="))]
        positional += [""] * (3 - len(positional))
        occurrence, value, qualifier = (None if f in ("", "-") else f for f in positional[:3])
        if qualifier is not None and qualifier not in QUALIFIERS:
            raise SpanError(f"{where}: unknown qualifier {qualifier!r}")
        entities.append({
            "label": label, "surface": surface, "occurrence": int(occurrence or 1),
            "value": value, "qualifier": qualifier, "handle": handle, "currency": currency, "where": where,
        })
    return entities, relations


def _evidence(text: str, spans: list[tuple[int, int]]) -> str:
    start = min(s for s, _ in spans)
    end = max(e for _, e in spans)
    left = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    right_match = SENTENCE_END.search(text, end)
    right = right_match.end() if right_match else len(text)
    return text[left:right].strip()


def build(seed_id: str) -> Document:
    article = read(SEEDS / f"{seed_id}.txt")
    text = article.text
    specs, relation_specs = parse_spans(SPANS / f"{seed_id}.txt")
    entities: list[Entity] = []
    handles: dict[str, Entity] = {}
    cursor = 0
    for index, spec in enumerate(specs):
        try:
            start, end = _find(text, spec["surface"], cursor, spec["occurrence"])
        except SpanError as error:
            raise SpanError(f"{spec['where']}: {error}") from None
        cursor = end
        entities.append(_entity(article, index, spec, start, end))
        if spec["handle"]:
            if spec["handle"] in handles:
                raise SpanError(f"{spec['where']}: handle @{spec['handle']} used twice")
            handles[spec["handle"]] = entities[-1]
    relations = [_relation(spec, handles, text) for spec in relation_specs]
    return Document.model_validate({
        "id": article.id,
        "source": f"seeds/{seed_id}.txt",
        "metadata": article.metadata,
        "text": text,
        "entities": entities,
        "relations": relations,
    })


def _entity(article: Article, index: int, spec: dict[str, Any], start: int, end: int) -> Entity:
    source_start, source_end = article.source_span(start, end)
    fields: dict[str, Any] = {
        "id": index, "label": spec["label"], "text": article.text[start:end],
        "source_text": article.source_text[source_start:source_end],
        "start": start, "end": end, "source_start": source_start, "source_end": source_end,
    }
    label = spec["label"]
    if label in ("MONEY", "AREA", "PROJECT_COUNT"):
        if spec["value"] is None or spec["qualifier"] is None:
            raise SpanError(f"{spec['where']}: {label} needs a value and a qualifier")
        value = decimal_expression(spec["value"])
        if label == "AREA":
            value = value if value == value.to_integral_value() else value.quantize(CENT, ROUND_HALF_UP)
            fields["unit"] = "m2"
        elif label == "MONEY":
            fields["currency"] = spec["currency"]
        else:
            if value != value.to_integral_value():
                raise SpanError(f"{spec['where']}: a project count must be whole")
            value = int(value)
        fields["value"] = value
        fields["qualifier"] = spec["qualifier"]
    elif spec["value"] is not None or spec["qualifier"] is not None:
        raise SpanError(f"{spec['where']}: {label} takes no value or qualifier")
    if label == "ORG":
        fields["name_simplified"] = fields["text"]
    return Entity.model_validate(fields)


def _relation(spec: dict[str, str], handles: dict[str, Entity], text: str) -> dict[str, Any]:
    kind = spec["type"]
    if kind not in RELATION_ARGS:
        raise SpanError(f"{spec['_where']}: unknown relation type {kind!r}")
    relation: dict[str, Any] = {"type": kind}
    spans: list[tuple[int, int]] = []
    for key, val in spec.items():
        if key.startswith("_") or key == "type":
            continue
        if key in RELATION_ARGS[kind]:
            if not val.startswith("@") or val[1:] not in handles:
                raise SpanError(f"{spec['_where']}: {key}={val} names no entity")
            entity = handles[val[1:]]
            relation[key] = entity.id
            spans.append((entity.start, entity.end))
        else:
            relation[key] = val or None
    relation.setdefault("evidence", _evidence(text, spans))
    return relation


def show(seed_id: str) -> str:
    doc = Document.model_validate_json((ANNOTATIONS / f"{seed_id}.json").read_text(encoding="utf-8"))
    pieces, cursor = [], 0
    for entity in doc.entities:
        pieces += [doc.text[cursor:entity.start], f"[{entity.text}|{entity.label}#{entity.id}]"]
        cursor = entity.end
    pieces.append(doc.text[cursor:])
    return "".join(pieces)


def uncovered(seed_id: str) -> list[str]:
    """Occurrences of an annotated name-entity surface that no entity covers, with context."""
    doc = Document.model_validate_json((ANNOTATIONS / f"{seed_id}.json").read_text(encoding="utf-8"))
    covered = [(e.start, e.end, e.label, e.text) for e in doc.entities]
    report = []
    for surface in sorted({e.text for e in doc.entities if e.label in ("ORG", "LOC", "PERSON")}, key=len):
        for match in re.finditer(re.escape(surface), doc.text):
            s, e = match.span()
            if any(cs == s and ce == e for cs, ce, _, _ in covered):
                continue
            inside = [f"{t}|{lab}" for cs, ce, lab, t in covered if cs < e and s < ce]
            context = doc.text[max(0, s - 8):e + 8].replace("\n", "⏎")
            report.append(f"{surface}\t@{s}\tin {inside or '-'}\t…{context}…")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("ids", nargs="*", help="seed ids (default: every span list)")
    parser.add_argument("--show", action="store_true", help="print the texts with entities in brackets")
    parser.add_argument("--uncovered", action="store_true", help="list untagged occurrences of tagged names")
    args = parser.parse_args(argv)
    ids = args.ids or sorted(p.stem for p in SPANS.glob("*.txt"))
    for seed_id in ids:
        if args.show:
            print(f"===== {seed_id}\n{show(seed_id)}")
            continue
        if args.uncovered:
            print(f"===== {seed_id}")
            print("\n".join(uncovered(seed_id)))
            continue
        doc = build(seed_id)
        (ANNOTATIONS / f"{seed_id}.json").write_text(doc.model_dump_json(indent=1) + "\n", encoding="utf-8")
        counts = {label: sum(e.label == label for e in doc.entities) for label in LABELS}
        rels = {kind: sum(r.type == kind for r in doc.relations) for kind in RELATION_ARGS}
        print(seed_id, counts, rels)
    return 0


if __name__ == "__main__":
    sys.exit(main())
