"""Segmenters compared: seed F1 (entities, relations), throughput and peak memory.

Run: ``python benchmarks/bench_segmenters.py [--copies 20] [--ner-model PATH ...]``

Each configuration runs in its own process (so its peak RSS is its own): ``char`` with the
bundled statistical NER (the default), and ``char``, ``jieba``, ``pkuseg`` with the rules
alone (the bundled NER was trained on character tokens). Each ``--ner-model PATH`` (a spaCy
pipeline, e.g. the NER trained on pkuseg tokens by ``zhinvest train ner train --segmenter pkuseg``)
adds a row with that model under the rules; its segmenter is the one saved with it
(``spacy.load`` brings its own tokenizer), shown in the first column. F1 is strict micro-F1
over all entity labels and relation micro-F1 against ``annotations/``; chars/s over the
seeds' clean text repeated ``--copies`` times. Nothing here is a test: it only measures.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = (("char", "default"), ("char", None), ("jieba", None), ("pkuseg", None))


def measure(segmenter: str, ner_model: str | None, copies: int) -> dict[str, object]:
    from zhinvest.evaluation import evaluate_corpus
    from zhinvest.engine import Pipeline
    from zhinvest.reader import read

    if segmenter == "model":  # a --ner-model row: spacy.load brings the model's own tokenizer
        pipeline = Pipeline(ner_model=ner_model)
        segmenter = str(getattr(pipeline.nlp.tokenizer, "segmenter", "?"))
    else:
        pipeline = Pipeline(segmenter=segmenter, ner_model=ner_model)
    report, _, _ = evaluate_corpus(ROOT / "annotations", ROOT / "seeds", pipeline)
    texts = [read(p).text for p in sorted((ROOT / "seeds").glob("*.txt"))] * copies
    start = time.perf_counter()
    for text in texts:
        pipeline(text)
    seconds = time.perf_counter() - start
    return {
        "segmenter": segmenter,
        "ner": "model + rules" if ner_model else "rules",
        "model": None if ner_model in (None, "default") else str(ner_model),
        "entity_f1": report.micro.strict.f1,
        "relation_f1": report.relations_micro.f1,
        "chars_per_s": sum(map(len, texts)) / seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument(
        "--ner-model", action="append", default=[], type=Path, metavar="PATH",
        help="also measure this NER pipeline under the rules, with its own tokenizer (repeatable)",
    )
    parser.add_argument("--one", nargs=2, metavar=("SEGMENTER", "NER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        segmenter, ner = args.one
        print(json.dumps(measure(segmenter, None if ner == "none" else ner, args.copies)))
        return
    rows = []
    configs = [*CONFIGS, *(("model", str(path.resolve())) for path in args.ner_model)]
    for segmenter, ner in configs:
        result = subprocess.run(
            [sys.executable, __file__, "--copies", str(args.copies), "--one", segmenter, ner or "none"],
            capture_output=True, text=True, check=False,
        )
        if result.returncode != 0:
            print(f"{segmenter}: failed: {result.stderr.strip().splitlines()[-1] if result.stderr.strip() else result.returncode}")
            continue
        rows.append(json.loads(result.stdout.strip().splitlines()[-1]))
    print(f"{'segmenter':<10} {'NER':<14} {'entity F1':>9} {'relation F1':>11} {'chars/s':>9} {'peak RSS':>9}  model")
    for row in rows:
        print(
            f"{row['segmenter']:<10} {row['ner']:<14} {row['entity_f1'] * 100:>9.1f} {row['relation_f1'] * 100:>11.1f} "
            f"{row['chars_per_s']:>9,.0f} {row['peak_rss_mb']:>7.0f} MB  {row['model'] or ''}"
        )


if __name__ == "__main__":
    main()
