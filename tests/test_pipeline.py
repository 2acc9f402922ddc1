from decimal import Decimal

import pytest

import zhinvest
from zhinvest.engine import CHUNK_CHARS, split_chunks


def test_extract_returns_typed_entities_with_source_offsets():
    doc = zhinvest.extract("蔚能(上海)電池科技有限公司擬投資50億元入駐嘉定區")
    money = [e for e in doc.entities if e.label == "MONEY"]
    assert [(e.text, e.source_text, e.value) for e in money] == [("50亿元", "50億元", Decimal("5000000000"))]
    assert doc.text[money[0].start : money[0].end] == "50亿元"


def test_long_text_is_chunked_and_offsets_stay_global():
    line = "总投资5亿元的3个项目签约。" * 100 + "\n"
    text = line * (CHUNK_CHARS // len(line) * 3)
    doc = zhinvest.extract(text)
    money = [e for e in doc.entities if e.label == "MONEY"]
    assert len(money) == text.count("5亿元")
    assert all(doc.text[e.start : e.end] == "5亿元" for e in money)


def test_split_chunks_cuts_at_newlines_and_covers_the_text():
    text = ("a" * 7 + "\n") * 10
    chunks = list(split_chunks(text, 20))
    assert "".join(c for _, c in chunks) == text
    assert all(c.endswith("\n") for _, c in chunks)
    assert [o for o, _ in chunks] == [0, 16, 32, 48, 64]


def test_unknown_segmenter_is_a_clear_error():
    with pytest.raises(zhinvest.ZhinvestError, match="unknown segmenter"):
        zhinvest.load(segmenter="nonsense")


def test_documents_of_the_seeds_validate_and_round_trip(seed_documents):
    for doc in seed_documents.values():
        assert zhinvest.Document.from_json(doc.to_json()) == doc
        for entity in doc.entities:
            assert doc.text[entity.start : entity.end] == entity.text
            assert entity.source_end > entity.source_start


def test_a_statistical_ner_pipeline_feeds_the_rules(tmp_path):
    """Any spaCy pipeline that sets doc.ents can stand in for the trained NER model."""
    import spacy

    stand_in = spacy.blank("zh")
    ruler = stand_in.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": [{"TEXT": c} for c in "法国达索系统"]}])
    stand_in.to_disk(tmp_path / "ner")
    pipeline = zhinvest.Pipeline(ner_model=tmp_path / "ner")
    doc = pipeline("法国达索系统拟投资5亿元")
    assert [(e.label, e.text, e.source_component) for e in doc.entities] == [
        ("LOC", "法国", "places"), ("ORG", "达索系统", "ner"), ("MONEY", "5亿元", "money"),
    ]
    assert [r.type for r in doc.relations] == ["INVESTMENT"]


@pytest.mark.parametrize(
    ("text", "label", "kept"),
    [
        ("达索系统", "ORG", True),
        ("北外滩", "LOC", True),
        ("李书福", "PERSON", True),
        ("菲利普·劳弗尔", "PERSON", True),
        ("中", "LOC", False),
        ("全球投资促进大会", "ORG", False),
        ("化工新材料产业片区", "LOC", False),
        ("桥梁", "PERSON", False),
        ("的企业", "ORG", False),
        ("经济社会", "ORG", False),
        ("布局", "LOC", False),
    ],
)
def test_model_mentions_are_checked_against_spec(text, label, kept):
    from zhinvest.components._spans import plausible_model_mention

    assert plausible_model_mention(text, label) is kept


@pytest.mark.parametrize(
    "text",
    ["seeds/000_missing.txt", "news/2021/article.html", "missing.txt", "C:\\news\\a.txt", "新闻/文章.txt"],
)
def test_a_mistyped_path_is_an_error_not_text(pipeline, text):
    with pytest.raises(zhinvest.InputError, match="file not found"):
        pipeline(text)
    with pytest.raises(zhinvest.InputError, match=r"looks like a file path, not article text; read a file with zhinvest.extract_file"):
        zhinvest.extract(text)
    with pytest.raises(zhinvest.InputError, match="file not found"):
        zhinvest.extract_file(text)
    (failure,) = pipeline.pipe([text], on_error="record")
    assert failure.error.type == "InputError" and "file not found" in failure.error.message


def test_extract_takes_text_and_extract_file_a_path(seed_paths, seed_documents):
    path = seed_paths[0]
    assert zhinvest.extract_file(path) == seed_documents[path.stem]
    assert zhinvest.extract_file(str(path)) == seed_documents[path.stem]
    with pytest.raises(zhinvest.InputError, match="looks like a file path"):
        zhinvest.extract(str(path))  # an existing file too: extract never reads files
    with pytest.raises(zhinvest.InputError, match="looks like a file path"):
        zhinvest.extract(path)
    with pytest.raises(zhinvest.InputError, match="expected a path"):
        zhinvest.extract_file(b"x.txt")
    assert zhinvest.extract("总投资5亿元".encode("gbk")).entities[0].value == Decimal("500000000")


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf" + b"\x01\x02\x03" * 50, b"\xff\xfe" + "\x01\x02".encode("utf-16-le") * 50])
def test_bytes_that_decode_to_control_characters_are_refused_as_binary(pipeline, data):
    with pytest.raises(zhinvest.InputError, match="looks like binary data"):
        pipeline(data)


def test_the_rules_alone_are_the_default_and_the_bundled_ner_an_option():
    from zhinvest.pipeline import ner_model_path

    assert "ner" not in zhinvest.load().nlp.pipe_names
    if ner_model_path() is None:
        pytest.skip("no bundled NER model")
    with_model = zhinvest.load(ner=True)
    assert "ner" in with_model.nlp.pipe_names
    doc = with_model.extract("华星科技有限公司拟投资5亿元落户玉溪市。")
    assert [(e.label, e.text) for e in doc.entities] == [("ORG", "华星科技有限公司"), ("MONEY", "5亿元"), ("LOC", "玉溪市")]


def test_spacy_is_imported_without_pytorch_which_stays_importable():
    import subprocess
    import sys

    code = (
        "import sys, zhinvest.pipeline, thinc.compat; print('torch' in sys.modules, thinc.compat.has_torch); "
        "import importlib.util; print(importlib.util.find_spec('torch') is None or __import__('torch') is not None)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "False False"
    assert out[1] == "True"


def test_spacy_users_see_the_documents_entities_with_their_values(seed_paths, seed_documents):
    """build_nlp()'s doc.ents are the Document's entities (overlaps resolved, the model's
    mentions checked), each with its value, currency, unit and qualifier as span extensions."""
    nlp = zhinvest.build_nlp()
    for path in seed_paths:
        document = seed_documents[path.stem]
        doc = nlp(document.text)
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [(e.start, e.end, e.label) for e in document.entities]
        for span, entity in zip(doc.ents, document.entities):
            assert (span._.value, span._.currency, span._.unit, span._.qualifier) == (entity.value, entity.currency, entity.unit, entity.qualifier)
    doc = nlp("华星科技有限公司拟投资超过5亿元,建设面积1500平方米的厂房,共12个项目")
    assert [(e.label_, e._.value, e._.qualifier) for e in doc.ents] == [
        ("ORG", None, None), ("MONEY", Decimal("500000000"), "over"), ("AREA", Decimal("1500"), "exact"), ("PROJECT_COUNT", 12, "exact"),
    ]


def test_spacy_is_imported_without_its_command_line_which_stays_importable():
    import subprocess
    import sys

    code = (
        "import sys, zhinvest.engine, spacy; print('spacy.cli' in sys.modules, 'requests' in sys.modules); "
        "import spacy.cli; from spacy.cli.info import info; from spacy.cli.train import train; print(callable(train), spacy.info is not info, 'spacy_version' in spacy.info())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "False False"
    assert out[1] == "True True True"
