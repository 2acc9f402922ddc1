"""The reader on each problem the seeds show, and on made-up pages of the same kinds."""

import pytest

from zhinvest.reader import read
from zhinvest.reader.html import normalise_date

HTML_PAGE = """---
title: '测试标题'
date: Wed, 07 Apr 2021 14:10:14 GMT
author: 观察者网
categories:
 - 新闻
---
<div><script>var x = "总投资1亿元";</script><style>.a{color:red}</style>
<!-- 注释 总投资2亿元 -->
<p>　　总投资<b>4898亿元</b>的216个项目&nbsp;签约。</p>
<img alt="图片来源：视觉中国" src="x.jpg"><span class="img_descr">图片来源：视觉中国</span>
<div class="appendQr_wrap"><div class="appendQr_normal_txt">海量资讯、精准解读，尽在新浪财经APP</div></div>
<p class="article-editor">责任编辑：吴剑 SF031</p>
</div>"""


def test_html_body_metadata_and_offsets():
    article = read(HTML_PAGE)
    assert article.metadata.title == "测试标题"
    assert article.metadata.date == "2021-04-07"
    assert article.metadata.source == "观察者网"
    assert article.metadata.categories == ("新闻",)
    assert article.text == "总投资4898亿元的216个项目 签约。\n图片来源：视觉中国"
    start = article.text.index("4898亿元")
    s, e = article.source_span(start, start + 6)
    assert article.source_text[s:e] == "4898亿元"
    caption = article.text.index("图片来源")
    s, e = article.source_span(caption, caption + 4)
    assert HTML_PAGE.index("<span") < s  # the caption, not the alt attribute


def test_broken_html_is_read():
    article = read("<div><p>总投资<b>5亿元</p><p>第二段<span>未闭合")
    assert "总投资5亿元" in article.text and "第二段未闭合" in article.text


def test_entities_in_html_map_to_their_reference():
    article = read("<p>甲&amp;乙公司投资5亿元</p>")
    assert article.text == "甲&乙公司投资5亿元"
    s, e = article.source_span(1, 2)
    assert article.source_text[s:e] == "&amp;"


@pytest.mark.parametrize("reference", ["&#99999999;", "&#x1100000;", "&#" + "9" * 5000 + ";"])
def test_a_numeric_reference_to_no_character_is_one_replacement_character(reference):
    """As HTML parsers read it: every digit belongs to the reference, which stands for U+FFFD."""
    source = f"<p>甲{reference}乙公司投资5亿元</p>"
    article = read(source)
    assert article.text == "甲\ufffd乙公司投资5亿元"
    s, e = article.source_span(1, 2)
    assert article.source_text[s:e] == reference
    s, e = article.source_span(2, 3)
    assert article.source_text[s:e] == "乙"


def test_traditional_becomes_simplified_with_one_to_one_offsets():
    source = "蔚能(上海)電池科技有限公司擬投資50億元入駐嘉定區"
    article = read(source)
    assert article.text == "蔚能(上海)电池科技有限公司拟投资50亿元入驻嘉定区"
    assert [article.source_span(i, i + 1) for i in range(len(source))] == [(i, i + 1) for i in range(len(source))]


def test_pinyin_glosses_are_removed_and_mapped():
    source = "中國(guó)臺(tái)灣網(wǎng)報道,總投資80億(yì)元"
    article = read(source)
    assert article.text == "中国台湾网报道,总投资80亿元"
    start = article.text.index("80亿元")
    s, e = article.source_span(start, start + 4)
    assert source[s:e] == "80億(yì)元"


def test_ordinary_parentheses_stay():
    assert read("引进了PET(app)装置和(上海)公司").text == "引进了PET(app)装置和(上海)公司"


def test_layout_breaks_join_but_headings_stay():
    source = (
        "标题一行\n\n在今天发布的上海2025重点产业布局图中，10条前瞻重点产业链清晰可见，包括集\n\n"
        "成电路、人工智能等领域。\n\n小标题\n\n今天上午，在2025全球投资促进大会\n\n上，多个项目落地。\n\n"
        "聚焦三大先导产业,培育新质生产力\n记者获悉,上海本次引进的重点项目。\n"
        "龚正在京会见多家跨国公司高管，并出席中国发展高层论坛午餐会，陆昊等出席相关活动\n\n本报讯 在论坛召开之际。"
    )
    lines = read(source).text.split("\n")
    assert lines == [
        "标题一行",
        "在今天发布的上海2025重点产业布局图中，10条前瞻重点产业链清晰可见，包括集成电路、人工智能等领域。",
        "小标题",
        "今天上午，在2025全球投资促进大会上，多个项目落地。",
        "聚焦三大先导产业,培育新质生产力",
        "记者获悉,上海本次引进的重点项目。",
        "龚正在京会见多家跨国公司高管，并出席中国发展高层论坛午餐会，陆昊等出席相关活动",
        "本报讯 在论坛召开之际。",
    ]


def test_plain_text_header_and_trailer():
    source = (
        "• 某某网移动版\n\n    某某网移动版\n\n“上海湾区”吹响新年招商引资“集结号”\n\n2021-01-21 13:15:00\n来源:新华网\n字号\n\n"
        "新华网上海1月19日电 总投资80亿元的3个项目集中签约。\n\n[责任编辑:陈文韬]\n\n相关新闻\n\n两当县| 墨脱县| 花垣县| 江山市| 全南县|"
    )
    article = read(source)
    assert article.text == "“上海湾区”吹响新年招商引资“集结号”\n新华网上海1月19日电 总投资80亿元的3个项目集中签约。"
    assert article.metadata.title == "“上海湾区”吹响新年招商引资“集结号”"
    assert article.metadata.date == "2021-01-21"
    assert article.metadata.source == "新华网"


def test_link_lists_are_dropped_anywhere():
    article = read("正文第一段，总投资5亿元。\n两当县| 墨脱县| 花垣县| 江山市| 全南县| 湖口县")
    assert article.text == "正文第一段，总投资5亿元。"


def test_full_width_digits_are_folded_with_offsets_kept():
    article = read("总投资４８９８亿元")
    assert article.text == "总投资4898亿元"
    assert article.source_span(3, 9) == (3, 9)


def test_crlf_and_spaces():
    article = read("第一段\r\n\r\n第二段　　有  空格\t")
    assert article.text == "第一段\n第二段 有 空格"


@pytest.mark.parametrize(
    ("value", "iso"),
    [("Wed, 07 Apr 2021 14:10:14 GMT", "2021-04-07"), ("2021-01-21 13:15:00", "2021-01-21"), ("2024年3月29日", "2024-03-29"), ("not a date", None), (None, None)],
)
def test_dates(value, iso):
    assert normalise_date(value) == iso


def test_a_short_existing_path_string_is_read_as_a_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("总投资5亿元", encoding="utf-8")
    assert read(str(path)).text == "总投资5亿元"
    assert read(str(path)).id == "a"
    assert read("总投资5亿元").id.startswith("doc_")


def test_seed_texts_are_clean(seed_paths):
    texts = {path.stem: read(path) for path in seed_paths}
    for article in texts.values():
        assert "<" not in article.text and "责任编辑" not in article.text
        for start in range(0, len(article.text), 97):
            s, e = article.source_span(start, start + 1)
            if article.text[start] != "\n":
                assert e > s
    glossed = texts["004_064bbb9c2f72048a"].text
    assert "(guó)" not in glossed and "两当县" not in glossed and "来源" not in glossed
    assert "海量资讯" not in texts["001_f06b78f4610cb85f"].text
    assert "包括集成电路" in texts["003_51088f3362e98d6b"].text
    assert "蔚能(上海)电池科技有限公司" in texts["002_2e9563b3e2ac65ac"].text


def test_a_damaged_file_is_read_and_its_damage_kept(tmp_path):
    line = "蔚能(上海)电池科技有限公司拟投资50亿元入驻嘉定区。\n"
    data = (line * 300).encode("utf-8")
    path = tmp_path / "damaged.txt"
    at = len((line * 10).encode("utf-8"))
    path.write_bytes(data[:at] + b"\xff" + data[at:-2])  # a stray byte; the last 。 cut after two of its bytes
    article = read(path)
    damage = article.metadata.damage
    assert damage is not None and damage.encoding == "utf-8"
    assert damage.replaced == 3 and damage.offsets == (at, len(data) - 3, len(data) - 2)  # after the stray byte, one on
    assert article.text.count("50亿元") == 300
    from zhinvest.schema import Metadata

    assert "damage" in article.metadata.model_dump(mode="json")
    assert "damage" not in Metadata(title="x").model_dump(mode="json")  # clean documents: JSON as before


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("seeds/000_missing.txt", True),
        ("missing.html", True),
        ("./x", True),
        ("C:\\news\\a.txt", True),
        ("新闻/文章.txt", True),
        ("report.pdf", True),
        ("总投资5亿元", False),
        ("中国/上海", False),
        ("总投资5亿元。见 seeds/x.txt", False),
        ("Version 2.0", False),
        ("hello world", False),
        ("<p>x/y</p>", False),
        ("", False),
    ],
)
def test_looks_like_path(text, path):
    from zhinvest.reader import looks_like_path

    assert looks_like_path(text) is path


def test_text_that_looks_like_a_path_is_refused():
    from zhinvest.errors import InputError

    with pytest.raises(InputError, match="file not found"):
        read("seeds/000_missing.txt")
    with pytest.raises(InputError, match="looks like a file path"):
        read("seeds/000_missing.txt", as_="text")
    assert read("总投资5亿元", as_="text").text == "总投资5亿元"
