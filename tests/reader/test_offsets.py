import re

from zhinvest.reader.offsets import AlignedText, Edit


def test_identity_maps_each_character():
    text = AlignedText.identity("abc", offset=10)
    assert [text.source_span(i, i + 1) for i in range(3)] == [(10, 11), (11, 12), (12, 13)]


def test_deletion_and_replacement_keep_the_map():
    text = AlignedText.identity("中國(guó)臺灣")
    cleaned = text.edit([Edit(2, 7, "")])
    assert cleaned.text == "中國臺灣"
    assert cleaned.source_span(0, 4) == (0, 9)
    entity = AlignedText.identity("a&amp;b").edit([Edit(1, 6, "&")])
    assert entity.text == "a&b" and entity.source_span(1, 2) == (1, 6)


def test_translate_keeps_offsets_one_to_one():
    text = AlignedText.identity("總投資3435億元")
    simplified = text.translate(lambda s: s.replace("總", "总").replace("資", "资").replace("億", "亿"))
    assert simplified.text == "总投资3435亿元"
    assert list(simplified.starts) == list(text.starts)


def test_translate_falls_back_when_length_changes():
    text = AlignedText.identity("ab\ncd")
    doubled = text.translate(lambda s: s.replace("a", "aa"))
    assert len(doubled) == len(text)


def test_join_and_lines_round_trip():
    parts = [AlignedText.identity("甲乙", 0), AlignedText.identity("丙", 5)]
    joined = AlignedText.join(parts, "\n")
    assert joined.text == "甲乙\n丙"
    assert [line.text for line in joined.lines()] == ["甲乙", "丙"]
    assert joined.source_span(3, 4) == (5, 6)


def test_sub_with_pattern():
    text = AlignedText.identity("a  b   c").sub(re.compile(r" +"), " ")
    assert text.text == "a b c"
    assert text.source_span(4, 5) == (7, 8)
