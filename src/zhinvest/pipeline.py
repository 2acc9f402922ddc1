"""The zhinvest pipeline: reader → spaCy ``Language`` → :class:`~zhinvest.schema.Document`.

:func:`build_nlp` makes the spaCy pipeline (Chinese tokenizer with the chosen segmenter,
then the zhinvest components); :class:`Pipeline` reads an input, runs the pipeline over
the clean text in line-aligned chunks (so a 5 MB article stays within spaCy's
``max_length`` and memory stays bounded) and turns the character mentions into entities
with source offsets.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any, Literal, overload

from . import _spacy  # noqa: F401, I001  (first: spaCy without PyTorch, see zhinvest._spacy)
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .components import (  # noqa: F401  (registers the factories in a source tree too; installed, entry points do)
    area as _area,
    money as _money,
    organisations as _organisations,
    persons as _persons,
    places as _places,
    project_count as _project_count,
    relations as _relations,
)
from .components._spans import Mention, cache_doc_text, collect_mentions, resolve_overlaps
from .components.relations import RELATIONS
from .about import models_dir
from .sources import Source, as_source, read_source
from .errors import Errors, InputError, ModelError, ProcessingError, ZhinvestError
from .segmentation import SEGMENTERS, blank_nlp, char_doc, uses_char_tokens
from .reader import Article, read
from .schema import RELATION_ARGUMENTS, Document, Entity, Failure, FailureReason, InvestmentRelation, LocatedInRelation, ProjectSummaryRelation, Relation

#: The numeric rule components, in pipeline order.
NUMERIC_COMPONENTS: tuple[str, ...] = ("zhinvest_money", "zhinvest_area", "zhinvest_project_count")
#: The name rule components; they run after the numeric ones, whose spans names never cross.
NAME_COMPONENTS: tuple[str, ...] = ("zhinvest_organisations", "zhinvest_persons", "zhinvest_places")
DEFAULT_COMPONENTS: tuple[str, ...] = NUMERIC_COMPONENTS + NAME_COMPONENTS + ("zhinvest_relations",)
#: Text is given to spaCy in chunks of at most this many characters, cut at line ends.
CHUNK_CHARS = 20_000


#: The folder of the statistical NER pipeline inside ``models/`` (trained by ``zhinvest.training``).
NER_MODEL = "zh_invest_ner"


def ner_model_path() -> Path | None:
    """The bundled NER pipeline, or None when it is not there (the rules then work alone)."""
    path = models_dir() / NER_MODEL
    return path if (path / "config.cfg").is_file() else None


def build_nlp(
    segmenter: str = "char",
    components: Sequence[str] = DEFAULT_COMPONENTS,
    set_ents: bool = True,
    ner_model: str | Path | None = None,
) -> Language:
    """A Chinese spaCy pipeline: the rule components, after an optional statistical NER
    (``ner_model``: None, the default, for the rules alone; ``"default"`` for the bundled
    model, used with the char segmenter it was trained on; or a path). The rules alone are the
    default because the bundled model adds nothing to ORG or LOC on the development set and
    costs most of the run time (``models/README.md``).

    ``set_ents=False`` leaves ``doc.ents`` alone (the mentions in ``doc._.zhinvest_mentions``
    are complete without it); :class:`Pipeline` uses that, as building spaCy spans costs more
    than finding the mentions."""
    if ner_model == "default":
        ner_model = ner_model_path() if segmenter == "char" else None
    if segmenter not in SEGMENTERS:
        raise ModelError(Errors.E020.format(name=segmenter, choices=", ".join(SEGMENTERS)))
    if ner_model is not None:
        try:
            nlp = spacy.load(ner_model)
        except (OSError, ValueError) as error:
            raise ModelError(Errors.E023.format(path=ner_model, reason=error)) from None
    else:
        nlp = blank_nlp(segmenter)  # checks the name, loads jieba or the bundled pkuseg model offline
    for name in components:
        nlp.add_pipe(name, config={"set_ents": set_ents})
    return nlp


#: Chunks handed to spaCy at a time: small batches are fastest for the NER (models/README.md).
BATCH_SIZE = 4
OnError = Literal["raise", "record"]


class Pipeline:
    """Reusable extraction: :meth:`extract` (text), :meth:`extract_file` (a path), or the
    pipeline called on either (``Pipeline()(path_or_text) -> Document``); :meth:`pipe` for batches."""

    def __init__(self, nlp: Language | None = None, segmenter: str = "char", ner_model: str | Path | None = None) -> None:
        self.nlp = nlp if nlp is not None else build_nlp(segmenter, set_ents=False, ner_model=ner_model)
        # a component that fails drops its documents instead of ending the batch; the
        # document comes out as a Failure (see _run)
        set_error_handler(self.nlp, _drop_failed_docs)

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

        ``sources`` are :class:`~zhinvest.batch.Source` items (see
        :func:`~zhinvest.batch.iter_sources`) or anything :func:`~zhinvest.reader.read`
        takes. ``n_process`` > 1 spreads whole documents over forked worker processes,
        each running this pipeline, with at most two batches per worker in flight (a
        document-level pool costs half the CPU of ``nlp.pipe(n_process=…)``, which ships
        every chunk's Doc between processes: ``benchmarks/bench_extract.py``). With
        ``on_error="record"`` a source that fails yields a
        :class:`~zhinvest.schema.Failure` and the batch goes on; with ``"raise"`` its error
        is raised."""
        if n_process > 1:
            yield from self._pool((as_source(s) for s in sources), n_process, on_error)
            return
        for result in self._run((as_source(s) for s in sources), batch_size=batch_size):
            if isinstance(result, _Failed):
                if on_error == "raise":
                    raise result.error
                yield result.record()
            else:
                yield result

    def _pool(self, sources: Iterable[Source], n_process: int, on_error: OnError) -> Iterator[Document | Failure]:
        """:meth:`pipe` over ``n_process`` forked workers, in order, in batches of
        :data:`POOL_BATCH` sources. A worker that dies loses its batch (recorded as
        failures), not the run."""
        global _POOL_PIPELINE
        _POOL_PIPELINE = self
        context = multiprocessing.get_context("fork")
        executor = ProcessPoolExecutor(n_process, mp_context=context)
        window: deque[tuple[list[Source], Future[list[Document | Failure]]]] = deque()
        try:
            batches = iter(lambda: list(islice(sources, POOL_BATCH)), [])
            for batch in batches:
                window.append((batch, executor.submit(_pool_batch, batch)))
                while len(window) >= 2 * n_process or (window and window[0][1].done()):
                    yield from self._pool_results(*window.popleft(), on_error)
            while window:
                yield from self._pool_results(*window.popleft(), on_error)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
            _POOL_PIPELINE = None

    @staticmethod
    def _pool_results(batch: list[Source], future: Future[list[Document | Failure]], on_error: OnError) -> Iterator[Document | Failure]:
        try:
            results = future.result()
        except Exception as error:  # noqa: BLE001 - a dead worker loses its batch, not the run
            results = [
                _Failed(source, ProcessingError(Errors.E060.format(name=source.label, component="a worker process", error=_describe(error)))).record()
                for source in batch
            ]
        for result in results:
            if isinstance(result, Failure) and on_error == "raise":
                raise (InputError if result.error.type == "InputError" else ProcessingError)(result.error.message)
            yield result

    def _run(self, sources: Iterable[Source], batch_size: int) -> Iterator[Document | _Failed]:
        """The batch engine: sources are read and cut into chunks, spaCy processes the
        chunks, and each document is assembled from its chunks as they come back in order. A document some of whose chunks never come back (a
        component failed on them) becomes a failure."""
        states: dict[int, _Assembly | _Failed] = {}
        # in this process, character docs are made directly (spaCy's char tokenizer aligns
        # each character in Python, and doc.text joins them again on every access)
        make_doc = partial(prepared_char_doc, self.nlp.vocab) if uses_char_tokens(self.nlp) else str

        def chunks() -> Iterator[tuple[str | Doc, tuple[int, int, str]]]:
            for seq, source in enumerate(sources):
                try:
                    article = read_source(source)
                except ZhinvestError as error:
                    states[seq] = _Failed(source, error)
                    yield "", (seq, -1, source.label)
                    continue
                except Exception as error:  # noqa: BLE001 - a reader bug must not end the batch
                    states[seq] = _Failed(source, ProcessingError(Errors.E060.format(name=source.label, component="the reader", error=_describe(error))))
                    yield "", (seq, -1, source.label)
                    continue
                pieces = list(split_chunks(article.text, CHUNK_CHARS)) or [(0, "")]
                states[seq] = _Assembly(source, article, len(pieces))
                for offset, text in pieces:
                    yield make_doc(text), (seq, offset, source.label)

        pending = 0  # the first sequence number not yet given out
        for doc, (seq, offset, _) in self.nlp.pipe(chunks(), as_tuples=True, batch_size=batch_size):
            for lost in range(pending, seq):
                yield _lost(lost, states.pop(lost))
            pending = seq
            state = states[seq]
            if isinstance(state, _Failed):
                del states[seq]
                pending = seq + 1
                yield state
                continue
            state.add(doc, offset)
            if state.complete:
                del states[seq]
                pending = seq + 1
                yield state.finish()
        for lost in sorted(states):
            yield _lost(lost, states.pop(lost))


def set_error_handler(nlp: Language, handler: Callable[[str, Any, list[Doc], Exception], None]) -> None:
    """``nlp.set_error_handler`` for the components that take one (spaCy's Cython pipes
    such as ``ner`` do not: their errors still raise) and as the pipeline's default."""
    nlp.default_error_handler = handler
    for _, component in nlp.pipeline:
        try:
            component.set_error_handler(handler)  # type: ignore[attr-defined]  # spaCy types pipes as plain callables
        except AttributeError:
            pass


def prepared_char_doc(vocab: Any, text: str) -> Doc:
    """:func:`~zhinvest.segmentation.char_doc` with its text cached for the components."""
    return cache_doc_text(char_doc(vocab, text), text)


#: Sources sent to a worker process at a time by :meth:`Pipeline.pipe` with ``n_process`` > 1.
POOL_BATCH = 4
#: The pipeline forked worker processes run (set by :meth:`Pipeline._pool` before forking).
_POOL_PIPELINE: Pipeline | None = None


def _pool_batch(sources: list[Source]) -> list[Document | Failure]:
    """Runs in a forked worker: the documents (or failures) of some sources, in order."""
    assert _POOL_PIPELINE is not None
    return list(_POOL_PIPELINE.pipe(sources, on_error="record"))


class _Assembly:
    """A document being put together from its chunks' mentions and relations."""

    def __init__(self, source: Source, article: Article, chunks: int) -> None:
        self.source = source
        self.article = article
        self.missing = chunks
        self.mentions: list[Mention] = []
        self.relations: list[dict[str, Any]] = []

    @property
    def complete(self) -> bool:
        return self.missing == 0

    def add(self, doc: Doc, offset: int) -> None:
        self.missing -= 1
        for mention in collect_mentions(doc):
            self.mentions.append({**mention, "start": mention["start"] + offset, "end": mention["end"] + offset})
        for relation in doc._.get(RELATIONS) or ():
            self.relations.append({k: [v[0] + offset, v[1] + offset] if isinstance(v, list) else v for k, v in relation.items()})

    def finish(self) -> Document | _Failed:
        try:
            return to_document(self.article, self.mentions, self.relations)
        except Exception as error:  # noqa: BLE001 - one bad document must not end the batch
            return _Failed(self.source, ProcessingError(Errors.E060.format(name=self.source.label, component="to_document", error=_describe(error))))


class _Failed:
    """A source that gave no document, with the error to raise or record."""

    def __init__(self, source: Source, error: ZhinvestError) -> None:
        self.source = source
        self.error = error

    def record(self) -> Failure:
        doc_id = self.source.doc_id
        return Failure(id=doc_id, source=self.source.label, error=FailureReason(type=type(self.error).__name__, message=str(self.error)))


#: Errors of components in this process, by the chunk's (sequence, offset) context.
_COMPONENT_ERRORS: dict[Any, str] = {}


def _drop_failed_docs(name: str, component: Any, docs: list[Doc], error: Exception) -> None:
    """spaCy error handler: note the error and let the documents drop out of the batch."""
    message = f"internal error in component {name} ({_describe(error)})"
    for doc in docs:
        _COMPONENT_ERRORS[getattr(doc, "_context", None)] = message


def _lost(seq: int, state: _Assembly | _Failed) -> _Failed:
    """The failure of a document some of whose chunks a component dropped."""
    if isinstance(state, _Failed):
        return state
    messages = [message for key, message in _COMPONENT_ERRORS.items() if isinstance(key, tuple) and key[0] == seq]
    for key in [key for key in _COMPONENT_ERRORS if not isinstance(key, tuple) or key[0] <= seq]:
        del _COMPONENT_ERRORS[key]
    if messages:  # the component failed in this process
        return _Failed(state.source, ProcessingError(f"{state.source.label}: {messages[0]}; please report it"))
    return _Failed(state.source, ProcessingError(Errors.E061.format(name=state.source.label)))


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


def to_document(article: Article, mentions: Iterable[Mention], relations: Iterable[dict[str, Any]] = ()) -> Document:
    """Entities with ids in text order and offsets into both clean and source text; relations
    with entity ids as arguments, each fact once (the first mention of a repeated fact)."""
    entities = []
    for index, mention in enumerate(resolve_overlaps(mentions)):
        entities.append(
            article.entity(
                index,
                mention["label"],
                mention["start"],
                mention["end"],
                value=mention.get("value"),
                currency=mention.get("currency"),
                unit=mention.get("unit"),
                qualifier=mention.get("qualifier"),
                source_component=mention.get("component"),
            )
        )
    by_span = {(e.start, e.end): e for e in entities}
    by_id = {e.id: e for e in entities}
    built: list[Relation] = []
    seen: set[tuple[Any, ...]] = set()
    for relation in relations:
        fields: dict[str, Any] = {}
        for key, value in relation.items():
            if isinstance(value, list):
                entity = by_span.get((value[0], value[1]))
                if entity is None:
                    break
                fields[key] = entity.id
            else:
                fields[key] = value
        else:
            model = RELATION_MODELS[relation["type"]]
            candidate = model(**{k: v for k, v in fields.items() if k in model.model_fields})
            fact = relation_key(candidate, by_id)
            if fact not in seen:
                seen.add(fact)
                built.append(candidate)
    # a batch mentioned again without its total is the same batch
    counted = {entity_value(entities, r.count) for r in built if r.type == "PROJECT_SUMMARY" and r.total is not None}
    built = [r for r in built if not (r.type == "PROJECT_SUMMARY" and r.total is None and entity_value(entities, r.count) in counted)]
    return Document(
        id=article.id,
        source=article.source,
        metadata=article.metadata,
        text=article.text,
        entities=tuple(entities),
        relations=tuple(built),
    )


def entity_value(entities: Sequence[Entity], entity_id: int) -> Any:
    return next(e.value for e in entities if e.id == entity_id)


RELATION_MODELS: dict[str, type[InvestmentRelation] | type[ProjectSummaryRelation] | type[LocatedInRelation]] = {"INVESTMENT": InvestmentRelation, "PROJECT_SUMMARY": ProjectSummaryRelation, "LOCATED_IN": LocatedInRelation}


def relation_key(relation: Relation, entities: dict[int, Entity]) -> tuple[Any, ...]:
    """What makes two relations the same fact: type and required arguments, by name or value."""
    parts: list[Any] = [relation.type]
    for name in RELATION_ARGUMENTS[relation.type]:
        ref = getattr(relation, name)
        entity = entities.get(ref) if ref is not None else None
        parts.append(None if entity is None else (entity.label, str(entity.value) if entity.value is not None else entity.text))
    return tuple(parts)
