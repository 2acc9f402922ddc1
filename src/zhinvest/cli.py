"""The ``zhinvest`` command line: a thin layer over the library's functions.

Each command calls a function that returns data and prints it. Bad input never ends in a
traceback: each failing file gets one line on stderr, the others are still processed, and
the exit code is 1 when anything failed (2 for a usage error).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from .about import __version__
from .errors import Errors, InputError, ZhinvestError
from .schema import Document

#: File endings read when a folder is given.
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md", ".xhtml", ".text")


def iter_inputs(items: Sequence[str]) -> Iterator[tuple[str, object]]:
    """``(name, path-or-bytes)`` for every file, folder member (sorted) and ``-`` (stdin)."""
    for item in items:
        if item == "-":
            yield "<stdin>", sys.stdin.buffer.read()
            continue
        path = Path(item)
        if path.is_dir():
            members = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith("."))
            if not members:
                yield item, InputError(Errors.E002.format(name=item))
            for member in members:
                yield str(member), member
        else:
            yield item, path


def _stderr(message: str) -> None:
    print(f"zhinvest: {message}", file=sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import Pipeline

    try:
        pipeline = Pipeline(segmenter=args.segmenter, ner_model=None if args.no_ner else "default")
    except ZhinvestError as error:
        _stderr(str(error))
        return 2
    failures = 0
    collected: list[Document] = []
    if args.format == "csv":
        from .tables import csv_header

        sys.stdout.write(csv_header(args.table))
    for name, obj in iter_inputs(args.inputs):
        try:
            if isinstance(obj, Exception):
                raise obj
            if isinstance(obj, bytes):
                document = pipeline(obj, name=name, doc_id="stdin")
            else:
                document = pipeline(obj)
        except ZhinvestError as error:
            failures += 1
            _stderr(str(error))
            continue
        except Exception as error:  # noqa: BLE001 - one bad file must not end the batch
            failures += 1
            _stderr(f"{name}: internal error ({type(error).__name__}: {error}); please report it")
            continue
        if args.format == "jsonl":
            sys.stdout.write(document.to_json() + "\n")
            sys.stdout.flush()
        elif args.format == "table":
            sys.stdout.write(entity_table(document) + "\n")
        elif args.format == "csv":
            from .tables import csv_rows

            sys.stdout.write(csv_rows(document, args.table))
        else:
            collected.append(document)
    if args.format == "json":
        payload = [json.loads(d.to_json()) for d in collected]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    return 1 if failures else 0


def entity_table(document: Document) -> str:
    """A readable listing of a document's entities."""
    lines = [f"# {document.id}  {document.metadata.title or ''}".rstrip()]
    for entity in document.entities:
        value = "" if entity.value is None else str(entity.value)
        extra = " ".join(x for x in (entity.currency, entity.unit, entity.qualifier) if x)
        lines.append(f"{entity.start:>6}-{entity.end:<6} {entity.label:<14} {entity.text:<20} {value} {extra}".rstrip())
    if not document.entities:
        lines.append("(no entities)")
    return "\n".join(lines)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluation import evaluate_corpus
    from .pipeline import Pipeline

    try:
        report, _, _ = evaluate_corpus(args.gold, args.sources, Pipeline(segmenter=args.segmenter))
    except ZhinvestError as error:
        _stderr(str(error))
        return 1
    print(report.to_table())
    if args.errors:
        print()
        for item in report.errors:
            print(item.line())
    if args.output:
        Path(args.output).write_text(report.model_dump_json(indent=1), encoding="utf-8")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .validation import validate

    report = validate([Path(p) for p in args.paths], check_drift=not args.no_drift)
    for problem in report.problems:
        where = ":".join(str(x) for x in (problem.file, problem.doc, problem.entity) if x is not None)
        print(f"{where}\t{problem.kind}\t{problem.message}")
    status = "ok" if report.ok else f"{len(report.problems)} problem(s): " + ", ".join(f"{k} {v}" for k, v in report.counts.items())
    print(f"{report.files} file(s), {report.documents} document(s), {report.entities} entities, {report.relations} relations: {status}")
    return 0 if report.ok else 1


def cmd_convert(args: argparse.Namespace) -> int:
    from .formats import convert

    try:
        docs = convert(args.src, args.dest, to=args.to, from_=args.from_)
    except ZhinvestError as error:
        _stderr(str(error))
        return 1
    print(f"converted {len(docs)} document(s) to {args.to}: {args.dest}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zhinvest", description="Structured data from Chinese investment news.")
    parser.add_argument("--version", action="version", version=f"zhinvest {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="extract entities from files, folders or stdin (-)")
    extract.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR", help="files, folders, or - for stdin")
    extract.add_argument("--format", choices=("jsonl", "json", "table", "csv"), default="jsonl")
    extract.add_argument("--table", choices=("investments", "summaries", "located"), default="investments", help="with --format csv: which relation table")
    extract.add_argument("--segmenter", default="char", help="char (default), jieba or pkuseg")
    extract.add_argument("--no-ner", action="store_true", help="rules only, without the statistical NER (about 4x faster)")
    extract.set_defaults(func=cmd_extract)

    evaluate = commands.add_parser("evaluate", help="score the pipeline against gold annotations")
    evaluate.add_argument("--gold", default="annotations", help="gold annotations (folder or file, any format)")
    evaluate.add_argument("--sources", default=None, help="folder holding the gold documents' source files")
    evaluate.add_argument("--output", default=None, help="write the full report as JSON here")
    evaluate.add_argument("--errors", action="store_true", help="list every false positive and false negative")
    evaluate.add_argument("--segmenter", default="char")
    evaluate.set_defaults(func=cmd_evaluate)

    validate = commands.add_parser("validate", help="check annotation files: offsets, labels, values, relations")
    validate.add_argument("paths", nargs="*", default=["annotations"], help="annotation folders or files (default: annotations)")
    validate.add_argument("--no-drift", action="store_true", help="do not compare texts with what the reader makes now")
    validate.set_defaults(func=cmd_validate)

    from .formats import CONVERTERS

    convert = commands.add_parser("convert", help="convert annotations between formats")
    convert.add_argument("src", help="a file or folder in any supported format (detected)")
    convert.add_argument("dest", help="where to write")
    convert.add_argument("--to", required=True, choices=sorted(CONVERTERS))
    convert.add_argument("--from", dest="from_", default=None, choices=sorted(CONVERTERS))
    convert.set_defaults(func=cmd_convert)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stderr.reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
