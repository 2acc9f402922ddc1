"""Speed and peak memory of the NER pipeline over realistic text.

The text is the five seed articles, cleaned (front matter and HTML removed, pinyin glosses
dropped, Traditional converted to Simplified), one ``Doc`` per article, repeated until the
corpus holds at least 1 MB of UTF-8. Each batch size runs in a fresh process, so that the
peak resident memory (``ru_maxrss``, model loading included) belongs to that run alone.

    OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \\
        python benchmarks/bench_ner.py models/zh_invest_ner --batch-sizes 4 64

Prints one JSON line per batch size: chars, the seconds of each timed pass, chars/s of the
fastest pass and of the median pass, peak RSS in MB.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
_FRONT_MATTER = re.compile(r"\A\s*---\n.*?\n---\n", re.S)
# A pinyin gloss after a character: 中國(guó)
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+\)")


def clean(raw: str) -> str:
    """A plain Simplified-Chinese text of one seed article (a stand-in for the reader)."""
    from bs4 import BeautifulSoup
    from opencc import OpenCC

    text = _FRONT_MATTER.sub("", raw)
    if re.search(r"<(p|div|br|img)\b", text):
        text = BeautifulSoup(text, "lxml").get_text("\n")
    text = _PINYIN.sub("", text)
    text = OpenCC("t2s").convert(text)
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def corpus(min_bytes: int = 1_000_000) -> list[str]:
    """The cleaned seed articles, repeated to at least ``min_bytes`` of UTF-8."""
    articles = [clean(p.read_text(encoding="utf8")) for p in sorted(SEEDS.glob("*.txt"))]
    texts: list[str] = []
    size = 0
    while size < min_bytes:
        for article in articles:
            texts.append(article)
            size += len(article.encode("utf8"))
    return texts


def run_one(model: str, batch_size: int, repeat: int = 3) -> dict[str, float]:
    """Time ``nlp.pipe`` over the corpus ``repeat`` times in this process, after one
    article warms up. Reports the fastest and the median pass (a shared machine adds
    noise that only slows a pass down)."""
    import spacy

    texts = corpus()
    nlp = spacy.load(model)
    list(nlp.pipe(texts[:1]))
    chars = sum(len(t) for t in texts)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        n_ents = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=batch_size))
        times.append(time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "batch_size": batch_size,
        "docs": len(texts),
        "chars": chars,
        "ents": n_ents,
        "seconds": [round(t, 2) for t in times],
        "chars_per_s": round(chars / min(times)),
        "chars_per_s_median": round(chars / statistics.median(times)),
        "peak_rss_mb": round(peak_mb),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", help="a spaCy pipeline folder or package name")
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[4, 64])
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per batch size")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.model, args.batch_sizes[0], args.repeat)))
        return
    for batch_size in args.batch_sizes:
        cmd = [sys.executable, __file__, args.model, "--batch-sizes", str(batch_size), "--repeat", str(args.repeat), "--one"]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        print(out.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()
