"""Tests of :mod:`zhinvest.tools.conllu` on the tiny CoNLL-U file of ``conftest.py``."""

from zhinvest.tools.conllu import read_conllu, to_simplified


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
