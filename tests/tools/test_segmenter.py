"""Tests of :mod:`zhinvest.tools.segmenter`: spacy-pkuseg training files, scores and training."""

from pathlib import Path

import pytest

from zhinvest.tools.conllu import Sentence, read_conllu, to_simplified
from zhinvest.tools.segmenter import convert_conllu, score_segmentation, score_segmenter, train_pkuseg, word_spans


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
