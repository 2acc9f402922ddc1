import re
from decimal import Decimal

import cn2an
import pytest
from hypothesis import given, strategies as st

from zhinvest.numbers import lexicon, parse_area, parse_count, parse_money, parse_number, parse_numeral, qualifier_around


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4898", Decimal("4898")),
        ("13,452", Decimal("13452")),
        ("14.2", Decimal("14.2")),
        ("四千八百九十八", Decimal("4898")),
        ("两", Decimal("2")),
        ("十三", Decimal("13")),
        ("一百零五", Decimal("105")),
        ("二〇二一", Decimal("2021")),
        ("1.1万亿", Decimal("1100000000000")),
        ("3千万", Decimal("30000000")),
        ("5000亿", Decimal("500000000000")),
        ("兩千萬", Decimal("20000000")),
        ("14.2億", Decimal("1420000000")),
        ("一亿二千万", Decimal("120000000")),
        ("1亿5000万", Decimal("150000000")),
        ("万亿", Decimal("1000000000000")),
        ("百亿", Decimal("10000000000")),
        ("零点五", Decimal("0.5")),
        ("五十三点五亿", Decimal("5350000000")),
        ("一百点二五万", Decimal("1002500")),
        ("十点五", Decimal("10.5")),
        ("三點五億", Decimal("350000000")),
    ],
    ids=lambda v: str(v),
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "value", "approx"),
    [("580多", Decimal(580), "over"), ("10余亿", Decimal(10**9), "over"), ("十几", Decimal(10), "about"), ("2万多", Decimal(20000), "over")],
)
def test_parse_numeral_approximators(text, value, approx):
    assert parse_numeral(text) == (value, approx)


@pytest.mark.parametrize(
    ("text", "numerals"),
    [
        ("1,234,567元", ["1,234,567"]),
        ("1,234.5亿", ["1,234.5亿"]),
        ("a1,234", ["1,234"]),
        ("12,3456", ["12"]),  # not a thousands group, and 3456 follows a digit and a comma
        ("1,23", ["1"]),
        ("1.2.3", ["1.2"]),  # 3 follows a point
        ("x.5亿", []),
        ("约1.1万亿元", ["1.1万亿"]),
        ("5亿3千万", ["5亿", "3千万"]),
        ("，3到5亿元", ["3", "5亿"]),
        ("580多个", ["580多"]),
        ("１２３４万", ["１２３４万"]),
        ("٣٤", ["٣٤"]),
        ("五十三点五亿", ["五十三点五亿"]),
        ("三点五亿十", ["三点五亿"]),
        ("三点五十亿", ["三点五"]),  # 五十亿 follows a Chinese digit
        ("十几个", ["十几"]),
        ("二〇二一年", ["二〇二一"]),
        ("一亿二千万", ["一亿二千万"]),
        ("统一", ["一"]),
    ],
)
def test_numeral_pattern_finds_maximal_numerals(text, numerals):
    """The numeral fragment matches its first character before testing what precedes it;
    the numerals it finds are the maximal ones, not runs inside another numeral."""
    assert [match.group() for match in re.finditer(lexicon().numeral, text)] == numerals


@pytest.mark.parametrize("text", ["", "元", "abc", "1" * 40, "上海", "三点五十"])
def test_parse_number_rejects(text):
    with pytest.raises(ValueError):
        parse_number(text)


@given(st.integers(min_value=0, max_value=10**15))
def test_chinese_numerals_agree_with_cn2an(n):
    assert parse_number(cn2an.an2cn(n)) == n


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["万", "亿", "万亿", "千万"]))
def test_arabic_with_multiplier(n, multiplier):
    scale = {"万": 10**4, "亿": 10**8, "万亿": 10**12, "千万": 10**7}[multiplier]
    assert parse_number(f"{n}{multiplier}") == n * scale


@pytest.mark.parametrize(
    ("text", "before", "after", "value", "currency", "qualifier"),
    [
        ("4898亿元", "总投资", "的216个", Decimal("489800000000"), "CNY", "exact"),
        ("1.1万亿元", "总投资超过", "。", Decimal("1100000000000"), "CNY", "over"),
        ("14.2亿元", "拟投资", "在", Decimal("1420000000"), "CNY", "exact"),
        ("5亿美元", "", "", Decimal("500000000"), "USD", "exact"),
        ("3亿欧元", "", "", Decimal("300000000"), "EUR", "exact"),
        ("10亿港元", "", "", Decimal("1000000000"), "HKD", "exact"),
        ("5亿人民币", "", "", Decimal("500000000"), "CNY", "exact"),
        ("百亿级", "设立", "元宇宙", Decimal("10000000000"), "CNY", "magnitude"),
        ("千亿级", "", "", Decimal("100000000000"), "CNY", "magnitude"),
        ("万亿级", "四大", "产业", Decimal("1000000000000"), "CNY", "magnitude"),
        ("亿元", "420个", "以上重点", Decimal("100000000"), "CNY", "at_least"),
        ("5000亿", "突破", "。", Decimal("500000000000"), "CNY", "over"),
        ("700亿元", "总营收超", "，", Decimal("70000000000"), "CNY", "over"),
        ("30亿元", "近", "", Decimal("3000000000"), "CNY", "under"),
        ("30亿元", "约", "", Decimal("3000000000"), "CNY", "about"),
        ("30亿元", "", "左右", Decimal("3000000000"), "CNY", "about"),
        ("30亿元", "逾", "", Decimal("3000000000"), "CNY", "over"),
        ("30亿元", "达", "", Decimal("3000000000"), "CNY", "exact"),
        ("50亿元", "", "以上", Decimal("5000000000"), "CNY", "over"),
        ("10余亿元", "", "", Decimal("1000000000"), "CNY", "over"),
        ("3", "", "到5亿元", Decimal("300000000"), "CNY", "at_least"),
        ("5亿元", "3到", "", Decimal("500000000"), "CNY", "under"),
        ("10亿", "", "—50亿元", Decimal("1000000000"), "CNY", "at_least"),
        ("50亿元", "10亿—", "", Decimal("5000000000"), "CNY", "under"),
        ("13,452元", "", "", Decimal("13452"), "CNY", "exact"),
        ("两千万元", "", "", Decimal("20000000"), "CNY", "exact"),
        ("五十三点五亿元", "总投资", "。", Decimal("5350000000"), "CNY", "exact"),
        ("数十亿元", "投资", "", Decimal("1000000000"), "CNY", "magnitude"),
        ("几十亿元", "", "", Decimal("1000000000"), "CNY", "magnitude"),
        ("上百亿元", "", "的", Decimal("10000000000"), "CNY", "magnitude"),
        ("上亿元", "", "", Decimal("100000000"), "CNY", "magnitude"),
        ("数千万美元", "", "", Decimal("10000000"), "USD", "magnitude"),
        ("57.1亿元", "投资", "人民币建设", Decimal("5710000000"), "CNY", "exact"),
        ("1000万元", "融资", "港币。", Decimal("10000000"), "HKD", "exact"),
        # a currency named right before the number names it too
        ("100亿元", "将投资新台币", "在高雄", Decimal("10000000000"), "TWD", "exact"),
        ("20亿元", "投资港币", "建设", Decimal("2000000000"), "HKD", "exact"),
        ("3亿元", "投资人民币", "建设", Decimal("300000000"), "CNY", "exact"),
        ("21个", "签约", "", None, None, None),
    ],
)
def test_parse_money(text, before, after, value, currency, qualifier):
    if value is None:
        with pytest.raises(ValueError):
            parse_money(text, before, after)
        return
    quantity = parse_money(text, before, after)
    assert (quantity.value, quantity.currency, quantity.qualifier) == (value, currency, qualifier)


@pytest.mark.parametrize(
    ("text", "before", "value", "qualifier"),
    [
        ("1500万方", "释放", Decimal("15000000"), "exact"),
        ("2900万平方米", "用地", Decimal("29000000"), "exact"),
        ("50平方公里", "约", Decimal("50000000"), "about"),
        ("6平方千米", "近", Decimal("6000000"), "under"),
        ("800畝", "", Decimal("533333.33"), "exact"),
        ("15亩", "", Decimal("10000"), "exact"),
        ("3公顷", "超", Decimal("30000"), "over"),
        ("1000平米", "", Decimal("1000"), "exact"),
    ],
)
def test_parse_area(text, before, value, qualifier):
    quantity = parse_area(text, before)
    assert (quantity.value, quantity.unit, quantity.qualifier) == (value, "m2", qualifier)


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [("216个", 216, "exact"), ("580多个", 580, "over"), ("十几个", 10, "about"), ("21個", 21, "exact"), ("13只", 13, "exact"), ("两项", 2, "exact")],
)
def test_parse_count(text, value, qualifier):
    quantity = parse_count(text)
    assert (quantity.value, quantity.qualifier) == (value, qualifier)
    assert isinstance(quantity.value, int)


@pytest.mark.parametrize(
    ("before", "after", "qualifier"),
    [("现场签约", "", "exact"), ("总投资超过", "", "over"), ("附近", "", "exact"), ("将近", "", "under"), ("", "左右", "about"), ("不低于", "", "at_least")],
)
def test_qualifier_words_respect_compounds(before, after, qualifier):
    assert qualifier_around(before, after) == qualifier


def test_values_are_never_floats():
    assert all(isinstance(q.value, Decimal) for q in (parse_money("1.1万亿元"), parse_area("0.5平方公里")))
