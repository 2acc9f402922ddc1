from decimal import Decimal

import pytest

from zhinvest.components.area import AreaFinder


@pytest.fixture(scope="module")
def finder():
    return AreaFinder()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("释放1500万方高标准产业空间", [("1500万方", Decimal("15000000"), "exact")]),
        ("可供物业用地2900万平方米。", [("2900万平方米", Decimal("29000000"), "exact")]),
        ("规划面积约50平方公里", [("50平方公里", Decimal("50000000"), "about")]),
        ("可供产业用地近6平方千米", [("6平方千米", Decimal("6000000"), "under")]),
        ("至少调整800畝的低效用地", [("800畝", Decimal("533333.33"), "at_least")]),
        ("占地120公顷", [("120公顷", Decimal("1200000"), "exact")]),
        ("只有1000平米的研发空间", [("1000平米", Decimal("1000"), "exact")]),
        ("建筑面积10—20万平方米", [("10", Decimal("100000"), "at_least"), ("20万平方米", Decimal("200000"), "under")]),
        ("徐汇区打造10万方人工智能产业集聚区", [("10万方", Decimal("100000"), "exact")]),
        # a range does not run over a line break: the line before ends with a bare numeral
        ("占地约十\n～十五亩", [("十五亩", Decimal("10000"), "exact")]),
    ],
)
def test_area_cases(finder, text, expected):
    got = [(text[m.start : m.end], Decimal(m.value), m.qualifier) for m in finder.find(text)]
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        "储气能力10万方",
        "新建水池容量5万方",
        "混凝土浇筑3万方",
        "年产10万立方米",
        "签署三方协议",
        "千方百计招商引资",
        "在这一万方面",
        "产能10万吨",
    ],
)
def test_not_area(finder, text):
    assert finder.find(text) == []


def test_an_absurdly_long_number_is_no_area_and_no_error():
    from zhinvest.components.area import AreaFinder

    assert AreaFinder().find("11111111111111111111亿亩") == []
