"""The pipeline's segmenters (:mod:`zhinvest.segmentation`); training and scoring them is
:mod:`zhinvest.tools.segmenter` (tests/tools/test_segmenter.py)."""

import socket
import sys

import pytest
import spacy

from zhinvest.components._spans import get_mentions
from zhinvest.errors import ModelError
from zhinvest.segmentation import blank_nlp, check_segmenter, pkuseg_model_path, segmenter_config

COMPONENTS = ("zhinvest_money", "zhinvest_area", "zhinvest_project_count")

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
