"""Build the gold folders of probes/ from the passage files.

Each passage becomes its text file and its gold Document (SPEC v1.1). Entities and relations
the annotator marked ``ambiguous`` (SPEC does not settle them) are left out; where an item
lists ``alternatives``, the first reading is kept. ``probes/passages.jsonl`` gives
probe-dev (odd-numbered passages) and probe-test (even-numbered ones);
``probes/fresh/passages.jsonl`` gives fresh-dev and fresh-test the same way, and
``probes/fresh2/passages.jsonl``, ``probes/fresh3/passages.jsonl``,
``probes/fresh4/passages.jsonl`` and ``probes/fresh5/passages.jsonl`` likewise. Run from the
repository root::

    python probes/tools/to_gold.py
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from zhinvest.reader import read
from zhinvest.schema import Document

PROBES = Path(__file__).resolve().parents[1]
ROLES = ("investor", "amount", "location", "count", "total", "org")


def build(passages: Path, folder_of: Callable[[str], str]) -> int:
    """Write each passage of ``passages`` into ``PROBES / folder_of(id)``; the count written."""
    written = 0
    for line in passages.read_text(encoding="utf-8").splitlines():
        if line.strip():
            passage = json.loads(line)
            write(passage, PROBES / folder_of(passage["id"]))
            written += 1
    return written


def write(passage: dict[str, Any], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    name = passage["id"]
    (folder / f"{name}.txt").write_text((passage.get("source_text") or passage["text"]) + "\n", encoding="utf-8")
    article = read(folder / f"{name}.txt", doc_id=name)
    if article.text.rstrip("\n") != passage["text"]:
        raise SystemExit(f"{name}: the reader's text differs from the annotated text")
    ids: dict[int, int] = {}
    entities = []
    for entity in passage["entities"]:
        if entity.get("ambiguous"):
            continue
        fields = {k: entity[k] for k in ("value", "qualifier", "currency", "unit") if entity.get(k) is not None}
        if entity["label"] == "AREA":
            fields.setdefault("unit", "m2")
        made = article.entity(len(entities), entity["label"], entity["start"], entity["end"], **fields)
        ids[entity["id"]] = made.id
        entities.append(made)
    relations = []
    for relation in passage["relations"]:
        if relation.get("ambiguous"):
            continue
        data = {k: v for k, v in relation.items() if k in ("type", "stage")}
        arguments = {role: relation[role] for role in ROLES if relation.get(role) is not None}
        if all(ref in ids for ref in arguments.values()):
            relations.append({**data, **{role: ids[ref] for role, ref in arguments.items()}})
    doc = Document.model_validate(
        {"id": name, "source": f"{folder.name}/{name}.txt", "text": article.text, "entities": [e.model_dump() for e in entities], "relations": relations}
    )
    (folder / f"{name}.json").write_text(doc.model_dump_json(indent=1), encoding="utf-8")


if __name__ == "__main__":
    count = build(PROBES / "passages.jsonl", lambda name: "probe-dev" if int(name[1:]) % 2 else "probe-test")
    count += build(PROBES / "fresh" / "passages.jsonl", lambda name: "fresh-dev" if int(name[1:]) % 2 else "fresh-test")
    for name in ("fresh2", "fresh3", "fresh4", "fresh5"):
        if (PROBES / name / "passages.jsonl").is_file():
            count += build(PROBES / name / "passages.jsonl", lambda passage, name=name: f"{name}-dev" if int(passage[1:]) % 2 else f"{name}-test")
    print(f"{count} passages written")
