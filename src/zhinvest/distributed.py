"""zhinvest on Dask, for corpora larger than one machine: ``pip install 'zhinvest[dask]'``.

Each worker process builds the pipeline once (:func:`worker_pipeline`) and keeps it; work is
sent in batches of sources, and results come back as JSON so that the client gets exactly
what a local run writes.

Over a ``dask.bag`` of texts (or paths, bytes, :class:`~zhinvest.sources.Source` items)::

    import dask.bag as db
    from zhinvest.distributed import extract_bag

    bag = db.from_sequence(texts, npartitions=8)
    documents = extract_bag(bag).compute()         # Document or Failure, in order

Over a ``dask.dataframe`` with a text column::

    records = extract_dataframe(frame, text_column="content", id_column="url")

From the command line, ``zhinvest extract corpus.jsonl --engine dask [--scheduler ADDRESS]``
streams the sources to the cluster (:func:`extract_sources`).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from .sources import Source, as_source
from .errors import EngineError, Errors, InputError, ModelError, ProcessingError, ZhinvestError
from .engine import Pipeline
from .reader import read_file_bytes
from .schema import Document, Failure, FailureReason, parse_record

__all__ = ["extract_bag", "extract_dataframe", "extract_sources", "worker_pipeline", "write_partitions"]

#: Sources per task sent to a worker.
TASK_SIZE = 8
#: Seconds to wait for the scheduler named by ``scheduler=`` (``--scheduler``) to answer.
CONNECT_TIMEOUT = 10


@lru_cache(maxsize=2)
def worker_pipeline(segmenter: str = "char", ner_model: str | None = None) -> Pipeline:
    """The pipeline of this process, built on first use and kept (one per worker)."""
    return Pipeline(segmenter=segmenter, ner_model=ner_model)


def extract_batch(sources: Sequence[Any], segmenter: str = "char", ner_model: str | None = None) -> list[str]:
    """Runs on a worker: the JSON records (documents or failures) of some sources, in order."""
    pipeline = worker_pipeline(segmenter, ner_model)
    return [result.to_json() for result in pipeline.pipe(sources, on_error="record")]


def extract_bag(bag: Any, *, segmenter: str = "char", ner_model: str | None = None) -> Any:
    """A ``dask.bag`` of :class:`~zhinvest.schema.Document` (or :class:`~zhinvest.schema.Failure`)
    records for a bag of texts, paths, bytes or sources; nothing runs until it is computed."""
    return bag.map_partitions(_partition, segmenter=segmenter, ner_model=ner_model)


def extract_dataframe(frame: Any, *, text_column: str = "text", id_column: str | None = None, segmenter: str = "char", ner_model: str | None = None) -> Any:
    """:func:`extract_bag` over the rows of a ``dask.dataframe``: the article in ``text_column``,
    its id in ``id_column`` (else the row's position in its partition)."""
    rows = frame.to_bag(index=False, format="dict")
    return rows.map_partitions(_rows_partition, text_column=text_column, id_column=id_column, segmenter=segmenter, ner_model=ner_model)


def extract_sources(
    sources: Iterable[Source],
    *,
    scheduler: str | None = None,
    n_workers: int = 2,
    segmenter: str = "char",
    ner_model: str | None = None,
    task_size: int = TASK_SIZE,
) -> Iterator[Document | Failure]:
    """Stream sources through a Dask cluster and yield their results in order.

    ``scheduler`` is the address of a running scheduler; without it a ``LocalCluster`` of
    ``n_workers`` single-threaded worker processes is started and stopped. Files are read
    here and sent as bytes, so workers need not see this machine's disk. At most two tasks
    per worker are in flight, so memory stays bounded however long the stream. A scheduler
    that does not answer within :data:`CONNECT_TIMEOUT` seconds raises
    :class:`~zhinvest.errors.EngineError`."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ModelError(Errors.E066) from None
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]  # distributed: unannotated
        except (OSError, ValueError, TypeError) as error:  # unreachable (after the timeout) or not an address
            raise EngineError(Errors.E067.format(address=scheduler, reason=error)) from None
    else:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR)  # type: ignore[no-untyped-call]  # distributed: unannotated
        client = Client(cluster)  # type: ignore[no-untyped-call]  # distributed: unannotated
    try:
        window: deque[tuple[list[Source], Any]] = deque()
        in_flight = 2 * max(1, len(client.scheduler_info().get("workers", {})) or n_workers)
        shipped = (_shippable(source) for source in sources)
        while batch := list(islice(shipped, task_size)):
            window.append((batch, client.submit(extract_batch, batch, segmenter, ner_model, pure=False)))
            if len(window) >= in_flight:
                yield from _collect(*window.popleft())
        while window:
            yield from _collect(*window.popleft())
    finally:
        client.close()  # type: ignore[no-untyped-call]  # distributed: unannotated
        if cluster is not None:
            cluster.close()


def _collect(batch: list[Source], future: Any) -> Iterator[Document | Failure]:
    try:
        records = future.result()
    except Exception as error:  # noqa: BLE001 - a lost task loses its sources, not the batch
        for source in batch:
            reason = ProcessingError(Errors.E060.format(name=source.label, component="a Dask worker", error=f"{type(error).__name__}: {error}"))
            yield Failure(id=source.doc_id, source=source.label, error=FailureReason(type=type(reason).__name__, message=str(reason)))
        return
    for record in records:
        yield parse_record(record)


def _shippable(source: Source) -> Source:
    """The source with a file's bytes read here, so that the worker needs no shared disk
    (and decodes them as it would the file, damage recorded)."""
    if isinstance(source.data, Path) and source.error is None:
        try:
            return Source(source.name, read_file_bytes(source.data), doc_id=source.doc_id)
        except ZhinvestError as error:
            return Source(source.name, error=error, doc_id=source.doc_id)
    return source


def _partition(items: Iterable[Any], segmenter: str, ner_model: str | None) -> list[Document | Failure]:
    return [parse_record(record) for record in extract_batch([as_source(item) for item in items], segmenter, ner_model)]


def _rows_partition(rows: Iterable[dict[str, Any]], text_column: str, id_column: str | None, segmenter: str, ner_model: str | None) -> list[Document | Failure]:
    sources = []
    for number, row in enumerate(rows):
        doc_id = str(row[id_column]) if id_column and row.get(id_column) is not None else None
        text = row.get(text_column)
        name = doc_id or f"row {number}"
        if isinstance(text, str):
            sources.append(Source(name, text, doc_id=doc_id))
        else:
            sources.append(Source(name, doc_id=doc_id, error=InputError(f"{name}: no text in column {text_column!r}")))
    return _partition(sources, segmenter, ner_model)


def write_partitions(records: Any, folder: str | Path, **compute: Any) -> list[str]:
    """Write a bag of records (from :func:`extract_bag` or :func:`extract_dataframe`) as JSON
    Lines, one ``part-N.jsonl`` per partition, each written by the worker that made it (the
    folder must be one the workers can write: a shared disk or an object store URL). ``zhinvest
    ledger build FOLDER`` reads them back without extracting again. Returns the files written;
    ``compute`` goes to Dask (``scheduler="sync"`` …)."""
    target = str(folder).rstrip("/") + "/part-*.jsonl"
    written: list[str] = records.map(lambda record: record.to_json()).to_textfiles(target, last_endline=True, **compute)
    return written

