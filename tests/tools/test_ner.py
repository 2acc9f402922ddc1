"""Tests of :mod:`zhinvest.tools.ner` on a tiny corpus written into ``tmp_path``.

The corpus has the layout and JSON Lines format of the shared NER data (see its README),
so the tests need neither the shared data nor a trained model.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from zhinvest.about import NAME_LABELS
from zhinvest.tools.ner import (
    LABEL_MAP,
    MISSING,
    PLACE,
    convert_corpora,
    is_single_place,
    make_doc,
    score_ner,
    train_ner,
)

CONFIG = Path(__file__).resolve().parents[2] / "configs" / "ner.cfg"

NESTED = (
    "据了解，日前有媒体上刊发了题为《招商银行：投资永隆银行浮亏逾百亿港元》的文章，",
    [[15, 35, "book"], [16, 20, "company"], [23, 27, "company"]],
)
CLUENER_TRAIN = [
    ("浙商银行企业信贷部叶老桂博士则从另一个角度对五道门槛进行了解读。", [[0, 4, "company"], [9, 12, "name"]]),
    ("北京市海淀区北四环西路68号的门店由市委书记李强视察，游客也去了故宫。",
     [[0, 14, "address"], [17, 21, "position"], [21, 23, "name"], [30, 32, "scene"]]),
    ("他在上海工作，常去北京出差。", [[2, 4, "address"]]),
    NESTED,
]
CLUENER_DEV = [("国务院发展研究中心的专家在深圳市指出。", [[0, 9, "government"], [13, 16, "address"]])]
MSRA_TRAIN = [
    ("中国银行在北京举行大会，张三出席。", [[0, 4, "ORG"], [5, 7, "LOC"], [12, 14, "PER"]]),
    ("北京大学的学生来到上海。", [[0, 4, "ORG"], [9, 11, "LOC"]]),
    ("今天天气很好。", []),
    ("北京是中国的首都。", [[0, 2, "LOC"], [3, 5, "LOC"]]),
    ("李四从北京回到上海，见到王五。", [[0, 2, "PER"], [3, 5, "LOC"], [7, 9, "LOC"], [12, 14, "PER"]]),
    ("北京和上海都是大城市，位于中国。", [[0, 2, "LOC"], [3, 5, "LOC"], [13, 15, "LOC"]]),
    ("１９９８年北京举行了会议。", [[5, 7, "LOC"]]),
]
MSRA_TEST = [("阿里巴巴在杭州成立，马云出席。", [[0, 4, "ORG"], [5, 7, "LOC"], [10, 12, "PER"]])]
WEIBO_TRAIN = [
    ("我和穷人小明去了广州的文艺公司。", [[2, 4, "PER.NOM"], [4, 6, "PER.NAM"], [8, 10, "GPE.NAM"], [11, 15, "ORG.NOM"]])
]
WEIBO_DEV = [("腾讯在深圳。", [[0, 2, "ORG.NAM"], [3, 5, "GPE.NAM"]])]


def write_corpus(root: Path, copies: int = 1) -> Path:
    files = {
        "cluener2020/train.jsonl": CLUENER_TRAIN,
        "cluener2020/dev.jsonl": CLUENER_DEV,
        "msra/train.jsonl": MSRA_TRAIN,
        "msra/test.jsonl": MSRA_TEST,
        "weibo/train.jsonl": WEIBO_TRAIN,
        "weibo/dev.jsonl": WEIBO_DEV,
    }
    for name, rows in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [json.dumps({"text": t, "entities": e}, ensure_ascii=False) for t, e in rows] * copies
        path.write_text("\n".join(lines) + "\n", encoding="utf8")
    return root


def read_docs(path: Path) -> list[spacy.tokens.Doc]:
    return list(DocBin().from_disk(path).get_docs(spacy.blank("zh").vocab))


def iob(doc: spacy.tokens.Doc) -> str:
    """One character per token: B, I, O, or - for missing annotation."""
    return "".join(t.ent_iob_ or "-" for t in doc)


@pytest.mark.parametrize(
    ("corpus", "label", "expected"),
    [
        ("cluener2020", "company", "ORG"),
        ("cluener2020", "government", "ORG"),
        ("cluener2020", "organization", "ORG"),
        ("cluener2020", "name", "PERSON"),
        ("cluener2020", "address", PLACE),
        ("cluener2020", "scene", MISSING),
        ("cluener2020", "position", MISSING),
        ("cluener2020", "book", MISSING),
        ("msra", "PER", "PERSON"),
        ("msra", "LOC", "LOC"),
        ("weibo", "GPE.NAM", "LOC"),
        ("weibo", "LOC.NAM", "LOC"),
        ("weibo", "ORG.NAM", "ORG"),
        ("weibo", "PER.NAM", "PERSON"),
        ("weibo", "PER.NOM", None),
    ],
)
def test_label_map(corpus: str, label: str, expected: str | None) -> None:
    assert LABEL_MAP[corpus][label] == expected


def test_label_map_covers_every_source_label() -> None:
    assert set(LABEL_MAP["cluener2020"]) == {
        "address", "book", "company", "game", "government", "movie", "name", "organization", "position", "scene",
    }
    assert set(LABEL_MAP["msra"]) == {"ORG", "LOC", "PER"}
    assert set(LABEL_MAP["weibo"]) == {f"{t}.{k}" for t in ("GPE", "LOC", "ORG", "PER") for k in ("NAM", "NOM")}
    values = {v for m in LABEL_MAP.values() for v in m.values()}
    assert values - {None, MISSING, PLACE} == set(NAME_LABELS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("北京", True),  # in the lexicon
        ("门头沟区", True),
        ("孜许乡", True),
        ("江西省余干县", False),  # two levels: SPEC splits them
        ("衡阳市仙姬巷28号", False),
        ("星港花园", False),
        ("深圳地区", False),
    ],
)
def test_is_single_place(text: str, expected: bool) -> None:
    assert is_single_place(text, frozenset({"北京"})) is expected


def test_make_doc_nested_and_missing() -> None:
    nlp = spacy.blank("zh")
    doc = make_doc(nlp, {"text": NESTED[0], "entities": NESTED[1]}, LABEL_MAP["cluener2020"])
    assert [(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents] == [
        (16, 20, "招商银行", "ORG"),
        (23, 27, "永隆银行", "ORG"),
    ]
    # The book title is dropped; its other characters are unannotated, the rest is O.
    assert iob(doc) == "O" * 15 + "-BIII---BIII" + "-" * 8 + "O" * 4


def test_convert_corpora(tmp_path: Path) -> None:
    report = convert_corpora(write_corpus(tmp_path / "data"), tmp_path / "out", seed=0, dev_size=2)
    files = report["files"]
    assert {name: files[name]["sentences"] for name in files} == {
        "train": len(CLUENER_TRAIN) + len(MSRA_TRAIN) - 2 + len(WEIBO_TRAIN),
        "dev": 2 + len(CLUENER_DEV) + len(WEIBO_DEV),
        "msra_test": 1,
        "cluener_dev": 1,
    }
    train = {doc.text: doc for doc in read_docs(tmp_path / "out" / "train.spacy")}
    assert all(len(doc) == len(text) for text, doc in train.items())  # one token per character

    ents = lambda doc: [(e.start_char, e.end_char, e.label_) for e in doc.ents]  # noqa: E731
    assert ents(train[CLUENER_TRAIN[0][0]]) == [(0, 4, "ORG"), (9, 12, "PERSON")]
    # Weibo: nominal mentions are O; GPE.NAM is a LOC.
    weibo = train[WEIBO_TRAIN[0][0]]
    assert ents(weibo) == [(4, 6, "PERSON"), (8, 10, "LOC")]
    assert iob(weibo) == "OOOOBIOOBIOOOOOO"
    # A multi-level address and a job title are unannotated, the person after it is kept,
    # and the sight is unannotated.
    address = train[CLUENER_TRAIN[1][0]]
    assert ents(address) == [(21, 23, "PERSON")]
    assert iob(address)[:14] == "-" * 14 and iob(address)[17:23] == "----BI" and iob(address)[30:32] == "--"
    # A single place is a LOC; an unmarked known place (北京, in the MSRA lexicon) is unannotated.
    places = train[CLUENER_TRAIN[2][0]]
    assert ents(places) == [(2, 4, "LOC")]
    assert iob(places) == "OOBIOOOOO--OOO"
    # The nested sentence keeps both companies.
    assert [e.text for e in train[NESTED[0]].ents] == ["招商银行", "永隆银行"]

    test = read_docs(tmp_path / "out" / "msra_test.spacy")
    assert [(e.text, e.label_) for e in test[0].ents] == [("阿里巴巴", "ORG"), ("杭州", "LOC"), ("马云", "PERSON")]
    cluener_dev = read_docs(tmp_path / "out" / "cluener_dev.spacy")
    assert [(e.text, e.label_) for e in cluener_dev[0].ents] == [("国务院发展研究中心", "ORG"), ("深圳市", "LOC")]


def test_convert_is_reproducible(tmp_path: Path) -> None:
    data = write_corpus(tmp_path / "data")
    convert_corpora(data, tmp_path / "a", seed=3, dev_size=3)
    convert_corpora(data, tmp_path / "b", seed=3, dev_size=3)
    for name in ("train", "dev"):
        assert (tmp_path / "a" / f"{name}.spacy").read_bytes() == (tmp_path / "b" / f"{name}.spacy").read_bytes()


def test_train_and_score_smoke(tmp_path: Path) -> None:
    convert_corpora(write_corpus(tmp_path / "data", copies=5), tmp_path / "corpus", dev_size=5)
    best = train_ner(
        tmp_path / "model",
        data_dir=tmp_path / "corpus",
        config=CONFIG,
        max_steps=20,
        overrides={"training.eval_frequency": 5, "training.optimizer.learn_rate": 0.01},
    )
    nlp = spacy.load(best)
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == set(NAME_LABELS)
    docs = list(nlp.pipe(text for text, _ in MSRA_TRAIN))
    labels = {e.label_ for doc in docs for e in doc.ents}
    assert labels and labels <= set(NAME_LABELS)

    scores = score_ner(best, tmp_path / "corpus" / "msra_test.spacy")
    assert set(scores) == {*NAME_LABELS, "ALL", "docs"}
    assert scores["docs"] == 5
    assert all(0.0 <= scores[label][k] <= 1.0 for label in (*NAME_LABELS, "ALL") for k in ("p", "r", "f"))
