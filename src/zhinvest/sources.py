"""Sources for batches: files, folders, globs, stdin and corpora of texts, listed lazily.

:func:`iter_sources` turns what a user names on the command line into a stream of
:class:`Source` items, one per article, without reading the articles themselves (a
JSON Lines or CSV corpus is read a row at a time). A source that cannot even be listed
(a glob that matches nothing, a broken JSON line, a CSV without the text column) comes
out as a :class:`Source` carrying its error, so that the batch records it and goes on.

>>> [s.name for s in iter_sources(["seeds/*.txt"])][:1]
['seeds/000_83a0861aacad86cc.txt']
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import hashlib
import glob
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import Errors, InputError, ZhinvestError
from .reader import ARTICLE_SUFFIXES, CORPUS_SUFFIXES, Article, is_path, looks_like_path, read, read_text
from .reader.decode import detect_encoding

__all__ = ["ARTICLE_SUFFIXES", "CORPUS_SUFFIXES", "STREAM_BYTES", "Source", "as_source", "done_sources", "iter_parts", "iter_sources", "read_source"]

_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Source:
    """One article to read: a path, raw bytes or a text, with the name it is reported by.

    ``name`` is the document's ``source`` in the output (a path, or ``corpus.jsonl:17``
    for a corpus row) and what ``--resume`` matches on. ``error`` is set, and ``data``
    None, for a source that failed before it could be read.
    """

    name: str | None
    data: Path | bytes | str | Article | None = None
    doc_id: str | None = None
    error: ZhinvestError | None = None

    @property
    def label(self) -> str:
        """The name messages use (``<text>`` for a text given without one)."""
        return self.name or "<text>"


def as_source(obj: Source | str | bytes | os.PathLike[str]) -> Source:
    """A :class:`Source` for what :func:`zhinvest.reader.read` takes: a path, bytes or a text
    (a ``str`` naming an existing file is that file; one that looks like a path of a file that
    does not exist is an error, not text)."""
    if isinstance(obj, Source):
        return obj
    if isinstance(obj, os.PathLike) or (isinstance(obj, str) and is_path(obj)):
        path = Path(obj)
        return Source(str(obj), path, doc_id=path.stem)
    if isinstance(obj, str) and looks_like_path(obj):
        return Source(obj, doc_id=Path(obj).stem, error=InputError(Errors.E001.format(name=obj)))
    if isinstance(obj, (bytes, bytearray, memoryview)):
        return Source(None, bytes(obj))
    if isinstance(obj, str):
        return Source(None, obj)
    return Source(None, error=InputError(Errors.E007.format(type=type(obj).__name__)))


def read_source(source: Source) -> Article:
    """Read one source into an :class:`~zhinvest.reader.Article`; raises its error if it has one."""
    if source.error is not None:
        raise source.error
    if isinstance(source.data, Article):
        return source.data
    if isinstance(source.data, Path):
        return read(source.data, doc_id=source.doc_id)
    if isinstance(source.data, bytes):
        return read(source.data, name=source.name, doc_id=source.doc_id)
    if isinstance(source.data, str):
        return read_text(source.data, source=source.name, doc_id=source.doc_id)
    raise InputError(Errors.E007.format(type=type(source.data).__name__))


def iter_sources(items: Iterable[str], *, text_column: str = "text", id_column: str = "id") -> Iterator[Source]:
    """A :class:`Source` for every file, folder member (sorted), glob match (sorted), ``-``
    (stdin) and corpus row named in ``items``.

    A file's document id is its name without the ending; a file whose name another file of
    the batch already has (``a/x.txt``, ``b/x.txt``) gets ``<stem>-<8 hex digits of its path's
    SHA-1>``, so that every file has an id of its own.

    Files ending in ``.jsonl``/``.ndjson`` hold one JSON object per line, ``.csv``/``.tsv`` one
    row per article; the article is in ``text_column`` and its id, when there is one, in
    ``id_column`` (else ``<file stem>-<line>``)."""
    return _unique_file_ids(_iter_sources(items, text_column, id_column))


def _unique_file_ids(sources: Iterable[Source]) -> Iterator[Source]:
    seen: set[str] = set()
    for source in sources:
        if isinstance(source.data, Path) and source.doc_id in seen:
            digest = hashlib.sha1(str(source.data).encode("utf-8", "surrogateescape")).hexdigest()[:8]
            source = dataclasses.replace(source, doc_id=f"{source.doc_id}-{digest}")
        if source.doc_id is not None:
            seen.add(source.doc_id)
        yield source


def _iter_sources(items: Iterable[str], text_column: str, id_column: str) -> Iterator[Source]:
    for item in items:
        if item == "-":
            data = sys.stdin.buffer.read()
            if data.strip():
                yield Source("<stdin>", data, doc_id="stdin")
            else:
                yield Source("<stdin>", doc_id="stdin", error=InputError(Errors.E024.format(name="<stdin>")))
            continue
        path = Path(item)
        if path.is_dir():
            members = sorted(p for p in path.rglob("*") if _is_article(p))
            if not members:
                yield Source(item, error=InputError(Errors.E002.format(name=item)))
            for member in members:
                yield from _file_sources(member, text_column, id_column)
        elif not path.exists() and _GLOB_CHARS & set(item):
            matches = sorted(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file())
            if not matches:
                yield Source(item, error=InputError(Errors.E064.format(name=item)))
            for match in matches:
                yield from _file_sources(match, text_column, id_column)
        else:
            yield from _file_sources(path, text_column, id_column)


def done_sources(output: Path) -> set[str]:
    """The sources already recorded in a JSON Lines output, documents and failures alike.

    A last line cut short (a batch killed while writing) is removed from the file, so the
    output stays valid JSON Lines once the batch resumes and appends to it."""
    done: set[str] = set()
    if not output.is_file():
        return done
    keep = 0
    with output.open("rb") as stream:
        for line in stream:
            try:
                record = json.loads(line)
            except ValueError:
                break
            if not line.endswith(b"\n"):
                break
            keep += len(line)
            if isinstance(record, dict) and record.get("source"):
                done.add(str(record["source"]))
    if keep < output.stat().st_size:
        with output.open("r+b") as stream:
            stream.truncate(keep)
    return done


#: Plain-text files larger than this are read in parts (:func:`iter_parts`).
STREAM_BYTES = 16 * 1024 * 1024
#: About how many characters each part of a large file holds.
PART_CHARS = 1_000_000


def iter_parts(path: Path, part_chars: int | None = None, block_bytes: int = 1 << 20) -> Iterator[Source]:
    """A large plain-text file as consecutive parts of about ``part_chars`` characters, cut
    at a blank line (else a line end) and decoded incrementally, so that memory does not
    grow with the file. Part ``n`` is the document ``<stem>.p<n>``; its ``source`` is
    ``<path>@<offset>``, the character offset in the file where the part starts, and its
    entities' source offsets count from there."""
    part_chars = part_chars or PART_CHARS
    try:
        stream = path.open("rb")
    except OSError as error:
        yield Source(str(path), error=InputError(Errors.E006.format(name=path, reason=error.strerror or error)), doc_id=path.stem)
        return
    with stream:
        first = stream.read(block_bytes)
        try:
            encoding, bom = detect_encoding(first, str(path))
        except InputError as error:
            yield Source(str(path), error=error, doc_id=path.stem)
            return
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        buffer = decoder.decode(first[bom:])
        offset = number = 0
        while True:
            block = stream.read(block_bytes)
            if block:
                buffer += decoder.decode(block)
            else:
                buffer += decoder.decode(b"", final=True)
            while len(buffer) >= part_chars or (not block and buffer):
                cut = len(buffer)
                if block or len(buffer) > part_chars:
                    cut = _part_end(buffer, part_chars)
                number += 1
                yield Source(f"{path}@{offset}", buffer[:cut], doc_id=f"{path.stem}.p{number:04d}")
                offset += cut
                buffer = buffer[cut:]
            if not block:
                return


def _part_end(text: str, size: int) -> int:
    """Where to end a part of about ``size`` characters: after a blank line, else a line end."""
    for separator in ("\n\n", "\n"):
        cut = text.rfind(separator, size // 2, size)
        if cut >= 0:
            return cut + len(separator)
    return size


def _is_article(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(".")


def _file_sources(path: Path, text_column: str, id_column: str) -> Iterator[Source]:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        yield from _jsonl_sources(path, text_column, id_column)
    elif suffix in (".csv", ".tsv"):
        yield from _csv_sources(path, text_column, id_column, delimiter="\t" if suffix == ".tsv" else ",")
    elif suffix not in (".html", ".htm", ".xhtml") and _size(path) > STREAM_BYTES:
        yield from iter_parts(path)
    else:
        yield Source(str(path), path, doc_id=path.stem)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reported when the file is read


def _open_corpus(path: Path) -> Iterator[str] | InputError:
    try:
        return path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        return InputError(Errors.E001.format(name=path))
    except OSError as error:
        return InputError(Errors.E006.format(name=path, reason=error.strerror or error))


def _jsonl_sources(path: Path, text_column: str, id_column: str) -> Iterator[Source]:
    stream = _open_corpus(path)
    if isinstance(stream, InputError):
        yield Source(str(path), error=stream)
        return
    with stream:  # type: ignore[attr-defined]
        try:
            for number, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                name = f"{path}:{number}"
                try:
                    row = json.loads(line)
                except ValueError as error:
                    yield Source(name, error=InputError(Errors.E062.format(name=path, line=number, reason=f"not valid JSON ({error})")))
                    continue
                yield _row_source(row, name, f"{path.stem}-{number}", text_column, id_column, path, number)
        except UnicodeDecodeError as error:
            yield Source(str(path), error=InputError(Errors.E062.format(name=path, line="?", reason=f"not UTF-8 ({error.reason})")))


def _csv_sources(path: Path, text_column: str, id_column: str, delimiter: str) -> Iterator[Source]:
    stream = _open_corpus(path)
    if isinstance(stream, InputError):
        yield Source(str(path), error=stream)
        return
    csv.field_size_limit(64 * 1024 * 1024)
    with stream:  # type: ignore[attr-defined]
        try:
            reader = csv.DictReader(stream, delimiter=delimiter)
            columns: Sequence[str] = reader.fieldnames or ()
            if text_column not in columns:
                yield Source(str(path), error=InputError(Errors.E063.format(name=path, column=text_column, columns=", ".join(columns) or "none")))
                return
            for row in reader:
                number = reader.line_num
                yield _row_source(row, f"{path}:{number}", f"{path.stem}-{number}", text_column, id_column, path, number)
        except (UnicodeDecodeError, csv.Error) as error:
            yield Source(str(path), error=InputError(Errors.E062.format(name=path, line="?", reason=error)))


def _row_source(row: object, name: str, default_id: str, text_column: str, id_column: str, path: Path, number: int) -> Source:
    if not isinstance(row, dict):
        return Source(name, error=InputError(Errors.E062.format(name=path, line=number, reason="expected a JSON object")))
    doc_id = row.get(id_column)
    doc_id = str(doc_id) if doc_id not in (None, "") else default_id
    text = row.get(text_column)
    if not isinstance(text, str):
        reason = f"no text in column {text_column!r}" if text is None else f"column {text_column!r} is not a string"
        return Source(name, doc_id=doc_id, error=InputError(Errors.E062.format(name=path, line=number, reason=reason)))
    return Source(name, text, doc_id=doc_id)
