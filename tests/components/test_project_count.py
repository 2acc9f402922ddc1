import pytest

from zhinvest.components.project_count import ProjectCountFinder


@pytest.fixture(scope="module")
def finder():
    return ProjectCountFinder()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("总投资4898亿元的216个重大产业项目集中签约", [("216个", 216, "exact")]),
        ("集成电路签约项目28个，如某公司", [("28个", 28, "exact")]),
        ("能级较高的项目21个，制造业13个，服务业8个。", [("21个", 21, "exact"), ("13个", 13, "exact"), ("8个", 8, "exact")]),
        ("累计已有580多个重大产业项目签约落地", [("580多个", 580, "over")]),
        ("目前已在上海落地十几个项目", [("十几个", 10, "about")]),
        ("現場簽約21個重大項目", [("21個", 21, "exact")]),
        ("共有420个亿元以上重点招商项目签约", [("420个", 420, "exact")]),
        ("总投资80亿元的3个先进制造业和投资平台项目集中签约", [("3个", 3, "exact")]),
        ("13只签约项目", [("13只", 13, "exact")]),
        ("21个规模大、能级高、带动强的重点产业链及细分赛道代表性项目于现场签约", [("21个", 21, "exact")]),
        ("其中的项目有21个。", [("21个", 21, "exact")]),
        ("签约两项重大项目", [("两项", 2, "exact")]),
        ("又有一个项目开工", [("一个", 1, "exact")]),  # 又 before a verb: the count stands
        ("现场签约一个重大项目", [("一个", 1, "exact")]),
        ("又签约3个项目", [("3个", 3, "exact")]),
    ],
)
def test_project_count_cases(finder, text, expected):
    got = [(text[m.start : m.end], m.value, m.qualifier) for m in finder.find(text)]
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        "开放四大类37个重点场景",
        "发布第二批14个特色产业园区和3个民营企业总部集聚区",
        "六个重点领域共签约项目247个",  # only 247个 is a count: see the next test
        "该项目3个月内开工",
        "30家国际知名企业成为合作伙伴",
        "成立了2个国家级总部、3个世界级研发中心",
        "多个项目落地上海",
        "这是该区今年引进的第五个外资项目",  # an ordinal names one project of a series
        "园区迎来第2个百亿级项目",
        "又一个重大项目落户某市",  # 又/另/每 + 一: one more, another, each
        "另一个产业项目也已开工",
        "每一个签约项目都有专班跟进",
    ],
)
def test_not_project_counts(finder, text):
    got = [text[m.start : m.end] for m in finder.find(text)]
    assert got == (["247个"] if "247" in text else [])
