"""Build probes/fresh/passages.jsonl from passages_src.txt and check it mechanically.

Source format: '## qNN', then 'S: text' (Simplified) or 'T: text' (Traditional, converted
to Simplified character by character with OpenCC t2s), entity lines in text order
'LABEL surface [v=expr] [q=qualifier] [c=CUR] [b=unit] [@handle] [amb] [#note]'
(a surface 'pre[target]post' locates target by its context), and relation lines
'REL INV investor amount location|- stage|- [amb]', 'REL SUM count total|- stage [scope=..] [amb]',
'REL LOCIN org location [amb]'. Run: python probes/fresh/build_fresh.py
Uses only the standard library and opencc (no zhinvest code).
"""
import json, re, sys
from decimal import Decimal, ROUND_HALF_UP
from pathlib import Path
import opencc

HERE = Path(__file__).resolve().parent
LABELS = {"PC": "PROJECT_COUNT", "MONEY": "MONEY", "AREA": "AREA", "ORG": "ORG", "LOC": "LOC", "PERSON": "PERSON"}
QUALS = {"exact", "over", "under", "about", "at_least", "magnitude"}
t2s = opencc.OpenCC("t2s")


def dec(expr):
    """Evaluate a Decimal expression such as 812.5e8 or 300*10000/15."""
    assert re.fullmatch(r"[0-9.e*/+\-() ]+", expr), expr
    return eval(re.sub(r"[0-9][0-9.]*(?:e[0-9]+)?", lambda m: f"Decimal('{m.group(0)}')", expr), {"Decimal": Decimal})


def plain(d, area=False):
    if area:
        d = d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s

# ---------- independent value parser (for the consistency check) ----------
CN_DIGIT = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}
MULT = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8, "兆": Decimal(10) ** 12}


def cn_int(s):
    total, cur = 0, 0
    for ch in s:
        if ch in CN_DIGIT:
            cur = CN_DIGIT[ch]
        elif ch in CN_UNIT:
            total += (cur or 1) * CN_UNIT[ch]
            cur = 0
        else:
            raise ValueError(s)
    return Decimal(total + cur)


def numeral(s, borrowed=""):
    """'812.5亿' -> Decimal; returns (value, approx_marker)."""
    s = s.replace(",", "")
    mark = None
    for pre in ("上", "数", "几"):
        if s.startswith(pre):
            s, mark = s[1:], "magnitude"
    m = re.fullmatch(r"([0-9.]*|[零一二两三四五六七八九十百千]*)(多|余|几)?([万亿兆]*)", s)
    if not m:
        raise ValueError(s)
    num, approx, mult = m.groups()
    if approx:
        mark = mark or {"多": "over", "余": "over", "几": "about"}[approx]
    if num == "":
        v = Decimal(1)
    elif re.fullmatch(r"[0-9.]+", num):
        v = Decimal(num)
    else:
        v = cn_int(num)
    for ch in mult + borrowed:
        v *= MULT[ch]
    return v, mark

MONEY_UNITS = [("澳门元", "MOP"), ("美元", "USD"), ("欧元", "EUR"), ("日元", "JPY"), ("港元", "HKD"), ("英镑", "GBP"), ("韩元", "KRW"), ("泰铢", "THB"), ("元", None)]
AREA_UNITS = [("平方公里", Decimal(10) ** 6), ("平方千米", Decimal(10) ** 6), ("平方米", Decimal(1)), ("平米", Decimal(1)), ("公顷", Decimal(10000)), ("亩", Decimal(10000) / Decimal(15)), ("方", Decimal(1))]


def parse_money(span, borrowed=""):
    s, cur = span, None
    if s.endswith("级"):
        v, _ = numeral(s[:-1])
        return v, None, "magnitude"
    for u, c in MONEY_UNITS:
        if s.endswith(u):
            s, cur = s[: -len(u)], (c or "元")
            break
    if borrowed:
        borrowed = borrowed.replace("元", "")
    v, mark = numeral(s, borrowed)
    return v, cur, mark


def parse_area(span):
    for u, f in AREA_UNITS:
        if span.endswith(u):
            v, mark = numeral(span[: -len(u)])
            return v * f, mark
    raise ValueError(span)


def parse_count(span):
    assert span[-1] in "个项項只", span
    v, mark = numeral(span[:-1])
    return int(v), mark

# ---------- build ----------

def parse_src(path):
    blocks = re.split(r"^## ", Path(path).read_text(encoding="utf-8"), flags=re.M)[1:]
    for block in blocks:
        lines = [l for l in block.splitlines() if l.strip()]
        pid = lines[0].strip()
        yield pid, lines[1:]


def build():
    out, problems = [], []
    for pid, lines in parse_src(HERE / "passages_src.txt"):
        kind, raw = lines[0][:2], lines[0][3:].strip()
        source = None
        if kind == "T:":
            source, text = raw, t2s.convert(raw)
            if len(source) != len(text):
                problems.append(f"{pid}: t2s changed the length")
        else:
            text = raw
        ents, rels, handles, cursor = [], [], {}, 0
        for line in lines[1:]:
            note = None
            if "#" in line:
                line, note = line.split("#", 1)
                note = note.strip()
            toks = line.split()
            if toks[0] == "REL":
                rels.append((toks[1:], note))
                continue
            label, surface, opts = LABELS[toks[0]], toks[1], toks[2:]
            if "[" in surface:
                pre, rest = surface.split("[")
                target, post = rest.split("]")
            else:
                pre, target, post = "", surface, ""
            i = text.find(pre + target + post, cursor)
            if i < 0:
                problems.append(f"{pid}: '{surface}' not found after {cursor}")
                continue
            start = i + len(pre)
            end = start + len(target)
            cursor = end
            e = {"id": len(ents), "label": label, "start": start, "end": end, "text": target}
            kv = dict(o.split("=", 1) for o in opts if "=" in o)
            if label in ("MONEY", "AREA", "PROJECT_COUNT"):
                v = dec(kv["v"])
                if label == "MONEY":
                    e["value"] = plain(v)
                elif label == "AREA":
                    e["value"] = plain(v, area=True)
                    e["unit"] = "m2"
                else:
                    e["value"] = int(v)
                e["qualifier"] = kv.get("q", "exact")
                if label == "MONEY":
                    e["currency"] = kv.get("c", "CNY")
                if "b" in kv:
                    e["borrowed_unit"] = kv["b"]
            if "amb" in opts:
                e["ambiguous"] = True
            if note:
                e["note"] = note
            for o in opts:
                if o.startswith("@"):
                    handles[o[1:]] = e["id"]
            ents.append(e)
        relations = []
        for toks, note in rels:
            amb = "amb" in toks
            toks = [t for t in toks if t != "amb"]
            kv = dict(t.split("=", 1) for t in toks if "=" in t)
            toks = [t for t in toks if "=" not in t]
            h = lambda t: None if t == "-" else handles[t]
            kind = toks[0]
            if kind == "INV":
                r = {"type": "INVESTMENT", "ambiguous": amb, "investor": h(toks[1]), "amount": h(toks[2]),
                     "location": h(toks[3]), "stage": None if toks[4] == "-" else toks[4]}
            elif kind == "SUM":
                r = {"type": "PROJECT_SUMMARY", "ambiguous": amb, "count": h(toks[1]), "total": h(toks[2]),
                     "stage": None if toks[3] == "-" else toks[3], "scope": kv.get("scope")}
            elif kind == "LOCIN":
                r = {"type": "LOCATED_IN", "ambiguous": amb, "org": h(toks[1]), "location": h(toks[2])}
            else:
                raise ValueError(kind)
            if note:
                r["note"] = note
            relations.append(r)
        p = {"id": pid, "text": text}
        if source is not None:
            p["source_text"] = source
        p["entities"] = ents
        p["relations"] = relations
        out.append(p)
    return out, problems

# ---------- checks ----------
ROLE_LABEL = {"investor": "ORG", "amount": "MONEY", "location": "LOC", "count": "PROJECT_COUNT",
              "total": "MONEY", "org": "ORG"}
REQUIRED = {"INVESTMENT": ("investor", "amount"), "PROJECT_SUMMARY": ("count",), "LOCATED_IN": ("org", "location")}
QUAL_WORDS_BEFORE = [("超过", "over"), ("突破", "over"), ("超", "over"), ("逾", "over"), ("近", "under"),
                     ("约", "about"), ("达", "exact"), ("共", "exact"), ("至少", "at_least")]


def check(passages):
    errs, warns = [], []
    ids = [p["id"] for p in passages]
    if ids != [f"q{i:02d}" for i in range(1, len(ids) + 1)]:
        errs.append("ids not q01..qNN in order")
    for p in passages:
        text, pid = p["text"], p["id"]
        if "source_text" in p:
            if len(p["source_text"]) != len(text) or t2s.convert(p["source_text"]) != text:
                errs.append(f"{pid}: source_text does not convert to text")
        n_sent = len([s for s in re.split(r"[。！？]", text) if s.strip()])
        if not 2 <= n_sent <= 6:
            warns.append(f"{pid}: {n_sent} sentences")
        byid = {}
        spans = []
        for e in p["entities"]:
            if e["id"] in byid:
                errs.append(f"{pid}: duplicate id {e['id']}")
            byid[e["id"]] = e
            if text[e["start"]:e["end"]] != e["text"] or e["start"] >= e["end"]:
                errs.append(f"{pid}: span mismatch {e}")
            spans.append((e["start"], e["end"], e["id"]))
            lab = e["label"]
            try:
                if lab == "MONEY":
                    v, cur, mark = parse_money(e["text"], e.get("borrowed_unit", ""))
                    if plain(v) != e["value"]:
                        errs.append(f"{pid}: MONEY value {e['text']} -> {plain(v)} != {e['value']}")
                    if cur not in (None, "元") and cur != e["currency"]:
                        errs.append(f"{pid}: currency {e['text']} {e['currency']}")
                    if cur in (None, "元") and e["currency"] != "CNY":
                        ctx = text[max(0, e["start"] - 4):e["end"] + 3]
                        want = {"TWD": "新台币", "HKD": "港", "MOP": "澳门"}[e["currency"]]
                        if want not in ctx:
                            errs.append(f"{pid}: {e['currency']} without a cue near {e['text']}")
                    if cur is None and not e.get("borrowed_unit") and e["qualifier"] != "magnitude" and not e["text"].endswith("亿"):
                        errs.append(f"{pid}: MONEY without unit {e['text']}")
                    if mark and mark != e["qualifier"]:
                        errs.append(f"{pid}: qualifier {e['text']} {e['qualifier']} vs marker {mark}")
                elif lab == "AREA":
                    v, mark = parse_area(e["text"])
                    if plain(v, area=True) != e["value"] or e.get("unit") != "m2":
                        errs.append(f"{pid}: AREA value {e['text']} -> {plain(v, True)} != {e['value']}")
                    if mark and mark != e["qualifier"]:
                        errs.append(f"{pid}: qualifier {e['text']}")
                elif lab == "PROJECT_COUNT":
                    v, mark = parse_count(e["text"])
                    if v != e["value"] or not isinstance(e["value"], int):
                        errs.append(f"{pid}: COUNT value {e['text']} -> {v} != {e['value']}")
                    if mark and mark != e["qualifier"]:
                        errs.append(f"{pid}: qualifier {e['text']}")
                    if "项目" not in text[e["end"]:e["end"] + 12] and "项目" not in text[max(0, e["start"] - 6):e["start"]]:
                        warns.append(f"{pid}: count {e['text']} not near 项目")
            except Exception as ex:  # noqa: BLE001
                errs.append(f"{pid}: cannot parse {e['text']}: {ex}")
            if lab in ("MONEY", "AREA", "PROJECT_COUNT"):
                if e["qualifier"] not in QUALS:
                    errs.append(f"{pid}: bad qualifier {e}")
                before = text[max(0, e["start"] - 2):e["start"]]
                after = text[e["end"]:e["end"] + 2]
                guess = None
                for w, q in QUAL_WORDS_BEFORE:
                    if before.endswith(w):
                        guess = q
                        break
                if after.startswith(("以上", "多")):
                    guess = "over"
                if after.startswith("左右"):
                    guess = "about"
                if guess and guess != e["qualifier"] and e["qualifier"] not in ("at_least", "under", "magnitude"):
                    warns.append(f"{pid}: qualifier of {e['text']} is {e['qualifier']}, context '{before}|{after}' suggests {guess}")
                if not guess and e["qualifier"] not in ("exact", "at_least", "under", "magnitude") and not re.search("[多余几]", e["text"]):
                    warns.append(f"{pid}: qualifier of {e['text']} is {e['qualifier']} with context '{text[max(0, e['start'] - 4):e['start']]}|{after}'")
        spans.sort()
        for a, b in zip(spans, spans[1:]):
            if b[0] < a[1]:
                errs.append(f"{pid}: overlap {byid[a[2]]['text']} / {byid[b[2]]['text']}")
        seen = set()
        for r in p["relations"]:
            for role in REQUIRED[r["type"]]:
                if r.get(role) is None:
                    errs.append(f"{pid}: {r['type']} without {role}")
            for role, lab in ROLE_LABEL.items():
                if role in r and r[role] is not None:
                    if r[role] not in byid:
                        errs.append(f"{pid}: {r['type']} {role} -> missing id {r[role]}")
                    elif byid[r[role]]["label"] != lab:
                        errs.append(f"{pid}: {r['type']} {role} -> {byid[r[role]]['label']}")
            if r.get("stage") not in (None, "planned", "signed", "started", "landed"):
                errs.append(f"{pid}: bad stage {r}")
            key = (r["type"],) + tuple(
                (byid[r[k]]["text"] if k not in ("amount", "total", "count") else byid[r[k]].get("value")) if r.get(k) is not None else None
                for k in ("investor", "amount", "count", "total", "org", "location"))
            if key in seen:
                warns.append(f"{pid}: relation repeated by name/value {key}")
            seen.add(key)
    return errs, warns


def show(p):
    text, out, pos = p["text"], [], 0
    for e in sorted(p["entities"], key=lambda e: e["start"]):
        out.append(text[pos:e["start"]])
        tag = {"PROJECT_COUNT": "PC"}.get(e["label"], e["label"])
        extra = f"={e['value']}/{e['qualifier']}" + (f"/{e['currency']}" if "currency" in e else "") if "value" in e else ""
        out.append(f"[{e['text']}|{tag}{e['id']}{extra}{'?' if e.get('ambiguous') else ''}]")
        pos = e["end"]
    out.append(text[pos:])
    return "".join(out)


if __name__ == "__main__":
    passages, problems = build()
    errs, warns = check(passages)
    for x in problems + errs:
        print("ERROR", x)
    for w in warns:
        print("warn ", w)
    if "--show" in sys.argv:
        for p in passages:
            print("\n" + p["id"], show(p))
            for r in p["relations"]:
                names = {k: next(e["text"] for e in p["entities"] if e["id"] == v) for k, v in r.items()
                         if k in ROLE_LABEL and v is not None}
                print("   ", r["type"], names, r.get("stage"), "AMB" if r["ambiguous"] else "")
    if problems or errs:
        sys.exit(1)
    with open(HERE / "passages.jsonl", "w", encoding="utf-8") as f:
        for p in passages:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    from collections import Counter
    ents = Counter(e["label"] for p in passages for e in p["entities"])
    rels = Counter(r["type"] for p in passages for r in p["relations"])
    amb = sum(1 for p in passages for x in p["entities"] + p["relations"] if x.get("ambiguous"))
    print(len(passages), "passages;", dict(ents), sum(ents.values()), "entities;", dict(rels), sum(rels.values()), "relations;", amb, "ambiguous")
