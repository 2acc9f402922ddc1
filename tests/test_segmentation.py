import socket
import sys
from pathlib import Path

import pytest
import spacy

from zhinvest.components._spans import get_mentions
from zhinvest.errors import ModelError
from zhinvest.segmentation import (
    Sentence,
    blank_nlp,
    check_segmenter,
    convert_conllu,
    pkuseg_model_path,
    read_conllu,
    score_segmentation,
    score_segmenter,
    segmenter_config,
    to_simplified,
    train_pkuseg,
    word_spans,
)

COMPONENTS = ("zhinvest_money", "zhinvest_area", "zhinvest_project_count")

# A Traditional UD v1-style sentence (no "# text", ASCII punctuation, 「」 and the particle 著)
# and a UD v2 sentence with a space between Latin words, a multiword range and an empty node.
CONLLU = """\
1	他	_	PRON	PRP	_	2	nsubj	_	_
2	看	_	VERB	VV	_	0	root	_	_
3	著	_	PART	AS	_	2	case	_	_
4	「	_	PUNCT	``	_	5	punct	_	_
5	經濟	_	NOUN	NN	_	2	dobj	_	_
6	」	_	PUNCT	''	_	5	punct	_	_
7	,	_	PUNCT	,	_	2	punct	_	_
8	著名	_	ADJ	JJ	_	2	dep	_	_
9	.	_	PUNCT	.	_	2	punct	_	_

# sent_id = s2
# text = 投资Game Informer公司5亿元。
1	投资	投资	VERB	VV	_	0	root	_	SpaceAfter=No
2-3	Game Informer	_	_	_	_	_	_	_	_
2	Game	Game	PROPN	NNP	_	3	flat	_	_
3	Informer	Informer	PROPN	NNP	_	4	compound	_	SpaceAfter=No
3.1	_	_	_	_	_	_	_	_	_
4	公司	公司	NOUN	NN	_	1	obj	_	SpaceAfter=No
5	5亿	5亿	NUM	CD	_	6	nummod	_	SpaceAfter=No
6	元	元	NOUN	M	_	1	obj	_	SpaceAfter=No
7	。	。	PUNCT	.	_	1	punct	_	SpaceAfter=No
"""


@pytest.fixture()
def conllu(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    return path


def test_read_conllu_keeps_forms_spaces_and_skips_ranges_and_empty_nodes(conllu):
    first, second = read_conllu(conllu)
    assert first.words == ("他", "看", "著", "「", "經濟", "」", ",", "著名", ".")
    assert first.text == "他看著「經濟」,著名."  # no "# text": no spaces
    assert second.sent_id == "s2"
    assert second.words == ("投资", "Game", "Informer", "公司", "5亿", "元", "。")
    assert second.text == "投资Game Informer公司5亿元。"


def test_to_simplified_keeps_boundaries_and_follows_gsdsimp(conllu):
    first = to_simplified(next(read_conllu(conllu)))
    assert first.words == ("他", "看", "着", "“", "经济", "”", "，", "著名", "。")


def test_convert_conllu_writes_one_sentence_a_line(conllu, tmp_path):
    out = tmp_path / "train.txt"
    assert convert_conllu(conllu, out, traditional=True) == 2
    assert out.read_text(encoding="utf-8").splitlines() == [
        "他 看 着 “ 经济 ” ， 著名 。",
        "投资 Game Informer 公司 5亿 元 。",
    ]


def test_word_spans_ignore_whitespace():
    assert word_spans(["投资", " ", "Game", "Informer "]) == [(0, 2), (2, 6), (6, 14)]


@pytest.mark.parametrize(
    ("predicted", "expected"),
    [
        (["总投资", "5亿元"], (2, 2, 1.0)),
        (["总", "投资", "5亿元"], (3, 2, 0.4)),
        (["总投资5亿元"], (1, 2, 0.0)),
    ],
    ids=["same", "one-split", "one-word"],
)
def test_score_segmentation_counts_words_with_the_same_span(predicted, expected):
    score = score_segmentation([["总投资", "5亿元"]], [predicted])
    assert (score.predicted, score.gold) == expected[:2]
    assert score.f1 == pytest.approx(expected[2])


def test_score_segmentation_rejects_a_different_text():
    with pytest.raises(ValueError, match="do not spell"):
        score_segmentation([["总投资"]], [["总投"]])


def test_score_segmenter_on_a_treebank(conllu):
    sentences = [to_simplified(s) for s in read_conllu(conllu)]
    by_char = score_segmenter(list, sentences)
    assert (by_char.gold, by_char.predicted, by_char.correct) == (16, 31, 9)  # the 9 one-character words
    perfect = score_segmenter(lambda text: next(s.words for s in sentences if s.text == text), sentences)
    assert perfect.f1 == 1.0


# --- the pipeline's segmenters -------------------------------------------------------

SENTENCES = [
    "总投资4898亿元的216个重大产业项目集中签约",
    "释放1500万方高标准产业空间，配套509亿元定向投资",
    "苏州工业园区今年共签约项目120个，总投资超过1.1万亿元，新增用地面积约3000亩。",
]


def mentions(nlp, text):
    doc = nlp(text)
    return sorted((m.start, m.end, m.label, str(m.value)) for m in get_mentions(doc))


@pytest.fixture(scope="module")
def pipelines():
    """char, pkuseg and (if installed) jieba pipelines with the numeric components, built once."""
    built = {}

    def get(segmenter):
        if segmenter == "jieba":
            pytest.importorskip("jieba")
        if segmenter not in built:
            nlp = blank_nlp(segmenter)
            for name in COMPONENTS:
                nlp.add_pipe(name)
            built[segmenter] = nlp
        return built[segmenter]

    return get


@pytest.mark.parametrize("segmenter", ["jieba", "pkuseg"])
@pytest.mark.parametrize("text", SENTENCES, ids=["4898亿元", "1500万方", "1.1万亿元"])
def test_every_segmenter_gives_the_same_mentions(pipelines, segmenter, text):
    expected = mentions(pipelines("char"), text)
    assert expected, "the components found nothing"
    assert mentions(pipelines(segmenter), text) == expected


@pytest.mark.parametrize("segmenter", ["jieba", "pkuseg"])
def test_the_segmenters_do_segment_into_words(pipelines, segmenter):
    text = SENTENCES[0]
    assert [t.text for t in pipelines("char").make_doc(text)] == list(text)
    words = [t.text for t in pipelines(segmenter).make_doc(text)]
    assert "".join(words) == text and len(words) < len(text)


def test_pkuseg_uses_the_bundled_model():
    assert segmenter_config("pkuseg")["initialize"]["tokenizer"]["pkuseg_model"] == str(pkuseg_model_path())
    assert all((pkuseg_model_path() / name).is_file() for name in ("features.msgpack", "weights.npz"))


def test_nlp_initialize_sets_pkuseg_up_as_blank_nlp_does():
    nlp = spacy.blank("zh", config=segmenter_config("pkuseg"))
    nlp.initialize()
    assert nlp.tokenizer.pkuseg_seg.postprocesser.do_process is False
    text = SENTENCES[2]
    assert [t.text for t in nlp.make_doc(text)] == [t.text for t in blank_nlp("pkuseg").make_doc(text)]


@pytest.fixture()
def no_network(monkeypatch, tmp_path):
    """Any connection attempt fails, and spacy-pkuseg's download folder is empty."""

    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setenv("PKUSEG_HOME", str(tmp_path / "pkuseg_home"))
    from spacy_pkuseg.config import config

    monkeypatch.setattr(config, "pkuseg_home", str(tmp_path / "pkuseg_home"))


def test_pkuseg_pipeline_round_trips_through_disk_offline(no_network, tmp_path):
    nlp = blank_nlp("pkuseg")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "tokenizer" / "pkuseg_model" / "weights.npz").is_file()
    loaded = spacy.load(tmp_path / "pipeline")
    for text in SENTENCES:
        assert [t.text for t in loaded(text)] == [t.text for t in nlp(text)]
        assert mentions(loaded, text) == mentions(nlp, text)
    assert not (tmp_path / "pkuseg_home").exists()


def test_missing_jieba_is_a_model_error_with_the_install_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "jieba", None)
    with pytest.raises(ModelError, match=r"zhinvest\[jieba\]"):
        check_segmenter("jieba")


def test_missing_pkuseg_model_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="train segmenter"):
        blank_nlp("pkuseg", pkuseg_model=tmp_path)


def test_unknown_segmenter_is_a_model_error():
    with pytest.raises(ModelError, match="unknown segmenter"):
        blank_nlp("spaces")


def tiny_ud_dir(path: Path) -> Path:
    """A UD folder whose GSDSimp dev and test hold 10 copies each of two sentences."""
    blocks = []
    for words in (("总", "投资", "5亿", "元", "的", "项目", "签约", "。"), ("释放", "产业", "空间", "，", "配套", "定向", "投资", "。")):
        sentence = Sentence(words, ("X",) * 8, (False,) * 8)
        blocks.append(f"# text = {sentence.text}\n" + "".join(f"{i}\t{w}\t_\tX\t_\t_\t0\tdep\t_\tSpaceAfter=No\n" for i, w in enumerate(words, 1)))
    for relative in ("gsdsimp/zh_gsdsimp-ud-dev.conllu", "gsdsimp/zh_gsdsimp-ud-test.conllu"):
        (path / relative).parent.mkdir(parents=True, exist_ok=True)
        (path / relative).write_text("\n".join(blocks * 10) + "\n", encoding="utf-8")
    return path


def test_train_pkuseg_on_a_tiny_treebank(tmp_path):
    """A smoke test: three iterations on a few sentences, then scored through spaCy."""
    from spacy_pkuseg.config import config

    before = dict(vars(config))
    tiny_ud_dir(tmp_path / "ud")
    report = train_pkuseg(tmp_path / "model", tmp_path / "ud", train=["gsdsimp-dev"], test=["gsdsimp-test"], monitor="gsdsimp-test", train_iter=3, feature_trim=0, work_dir=tmp_path / "work")
    assert sorted(p.name for p in (tmp_path / "model").iterdir()) == ["features.msgpack", "weights.npz"]
    assert report.train_sentences == 20 and report.train_words == 160
    assert report.scores["gsdsimp-test"].f1 == 1.0
    assert report.to_dict()["scores"]["gsdsimp-test"]["f1"] == 1.0
    # spacy-pkuseg's training settings are put back (modelDir is set again by every model load)
    unchanged = lambda settings: {k: v for k, v in settings.items() if k not in ("_tmp_dir", "modelDir")}  # noqa: E731
    assert unchanged(vars(config)) == unchanged(before)


def test_train_pkuseg_is_repeatable_with_a_seed(tmp_path):
    ud = tiny_ud_dir(tmp_path / "ud")
    for run, seed in (("a", 3), ("b", 3), ("c", 4)):
        train_pkuseg(tmp_path / run, ud, train=["gsdsimp-dev"], test=[], monitor="gsdsimp-test", train_iter=2, feature_trim=0, seed=seed)
    weights = {run: (tmp_path / run / "weights.npz").read_bytes() for run in "abc"}
    assert weights["a"] == weights["b"] != weights["c"]
