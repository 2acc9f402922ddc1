"""The ``zhinvest`` command line: a thin layer over the library's functions.

Each command calls a function that returns data and prints it. Bad input never ends in a
traceback: each failing file gets one line on stderr, the others are still processed, and
every error that stops a command is one line on stderr. Exit codes (:data:`EXIT_CODES`):
0 done; 1 some input failed, problems were found, or the command could not finish (a file
or folder missing, an output that cannot be written, a scheduler that does not answer); 2
a usage error (bad or conflicting options); 3 an internal error (a bug: please report it);
130 interrupted.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, NoReturn, TextIO, cast

from .about import __version__
from .errors import Errors, ZhinvestError

if TYPE_CHECKING:  # the commands import what they use, so that `zhinvest --version` is instant
    from .engine import Pipeline
    from .schema import Document, Failure
    from .sources import Source

#: The exit codes of every command, documented in the README.
EXIT_CODES = {
    0: "done",
    1: "some input failed, problems were found, or the command could not finish",
    2: "usage error: bad or conflicting options",
    3: "internal error (a bug): please report it",
    130: "interrupted",
}


def _stderr(message: str) -> None:
    print(f"zhinvest: {message}", file=sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    from .sources import done_sources, iter_sources

    if args.resume and not args.output:
        _stderr(Errors.E065)
        return 2
    if args.resume and args.format != "jsonl":
        _stderr("--resume reads back JSON Lines: use it with --format jsonl")
        return 2
    sources = iter_sources(args.inputs, text_column=args.text_column, id_column=args.id_column)
    output = Path(args.output) if args.output else None
    if args.resume and output is not None:
        done = done_sources(output)
        if done:
            _stderr(f"resuming: {len(done)} source(s) already in {output}")
        sources = (source for source in sources if source.label not in done)
    try:
        results = _output_lines(args, sources, partial(render, args.format, args.table))
        stream = output.open("a" if args.resume else "w", encoding="utf-8") if output else sys.stdout
    except ZhinvestError as error:
        _stderr(str(error))
        return 2
    except OSError as error:
        _stderr(f"{output}: cannot write: {error.strerror or error}")
        return 2
    writer = _Writer(stream, args.format, args.table)
    progress = _Progress(sys.stderr.isatty() if args.progress is None else args.progress)
    failures = 0
    try:
        for index, line in enumerate(results):
            if index == 0 and args.own_process:
                _freeze_heap()
            if line.failed:
                failures += 1
            if line.message:
                progress.message(line.message)
            writer.write(line.text)
            progress.update(line.chars)
    finally:
        writer.close()
        progress.close()
        if stream is not sys.stdout:
            stream.close()
    return 1 if failures else 0


def damage_warning(document: Document) -> str:
    """The warning line for a document whose source had bytes its encoding could not decode."""
    damage = document.metadata.damage
    assert damage is not None
    offsets = ", ".join(str(offset) for offset in damage.offsets[:5]) + (", …" if damage.replaced > 5 else "")
    return Errors.W001.format(name=document.source or document.id, count=damage.replaced, encoding=damage.encoding, offsets=offsets)


def _results(args: argparse.Namespace, sources: Iterator[Source]) -> Iterator[Document | Failure]:
    """The documents and failures of a batch, from the engine the user chose."""
    if args.engine == "dask":
        from .distributed import extract_sources

        return extract_sources(sources, scheduler=args.scheduler, n_workers=args.n_process, segmenter=args.segmenter, ner_model=_ner_model(args))
    return _local_pipeline(args).pipe(sources, n_process=args.n_process, on_error="record")


def _output_lines(args: argparse.Namespace, sources: Iterator[Source], render: Callable[[Document | Failure], OutputLine]) -> Iterator[OutputLine]:
    """:func:`_results` rendered; the local engine renders each document where it is made
    (in its worker process), so that only the output line crosses between processes."""
    if args.engine == "dask":
        return (render(result) for result in _results(args, sources))
    return _local_pipeline(args).map(render, sources, n_process=args.n_process, on_error="record")


def _ner_model(args: argparse.Namespace) -> str | None:
    return "default" if args.ner else None


def _local_pipeline(args: argparse.Namespace) -> Pipeline:
    if args.scheduler:
        raise ZhinvestError("--scheduler needs --engine dask")
    from .engine import Pipeline

    return Pipeline(segmenter=args.segmenter, ner_model=_ner_model(args))


class OutputLine(NamedTuple):
    """What ``zhinvest extract`` writes for one source: its text in the output format, the
    message for stderr (a failure, or a warning about a damaged source), and the clean
    characters it counts for the progress bar."""

    text: str
    failed: bool = False
    message: str | None = None
    chars: int = 0


def render(fmt: str, table: str | None, result: Document | Failure) -> OutputLine:
    """A document's or a failure's output in a format of ``zhinvest extract``: ``jsonl`` and
    ``json`` its JSON; ``table`` the readable listing (all relation tables unless one is
    named); ``csv`` the rows of one table (``investments`` unless named), none for a failure."""
    from .schema import Document

    if not isinstance(result, Document):
        failed = f"# {result.source}  failed: {result.error.message}" if fmt == "table" else ("" if fmt == "csv" else result.to_json())
        return OutputLine(failed, True, result.error.message)
    message = damage_warning(result) if result.metadata.damage is not None else None
    if fmt == "table":
        text = entity_table(result, [table] if table else None)
    elif fmt == "csv":
        from .tables import csv_rows

        text = csv_rows(result, table or "investments")
    else:
        text = result.to_json()
    return OutputLine(text, False, message, len(result.text))


class _Writer:
    """Writes the output lines as they come."""

    def __init__(self, stream: TextIO, fmt: str, table: str | None) -> None:
        self.stream = stream
        self.format = fmt
        self.collected: list[object] = []
        if fmt == "csv":
            from .tables import csv_header

            stream.write(csv_header(table or "investments"))

    def write(self, text: str) -> None:
        if self.format == "jsonl":
            self.stream.write(text + "\n")
            self.stream.flush()
        elif self.format == "json":
            self.collected.append(json.loads(text))
        elif self.format == "table":
            self.stream.write(text + "\n")
        else:
            self.stream.write(text)

    def close(self) -> None:
        if self.format == "json":
            self.stream.write(json.dumps(self.collected, ensure_ascii=False, indent=1) + "\n")
        self.stream.flush()


class _Progress:
    """A progress bar on stderr (documents, and characters per second), when asked for."""

    def __init__(self, enabled: bool) -> None:
        self.bar = None
        self.chars = 0
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(unit=" doc", file=sys.stderr, dynamic_ncols=True)

    def update(self, chars: int) -> None:
        if self.bar is None:
            return
        self.chars += chars
        elapsed = self.bar.format_dict["elapsed"] or 1e-9
        self.bar.set_postfix_str(f"{self.chars / elapsed:,.0f} chars/s", refresh=False)
        self.bar.update(1)

    def message(self, text: str) -> None:
        if self.bar is None:
            _stderr(text)
        else:
            self.bar.write(f"zhinvest: {text}", file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def entity_table(document: Document, tables: Sequence[str] | None = None) -> str:
    """A readable listing of a document's entities, then its relations (those of ``tables``,
    default all)."""
    from .tables import TABLES, relation_lines

    lines = [f"# {document.id}  {document.metadata.title or ''}".rstrip()]
    for entity in document.entities:
        value = "" if entity.value is None else str(entity.value)
        extra = " ".join(x for x in (entity.currency, entity.unit, entity.qualifier) if x)
        lines.append(f"{entity.start:>6}-{entity.end:<6} {entity.label:<14} {entity.text:<20} {value} {extra}".rstrip())
    if not document.entities:
        lines.append("(no entities)")
    relations = list(relation_lines(document, tables or TABLES))
    lines.append("relations:" if relations else "(no relations)")
    lines.extend(f"  {line}" for line in relations)
    return "\n".join(lines)


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Score the pipeline on each gold set; with ``--floors``, fail when a figure is under its floor."""
    from .evaluation import below_floors, evaluate_gold_set, raised_floors, read_floors, report_figures
    from .engine import Pipeline

    try:
        floors: dict[str, dict[str, float]] = {}
        if args.floors:
            floors = read_floors(args.floors)
        elif args.update_floors and Path(args.update_floors).exists():
            floors = read_floors(args.update_floors)
        pipeline = Pipeline(segmenter=args.segmenter, ner_model="default" if args.ner else None)
        results = [(path, *evaluate_gold_set(path, args.sources, pipeline)) for path in args.gold]
    except ZhinvestError as error:
        _stderr(str(error))
        return 1
    failed: list[str] = []
    reports = {}
    for number, (path, report, gold_set, predicted) in enumerate(results):
        name = gold_set_name(path)
        reports[name] = report
        if number:
            print()
        print(f"== {name} ({path}) ==")
        print(report.to_table())
        for problem in gold_set.problems:
            _stderr(f"gold not aligned: {problem}")
        if args.errors:
            print()
            print(report.class_table())
            if report.patterns:
                print()
                print(report.pattern_table())
            for error_class in report.error_classes:
                items = [item for item in report.errors if item.error_class == error_class]
                print(f"\n-- {error_class} ({len(items)} items)")
                for item in items:
                    print(item.line())
        if args.html:
            from .render import render_comparison

            html = Path(args.html) if len(results) == 1 else Path(args.html).with_stem(f"{Path(args.html).stem}-{name}")
            html.write_text(render_comparison(list(zip(gold_set.documents, predicted)), report), encoding="utf-8")
            _stderr(f"gold and predicted side by side: {html}")
        if args.floors and name in floors:
            failed += [f"{name}: {line}" for line in below_floors(report_figures(report), floors[name])]
    if args.output:
        payload = reports[gold_set_name(args.gold[0])] if len(reports) == 1 else None
        text = payload.model_dump_json(indent=1) if payload else json.dumps({name: json.loads(r.model_dump_json()) for name, r in reports.items()}, ensure_ascii=False, indent=1)
        Path(args.output).write_text(text, encoding="utf-8")
    if args.update_floors:
        for name, report in reports.items():
            floors[name] = raised_floors(report_figures(report), floors.get(name, {}))
        Path(args.update_floors).write_text(json.dumps({"margin": 0.01, "sets": floors}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        _stderr(f"floors raised where the figures allow: {args.update_floors}")
    for line in failed:
        _stderr(f"below floor: {line}")
    return 1 if failed else 0


def gold_set_name(path: str | Path) -> str:
    """The name a gold set goes by in reports and floors: its folder's name (``annotations`` → ``seeds``)."""
    resolved = Path(path).resolve()
    name = (resolved if resolved.is_dir() else resolved.parent).name
    return "seeds" if name == "annotations" else name


def cmd_render(args: argparse.Namespace) -> int:
    """One article as an HTML page: entities highlighted by label, relations beside it. A
    JSON document written by ``zhinvest extract`` is shown as it is, without extracting."""
    from .render import render_document

    try:
        document = _document_to_render(args)
        page = render_document(document)
        if args.output:
            Path(args.output).write_text(page, encoding="utf-8")
        else:
            sys.stdout.write(page)
    except ZhinvestError as error:
        _stderr(str(error))
        return 1
    except OSError as error:
        _stderr(f"{args.output}: cannot write: {error.strerror or error}")
        return 1
    if args.output:
        _stderr(f"{document.id}: {len(document.entities)} entities, {len(document.relations)} relations: {args.output}")
    return 0


def _document_to_render(args: argparse.Namespace) -> Document:
    path = Path(args.file)
    if path.suffix.lower() in (".json", ".jsonl") and path.is_file():
        from .formats import read as read_documents

        documents = read_documents(path)
        if len(documents) != 1:
            raise ZhinvestError(f"{path}: holds {len(documents)} documents; render one at a time")
        return documents[0]
    from .engine import Pipeline

    return Pipeline(segmenter=args.segmenter, ner_model="default" if args.ner else None)(path if args.file != "-" else sys.stdin.buffer.read())


def cmd_validate(args: argparse.Namespace) -> int:
    from .validation import validate

    paths = args.paths or ["annotations"]
    try:
        report = validate([Path(p) for p in paths], check_drift=not args.no_drift)
    except ZhinvestError as error:
        # the default folder is missing outside a checkout: say what to do
        _stderr(Errors.E068.format(name=paths[0]) if not args.paths else str(error))
        return 1
    for problem in report.problems:
        where = ":".join(str(x) for x in (problem.file, problem.doc, problem.entity) if x is not None)
        print(f"{where}\t{problem.kind}\t{problem.message}")
    status = "ok" if report.ok else f"{len(report.problems)} problem(s): " + ", ".join(f"{k} {v}" for k, v in report.counts.items())
    print(f"{report.files} file(s), {report.documents} document(s), {report.entities} entities, {report.relations} relations: {status}")
    return 0 if report.ok else 1


#: The tools behind ``zhinvest train`` and ``zhinvest build`` (:mod:`zhinvest.tools`): module
#: and what it does. They are never imported at run time, only when one of these commands is called.
TOOLS: dict[str, tuple[str, str]] = {
    "ner": ("zhinvest.tools.ner", "the statistical NER on ../shared/data/ner (convert, train, score, all, export)"),
    "segmenter": ("zhinvest.tools.segmenter", "the spacy-pkuseg segmenter on ../shared/data/ud"),
    "lexicons": ("zhinvest.tools.lexicons", "the gazetteers and word lists in data/ (pip install -e '.[lexicons]'; `towns PATH` for the towns)"),
}


def cmd_tool(args: argparse.Namespace) -> int:
    """``zhinvest train ner|segmenter ARGS`` and ``zhinvest build lexicons ARGS``: the tool's own
    command line, with the rest of the arguments (``--help`` lists them)."""
    import importlib

    module = importlib.import_module(TOOLS[args.tool][0])
    return int(module.main(list(args.tool_args)) or 0)


def cmd_convert(args: argparse.Namespace) -> int:
    from .formats import convert, destination, losses

    if args.predictions and args.to != "labelstudio":
        _stderr("--predictions is for --to labelstudio (model output rather than gold annotations)")
        return 2
    options = {"result_key": "predictions"} if args.predictions else {}
    try:
        dest = destination(args.dest, args.to)
        docs = convert(args.src, args.dest, to=args.to, from_=args.from_, **options)
    except ZhinvestError as error:
        _stderr(str(error))
        return 1
    dropped = losses(docs, args.to)
    if dropped:
        _stderr(Errors.W002.format(fmt=args.to, dropped=", ".join(f"{count} {what}" for what, count in dropped.items())))
    _stderr(f"converted {len(docs)} document(s) to {args.to}: {dest}")
    return 0


# --- ledger: many articles, one fact per investment (zhinvest.ledger) --------------------------
# Exit codes: 0 done; 1 some inputs failed (the others are in the ledger), or the command could
# not finish (no ledger at --db, a file that is no ledger, an output that cannot be written);
# 2 a usage error (bad options: a date not written YYYY-MM-DD).


def cmd_ledger_build(args: argparse.Namespace) -> int:
    from .ledger import BuildReport, Ledger

    report = BuildReport()

    def extract(sources: Iterator[Source]) -> Iterator[Document | Failure]:
        return _results(args, sources)

    try:
        Ledger.build(
            args.inputs, args.db, extract=extract, window_days=args.window_days, report=report,
            on_failure=lambda failure: _stderr(failure.error.message), text_column=args.text_column, id_column=args.id_column,
        ).close()
    except ZhinvestError as error:
        _stderr(str(error))
        return 1
    _stderr(f"{args.db}: {report.line()}")
    return 1 if report.failures else 0


def _ledger_filters(args: argparse.Namespace, kind: str) -> dict[str, object]:
    return {"place": args.place, "company": args.company, "sector": args.sector, "stage": args.stage,
            "since": args.since, "until": args.until, "kind": kind}


def cmd_ledger_query(args: argparse.Namespace) -> int:
    from .ledger import Ledger

    output = Path(args.output) if args.output else None
    fmt = args.format or (output.suffix.lstrip(".").lower() if output and output.suffix.lower() in (".csv", ".parquet") else "table")
    try:
        with Ledger(args.db) as ledger:
            filters = _ledger_filters(args, args.kind)
            frame = ledger.reports(**filters) if args.reports else ledger.events(**filters)
        if fmt == "parquet":
            if output is None:
                raise ZhinvestError("--format parquet needs -o FILE")
            try:
                import pyarrow  # noqa: F401
            except ImportError:
                raise ZhinvestError(Errors.E085) from None
            frame.astype({c: "string" for c in ("amount",) if c in frame}).to_parquet(output, index=False)
        elif fmt == "csv":
            text = frame.to_csv(index=False)
            output.write_text(text, encoding="utf-8") if output else sys.stdout.write(text)
        else:
            import pandas as pd

            with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200, "display.max_colwidth", 40):
                text = frame.astype(object).where(frame.notna(), "").to_string(index=False) if len(frame) else "(no events)"
            output.write_text(text + "\n", encoding="utf-8") if output else print(text)
    except ZhinvestError as error:
        _stderr(str(error))
        return 1
    except OSError as error:
        _stderr(Errors.E084.format(path=output, reason=error.strerror or error))
        return 1
    what = "reports" if args.reports else "events"
    _stderr(f"{len(frame)} {what}" + (f": {output}" if output else ""))
    return 0


def cmd_ledger_render(args: argparse.Namespace) -> int:
    from .ledger import Ledger

    try:
        with Ledger(args.db) as ledger:
            page = ledger.render(**_ledger_filters(args, args.kind))
        Path(args.output).write_text(page, encoding="utf-8")
    except ZhinvestError as error:
        _stderr(str(error))
        return 1
    except OSError as error:
        _stderr(Errors.E084.format(path=args.output, reason=error.strerror or error))
        return 1
    _stderr(f"events with links to their reports' evidence: {args.output}")
    return 0


def _iso_date(text: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _add_ledger_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    ledger = commands.add_parser("ledger", help="an investment ledger across articles: build, query, render")
    actions = ledger.add_subparsers(dest="ledger_command", required=True)

    build = actions.add_parser("build", help="add articles (anything extract reads) or extract's JSON Lines output to a ledger")
    build.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, globs, JSONL/CSV corpora, - for stdin, or JSON Lines of extracted documents")
    build.add_argument("--db", default="ledger.sqlite", help="the ledger file (SQLite; made when missing; default ledger.sqlite)")
    build.add_argument("--window-days", type=int, default=None, metavar="DAYS", help="reports of one investment are at most DAYS apart (default 30)")
    build.add_argument("--text-column", default="text", help="JSONL/CSV corpora: the column holding the article (default text)")
    build.add_argument("--id-column", default="id", help="JSONL/CSV corpora: the column holding its id (default id)")
    build.add_argument("--n-process", type=_positive, default=1, metavar="N", help="processes for extracting new articles (default 1)")
    build.add_argument("--engine", choices=("local", "dask"), default="local", help="extract new articles locally (default) or on a Dask cluster")
    build.add_argument("--scheduler", default=None, metavar="ADDRESS", help="with --engine dask: a running scheduler")
    build.add_argument("--segmenter", default="char", help="char (default), jieba or pkuseg")
    _ner_options(build)
    build.set_defaults(func=cmd_ledger_build)

    def filters(parser: argparse.ArgumentParser, kind: str) -> None:
        parser.add_argument("--db", default="ledger.sqlite", help="the ledger file (default ledger.sqlite)")
        parser.add_argument("--place", default=None, help="a province, city or county (河北, 廊坊, 嘉定区): facts in it and below it")
        parser.add_argument("--company", default=None, help="a company's name or part of it, any of its names")
        parser.add_argument("--sector", default=None)
        parser.add_argument("--stage", choices=("planned", "signed", "started", "landed"), default=None)
        parser.add_argument("--since", type=_iso_date, default=None, metavar="YYYY-MM-DD", help="events whose first report is of this date or later")
        parser.add_argument("--until", type=_iso_date, default=None, metavar="YYYY-MM-DD", help="events whose first report is of this date or earlier")
        parser.add_argument("--kind", choices=("investments", "summaries", "all"), default=kind, help=f"which events (default {kind})")

    query = actions.add_parser("query", help="events (or their reports) as a table, CSV or Parquet")
    filters(query, "investments")
    query.add_argument("--reports", action="store_true", help="one row per report with its provenance, instead of one per event")
    query.add_argument("--format", choices=("table", "csv", "parquet"), default=None, help="default: from -o's suffix, else table")
    query.add_argument("-o", "--output", default=None, help="write here instead of stdout")
    query.set_defaults(func=cmd_ledger_query)

    render = actions.add_parser("render", help="a page of events with links to each report's evidence")
    filters(render, "all")
    render.add_argument("-o", "--output", default="ledger.html", help="the HTML file to write (default ledger.html)")
    render.set_defaults(func=cmd_ledger_render)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors in one line, as every other error (exit code 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _ner_options(command: argparse.ArgumentParser) -> None:
    group = command.add_mutually_exclusive_group()
    group.add_argument("--ner", action="store_true", help="add the bundled statistical NER before the rules (slower; models/README.md)")
    group.add_argument("--no-ner", dest="ner", action="store_false", help="the rules alone (the default)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="zhinvest", description="Structured data from Chinese investment news.")
    parser.add_argument("--version", action="version", version=f"zhinvest {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="extract entities and relations from files, folders, globs, corpora or stdin (-)")
    extract.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, globs ('news/**/*.html'), JSONL/CSV corpora, or - for stdin")
    extract.add_argument("--format", choices=("jsonl", "json", "table", "csv"), default="jsonl")
    extract.add_argument("-o", "--output", default=None, help="write here instead of stdout")
    extract.add_argument("--resume", action="store_true", help="skip the sources already in --output and append the rest")
    extract.add_argument("--n-process", type=_positive, default=1, metavar="N", help="processes for the spaCy work (default 1); Dask workers with --engine dask")
    extract.add_argument("--engine", choices=("local", "dask"), default="local", help="local processes (default) or a Dask cluster")
    extract.add_argument("--scheduler", default=None, metavar="ADDRESS", help="with --engine dask: a running scheduler (default: a local cluster of --n-process workers)")
    extract.add_argument("--text-column", default="text", help="JSONL/CSV corpora: the column holding the article (default text)")
    extract.add_argument("--id-column", default="id", help="JSONL/CSV corpora: the column holding its id (default id)")
    progress = extract.add_mutually_exclusive_group()
    progress.add_argument("--progress", dest="progress", action="store_true", default=None, help="show a progress bar (default: when stderr is a terminal)")
    progress.add_argument("--no-progress", dest="progress", action="store_false")
    extract.add_argument("--table", choices=("investments", "summaries", "located"), default=None,
                         help="with --format csv: which relation table (default investments); with --format table: only these relations (default all)")
    extract.add_argument("--segmenter", default="char", help="char (default), jieba or pkuseg")
    _ner_options(extract)
    extract.set_defaults(func=cmd_extract)

    evaluate = commands.add_parser("evaluate", help="score the pipeline against gold annotations")
    evaluate.add_argument("--gold", nargs="+", default=["annotations"], metavar="GOLD", help="gold sets: annotation folders or files (any format) or texts/+gold/ folders such as ../shared/dev (default: annotations)")
    evaluate.add_argument("--sources", default=None, help="folder holding the gold documents' source files")
    evaluate.add_argument("--output", default=None, help="write the full report as JSON here")
    evaluate.add_argument("--errors", action="store_true", help="count the errors by class and label, then list them by class")
    evaluate.add_argument("--segmenter", default="char")
    _ner_options(evaluate)
    evaluate.add_argument("--floors", default=None, metavar="FILE", help="exit 1 when a figure of a set falls under its floor in FILE (tests/quality/floors.json)")
    evaluate.add_argument("--update-floors", default=None, metavar="FILE", help="raise the floors in FILE to each figure less 0.01 (never lower them)")
    evaluate.add_argument("--html", default=None, metavar="FILE", help="write gold and predicted side by side as an HTML page")
    evaluate.set_defaults(func=cmd_evaluate)

    render = commands.add_parser("render", help="show an article's entities and relations as an HTML page")
    render.add_argument("file", help="an article (any input extract reads, - for stdin) or one document JSON from extract")
    render.add_argument("-o", "--output", default=None, help="the HTML file to write (default: stdout)")
    render.add_argument("--segmenter", default="char", help="char (default), jieba or pkuseg")
    _ner_options(render)
    render.set_defaults(func=cmd_render)

    train = commands.add_parser("train", help="train a bundled model: ner or segmenter (the tool's options follow)")
    train.add_argument("tool", choices=("ner", "segmenter"), help="; ".join(f"{k}: {TOOLS[k][1]}" for k in ("ner", "segmenter")))
    train.add_argument("tool_args", nargs=argparse.REMAINDER, help="the tool's own arguments (--help lists them)")
    train.set_defaults(func=cmd_tool)
    build = commands.add_parser("build", help="rebuild the shipped lexicons (data/)")
    build.add_argument("tool", choices=("lexicons",), help=TOOLS["lexicons"][1])
    build.add_argument("tool_args", nargs=argparse.REMAINDER, help="`towns PATH/TO/pcas.json` for the towns")
    build.set_defaults(func=cmd_tool)

    validate = commands.add_parser("validate", help="check annotation files: offsets, labels, values, relations")
    validate.add_argument("paths", nargs="*", default=[], help="annotation folders or files (default: annotations)")
    validate.add_argument("--no-drift", action="store_true", help="do not compare texts with what the reader makes now")
    validate.set_defaults(func=cmd_validate)

    from .about import ANNOTATION_FORMATS

    convert = commands.add_parser("convert", help="convert annotations between formats")
    convert.add_argument("src", help="a file or folder in any supported format (detected)")
    convert.add_argument("dest", help="where to write")
    convert.add_argument("--to", required=True, choices=sorted(ANNOTATION_FORMATS))
    convert.add_argument("--from", dest="from_", default=None, choices=sorted(ANNOTATION_FORMATS))
    convert.add_argument("--predictions", action="store_true", help="with --to labelstudio: write model output as predictions (default: gold, as annotations)")
    convert.set_defaults(func=cmd_convert)
    _add_ledger_parser(commands)
    return parser


def run() -> NoReturn:
    """The ``zhinvest`` command (and ``python -m zhinvest``): :func:`main` in a process of its
    own, which it may tune (:func:`_freeze_heap`)."""
    sys.exit(main(own_process=True))


def _freeze_heap() -> None:
    """In a process the command owns (:func:`run`), what is alive now lives until the end
    (spaCy and the lexicons, built as the first document is read): the cyclic garbage
    collector is told to leave it alone (``gc.freeze``). Called after the first document,
    this spares each later full collection a walk over it (about 5% of a batch's time); at
    the end, it spares the last collection at exit (about 0.1 s of every command). A process
    that only calls :func:`main` (a test, a notebook) is never frozen."""
    import gc

    gc.freeze()


def main(argv: Sequence[str] | None = None, *, own_process: bool = False) -> int:
    """The command line on ``argv`` (default ``sys.argv[1:]``); the exit code. ``own_process``:
    the command may tune the process for itself (:func:`run`)."""
    try:
        return _main(argv, own_process)
    finally:
        if own_process:
            _freeze_heap()


def _main(argv: Sequence[str] | None, own_process: bool) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        cast(io.TextIOWrapper, sys.stdout).reconfigure(encoding="utf-8")
        cast(io.TextIOWrapper, sys.stderr).reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    args.own_process = own_process
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except ZhinvestError as error:  # an error that stops the command, in one line
        _stderr(str(error))
        return 1
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        _stderr(f"{where}{error.strerror or error}")
        return 1
    except Exception as error:  # noqa: BLE001 - a bug still ends in one line, not a traceback
        _stderr(Errors.E069.format(error=f"{type(error).__name__}: {error}"))
        return 3


if __name__ == "__main__":
    run()
