"""Throughput and peak memory of zhinvest and two reference tools, in one run on one text.

Run: ``python benchmarks/bench_extract.py [--size-mb 1] [--repeat 3] [--budget 20] [--only NAME ...]``
     ``python benchmarks/bench_extract.py --linear [--shape docs|one]``
     ``python benchmarks/bench_extract.py --profile rules|ner|numeric [--size-mb 1]``

The text is the seeds (``seeds/*.txt``, HTML with front matter), copied round-robin as
separate documents until they hold ``--size-mb`` MB (10^6 bytes of UTF-8 source). Each
configuration runs in its own fresh process, so its peak resident memory
(``ru_maxrss``) is its own; "after setup" is that high-water mark once the configuration is
built and warmed up on one document, so "peak" minus "after setup" is what the run itself
added (RSS after setup includes spaCy, thinc and, when installed, torch, which
``import zhinvest`` loads). Figures are the best of up to ``--repeat`` timed runs over the
whole corpus; a configuration stops repeating once its runs have taken ``--budget`` seconds.

``chars/s`` is always the corpus's *clean* characters (what the reader makes of the
source) per second of wall-clock, whatever the configuration reads, so rows compare;
``chars/CPU-s`` divides by the CPU time of the process and its workers instead, which other
jobs on a shared machine do not inflate (and which shows what parallel workers cost in all):

- ``reader``: ``zhinvest.reader.read`` on the source bytes (decode, HTML, t2s, lines);
- ``numeric``: a spaCy pipeline with only ``NUMERIC_COMPONENTS`` (no NER) on the clean
  text, cut in chunks as :class:`~zhinvest.engine.Pipeline` does;
- ``rules``: ``Pipeline(ner_model=None)`` on the source bytes (reader included);
- ``ner``: ``Pipeline()`` with the bundled statistical NER, on the source bytes;
- ``rules x2 pool`` / ``ner x2 pool``: the same in a pool of 2 forked worker processes
  (``multiprocessing``, the pipeline built and warmed before the fork), one document per
  task; wall-clock over the whole corpus including the pool's start-up; memory is the
  parent's peak and the largest worker's peak (RSS counts pages shared after the fork in
  each process);
- ``rules x2 pipe`` / ``ner x2 pipe``: ``Pipeline.pipe(docs, n_process=2)``, zhinvest's own
  batch path (reading in the parent, spaCy in 2 worker processes started for each run);
- ``jionlp money``: ``jionlp.ner.extract_money`` on the clean text (a reference);
- ``jieba posseg``: ``list(jieba.posseg.cut(text))`` on the clean text (a reference).

``--linear`` runs ``rules`` on 0.25, 0.5, 1 and 2 MB, each in its own process, and prints
chars/s per size: flat figures (chars per CPU-second, steadier on a shared machine) mean cost
linear in the input. ``--shape one`` makes the corpus one long plain-text document (the
seeds' clean texts joined) instead of many, which is where cost that grows faster than the
document would show.

``--profile`` runs ``rules``, ``ner`` or ``numeric finders`` (``numeric``) over the corpus
under pyinstrument (``pip install pyinstrument``) and prints the call tree and the functions
by own time; time spent in ``re`` scanning shows as the own time of the function that
iterates over the matches. pyinstrument samples wall-clock time and inflates code made of
many small Python calls (OpenCC's); on a loaded machine read it beside ``chars/CPU-s``.
Nothing here is a test: it only measures.
"""

from __future__ import annotations

import argparse
import inspect
import json
import multiprocessing
import os
import platform
import resource
import shlex
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MB = 1_000_000
LINEAR_SIZES = (0.25, 0.5, 1.0, 2.0)
#: Configuration name -> what it runs on (shown in the table).
CONFIGS: dict[str, str] = {
    "reader": "source",
    "numeric": "clean text",
    "numeric finders": "clean text",
    "rules": "source",
    "ner": "source",
    "rules x2 pool": "source",
    "rules x2 pipe": "source",
    "ner x2 pool": "source",
    "ner x2 pipe": "source",
    "jionlp money": "clean text",
    "jieba posseg": "clean text",
}
RESULT = "RESULT "


class Unavailable(Exception):
    """A configuration whose optional dependency or model is missing."""


# -- corpus --------------------------------------------------------------------------------


def seed_bytes() -> list[bytes]:
    return [p.read_bytes() for p in sorted((ROOT / "seeds").glob("*.txt"))]


def make_corpus(size_mb: float, shape: str = "docs") -> list[bytes]:
    """The seeds repeated round-robin to ``size_mb`` MB: separate documents (``docs``), or
    their clean texts joined into one plain-text document (``one``)."""
    from zhinvest.reader import read

    seeds = seed_bytes()
    if shape == "one":
        clean = [read(s).text.encode("utf-8") for s in seeds]
        parts, total, index = [], 0, 0
        while total < size_mb * MB:
            parts.append(clean[index % len(clean)])
            total += len(parts[-1]) + 1
            index += 1
        return [b"\n".join(parts)]
    corpus, total, index = [], 0, 0
    while total < size_mb * MB:
        corpus.append(seeds[index % len(seeds)])
        total += len(corpus[-1])
        index += 1
    return corpus


# -- configurations (each set up inside its own child process) ------------------------------

_WORKER: Any = None  # the pipeline a forked pool worker inherits


def _worker_run(data: bytes) -> int:
    return len(_WORKER(data).text)


def setup(name: str, corpus: list[bytes]) -> Callable[[list[Any]], int]:
    """A function running configuration ``name`` over a corpus (source bytes or clean texts,
    see :data:`CONFIGS`) and returning the clean characters it went through."""
    from zhinvest.engine import CHUNK_CHARS, Pipeline, split_chunks
    from zhinvest.pipeline import NUMERIC_COMPONENTS, build_nlp, ner_model_path
    from zhinvest.reader import read

    global _WORKER
    if name == "reader":
        return lambda docs: sum(len(read(d).text) for d in docs)
    if name == "numeric":
        nlp = build_nlp(components=NUMERIC_COMPONENTS, ner_model=None, set_ents=False)

        def numeric(texts: list[str]) -> int:
            for text in texts:
                for _ in nlp.pipe(chunk for _, chunk in split_chunks(text, CHUNK_CHARS)):
                    pass
            return sum(map(len, texts))

        return numeric
    if name == "numeric finders":  # the components' work without spaCy's Doc (tokens, vocab)
        from zhinvest.components.area import AreaFinder
        from zhinvest.components.money import MoneyFinder
        from zhinvest.components.project_count import ProjectCountFinder
        from zhinvest.numbers import lexicon

        finders = [cls(lexicon()) for cls in (MoneyFinder, AreaFinder, ProjectCountFinder)]

        def find(texts: list[str]) -> int:
            for text in texts:
                for _, chunk in split_chunks(text, CHUNK_CHARS):
                    for finder in finders:
                        finder.find(chunk)
            return sum(map(len, texts))

        return find
    ner_model = "default" if name.startswith("ner") else None
    if ner_model and ner_model_path() is None:
        raise Unavailable("no NER model in models/")
    if name in ("rules", "ner"):
        pipeline = Pipeline(ner_model=ner_model)
        return lambda docs: sum(len(pipeline(d).text) for d in docs)
    if name.endswith("x2 pool"):
        _WORKER = Pipeline(ner_model=ner_model)
        for data in seed_bytes():  # warm before the fork: lazy tables, OpenCC dictionaries, cn2an's import
            _WORKER(data)

        def pooled(docs: list[bytes]) -> int:
            with multiprocessing.get_context("fork").Pool(2) as pool:
                return sum(pool.imap_unordered(_worker_run, docs, chunksize=2))

        return pooled
    if name.endswith("x2 pipe"):
        if "n_process" not in inspect.signature(Pipeline.pipe).parameters:
            raise Unavailable("Pipeline.pipe takes no n_process in this version")
        pipeline = Pipeline(ner_model=ner_model)
        return lambda docs: sum(len(d.text) for d in pipeline.pipe(docs, n_process=2))
    if name == "jionlp money":
        try:
            import jionlp
        except ImportError:
            raise Unavailable("not installed (pip install jionlp)") from None
        return lambda texts: sum(len(t) for t in texts if jionlp.ner.extract_money(t) is not None)
    if name == "jieba posseg":
        try:
            import jieba
            import jieba.posseg
        except ImportError:
            raise Unavailable("not installed (pip install jieba)") from None
        jieba.setLogLevel(60)
        jieba.initialize()
        return lambda texts: sum(len(t) for t in texts if list(jieba.posseg.cut(t)) is not None)
    raise ValueError(f"unknown configuration {name!r}")


def measure(name: str, size_mb: float, repeat: int, budget: float, shape: str) -> dict[str, Any]:
    """Run one configuration in this process; called in a fresh child by :func:`run_child`."""
    from zhinvest.reader import read

    corpus = make_corpus(size_mb, shape)
    docs: list[Any] = [read(d).text for d in corpus] if CONFIGS[name] == "clean text" else corpus
    run = setup(name, corpus)
    run(docs[: len(seed_bytes())])  # warm up on each seed once: lazy tables, dictionaries, cn2an's import
    after_setup = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    timings: list[tuple[float, float]] = []  # (wall-clock, CPU of this process and its children)
    while len(timings) < repeat and sum(wall for wall, _ in timings) < budget:
        start, cpu_start = time.perf_counter(), cpu_seconds()
        chars = run(docs)
        timings.append((time.perf_counter() - start, cpu_seconds() - cpu_start))
    seconds, cpu = min(timings)
    return {
        "name": name,
        "documents": len(corpus),
        "source_bytes": sum(map(len, corpus)),
        "clean_chars": chars,
        "chars": chars,
        "runs": len(timings),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "setup_rss_mb": after_setup / 1024,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 if "x2" in name else None,
    }


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (pool and pipe workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_child(name: str, size_mb: float, repeat: int, budget: float, shape: str = "docs") -> dict[str, Any]:
    """:func:`measure` in a fresh Python process; ``{"name", "error"}`` when it cannot run
    (the child's traceback then goes to stderr)."""
    command = [sys.executable, __file__, "--one", name, "--size-mb", str(size_mb), "--repeat", str(repeat),
               "--budget", str(budget), "--shape", shape]
    done = subprocess.run(command, capture_output=True, text=True)
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT):
            return json.loads(line[len(RESULT) :])
    sys.stderr.write(f"--- {name} failed:\n{done.stderr}")
    reason = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
    return {"name": name, "error": reason[:100]}


# -- report -------------------------------------------------------------------------------


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for package in ("zhinvest", "spacy", "jionlp", "jieba"):
        try:
            found.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            found.append(f"{package} not installed")
    return ", ".join(found)


def header() -> list[str]:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return [
        f"command: {shlex.join([Path(sys.executable).name, *sys.argv])}",
        f"python {platform.python_version()} ({platform.python_implementation()}) on {platform.platform()}",
        f"CPUs: {os.cpu_count()} ({usable} usable); load average before: {load}",
        f"versions: {versions()}",
    ]


def table(rows: list[dict[str, Any]], first: str = "configuration") -> list[str]:
    lines = [f"{first:<14} {'input':<11} {'chars/s':>9} {'seconds':>8} {'runs':>4} {'chars/CPU-s':>11} {'peak RSS':>9} {'after setup':>11}  notes"]
    for row in rows:
        label = row.get("label", row["name"])
        if "error" in row:
            lines.append(f"{label:<14} {CONFIGS.get(row['name'], ''):<11} {'-':>9} {'-':>8} {'-':>4} {'-':>11} {'-':>9} {'-':>11}  {row['error']}")
            continue
        notes = f"largest worker {row['worker_rss_mb']:.0f} MB" if row.get("worker_rss_mb") else ""
        lines.append(
            f"{label:<14} {CONFIGS[row['name']]:<11} {row['chars'] / row['seconds']:>9,.0f} {row['seconds']:>8.2f} {row['runs']:>4}"
            f" {row['chars'] / row['cpu_seconds']:>11,.0f} {row['peak_rss_mb']:>6.0f} MB {row['setup_rss_mb']:>8.0f} MB  {notes}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=1.0, help="corpus size in MB of source (default 1)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per configuration at most; the best counts")
    parser.add_argument("--budget", type=float, default=20.0, help="no further run once a configuration's runs took this many seconds")
    parser.add_argument("--only", nargs="+", choices=list(CONFIGS), help="run only these configurations")
    parser.add_argument("--linear", action="store_true", help="rules on 0.25, 0.5, 1 and 2 MB")
    parser.add_argument("--shape", choices=("docs", "one"), default="docs", help="many documents, or one long document")
    parser.add_argument("--profile", choices=("rules", "ner", "numeric"), help="profile one configuration with pyinstrument (numeric: the numeric finders)")
    parser.add_argument("--no-targets", action="store_true", help="leave out the targets of issue 15 after the table")
    parser.add_argument("--targets-only", action="store_true", help="only the targets (with the rows they need)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # child mode
    parser.add_argument("--rss", help=argparse.SUPPRESS)  # child mode: extract one file, print peak RSS
    args = parser.parse_args()

    if args.rss:
        from zhinvest.cli import main as cli

        cli(["extract", args.rss, "-o", os.devnull, "--no-progress"])
        print(RESULT + json.dumps({"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
        return
    if args.one:
        try:
            result = measure(args.one, args.size_mb, args.repeat, args.budget, args.shape)
        except Unavailable as reason:
            result = {"name": args.one, "error": str(reason)}
        print(RESULT + json.dumps(result))
        return
    if args.profile:
        profile(args.profile, args.size_mb, args.shape)
        return

    for line in header():
        print(line)
    if args.linear:
        rows = [{**run_child("rules", size, args.repeat, args.budget, args.shape), "label": f"{size:g} MB"} for size in LINEAR_SIZES]
        print(f"rules (Pipeline(ner_model=None)) per corpus size, shape {args.shape!r}, best of up to {args.repeat}")
        for line in table(rows, "size"):
            print(line)
        measured = [r for r in rows if "error" not in r]
        for row in measured:
            rate, base = row["chars"] / row["cpu_seconds"], measured[0]["chars"] / measured[0]["cpu_seconds"]
            print(f"  {row['label']:>8}: {row['documents']} documents, {row['clean_chars']:,} clean chars, "
                  f"chars per CPU-second {rate / base:.2f}x that at {measured[0]['label']}")
        print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
        return

    names = list(args.only or CONFIGS)
    if args.targets_only:
        names = list(TARGET_ROWS)
    elif not args.no_targets:
        names += [name for name in TARGET_ROWS if name not in names]
    rows = [run_child(name, args.size_mb, args.repeat, args.budget, args.shape) for name in names]
    measured = next((r for r in rows if "error" not in r and CONFIGS[r["name"]] == "source"), None)
    if measured:
        print(
            f"corpus: seeds repeated to {args.size_mb:g} MB, shape {args.shape!r}: {measured['documents']} documents, "
            f"{measured['source_bytes']:,} source bytes, {measured['clean_chars']:,} clean chars"
        )
    for line in table(rows):
        print(line)
    if not args.no_targets:
        print()
        for line in targets({row["name"]: row for row in rows if "error" not in row}):
            print(line)
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


# -- the targets of issue 15 ----------------------------------------------------------------

#: Table rows the targets compare.
TARGET_ROWS = ("rules", "numeric finders", "jionlp money", "jieba posseg")


def _ratio(rows: dict[str, dict[str, Any]], name: str, reference: str) -> float | None:
    if name not in rows or reference not in rows:
        return None
    rate = rows[name]["chars"] / rows[name]["cpu_seconds"]
    return rate / (rows[reference]["chars"] / rows[reference]["cpu_seconds"])


def _wall(command: list[str], runs: int) -> float:
    """The median wall-clock seconds of a command, run ``runs`` times."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def _alternated(commands: list[list[str]], rounds: int) -> list[float]:
    """The median wall-clock seconds of each command, the commands run in turn ``rounds``
    times, so that a slow spell of a shared machine slows each of them alike."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(rounds):
        for command, taken in zip(commands, times):
            taken.append(_wall(command, 1))
    return [sorted(taken)[len(taken) // 2] for taken in times]


def _peak_rss(path: Path) -> float:
    done = subprocess.run([sys.executable, __file__, "--rss", str(path)], capture_output=True, text=True, check=True)
    line = next(line for line in reversed(done.stdout.splitlines()) if line.startswith(RESULT))
    return float(json.loads(line[len(RESULT) :])["peak_rss_mb"])


def _plain_text(path: Path, size_bytes: int) -> Path:
    """The seeds' clean texts, repeated into one plain-text file of ``size_bytes``."""
    from zhinvest.reader import read

    block = ("\n".join(read(data).text for data in seed_bytes()) + "\n").encode("utf-8")
    with path.open("wb") as handle:
        written = 0
        while written < size_bytes:
            piece = block[: size_bytes - written]
            handle.write(piece)
            written += len(piece)
    return path


def _pipe_scaling(folder: Path) -> tuple[float, float]:
    """Wall seconds of ``Pipeline.pipe`` over a folder's files with one and with two processes,
    the pipeline built and warmed first (what ``--n-process`` spreads, without start-up)."""
    code = (
        "import sys, time; from pathlib import Path; import zhinvest; from zhinvest.sources import iter_sources\n"
        "nlp = zhinvest.load(); nlp.extract('华星科技有限公司拟投资5亿元落户玉溪市。')\n"
        "paths = [str(p) for p in sorted(Path(sys.argv[1]).glob('*.txt'))]\n"
        "for n in (1, 2):\n"
        "    start = time.perf_counter(); list(nlp.pipe(iter_sources(paths), n_process=n)); print(time.perf_counter() - start)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True, check=True)
    one, two = (float(x) for x in done.stdout.split()[-2:])
    return one, two


def targets(rows: dict[str, dict[str, Any]]) -> list[str]:
    """Each target of issue 15 with its measured figure and its reference, in this run."""
    import tempfile

    zhinvest_cli = [sys.executable, "-m", "zhinvest.cli"]
    lines = [f"{'target':<52} {'measured':>12} {'aim':>10}  verdict"]

    def row(name: str, value: float | None, aim: str, ok: bool | None, unit: str = "") -> None:
        shown = "-" if value is None else f"{value:,.2f}{unit}"
        verdict = "n/a" if ok is None else ("met" if ok else "NOT MET")
        lines.append(f"{name:<52} {shown:>12} {aim:>10}  {verdict}")

    ratio = _ratio(rows, "rules", "jieba posseg")
    row("default pipeline / jieba.posseg (chars per CPU-s)", ratio, ">= 2x", None if ratio is None else ratio >= 2, "x")
    ratio = _ratio(rows, "numeric finders", "jionlp money")
    row("numeric finders / jionlp extract_money", ratio, ">= 1.5x", None if ratio is None else ratio >= 1.5, "x")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        sizes = {}
        for megabytes in (1, 20):
            sizes[megabytes] = _peak_rss(_plain_text(work / f"plain_{megabytes}mb.txt", megabytes * MB))
            row(f"peak RSS, default pipeline, {megabytes} MB plain text", sizes[megabytes], "< 700 MB", sizes[megabytes] < 700, " MB")
        digits = work / "digits.txt"
        digits.write_text("总投资" + "1" * 200_000 + "亿元\n", encoding="utf-8")
        peak = _peak_rss(digits)
        row("peak RSS, default pipeline, a 200k-digit line", peak, "< 700 MB", peak < 700, " MB")
        sources = sorted((ROOT / "seeds").glob("*.txt"))
        usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        for files in (300, 1200):
            batch = work / f"seeds{files}"
            batch.mkdir()
            for index in range(files):
                source = sources[index % len(sources)]
                (batch / f"{source.stem}_{index:04d}{source.suffix}").write_bytes(source.read_bytes())
            one, two = _alternated([[*zhinvest_cli, "extract", str(batch), "-o", os.devnull, "--n-process", str(n)] for n in (1, 2)], 3 if files == 300 else 1)
            if files == 300:
                row(f"extract --n-process 2 / 1, 300 seed files ({one:.1f} s / {two:.1f} s)", one / two, ">= 1.7x", one / two >= 1.7 if usable >= 2 else None, "x")
                scaling = _pipe_scaling(batch)
                row(f"  of which Pipeline.pipe alone, after start-up ({scaling[0]:.1f} s / {scaling[1]:.1f} s)", scaling[0] / scaling[1], "", None, "x")
                start_up = _wall([*zhinvest_cli, "extract", str(sources[0]), "-o", os.devnull], 3)
                lines.append(f"  (start-up and the first document take {start_up:.2f} s of each command, in one process)")
            else:
                row(f"  the same on 1,200 seed files ({one:.1f} s / {two:.1f} s)", one / two, "", None, "x")
    version = _wall([sys.executable, "-m", "zhinvest.cli", "--version"], 5)
    row("zhinvest --version (median of 5, wall)", version, "< 0.3 s", version < 0.3, " s")
    first = _wall([*zhinvest_cli, "extract", str(sources[0]), "-o", os.devnull], 3)
    row("first document out: extract one seed (median of 3, wall)", first, "< 2 s", first < 2, " s")
    return lines


def profile(name: str, size_mb: float, shape: str) -> None:
    """Profile ``rules``, ``ner`` or the numeric finders over the corpus with pyinstrument:
    the call tree and the functions by their own time, in percent of the whole."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        sys.exit("pyinstrument is not installed (pip install pyinstrument)")
    from zhinvest.engine import Pipeline
    from zhinvest.reader import read

    corpus = make_corpus(size_mb, shape)
    if name == "numeric":  # the "numeric finders" row: clean texts, as measure() gives them
        texts = [read(data).text for data in corpus]
        find = setup("numeric finders", corpus)
        find(texts[: len(seed_bytes())])  # warm up: compiled patterns, cn2an's import
        run: Callable[[], int] = lambda: find(texts)
    else:
        pipeline = Pipeline(ner_model=None if name == "rules" else "default")
        for data in seed_bytes():  # warm up: lazy tables, OpenCC dictionaries, cn2an's import
            pipeline(data)
        run = lambda: sum(len(pipeline(data).text) for data in corpus)
    profiler = Profiler(interval=0.001)
    profiler.start()
    chars = run()
    profiler.stop()
    print(f"{name}: {len(corpus)} documents, {chars:,} clean chars")
    print(profiler.output_text(unicode=True, time="percent_of_total"))
    flat = profiler.output_text(unicode=True, flat=True, time="percent_of_total").splitlines()
    print("\n".join([line for line in flat if line[:1].isdigit()][:30]))


if __name__ == "__main__":
    main()
