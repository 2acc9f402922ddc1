import pytest

from zhinvest.components.places import PlaceFinder


@pytest.fixture(scope="module")
def finder():
    return PlaceFinder()


def places(finder, text):
    return [text[m["start"] : m["end"]] for m in finder.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("蔚能拟投资50亿元入驻嘉定区", ["嘉定区"]),
        ("比亚迪电子智能终端研销总部落地徐汇", ["徐汇"]),
        ("扬子江药业集团拟在徐汇滨江打造健康总部", ["徐汇滨江"]),
        ("以临港新片区为主阵地", ["临港新片区"]),
        ("嘉定新城要打响品牌", ["嘉定新城"]),
        ("将达索系统亚太区总部由日本东京迁至上海浦东", ["亚太", "日本", "东京", "上海", "浦东"]),
        ("欢迎外资企业在沪发展，加快在华布局", ["沪", "华"]),
        ("引领长三角世界级产业集群建设", ["长三角"]),
        ("宁夏回族自治区和内蒙古", ["宁夏回族自治区", "内蒙古"]),
    ],
)
def test_places(finder, text, expected):
    assert places(finder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "东方网记者获悉，资源整合与合作共赢",
        "比如我们的复合材料",
        "第二批特色产业园区和五个新城",
        "在华为工作，京东物流",
        "和平发展",
    ],
)
def test_not_places(finder, text):
    assert places(finder, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("企业和政府共同推动", []),  # 和政 (和政县) inside 和政府
        ("中华人民共和国成立以来", []),  # 共和 (共和县) inside 共和国
        ("维护香港人民的利益", ["香港"]),  # a place's people: still the place
        ("来到西安参观", ["西安"]),
        ("上海面向全球企业开放", ["上海"]),  # 海面 is a word, rarer than 上海
    ],
)
def test_short_place_names_inside_words(finder, text, expected):
    assert places(finder, text) == expected
