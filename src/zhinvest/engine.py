"""The batch engine: articles in, :class:`~zhinvest.schema.Document` objects out.

:class:`Pipeline` reads an input (:mod:`zhinvest.reader`, :mod:`zhinvest.sources`), runs the
spaCy pipeline of :func:`~zhinvest.pipeline.build_nlp` over the clean text in line-aligned
chunks (so that a 5 MB article stays within spaCy's ``max_length`` and memory stays bounded),
and hands each chunk's resolved mentions and relation candidates to
:class:`~zhinvest.assemble.DocumentParts`, which builds the document. Errors become records
(:class:`~zhinvest.schema.Failure`) so that one bad source never ends a batch;
``n_process`` > 1 spreads whole documents over forked worker processes.

Nothing here is module-level state: what the workers run is given to them when they start,
and component errors are noted on the :class:`Pipeline` that ran into them.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

from . import _spacy  # noqa: F401, I001  (first: spaCy without PyTorch, see zhinvest._spacy)
from spacy.language import Language
from spacy.tokens import Doc

from .assemble import DocumentParts
from .components._spans import cache_doc_text, resolved_mentions
from .components.relations import relation_candidates
from .errors import Errors, InputError, ProcessingError, ZhinvestError
from .pipeline import build_nlp
from .reader import Article, read
from .schema import Document, Failure, FailureReason
from .segmentation import char_doc, uses_char_tokens
from .sources import Source, as_source, read_source

__all__ = ["BATCH_SIZE", "CHUNK_CHARS", "POOL_BATCH", "Pipeline", "split_chunks"]

#: Text is given to spaCy in chunks of at most this many characters, cut at line ends.
CHUNK_CHARS = 20_000
#: Chunks handed to spaCy at a time: small batches are fastest for the NER (models/README.md).
BATCH_SIZE = 4
#: Sources sent to a worker process at a time by :meth:`Pipeline.pipe` with ``n_process`` > 1.
POOL_BATCH = 4
OnError = Literal["raise", "record"]
T = TypeVar("T")


class Pipeline:
    """Reusable extraction: :meth:`extract` (text), :meth:`extract_file` (a path), or the
    pipeline called on either (``Pipeline()(path_or_text) -> Document``); :meth:`pipe` for batches."""

    def __init__(self, nlp: Language | None = None, segmenter: str = "char", ner_model: str | Path | None = None) -> None:
        self.nlp = nlp if nlp is not None else build_nlp(segmenter, set_ents=False, ner_model=ner_model)
        self._errors = _ComponentErrors()

    def __call__(self, obj: str | bytes | os.PathLike[str], *, name: str | None = None, doc_id: str | None = None) -> Document:
        """The document of a path (an ``os.PathLike``, or a ``str`` naming an existing file),
        raw bytes or a text. A ``str`` that looks like a path of a missing file raises
        :class:`~zhinvest.errors.InputError`; :meth:`extract` and :meth:`extract_file` say
        which one they take."""
        return self.document(read(obj, name=name, doc_id=doc_id))

    def extract(self, text: str | bytes, *, name: str | None = None, doc_id: str | None = None) -> Document:
        """The document of an article given as text or raw bytes; never reads a file."""
        return self.document(read(text, name=name, doc_id=doc_id, as_="text"))

    def extract_file(self, path: str | os.PathLike[str], *, doc_id: str | None = None) -> Document:
        """The document of the article in the file at ``path``."""
        return self.document(read(path, doc_id=doc_id, as_="path"))

    def document(self, article: Article) -> Document:
        """Run the spaCy pipeline over an article's clean text and build its Document."""
        source = Source(article.source or article.id, article)
        (result,) = self._run([source], batch_size=BATCH_SIZE)
        if isinstance(result, _Failed):
            raise result.error
        return result

    @overload
    def pipe(self, sources: Iterable[Source | str | bytes | os.PathLike[str]], *, n_process: int = ..., batch_size: int = ..., on_error: Literal["raise"] = ...) -> Iterator[Document]: ...
    @overload
    def pipe(self, sources: Iterable[Source | str | bytes | os.PathLike[str]], *, n_process: int = ..., batch_size: int = ..., on_error: Literal["record"]) -> Iterator[Document | Failure]: ...

    def pipe(
        self,
        sources: Iterable[Source | str | bytes | os.PathLike[str]],
        *,
        n_process: int = 1,
        batch_size: int = BATCH_SIZE,
        on_error: OnError = "raise",
    ) -> Iterator[Document | Failure]:
        """Documents for many sources, in their order, streamed.

        ``sources`` are :class:`~zhinvest.sources.Source` items (see
        :func:`~zhinvest.sources.iter_sources`) or anything :func:`~zhinvest.reader.read`
        takes. ``n_process`` > 1 spreads whole documents over forked worker processes,
        each running this pipeline, with at most two batches per worker in flight (a
        document-level pool costs half the CPU of ``nlp.pipe(n_process=…)``, which ships
        every chunk's Doc between processes: ``benchmarks/bench_extract.py``); a document
        comes back from its worker as its JSON, which pydantic reads in a third of the time
        an unpickling takes. When only something made from each document is wanted (its
        JSON line, its table rows), :meth:`map` makes it in the worker and ships only that.
        With ``on_error="record"`` a source that fails yields a
        :class:`~zhinvest.schema.Failure` and the batch goes on; with ``"raise"`` its error
        is raised."""
        if n_process > 1:
            for is_document, data in self._pool((as_source(s) for s in sources), n_process, _as_json, on_error):
                yield Document.model_validate_json(data) if is_document else Failure.model_validate_json(data)
            return
        for result in self._run((as_source(s) for s in sources), batch_size=batch_size):
            if isinstance(result, _Failed):
                if on_error == "raise":
                    raise result.error
                yield result.record()
            else:
                yield result

    def map(
        self,
        function: Callable[[Document | Failure], T],
        sources: Iterable[Source | str | bytes | os.PathLike[str]],
        *,
        n_process: int = 1,
        batch_size: int = BATCH_SIZE,
        on_error: OnError = "raise",
    ) -> Iterator[T]:
        """``function`` of each source's document (or, with ``on_error="record"``, its
        :class:`~zhinvest.schema.Failure`), in the sources' order, streamed.

        With ``n_process`` > 1, ``function`` runs in the worker process that made the
        document, and only its value comes back: a JSON line, table rows or a count cross
        between processes instead of the document, so the parent process, which shares the
        CPUs with the workers, has next to nothing to do (``zhinvest extract`` writes its
        output lines this way). ``function`` must be picklable: a module-level function, or
        a :func:`functools.partial` of one."""
        if n_process > 1:
            yield from self._pool((as_source(s) for s in sources), n_process, function, on_error)
            return
        for result in self.pipe(sources, batch_size=batch_size, on_error=on_error):
            yield function(result)

    def _pool(self, sources: Iterable[Source], n_process: int, function: Callable[[Document | Failure], T], on_error: OnError) -> Iterator[T]:
        """:meth:`map` over ``n_process`` forked workers, in order, in batches of
        :data:`POOL_BATCH` sources. Each worker inherits this pipeline when it starts (a fork
        copies it; nothing is pickled but ``function``, the sources and what comes back). A
        worker that dies (a crash in a C library, the kernel's out-of-memory killer) takes
        every batch in flight with it: those are run again one source at a time in new
        workers, and only a source that kills its worker again is recorded as a failure."""
        workers = _Workers(self, n_process)
        window: deque[tuple[list[Source], Future[list[tuple[Failure | None, T | None]]]]] = deque()
        try:
            batches = iter(lambda: list(islice(sources, POOL_BATCH)), [])
            for batch in batches:
                window.append((batch, workers.submit(function, batch, on_error)))
                while len(window) >= 2 * n_process or (window and window[0][1].done()):
                    yield from self._pool_results(window, workers, function, on_error)
            while window:
                yield from self._pool_results(window, workers, function, on_error)
        finally:
            workers.shutdown()

    @staticmethod
    def _pool_results(
        window: deque[tuple[list[Source], Future[list[tuple[Failure | None, T | None]]]]],
        workers: _Workers,
        function: Callable[[Document | Failure], T],
        on_error: OnError,
    ) -> Iterator[T]:
        """The values of the oldest batch in ``window``; when a worker died, of every batch in
        flight, run again source by source."""
        batch, future = window.popleft()
        try:
            results = future.result()
        except BrokenProcessPool:
            in_flight = batch + [source for pending, _ in window for source in pending]
            window.clear()
            results = workers.one_by_one(function, in_flight, on_error)
        for failure, value in results:
            if failure is not None and on_error == "raise":
                raise (InputError if failure.error.type == "InputError" else ProcessingError)(failure.error.message)
            yield value  # type: ignore[misc]  # None only beside a failure, which was raised

    def _run(self, sources: Iterable[Source], batch_size: int) -> Iterator[Document | _Failed]:
        """Sources are read and cut into chunks, spaCy processes the chunks, and each document
        is assembled from its chunks as they come back in order. A document some of whose
        chunks never come back (a component failed on them) becomes a failure."""
        self._errors.install(self.nlp)  # on every run: components may have been added since
        states: dict[int, tuple[Source, DocumentParts | _Failed]] = {}
        # in this process, character docs are made directly (spaCy's char tokenizer aligns
        # each character in Python, and doc.text joins them again on every access)
        make_doc = partial(prepared_char_doc, self.nlp.vocab) if uses_char_tokens(self.nlp) else str

        def chunks() -> Iterator[tuple[str | Doc, tuple[int, int]]]:
            for seq, source in enumerate(sources):
                try:
                    article = read_source(source)
                except ZhinvestError as error:
                    states[seq] = source, _Failed(source, error)
                    yield "", (seq, -1)
                    continue
                except Exception as error:  # noqa: BLE001 - a reader bug must not end the batch
                    states[seq] = source, _Failed(source, ProcessingError(Errors.E060.format(name=source.label, component="the reader", error=_describe(error))))
                    yield "", (seq, -1)
                    continue
                pieces = list(split_chunks(article.text, CHUNK_CHARS)) or [(0, "")]
                states[seq] = source, DocumentParts(article, len(pieces))
                for offset, text in pieces:
                    yield make_doc(text), (seq, offset)

        pending = 0  # the first sequence number not yet given out
        for doc, (seq, offset) in self.nlp.pipe(chunks(), as_tuples=True, batch_size=batch_size):
            for lost in range(pending, seq):
                yield self._lost(lost, *states.pop(lost))
            pending = seq
            source, state = states[seq]
            if isinstance(state, _Failed):
                del states[seq]
                pending = seq + 1
                yield state
                continue
            state.add(resolved_mentions(doc), relation_candidates(doc), offset)
            if state.complete:
                del states[seq]
                pending = seq + 1
                yield self._finish(source, state)
        for lost in sorted(states):
            yield self._lost(lost, *states.pop(lost))

    @staticmethod
    def _finish(source: Source, parts: DocumentParts) -> Document | _Failed:
        try:
            return parts.document()
        except Exception as error:  # noqa: BLE001 - one bad document must not end the batch
            return _Failed(source, ProcessingError(Errors.E060.format(name=source.label, component="assemble", error=_describe(error))))

    def _lost(self, seq: int, source: Source, state: DocumentParts | _Failed) -> _Failed:
        """The failure of a document some of whose chunks a component dropped."""
        if isinstance(state, _Failed):
            return state
        message = self._errors.pop(seq)
        if message:  # the component failed in this process
            return _Failed(source, ProcessingError(f"{source.label}: {message}; please report it"))
        return _Failed(source, ProcessingError(Errors.E061.format(name=source.label)))


def set_error_handler(nlp: Language, handler: Callable[[str, Any, list[Doc], Exception], None]) -> None:
    """``nlp.set_error_handler`` for the components that take one (spaCy's Cython pipes
    such as ``ner`` do not: their errors still raise) and as the pipeline's default."""
    nlp.default_error_handler = handler
    for _, component in nlp.pipeline:
        try:
            component.set_error_handler(handler)  # type: ignore[attr-defined]  # spaCy types pipes as plain callables
        except AttributeError:
            pass


class _ComponentErrors:
    """spaCy error handler of one :class:`Pipeline`: notes a component's error by the chunk's
    context and lets the chunk's doc drop out of the batch; the document then fails."""

    def __init__(self) -> None:
        self.messages: dict[Any, str] = {}

    def install(self, nlp: Language) -> None:
        set_error_handler(nlp, self.note)

    def note(self, name: str, component: Any, docs: list[Doc], error: Exception) -> None:
        message = f"internal error in component {name} ({_describe(error)})"
        for doc in docs:
            self.messages[getattr(doc, "_context", None)] = message

    def pop(self, seq: int) -> str | None:
        """The first error noted for a chunk of document ``seq``, forgetting it and older ones."""
        messages = [message for key, message in self.messages.items() if isinstance(key, tuple) and key[0] == seq]
        for key in [key for key in self.messages if not isinstance(key, tuple) or key[0] <= seq]:
            del self.messages[key]
        return messages[0] if messages else None


def prepared_char_doc(vocab: Any, text: str) -> Doc:
    """:func:`~zhinvest.segmentation.char_doc` with its text cached for the components."""
    return cache_doc_text(char_doc(vocab, text), text)


class _Workers:
    """The forked worker processes of :meth:`Pipeline._pool`, started again after one died."""

    def __init__(self, pipeline: Pipeline, n_process: int) -> None:
        self.pipeline = pipeline
        self.n_process = n_process
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("fork")
        return ProcessPoolExecutor(self.n_process, mp_context=context, initializer=_Worker.start, initargs=(self.pipeline,))

    def submit(self, function: Callable[[Document | Failure], T], batch: list[Source], on_error: OnError) -> Future[list[tuple[Failure | None, T | None]]]:
        return self.executor.submit(_Worker.run, function, batch, on_error)

    def restart(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()

    def one_by_one(self, function: Callable[[Document | Failure], T], sources: list[Source], on_error: OnError) -> list[tuple[Failure | None, T | None]]:
        """The results of ``sources`` after a worker died, each run alone in new workers; a
        source whose worker dies again is a failure."""
        self.restart()
        results: list[tuple[Failure | None, T | None]] = []
        for source in sources:
            try:
                results += self.submit(function, [source], on_error).result()
            except BrokenProcessPool as error:
                self.restart()
                died = ProcessingError(Errors.E060.format(name=source.label, component="a worker process, which died", error=_describe(error)))
                failure = _Failed(source, died).record()
                results.append((failure, None if on_error == "raise" else function(failure)))
        return results

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


class _Worker:
    """What a forked worker process of :meth:`Pipeline._pool` runs: the pipeline it was started
    with (its initializer's argument, inherited through the fork, not pickled)."""

    pipeline: Pipeline | None = None
    warm = False

    @classmethod
    def start(cls, pipeline: Pipeline) -> None:
        cls.pipeline = pipeline
        cls.warm = False
        # what the worker inherited (spaCy, the lexicons) lives as long as it does: the cyclic
        # garbage collector need not walk it again, nor touch its shared pages
        gc.freeze()

    @classmethod
    def run(cls, function: Callable[[Document | Failure], T], sources: list[Source], on_error: OnError) -> list[tuple[Failure | None, T | None]]:
        """``function`` of the documents of some sources, in order, each beside its failure
        (None for a document); a failure is given to ``function`` only when it is recorded,
        else the parent raises it. An error of ``function`` reaches the parent as it is."""
        assert cls.pipeline is not None, "a worker runs only after its initializer"
        results: list[tuple[Failure | None, T | None]] = []
        for result in cls.pipeline.pipe(sources, on_error="record"):
            if isinstance(result, Failure):
                results.append((result, None if on_error == "raise" else function(result)))
            else:
                results.append((None, function(result)))
        if not cls.warm:  # the lexicons the first documents built live as long as the worker too
            gc.freeze()
            cls.warm = True
        return results


class _Failed:
    """A source that gave no document, with the error to raise or record."""

    def __init__(self, source: Source, error: ZhinvestError) -> None:
        self.source = source
        self.error = error

    def record(self) -> Failure:
        doc_id = self.source.doc_id
        return Failure(id=doc_id, source=self.source.label, error=FailureReason(type=type(self.error).__name__, message=str(self.error)))


def _as_json(result: Document | Failure) -> tuple[bool, str]:
    """What a worker of :meth:`Pipeline.pipe` sends back: whether it is a document, and its JSON."""
    return isinstance(result, Document), result.to_json()


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def split_chunks(text: str, size: int) -> Iterator[tuple[int, str]]:
    """``(offset, chunk)`` pieces of at most ``size`` characters, cut after a newline where possible."""
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut > start:
                end = cut + 1
        yield start, text[start:end]
        start = end
