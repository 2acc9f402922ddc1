"""The command line on good and bad input: one line per failure, the batch goes on."""

import json
import subprocess
import sys

import pytest

from zhinvest.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_seeds_as_jsonl(capsys, seeds_dir):
    code, out, err = run(capsys, "extract", str(seeds_dir))
    lines = out.splitlines()
    assert code == 0 and err == ""
    assert len(lines) == 5
    first = json.loads(lines[0])
    assert set(first) == {"id", "source", "metadata", "text", "entities", "relations"}
    assert first["id"] == "000_83a0861aacad86cc"


def test_json_and_table_formats(capsys, seed_paths):
    code, out, _ = run(capsys, "extract", str(seed_paths[0]), "--format", "json")
    assert code == 0 and isinstance(json.loads(out), list)
    code, out, _ = run(capsys, "extract", str(seed_paths[0]), "--format", "table")
    assert "MONEY" in out and "4898亿元" in out


@pytest.fixture()
def bad_inputs(tmp_path):
    files = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 40,
        "broken.html": "<div><p>总投资<b>5亿元</p><p>未闭合<span>".encode(),
        "digits.txt": ("1" * 200_000 + "亿元").encode(),
        "gbk.txt": "总投资8亿元".encode("gbk"),
        "big5.txt": "總投資8億元".encode("big5"),
        "utf16.txt": "总投资8亿元".encode("utf-16"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


def test_bad_input_gives_one_line_and_the_rest_is_extracted(capsys, bad_inputs):
    code, out, err = run(capsys, "extract", str(bad_inputs), str(bad_inputs / "missing.txt"))
    records = [json.loads(line) for line in out.splitlines()]
    docs = {r["id"]: r for r in records if "error" not in r}
    failures = {r["id"]: r for r in records if "error" in r}
    assert code == 1
    assert set(docs) == {"big5", "broken", "digits", "gbk", "utf16"}
    assert set(failures) == {"binary", "empty", "missing"}  # an error record where the document would be
    assert failures["binary"]["error"]["type"] == "InputError" and "binary" in failures["binary"]["error"]["message"]
    assert failures["empty"]["error"]["message"].endswith("empty.txt: empty (no text)")
    assert docs["digits"]["entities"] == []
    for name in ("gbk", "big5", "utf16", "broken"):
        assert [e["value"] for e in docs[name]["entities"] if e["label"] == "MONEY"] in (["800000000"], ["500000000"])
    err_lines = err.strip().splitlines()
    assert len(err_lines) == 3
    assert "binary" in err_lines[0] and "empty" in err_lines[1] and "not found" in err_lines[2]
    assert "Traceback" not in err


def test_large_file_is_processed(capsys, tmp_path, seed_paths):
    text = seed_paths[3].read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text(text * (5_000_000 // len(text.encode()) + 1), encoding="utf-8")
    assert big.stat().st_size > 5_000_000
    code, out, err = run(capsys, "extract", str(big), "--no-ner")  # the chunked path is the same with the NER
    assert code == 0 and err == ""
    assert len(json.loads(out)["entities"]) > 1000


def test_empty_folder_is_an_error(capsys, tmp_path):
    code, _, err = run(capsys, "extract", str(tmp_path))
    assert code == 1 and "no readable article files" in err


def test_stdin_and_console_script():
    result = subprocess.run(
        [sys.executable, "-m", "zhinvest.cli", "extract", "-"], input="总投资5亿元".encode(), capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["entities"][0]["value"] == "500000000"


def test_usage_error_exit_code(capsys):
    with pytest.raises(SystemExit) as info:
        main(["extract"])
    assert info.value.code == 2


def test_evaluate_prints_the_table_and_writes_json(capsys, tmp_path, root, monkeypatch):
    monkeypatch.chdir(root)
    report_path = tmp_path / "report.json"
    code, out, err = run(capsys, "evaluate", "--gold", str(root / "annotations"), "--output", str(report_path), "--errors")
    assert code == 0, err
    assert "MONEY" in out and "Relations" in out
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["documents"] == 5
    assert report["labels"]["MONEY"]["strict"]["possible"] > 0


def _anchored_set(root):
    """An invented context-anchored gold set (texts/ + gold/) of one article."""
    (root / "texts").mkdir(parents=True)
    (root / "gold").mkdir()
    (root / "texts" / "n1.txt").write_text("url: https://example.org/n1\n\n星河科技有限公司拟在玉溪市投资5亿元。\n", encoding="utf-8")
    entities = [
        {"label": "ORG", "text": "星河科技有限公司", "simplified": "星河科技有限公司", "context": "星河科技有限公司拟在"},
        {"label": "LOC", "text": "玉溪市", "simplified": "玉溪市", "context": "拟在玉溪市投资"},
        {"label": "MONEY", "text": "5亿元", "simplified": "5亿元", "value": "500000000", "currency": "CNY",
         "qualifier": "exact", "context": "投资5亿元。"},
    ]
    relations = [{"type": "INVESTMENT", "investor": "星河科技有限公司", "amount": "500000000", "location": "玉溪市", "stage": "planned"}]
    gold = {"doc": "n1.txt", "annotator": "t", "notes": "", "entities": entities, "relations": relations}
    (root / "gold" / "n1.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return root


def test_evaluate_reads_anchored_sets_and_prints_error_classes(capsys, tmp_path):
    gold = _anchored_set(tmp_path / "dev")
    code, out, err = run(capsys, "evaluate", "--gold", str(gold), "--no-ner", "--errors")
    assert code == 0, err
    assert out.startswith("== dev (")
    assert "Entities (1 documents)" in out and "Error classes" in out
    assert "gold not aligned" not in err


def test_evaluate_fails_below_a_floor_and_raises_floors(capsys, tmp_path):
    gold = _anchored_set(tmp_path / "dev")
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"sets": {"dev": {"entity.ORG.f1": 1.01}}}), encoding="utf-8")
    code, _, err = run(capsys, "evaluate", "--gold", str(gold), "--no-ner", "--floors", str(floors))
    assert code == 1
    assert "below floor: dev: entity.ORG.f1" in err and "Traceback" not in err
    raised = tmp_path / "raised.json"
    code, _, err = run(capsys, "evaluate", "--gold", str(gold), "--no-ner", "--update-floors", str(raised))
    assert code == 0, err
    written = json.loads(raised.read_text(encoding="utf-8"))["sets"]["dev"]
    assert written["entity.MONEY.f1"] == 0.99  # 1.0 less the margin
    code, _, err = run(capsys, "evaluate", "--gold", str(gold), "--no-ner", "--floors", str(raised))
    assert code == 0, err


def test_evaluate_reports_a_missing_source(capsys, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    from zhinvest.schema import Document

    (gold / "x.json").write_text(Document(id="x", source="nowhere/x.txt", text="").to_json(), encoding="utf-8")
    code, _, err = run(capsys, "evaluate", "--gold", str(gold))
    assert code == 1 and "not found" in err and "Traceback" not in err


@pytest.mark.parametrize("fmt", ["spacy", "labelstudio", "doccano", "brat", "conll"])
def test_convert_annotations_round_trip_through_the_cli(capsys, tmp_path, root, fmt):
    from zhinvest.formats import read

    out = tmp_path / ("out.spacy" if fmt == "spacy" else "out.json" if fmt == "labelstudio" else "out.jsonl" if fmt == "doccano" else "out")
    if fmt == "conll":
        out = tmp_path / "out.conll"
    code, _, err = run(capsys, "convert", str(root / "annotations"), str(out), "--to", fmt)
    assert code == 0, err
    back = tmp_path / "back"
    code, _, err = run(capsys, "convert", str(out), str(back), "--to", "json")
    assert code == 0, err
    original = {d.id: d for d in read(root / "annotations")}
    again = {d.id: d for d in read(back)}
    assert set(again) == set(original)
    for doc_id, doc in original.items():
        assert [(e.label, e.start, e.end) for e in again[doc_id].entities] == [(e.label, e.start, e.end) for e in doc.entities]
        if fmt != "conll":
            assert again[doc_id] == doc


def test_validate_passes_on_the_annotations_and_fails_on_a_broken_copy(capsys, tmp_path, root, monkeypatch):
    monkeypatch.chdir(root)
    code, out, _ = run(capsys, "validate", "annotations")
    assert code == 0 and out.strip().endswith("ok")
    broken = tmp_path / "a.json"
    data = json.loads((root / "annotations" / "000_83a0861aacad86cc.json").read_text(encoding="utf-8"))
    data["entities"][0]["label"] = "MONEYX"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(broken), "--no-drift")
    assert code == 1 and "problem" in out


@pytest.mark.parametrize("table", ["investments", "summaries", "located"])
def test_csv_tables_have_one_row_per_relation(capsys, seeds_dir, table):
    import csv
    import io

    from zhinvest.tables import COLUMNS

    code, out, _ = run(capsys, "extract", str(seeds_dir), "--format", "csv", "--table", table)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert tuple(rows[0].keys()) == COLUMNS[table]
    _, jsonl, _ = run(capsys, "extract", str(seeds_dir))
    kind = {"investments": "INVESTMENT", "summaries": "PROJECT_SUMMARY", "located": "LOCATED_IN"}[table]
    assert len(rows) == sum(1 for line in jsonl.splitlines() for r in json.loads(line)["relations"] if r["type"] == kind)


def test_render_and_evaluate_html(capsys, tmp_path, seed_paths):
    page = tmp_path / "page.html"
    assert main(["render", str(seed_paths[1]), "-o", str(page), "--no-ner"]) == 0
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count('class="ent ent-MONEY"') >= 10
    extracted = tmp_path / "doc.jsonl"
    assert main(["extract", str(seed_paths[1]), "--no-ner", "-o", str(extracted)]) == 0
    assert main(["render", str(extracted), "-o", str(tmp_path / "again.html")]) == 0  # shown as written, no extraction
    assert (tmp_path / "again.html").read_text(encoding="utf-8") == html
    assert main(["render", str(tmp_path / "missing.txt")]) == 1
    capsys.readouterr()
    assert main(["evaluate", "--html", str(tmp_path / "eval.html")]) == 0
    out, _ = capsys.readouterr()
    comparison = (tmp_path / "eval.html").read_text(encoding="utf-8")
    assert "micro" in out and out.splitlines()[1].split()[0] in comparison  # the report's table is on the page
    assert comparison.count("<mark") > 500  # gold and predicted entities of the five seeds


def test_a_damaged_file_is_extracted_with_a_warning_line(capsys, tmp_path):
    data = ("蔚能(上海)电池科技有限公司拟投资50亿元入驻嘉定区。\n" * 300).encode("utf-8")
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:-2])  # the last 。 cut after two of its bytes
    code, out, err = run(capsys, "extract", str(path), "--no-ner")
    document = json.loads(out)
    assert code == 0
    assert document["metadata"]["damage"] == {"encoding": "utf-8", "replaced": 2, "offsets": [len(data) - 4, len(data) - 3]}
    assert len([e for e in document["entities"] if e["label"] == "MONEY"]) == 300
    assert err.count("\n") == 1 and "warning: 2 damaged byte(s)" in err and str(path) in err


def run_any(capsys, *argv):
    """``run`` for any path, argparse's usage errors included (SystemExit)."""
    try:
        code = main(list(argv))
    except SystemExit as exit:
        code = exit.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def places(tmp_path, seed_paths):
    """A file to put folders under (which cannot be), notes in no annotation format, a seed."""
    (tmp_path / "file.txt").write_text("京东落户上海", encoding="utf-8")
    return {"file": str(tmp_path / "file.txt"), "seed": str(seed_paths[0]), "tmp": str(tmp_path)}


BAD_ARGUMENTS = [
    (("extract", "{tmp}/missing.txt"), 1, "{tmp}/missing.txt: file not found"),
    (("extract", "{seed}", "--scheduler", "tcp://127.0.0.1:1"), 2, "--scheduler needs --engine dask"),
    (("extract", "{seed}", "--segmenter", "bogus"), 2, "unknown segmenter 'bogus'"),
    (("extract", "{seed}", "--resume"), 2, "--resume needs --output FILE"),
    (("extract", "{seed}", "--no-ner", "-o", "{file}/out.jsonl"), 2, "cannot write"),
    (("extract", "{seed}", "--n-process", "0"), 2, "must be at least 1, got 0"),
    (("extract", "{seed}", "--format", "xml"), 2, "invalid choice: 'xml'"),
    (("extract",), 2, "the following arguments are required: INPUT"),
    (("render", "{tmp}/missing.txt"), 1, "{tmp}/missing.txt: file not found"),
    (("render", "{seed}", "--no-ner", "-o", "{file}/page.html"), 1, "cannot write"),
    (("validate", "/nonexistent"), 1, "/nonexistent: no such file or folder"),
    (("validate", "{file}"), 1, "problem(s)"),
    (("convert", "{tmp}/missing", "{tmp}/out", "--to", "json"), 1, "{tmp}/missing: file not found"),
    (("convert", "{file}", "{tmp}/out", "--to", "json"), 1, "cannot tell the annotation format"),
    (("convert", "{root}/annotations", "{file}/out", "--to", "json"), 1, "Not a directory"),
    (("convert", "{root}/annotations", "{tmp}/out", "--to", "xml"), 2, "invalid choice: 'xml'"),
    (("evaluate", "--gold", "{tmp}/missing"), 1, "missing"),
    (("nosuchcommand",), 2, "invalid choice: 'nosuchcommand'"),
]


@pytest.mark.parametrize(("argv", "code", "message"), BAD_ARGUMENTS, ids=[" ".join(a[0]) for a in BAD_ARGUMENTS])
def test_bad_arguments_end_in_one_clear_line(capsys, places, root, argv, code, message):
    fill = {**places, "root": str(root)}
    got, out, err = run_any(capsys, *(arg.format(**fill) for arg in argv))
    lines = (err + out if argv[0] == "validate" else err).strip().splitlines()
    assert got == code, err
    assert "Traceback" not in err
    assert message.format(**fill) in lines[-1]
    assert len(err.strip().splitlines()) <= 1


def test_validate_outside_a_checkout_says_what_to_do(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run_any(capsys, "validate")
    assert code == 1
    assert err == "zhinvest: annotations: no such file or folder; run zhinvest validate in a zhinvest checkout, or name the annotation files or folders\n"


def test_an_internal_error_is_one_line_with_exit_code_3(capsys, monkeypatch, seed_paths):
    import zhinvest.cli as cli

    def broken(args):
        raise RuntimeError("something unexpected")

    monkeypatch.setattr(cli, "cmd_render", broken)
    code, _, err = run_any(capsys, "render", str(seed_paths[0]))
    assert (code, err) == (3, "zhinvest: internal error (RuntimeError: something unexpected); please report it\n")


@pytest.mark.parametrize("argv", [("validate", "/nonexistent"), ("validate",), ("convert", "/nonexistent", "out", "--to", "json")])
def test_no_traceback_from_the_console_command(tmp_path, argv):
    result = subprocess.run([sys.executable, "-m", "zhinvest.cli", *argv], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1, result.stderr


def test_convert_to_labelstudio_writes_gold_as_annotations_and_predictions_on_request(capsys, tmp_path, root):
    code, _, err = run(capsys, "convert", str(root / "annotations"), str(tmp_path / "gold"), "--to", "labelstudio")
    assert code == 0 and err.strip().endswith(str(tmp_path / "gold.json"))
    tasks = json.loads((tmp_path / "gold.json").read_text(encoding="utf-8"))
    assert all(set(task) == {"data", "annotations"} for task in tasks)
    code, _, _ = run(capsys, "convert", str(root / "annotations"), str(tmp_path / "model.json"), "--to", "labelstudio", "--predictions")
    assert code == 0
    assert all(set(task) == {"data", "predictions"} for task in json.loads((tmp_path / "model.json").read_text(encoding="utf-8")))
    code, _, err = run(capsys, "convert", str(root / "annotations"), str(tmp_path / "x.jsonl"), "--to", "doccano", "--predictions")
    assert code == 2 and "--predictions is for --to labelstudio" in err


def test_convert_to_conll_says_what_it_drops(capsys, tmp_path, root):
    code, _, err = run(capsys, "convert", str(root / "annotations"), str(tmp_path / "train"), "--to", "conll")
    first, second = err.strip().splitlines()
    assert code == 0 and (tmp_path / "train.conll").is_file()
    assert first.startswith("zhinvest: warning: the conll format keeps ids, text and entity labels and spans only; dropped: ")
    from zhinvest.formats import read

    relations = sum(len(doc.relations) for doc in read(root / "annotations"))
    assert f"{relations} relations" in first and "entity values" in first and "source offsets" in first
    assert second.endswith(str(tmp_path / "train.conll"))


@pytest.mark.parametrize("data", [b"", b"  \n\t\n", "\ufeff".encode("utf-8")], ids=["no bytes", "white space", "a BOM only"])
def test_an_empty_file_is_an_error_record_as_the_readme_says(capsys, tmp_path, data):
    (tmp_path / "empty.txt").write_bytes(data)
    code, out, err = run(capsys, "extract", str(tmp_path / "empty.txt"))
    assert code == 1
    assert json.loads(out)["error"] == {"type": "InputError", "message": f"{tmp_path / 'empty.txt'}: empty (no text)"}
    assert err == f"zhinvest: {tmp_path / 'empty.txt'}: empty (no text)\n"
    result = subprocess.run([sys.executable, "-m", "zhinvest.cli", "extract", "-", "--no-ner"], input=b"", capture_output=True, check=False)
    assert result.returncode == 1 and b"<stdin>: empty (no text)" in result.stderr


def test_table_format_shows_relations_and_follows_table(capsys, seed_paths):
    code, out, _ = run(capsys, "extract", str(seed_paths[2]), "--format", "table", "--no-ner")
    assert code == 0
    listing = out.split("relations:\n")[1].splitlines()
    kinds = {line.split()[0] for line in listing}
    assert kinds == {"INVESTMENT", "PROJECT_SUMMARY", "LOCATED_IN"}
    assert any("investor=蔚能(上海)电池科技有限公司" in line and "amount=5000000000" in line and "location=嘉定区" in line for line in listing)
    code, out, _ = run(capsys, "extract", str(seed_paths[2]), "--format", "table", "--table", "located", "--no-ner")
    assert {line.split()[0] for line in out.split("relations:\n")[1].splitlines()} == {"LOCATED_IN"}


def test_the_version_and_the_number_parsers_import_no_model_libraries():
    # `zhinvest --version` and `import zhinvest.numbers` stay instant: no spaCy, PyTorch or pydantic
    import subprocess
    import sys

    code = (
        "import sys, zhinvest.cli, zhinvest.numbers; zhinvest.cli.build_parser(); "
        "print(sorted(m for m in ('spacy', 'torch', 'thinc', 'pydantic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(
    ("argv", "usage"),
    [
        (["train", "ner", "--help"], "usage: zhinvest train ner"),
        (["train", "segmenter", "--help"], "usage: zhinvest train segmenter"),
        (["build", "lexicons", "--help"], "usage: zhinvest build lexicons"),
    ],
)
def test_tools_are_commands_of_the_cli(capsys, argv, usage):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith(usage)


def test_the_command_an_error_names_exists():
    import shlex

    from zhinvest.cli import build_parser
    from zhinvest.segmentation import TRAIN_COMMAND

    words = shlex.split(TRAIN_COMMAND)
    assert words[0] == "zhinvest"
    args = build_parser().parse_args(words[1:])
    assert (args.tool, args.tool_args[:2]) == ("segmenter", ["--ud-dir", "../shared/data/ud"])


def test_python_dash_m_zhinvest_is_the_same_command_line():
    import subprocess
    import sys

    from zhinvest import __version__

    done = subprocess.run([sys.executable, "-m", "zhinvest", "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == f"zhinvest {__version__}"


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "table"])
def test_two_processes_write_what_one_writes(capsys, bad_inputs, seeds_dir, fmt):
    """The workers render each output line themselves; the output, failures and warnings are the same."""
    argv = ("extract", str(seeds_dir), *sorted(str(p) for p in bad_inputs.iterdir()), "--format", fmt)
    one = run(capsys, *argv, "--n-process", "1")
    two = run(capsys, *argv, "--n-process", "2")
    assert one == two and one[0] == 1 and one[2].count("\n") == 2  # binary.txt and empty.txt


def test_only_the_console_command_freezes_its_heap(capsys, seed_paths):
    """``main`` called in a process (a test, a notebook) leaves the garbage collector as it was."""
    import gc

    frozen = gc.get_freeze_count()
    assert run(capsys, "extract", str(seed_paths[0]))[0] == 0
    assert gc.get_freeze_count() == frozen
