"""Dask: a LocalCluster of two worker processes gives exactly the local output."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the dask extra: pip install 'zhinvest[dask]'")

from distributed import Client, LocalCluster  # noqa: E402

from zhinvest.sources import iter_sources  # noqa: E402
from zhinvest.cli import main  # noqa: E402
from zhinvest.distributed import extract_bag, extract_dataframe, extract_sources  # noqa: E402
from zhinvest.schema import Document, Failure  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def local(pipeline, seed_paths):
    return [r.to_json() for r in pipeline.pipe([*seed_paths, Path("missing.txt")], on_error="record")]


def test_streamed_sources_match_the_local_run(client, local, seed_paths):
    address = client.scheduler.address
    results = list(extract_sources(iter_sources([*map(str, seed_paths), "missing.txt"]), scheduler=address, task_size=2))
    assert [r.to_json() for r in results] == local
    assert isinstance(results[-1], Failure) and "not found" in results[-1].error.message
    workers = client.run(lambda: __import__("zhinvest.distributed").distributed.worker_pipeline.cache_info().currsize)
    assert len(workers) == 2 and set(workers.values()) == {1}  # one pipeline per worker, built once


def test_bag_and_dataframe_match_the_local_run(client, pipeline, seed_paths):
    import dask.bag as db
    import pandas as pd
    import dask.dataframe as dd

    texts = [path.read_text(encoding="utf-8") for path in seed_paths]
    expected = [pipeline.pipe([text]).__next__().to_json() for text in texts]
    bag = db.from_sequence(texts, npartitions=2)
    assert [d.to_json() for d in extract_bag(bag).compute()] == expected
    frame = dd.from_pandas(pd.DataFrame({"url": [p.stem for p in seed_paths], "content": texts}), npartitions=2)
    documents = extract_dataframe(frame, text_column="content", id_column="url").compute()
    assert [d.id for d in documents] == [p.stem for p in seed_paths]
    assert all(isinstance(d, Document) for d in documents)
    assert [d.entities for d in documents] == [Document.from_json(e).entities for e in expected]


def test_cli_dask_engine_writes_the_local_output(client, local, seed_paths, capsys):
    code = main(["extract", *map(str, seed_paths), "missing.txt", "--engine", "dask", "--scheduler", client.scheduler.address])
    out, err = capsys.readouterr()
    assert code == 1 and "missing.txt: file not found" in err
    assert out.splitlines() == local


def test_an_unreachable_scheduler_is_one_line(capsys, monkeypatch, seed_paths):
    import zhinvest.distributed

    monkeypatch.setattr(zhinvest.distributed, "CONNECT_TIMEOUT", 1)
    code = main(["extract", str(seed_paths[0]), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1"])
    _, err = capsys.readouterr()
    assert code == 1
    assert err.startswith("zhinvest: cannot reach the Dask scheduler at tcp://127.0.0.1:1 (") and err.count("\n") == 1


def test_a_bad_scheduler_address_is_one_line(capsys, seed_paths):
    code = main(["extract", str(seed_paths[0]), "--engine", "dask", "--scheduler", "nowhere"])
    _, err = capsys.readouterr()
    assert code == 1 and err.startswith("zhinvest: cannot reach the Dask scheduler at nowhere (") and err.count("\n") == 1


def test_files_are_read_on_the_client_as_locally(tmp_path):
    from zhinvest.sources import Source
    from zhinvest.distributed import _shippable

    (tmp_path / "empty.txt").write_bytes(b"\xef\xbb\xbf \n")
    (tmp_path / "news.txt").write_bytes("总投资5亿元".encode("gbk"))
    empty = _shippable(Source(str(tmp_path / "empty.txt"), tmp_path / "empty.txt", doc_id="empty"))
    assert empty.data is None and str(empty.error).endswith("empty.txt: empty (no text)")
    news = _shippable(Source(str(tmp_path / "news.txt"), tmp_path / "news.txt", doc_id="news"))
    assert news.data == "总投资5亿元".encode("gbk")  # bytes: the worker decodes them, damage recorded as locally
