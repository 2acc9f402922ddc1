import random
import socket
import sys
from pathlib import Path

import pytest
import spacy

from zhinvest.components._spans import get_mentions
from zhinvest.components.hanlp_ner import (
    DEFAULT_LABELS_MAP,
    char_tokens,
    check_labels_map,
    entities_to_mentions,
    load_model,
    map_label,
    sentences,
    token_offsets,
)
from zhinvest.errors import ModelError

# --- pure functions: no hanlp needed -------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "label"),
    [
        ("NR", "PERSON"), ("NS", "LOC"), ("NT", "ORG"),  # MSRA
        ("nr", "PERSON"), ("ns", "LOC"), ("nt", "ORG"),  # PKU
        ("PERSON", "PERSON"), ("GPE", "LOC"), ("LOC", "LOC"), ("ORG", "ORG"),  # OntoNotes
        ("LOCATION", "LOC"), ("ORGANIZATION", "ORG"),  # MSRA, 26 types
        ("B-NT", "ORG"), ("S-nr", "PERSON"),  # a tag with a scheme prefix
        ("NORP", None), ("FAC", None), ("DATE", None), ("MONEY", None), ("n", None),
    ],
)
def test_tag_sets_map_to_zhinvest_labels(tag, label):
    assert map_label(tag) == label


def test_a_labels_map_must_target_name_labels():
    assert check_labels_map({"PER": "PERSON"}) == {"PER": "PERSON"}
    with pytest.raises(ModelError, match="not one of"):
        check_labels_map({"DATE": "TIME"})


def test_char_tokens_skip_whitespace_and_keep_offsets():
    tokens, offsets = char_tokens("前 张伟\n在", 1)
    assert tokens == ["张", "伟", "在"]
    assert offsets == [(2, 3), (3, 4), (5, 6)]


def test_token_offsets_follow_the_text():
    assert token_offsets("苏州 工业园区 签约", ["苏州", "工业园区", "签约"]) == [(0, 2), (3, 7), (8, 10)]
    with pytest.raises(ValueError, match="not found"):
        token_offsets("苏州工业园区", ["苏州", "园区"])


def test_token_indices_map_to_character_offsets():
    text = "今天，张伟在 苏州会见了华为公司代表"
    tokens, offsets = char_tokens(text)
    entities = [("张伟", "NR", 3, 5), ("苏州", "NS", 6, 8), ("华为公司", "NT", 11, 15), ("今天", "DATE", 0, 2)]
    found = [(text[m.start : m.end], m.label, m.component) for m in entities_to_mentions(entities, offsets)]
    assert tokens[6:8] == ["苏", "州"]
    assert found == [("张伟", "PERSON", "hanlp"), ("苏州", "LOC", "hanlp"), ("华为公司", "ORG", "hanlp")]


def test_word_tokens_map_to_character_offsets():
    text = "张伟在苏州工业园区会见了华为公司代表"
    words = ["张伟", "在", "苏州", "工业园区", "会见", "了", "华为公司", "代表"]
    found = entities_to_mentions([("苏州工业园区", "ns", 2, 4), ("华为公司", "nt", 6, 7)], token_offsets(text, words))
    assert [(text[m.start : m.end], m.label) for m in found] == [("苏州工业园区", "LOC"), ("华为公司", "ORG")]


def test_sentences_cut_at_ends_and_at_the_length_limit():
    text = "第一句。第二句很长很长很长！\n\n  \n尾"
    pieces = [text[start:end] for start, end in sentences(text, 5)]
    assert pieces == ["第一句。", "第二句很长", "很长很长！", "尾"]  # whitespace-only pieces are left out


def test_without_hanlp_the_component_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "hanlp", None)  # import hanlp -> ImportError
    nlp = spacy.blank("zh")
    with pytest.raises(ModelError) as caught:
        nlp.add_pipe("zhinvest_hanlp_ner", config={"model": "MSRA_NER_ELECTRA_SMALL_ZH"})
    assert 'pip install "zhinvest[hanlp]"' in str(caught.value)
    assert "torch==2.13.0" in str(caught.value)


# --- a small HanLP model trained here --------------------------------------------------

PERSONS = ["张伟", "李娜", "王强", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴芳", "徐明", "孙丽", "马超", "朱琳", "胡军", "郭婷"]
PLACES = ["上海", "北京", "苏州", "深圳", "杭州", "成都", "武汉", "重庆", "南京", "西安", "青岛", "合肥", "长沙", "厦门", "无锡", "宁波"]
ORGS = ["华为公司", "中国银行", "腾讯集团", "宁德时代", "比亚迪公司", "招商局集团", "国家电网", "小米科技", "联想集团", "万科企业", "京东集团", "中国建筑"]
TEMPLATES = [
    "{PER}在{LOC}会见了{ORG}代表",
    "{ORG}宣布在{LOC}投资建设新基地",
    "{PER}表示{ORG}将扩大在{LOC}的业务",
    "{LOC}市政府与{ORG}签署战略合作协议",
    "{PER}出席了在{LOC}举行的签约仪式",
    "{ORG}董事长{PER}到{LOC}考察",
    "据报道。",
    "记者从会上获悉，项目进展顺利。",
]
TAGS = {"PER": "NR", "LOC": "NS", "ORG": "NT"}


def fill(template: str, rng: random.Random) -> list[tuple[str, str]]:
    """A sentence from a template as (character, BIO tag) pairs."""
    pairs: list[tuple[str, str]] = []
    rest = template
    while rest:
        if rest.startswith("{"):
            slot, rest = rest[1:].split("}", 1)
            name = rng.choice({"PER": PERSONS, "LOC": PLACES, "ORG": ORGS}[slot])
            pairs += [(c, ("B-" if i == 0 else "I-") + TAGS[slot]) for i, c in enumerate(name)]
        else:
            pairs.append((rest[0], "O"))
            rest = rest[1:]
    return pairs


def write_tsv(path: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for index in range(count):
            for char, tag in fill(TEMPLATES[index % len(TEMPLATES)], rng):
                out.write(f"{char}\t{tag}\n")
            out.write("\n")


@pytest.fixture(scope="module")
def trained_model(tmp_path_factory) -> Path:
    """A character-level RNN recognizer trained offline on template sentences (seconds on CPU)."""
    pytest.importorskip("hanlp")
    from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer

    folder = tmp_path_factory.mktemp("hanlp")
    write_tsv(folder / "train.tsv", 300, seed=1)
    write_tsv(folder / "dev.tsv", 30, seed=2)
    recognizer = RNNNamedEntityRecognizer()
    recognizer.fit(
        str(folder / "train.tsv"), str(folder / "dev.tsv"), str(folder / "model"),
        epochs=20, lr=0.01, drop=0.2, batch_size=16, embed=32, rnn_hidden=64, crf=False, tagging_scheme="BIO",
        seed=1, devices=-1, verbose=False,
    )
    return folder / "model"


def test_component_finds_entities_at_their_character_offsets(trained_model):
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhinvest_hanlp_ner", config={"model": str(trained_model)})
    text = "据报道。 马超在 无锡会见了联想集团代表\n杨帆出席了在合肥举行的签约仪式"
    doc = nlp(text)
    found = sorted((text[m.start : m.end], m.label, m.component) for m in get_mentions(doc))
    assert found == sorted(
        [
            ("马超", "PERSON", "hanlp"), ("无锡", "LOC", "hanlp"), ("联想集团", "ORG", "hanlp"),
            ("杨帆", "PERSON", "hanlp"), ("合肥", "LOC", "hanlp"),
        ]
    )
    assert {(e.text, e.label_) for e in doc.ents} >= {("联想集团", "ORG"), ("合肥", "LOC")}


def test_a_labels_map_renames_and_drops_tags(trained_model):
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhinvest_hanlp_ner", config={"model": str(trained_model), "labels_map": {"NT": "ORG"}, "set_ents": False})
    doc = nlp("王强在南京会见了中国银行代表")
    assert [(doc.text[m.start : m.end], m.label) for m in get_mentions(doc)] == [("中国银行", "ORG")]
    assert not doc.ents


def test_a_broken_model_folder_is_a_model_error(tmp_path):
    pytest.importorskip("hanlp")
    classpath = "hanlp.components.ner.rnn_ner.RNNNamedEntityRecognizer"
    (tmp_path / "config.json").write_text(f'{{"classpath": "{classpath}"}}', encoding="utf-8")
    with pytest.raises(ModelError, match=r"could not load the HanLP model at .*vocabs\.json"):
        load_model(tmp_path)


def test_a_failed_download_is_a_model_error_with_the_offline_fix(monkeypatch, tmp_path):
    pytest.importorskip("hanlp")
    import urllib3
    from hanlp.utils import io_util

    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    # hanlp binds HANLP_HOME when it is imported: point its download folder at tmp_path,
    # and skip the back-off sleeps (about 25 s) of the downloader's 8 retries.
    monkeypatch.setattr(io_util.get_resource, "__defaults__", (str(tmp_path), *io_util.get_resource.__defaults__[1:]))
    monkeypatch.setattr(urllib3.util.retry.Retry, "sleep", lambda self, response=None: None)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    with pytest.raises(ModelError) as caught:
        load_model("https://example.invalid/zhinvest/no_such_model.zip")
    assert "HANLP_HOME" in str(caught.value) and "~/.hanlp" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_default_labels_map_targets_only_name_labels():
    assert set(DEFAULT_LABELS_MAP.values()) == {"PERSON", "LOC", "ORG"}
