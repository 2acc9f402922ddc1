"""Build probes/probe-dev and probes/probe-test from probes/passages.jsonl.

Each passage becomes its text file and its gold Document (SPEC v1.1). Entities and relations
the annotator marked ``ambiguous`` (SPEC does not settle them) are left out; where an item
lists ``alternatives``, the first reading is kept. Odd-numbered passages go to probe-dev,
even-numbered ones to probe-test. Run from the repository root::

    python probes/tools/to_gold.py
"""
import json, sys
from pathlib import Path
from zhinvest.reader import read
from zhinvest.schema import Document

PROBES = Path(__file__).resolve().parents[1]
out = Path(sys.argv[1]) if len(sys.argv) > 1 else PROBES
for split in ("probe-dev", "probe-test"):
    (out / split).mkdir(parents=True, exist_ok=True)
for line in open(PROBES / "passages.jsonl", encoding="utf-8"):
    p = json.loads(line)
    number = int(p["id"][1:])
    split = "probe-dev" if number % 2 else "probe-test"
    source = p.get("source_text") or p["text"]
    (out / split / f"{p['id']}.txt").write_text(source + "\n", encoding="utf-8")
    article = read((out / split / f"{p['id']}.txt"), doc_id=p["id"])
    assert article.text.rstrip("\n") == p["text"], (p["id"], article.text[:40], p["text"][:40])
    ids = {}
    entities = []
    for e in p["entities"]:
        if e.get("ambiguous"):
            continue
        fields = {k: e[k] for k in ("value", "qualifier", "currency", "unit") if e.get(k) is not None}
        if e["label"] == "AREA":
            fields.setdefault("unit", "m2")
        ent = article.entity(len(entities), e["label"], e["start"], e["end"], **fields)
        ids[e["id"]] = ent.id
        entities.append(ent)
    relations = []
    for r in p["relations"]:
        if r.get("ambiguous"):
            continue
        data = {k: v for k, v in r.items() if k in ("type", "stage")}
        for role in ("investor", "amount", "location", "count", "total", "org"):
            if r.get(role) is not None:
                if r[role] not in ids:
                    break
                data[role] = ids[r[role]]
        else:
            relations.append(data)
    doc = Document.model_validate({"id": p["id"], "source": f"{split}/{p['id']}.txt", "text": article.text, "entities": [e.model_dump() for e in entities], "relations": relations})
    (out / split / f"{p['id']}.json").write_text(doc.model_dump_json(indent=1), encoding="utf-8")
print("ok")
