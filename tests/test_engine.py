"""The batch engine (:mod:`zhinvest.engine`): results streamed in order, failures recorded,
forked workers giving the same documents, a failing component losing only its documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhinvest.errors import InputError, ProcessingError
from zhinvest.schema import Failure
from zhinvest.sources import Source


def test_pipe_records_failures_in_order(pipeline, seed_paths, tmp_path):
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    sources = [seed_paths[0], binary, Source("bad row", error=InputError("bad row: no text")), "总投资8亿元", seed_paths[1]]
    results = list(pipeline.pipe(sources, on_error="record"))
    assert [type(r).__name__ for r in results] == ["Document", "Failure", "Failure", "Document", "Document"]
    assert results[1].source == str(binary) and results[1].id == "binary" and "binary data" in results[1].error.message
    assert results[3].entities[0].value == 800_000_000
    assert results[0] == pipeline(seed_paths[0]) and results[4] == pipeline(seed_paths[1])
    with pytest.raises(InputError):
        list(pipeline.pipe(sources))


def test_two_processes_give_the_same_documents(pipeline, seed_paths):
    """Two forked worker processes give the same documents, in the same order."""
    sources = [*seed_paths, Path("missing.txt")]
    one = [r.to_json() for r in pipeline.pipe(sources, on_error="record")]
    two = [r.to_json() for r in pipeline.pipe(sources, n_process=2, on_error="record")]
    assert one == two and len(one) == 6


def test_a_failing_component_loses_only_its_documents(seed_paths):
    import zhinvest
    from spacy.language import Language

    if "zhinvest_test_fails_on_lingang" not in Language.factories:
        @Language.component("zhinvest_test_fails_on_lingang")
        def fails(doc):  # a stand-in for a bug that only some documents trigger
            if "临港" in doc.text:
                raise RuntimeError("boom")
            return doc

    pipeline = zhinvest.Pipeline(ner_model=None)
    pipeline.nlp.add_pipe("zhinvest_test_fails_on_lingang")  # the pipeline installs its error handler on each run
    from zhinvest.reader import read

    hit = ["临港" in read(path).text for path in seed_paths]
    assert any(hit) and not all(hit)
    for n_process in (1, 2):
        results = list(pipeline.pipe(seed_paths, n_process=n_process, on_error="record"))
        assert [isinstance(r, Failure) for r in results] == hit
        failed = [r for r in results if isinstance(r, Failure)]
        assert all(r.error.type == "ProcessingError" for r in failed)
        assert "zhinvest_test_fails_on_lingang (RuntimeError: boom)" in failed[0].error.message
    with pytest.raises(ProcessingError, match="please report it"):
        pipeline(seed_paths[hit.index(True)])


def _pid_and_size(result):
    """What a worker sends back for :meth:`Pipeline.map`: the process that made the result and its size."""
    import os

    return os.getpid(), (len(result.entities) if not isinstance(result, Failure) else result.error.type)


def test_map_makes_each_value_where_its_document_is_made(pipeline, seed_paths):
    import os

    sources = [*seed_paths, Path("missing.txt")]
    one = list(pipeline.map(_pid_and_size, sources, on_error="record"))
    two = list(pipeline.map(_pid_and_size, sources, n_process=2, on_error="record"))
    assert [size for _, size in one] == [size for _, size in two] == [len(d.entities) for d in pipeline.pipe(seed_paths)] + ["InputError"]
    assert {pid for pid, _ in one} == {os.getpid()} and os.getpid() not in {pid for pid, _ in two}
    with pytest.raises(InputError, match="missing.txt"):  # a failure is raised, never given to the function
        list(pipeline.map(_pid_and_size, sources, n_process=2))


def _dies_on(word, parent, result):
    """Kills the worker process that made a document holding ``word`` (a stand-in for a crash in a C library)."""
    import os

    if isinstance(result, Failure):
        return result.error.message
    if word in result.text and os.getpid() != parent:
        os._exit(1)
    return len(result.text)


def test_a_dying_worker_loses_only_the_documents_that_kill_it(pipeline, seed_paths):
    import os
    from functools import partial

    from zhinvest.reader import read

    sources = [*seed_paths] * 3  # more batches than the workers hold in flight
    hit = ["临港" in read(path).text for path in sources]
    assert any(hit) and not all(hit)
    values = list(pipeline.map(partial(_dies_on, "临港", os.getpid()), sources, n_process=2, on_error="record"))
    assert [isinstance(v, str) for v in values] == hit
    assert all("a worker process, which died" in v for v in values if isinstance(v, str))
    assert [v for v in values if not isinstance(v, str)] == [len(read(p).text) for p, h in zip(sources, hit) if not h]
