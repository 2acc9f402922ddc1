"""Throughput and peak memory of zhinvest over the seeds repeated to about 1 MB.

Run: ``python benchmarks/bench_extract.py [--target-bytes 1000000] [--repeat 3]``

Prints, for each stage, characters of clean text per second and peak memory:
Python-heap peaks come from a separate tracemalloc run (tracing slows code several times,
so timed runs are untraced).
- ``reader``: decode + HTML/text cleaning + t2s, in-process;
- ``pipeline``: reader + spaCy with the zhinvest components, in-process (``zhinvest.load()``);
- ``cli``: the ``zhinvest extract DIR`` command in a child process, wall time including
  start-up, with the child's peak resident memory.
Figures are the best of ``--repeat`` runs. Nothing here is a test: it only measures.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_corpus(target_bytes: int, folder: Path) -> list[Path]:
    """Copies of the seeds, round-robin, until the folder holds ``target_bytes``."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    paths: list[Path] = []
    total = 0
    index = 0
    while total < target_bytes:
        seed = seeds[index % len(seeds)]
        path = folder / f"{index:05d}_{seed.name}"
        shutil.copyfile(seed, path)
        paths.append(path)
        total += path.stat().st_size
        index += 1
    return paths


def best_of(repeat: int, run) -> tuple[float, int, int]:
    """(seconds, chars) of the fastest untraced run, and the peak Python heap of one traced run."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        chars = run()
        timings.append((time.perf_counter() - start, chars))
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    seconds, chars = min(timings)
    return seconds, chars, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target-bytes", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import zhinvest
    from zhinvest.reader import read

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = make_corpus(args.target_bytes, folder)
        size = sum(p.stat().st_size for p in paths)
        pipeline = zhinvest.load()
        pipeline(paths[0])  # warm up: lazy tables, OpenCC dictionaries

        rows = []
        seconds, chars, peak = best_of(args.repeat, lambda: sum(len(read(p).text) for p in paths))
        rows.append(("reader", chars, seconds, f"{peak / 2**20:.0f} MB traced"))
        seconds, chars, peak = best_of(args.repeat, lambda: sum(len(pipeline(p).text) for p in paths))
        rows.append(("pipeline", chars, seconds, f"{peak / 2**20:.0f} MB traced"))

        cli_runs = []
        for _ in range(args.repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "zhinvest.cli", "extract", str(folder)], check=True, stdout=subprocess.DEVNULL)
            cli_runs.append((time.perf_counter() - start, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)))
        seconds, maxrss_kb = min(cli_runs)
        rows.append(("cli", chars, seconds, f"{maxrss_kb / 1024:.0f} MB peak RSS"))

    print(f"corpus: {len(paths)} files, {size:,} bytes, {chars:,} clean characters; best of {args.repeat}")
    print(f"{'stage':<10} {'chars/s':>12} {'seconds':>9}  memory")
    for stage, count, secs, memory in rows:
        print(f"{stage:<10} {count / secs:>12,.0f} {secs:>9.2f}  {memory}")


if __name__ == "__main__":
    main()
