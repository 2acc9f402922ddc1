"""What ``ledger build`` reads: what ``zhinvest extract`` reads, and documents it already wrote.

- JSON Lines files of extracted documents (``zhinvest extract -o out.jsonl``, a Dask run's
  ``part-*.jsonl``), alone, in a folder or matched by a glob, are read back as they are
  (:func:`zhinvest.schema.parse_record`), without extracting again;
- everything else goes through :func:`zhinvest.sources.iter_sources` (files, folders, globs,
  JSONL/CSV corpora, ``-``) and the pipeline, which is loaded once and only when some article is
  new to the ledger (an article is read and hashed first; one already stored is skipped);
- a text file whose first line is ``url: …`` followed by a blank line (the layout of the
  development set) has the url taken into the document's metadata and the two lines removed
  before reading, so offsets count from the article.
"""

from __future__ import annotations

import dataclasses
import glob
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..sources import Source, iter_sources, read_source
from ..errors import InputError, ZhinvestError
from ..goldsets import strip_provenance
from ..reader import Article, read_file_text, read_text
from ..schema import Document, Failure, FailureReason, parse_record

__all__ = ["iter_documents", "is_document_file", "with_url_line"]

_DOCUMENT_SUFFIXES = (".jsonl", ".ndjson")
_GLOB_CHARS = frozenset("*?[")


def is_document_file(path: Path) -> bool:
    """Whether a ``.jsonl`` file holds extracted documents (its first record has ``entities`` or
    is an error record) rather than a corpus of articles."""
    if path.suffix.lower() not in _DOCUMENT_SUFFIXES or not path.is_file():
        return False
    try:
        with path.open(encoding="utf-8-sig") as stream:
            for line in stream:
                if line.strip():
                    record = json.loads(line)
                    return isinstance(record, dict) and ("entities" in record or ("error" in record and "text" not in record))
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    return False


def _document_records(path: Path) -> Iterator[Document | Failure]:
    with path.open(encoding="utf-8-sig") as stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                yield parse_record(line)
            except ValueError as error:
                reason = str(error).splitlines()[0]
                yield Failure(source=f"{path}:{number}", error=FailureReason(type="InputError", message=f"{path}, line {number}: not a zhinvest document: {reason}"))


def with_url_line(source: Source) -> Source:
    """A file source whose text starts with a ``url:`` line, as an article without it and with
    the url in its metadata; other sources as they are."""
    if not isinstance(source.data, Path) or source.error is not None:
        return source
    try:
        text = read_file_text(source.data)
    except ZhinvestError as error:
        return Source(source.name, error=error, doc_id=source.doc_id)
    article_text = strip_provenance(text)
    if article_text == text:
        return source
    url = text[: len(text) - len(article_text)].split("\n", 1)[0].split(":", 1)[1].strip()
    article = read_text(article_text, source=source.name, doc_id=source.doc_id)
    metadata = article.metadata.model_copy(update={"url": url or None})
    return Source(source.name, dataclasses.replace(article, metadata=metadata), doc_id=source.doc_id)


def _expand(item: str) -> tuple[list[Path], list[str]]:
    """Document files and the items left for :func:`iter_sources`."""
    path = Path(item)
    if item != "-" and not path.exists() and _GLOB_CHARS & set(item):
        matches = sorted(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file())
        documents = [p for p in matches if is_document_file(p)]
        rest = [str(p) for p in matches if p not in documents]
        return documents, rest if rest or documents else [item]
    if path.is_dir():
        documents = sorted(p for p in path.rglob("*") if is_document_file(p))
        has_articles = any(p.is_file() and p.suffix.lower() in (".txt", ".html", ".htm", ".md", ".xhtml", ".text") for p in path.rglob("*"))
        return documents, [item] if has_articles or not documents else []
    if is_document_file(path):
        return [path], []
    return [], [item]


def iter_documents(
    inputs: Iterable[str],
    *,
    is_known: Callable[[Document | Article], bool] = lambda _: False,
    extract: Callable[[Iterator[Source]], Iterator[Document | Failure]] | None = None,
    text_column: str = "text",
    id_column: str = "id",
    on_skip: Callable[[], None] = lambda: None,
) -> Iterator[Document | Failure]:
    """The documents (and failures) of some inputs: stored documents read back, articles read
    and, when ``is_known`` says they are new, extracted by ``extract`` (a function over sources,
    such as ``Pipeline.pipe``; called once, lazily). Known articles call ``on_skip``."""
    items = list(inputs)
    raw: list[str] = []
    for item in items:
        documents, rest = _expand(item)
        for path in documents:
            yield from _document_records(path)
        raw.extend(rest)
    if not raw:
        return
    failures: list[Failure] = []

    def new_sources() -> Iterator[Source]:
        for source in iter_sources(raw, text_column=text_column, id_column=id_column):
            source = with_url_line(source)
            try:
                article = read_source(source)
            except ZhinvestError as error:
                failures.append(Failure(id=source.doc_id, source=source.label, error=FailureReason(type=type(error).__name__, message=str(error))))
                continue
            if is_known(article):
                on_skip()
                continue
            yield Source(source.name, article, doc_id=article.id)

    sources = new_sources()
    first = next(sources, None)
    if first is not None:
        if extract is None:
            raise InputError("articles to extract, but no pipeline given")
        yield from extract(_chain(first, sources))
    yield from failures


def _chain(first: Source, rest: Iterator[Source]) -> Iterator[Source]:
    yield first
    yield from rest
