"""Sources (:mod:`zhinvest.sources`) listed lazily, and the command line's batches over them:
output files, --resume, progress, large files in parts. The engine's own batches are in
``test_engine.py``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from zhinvest.sources import Source, done_sources, iter_sources
from zhinvest.cli import main
from zhinvest.errors import InputError, ProcessingError
from zhinvest.schema import Document, Failure, parse_record


@pytest.fixture()
def corpus(tmp_path, seed_paths):
    """The seeds as a JSONL corpus, a CSV corpus and a folder, with some broken rows."""
    texts = [path.read_text(encoding="utf-8") for path in seed_paths[:2]]
    jsonl = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": f"j{i}", "text": text}, ensure_ascii=False) for i, text in enumerate(texts)]
    lines[1:1] = ["{not json", json.dumps({"id": "no-text"}), "", json.dumps(["a list"])]
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = tmp_path / "news.csv"
    with table.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=["url", "content"])
        writer.writeheader()
        for i, text in enumerate(texts):
            writer.writerow({"url": f"https://example.org/{i}", "content": text})
    return tmp_path


def test_sources_from_corpora(corpus):
    sources = list(iter_sources([str(corpus / "news.jsonl")]))
    assert [s.doc_id for s in sources] == ["j0", None, "no-text", None, "j1"]
    assert [type(s.error).__name__ if s.error else None for s in sources] == [None, "InputError", "InputError", "InputError", None]
    assert sources[0].name == f"{corpus / 'news.jsonl'}:1" and isinstance(sources[0].data, str)
    assert "line 2" in str(sources[1].error) and "no text in column 'text'" in str(sources[2].error)
    rows = list(iter_sources([str(corpus / "news.csv")], text_column="content", id_column="url"))
    assert [s.doc_id for s in rows] == ["https://example.org/0", "https://example.org/1"] and all(s.error is None for s in rows)
    (missing,) = iter_sources([str(corpus / "news.csv")])
    assert "no column 'text'" in str(missing.error) and "url, content" in str(missing.error)


def test_sources_from_globs_and_folders(seeds_dir, tmp_path):
    by_glob = [s.name for s in iter_sources([str(seeds_dir / "00[0-2]*.txt")])]
    assert len(by_glob) == 3 and by_glob == sorted(by_glob)
    by_folder = list(iter_sources([str(seeds_dir)]))
    assert len(by_folder) == 5 and all(s.doc_id == s.data.stem for s in by_folder)
    (nothing,) = iter_sources([str(tmp_path / "*.html")])
    assert isinstance(nothing.error, InputError) and "matches no file" in str(nothing.error)


def test_files_with_one_name_in_two_folders_get_ids_of_their_own(tmp_path):
    for folder in ("a", "b", "c"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "news.txt").write_text(f"{folder}地总投资5亿元", encoding="utf-8")
    ids = [source.doc_id for source in iter_sources([str(tmp_path)])]
    assert ids[0] == "news" and len(set(ids)) == 3
    assert all(doc_id.startswith("news-") and len(doc_id) == len("news-") + 8 for doc_id in ids[1:])
    assert [s.doc_id for s in iter_sources([str(tmp_path)])] == ids  # the same every time


def test_cli_corpus_output_file_and_resume(corpus, capsys):
    out = corpus / "out.jsonl"
    code = main(["extract", str(corpus / "news.jsonl"), "-o", str(out), "--no-ner"])
    _, err = capsys.readouterr()
    assert code == 1 and err.count("zhinvest: ") == 3  # three broken rows, one message each
    records = [parse_record(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [type(r).__name__ for r in records] == ["Document", "Failure", "Failure", "Failure", "Document"]
    assert records[0].source.endswith("news.jsonl:1") and records[0].id == "j0"

    # a batch killed half-way: one record kept, the next cut short
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(lines[0] + lines[4][:50])
    assert done_sources(out) == {records[0].source}
    assert out.read_bytes() == lines[0]  # the cut line is gone
    code = main(["extract", str(corpus / "news.jsonl"), "-o", str(out), "--resume", "--no-ner"])
    _, err = capsys.readouterr()
    assert "resuming: 1 source(s)" in err
    again = [parse_record(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r.source for r in again] == [r.source for r in records]  # nothing twice, nothing lost
    assert again[4] == records[4]
    code = main(["extract", str(corpus / "news.jsonl"), "-o", str(out), "--resume", "--no-ner"])
    assert code == 0 and out.read_text(encoding="utf-8").count("\n") == 5  # all done: nothing added


def test_cli_csv_corpus_and_usage_errors(corpus, capsys):
    code = main(["extract", str(corpus / "news.csv"), "--text-column", "content", "--id-column", "url", "--no-ner"])
    out, _ = capsys.readouterr()
    ids = [json.loads(line)["id"] for line in out.splitlines()]
    assert code == 0 and ids == ["https://example.org/0", "https://example.org/1"]
    assert main(["extract", str(corpus), "--resume"]) == 2
    assert "--resume needs --output" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["extract", str(corpus), "--n-process", "0"])


def test_progress_bar_reports_documents_and_speed(seed_paths, capsys):
    code = main(["extract", *map(str, seed_paths[:2]), "--no-ner", "--progress", "--format", "table"])
    _, err = capsys.readouterr()
    assert code == 0 and "2 doc" in err and "chars/s" in err


def test_parse_record_tells_documents_from_failures(pipeline, seed_paths):
    document = pipeline(seed_paths[0])
    assert isinstance(parse_record(document.to_json()), Document)
    failure = next(pipeline.pipe([Path("missing.txt")], on_error="record"))
    assert isinstance(failure, Failure) and parse_record(failure.to_json()) == failure


def test_a_large_file_is_read_in_parts(tmp_path, seed_paths, monkeypatch):
    from zhinvest import sources

    text = "\n\n".join(path.read_text(encoding="utf-8") for path in seed_paths) * 3
    big = tmp_path / "dump.txt"
    big.write_bytes(text.encode("gb18030"))
    monkeypatch.setattr(sources, "STREAM_BYTES", len(text) // 4)
    monkeypatch.setattr(sources, "PART_CHARS", 8_000)
    parts = list(iter_sources([str(big)]))
    assert len(parts) > 5 and [p.doc_id for p in parts[:2]] == ["dump.p0001", "dump.p0002"]
    assert "".join(p.data for p in parts) == text  # decoded incrementally, nothing lost or doubled
    assert all(p.data.endswith("\n") for p in parts[:-1])  # cut at line ends
    offsets = [int(p.name.rsplit("@", 1)[1]) for p in parts]
    assert offsets == [sum(len(p.data) for p in parts[:i]) for i in range(len(parts))]
    assert all(len(p.data) <= 8_000 for p in parts)


def test_memory_stays_bounded_however_many_parts(tmp_path, seed_paths, monkeypatch):
    """Peak traced memory over a file of 2 parts and one of 8 parts: the same, give or take."""
    import tracemalloc

    import zhinvest
    from zhinvest import sources

    monkeypatch.setattr(sources, "STREAM_BYTES", 1)
    monkeypatch.setattr(sources, "PART_CHARS", 8_000)
    text = seed_paths[3].read_text(encoding="utf-8")
    pipeline = zhinvest.Pipeline(ner_model=None)
    peaks = []
    for parts in (2, 8):
        path = tmp_path / f"dump{parts}.txt"
        path.write_text((text + "\n\n") * (parts * 8_000 // (len(text) + 2)), encoding="utf-8")
        tracemalloc.start()
        count = sum(1 for _ in pipeline.pipe(iter_sources([str(path)])))
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert count >= parts - 1
    assert peaks[1] < peaks[0] * 1.5, peaks
