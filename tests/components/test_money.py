from decimal import Decimal

import pytest
import spacy

from zhinvest.components.money import MoneyFinder


@pytest.fixture(scope="module")
def finder():
    return MoneyFinder()


def found(finder, text):
    return [(text[m.start : m.end], Decimal(m.value), m.currency, m.qualifier) for m in finder.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("总投资4898亿元的216个重大产业项目集中签约", [("4898亿元", Decimal("489800000000"), "CNY", "exact")]),
        ("累计总投资超过1.1万亿元。", [("1.1万亿元", Decimal("1100000000000"), "CNY", "over")]),
        ("擬投資14.2億元在青浦區新建", [("14.2億元", Decimal("1420000000"), "CNY", "exact")]),
        ("拟投资3到5亿元建设", [("3", Decimal("300000000"), "CNY", "at_least"), ("5亿元", Decimal("500000000"), "CNY", "under")]),
        ("投资10亿—50亿元不等", [("10亿", Decimal("1000000000"), "CNY", "at_least"), ("50亿元", Decimal("5000000000"), "CNY", "under")]),
        # a range whose bounds both carry the unit; a unit then a year after a dash is no range
        ("单体投资20亿元至60亿元的项目", [("20亿元", Decimal("2000000000"), "CNY", "at_least"), ("60亿元", Decimal("6000000000"), "CNY", "under")]),
        ("预计投入3000万美元到5000万美元之间", [("3000万美元", Decimal("30000000"), "USD", "at_least"), ("5000万美元", Decimal("50000000"), "USD", "under")]),
        ("计划投资8亿元至2027年建成", [("8亿元", Decimal("800000000"), "CNY", "exact")]),
        ("产值从6亿元增至9亿元", [("6亿元", Decimal("600000000"), "CNY", "exact"), ("9亿元", Decimal("900000000"), "CNY", "exact")]),
        # a qualifier before a currency named before the number
        ("拟投资约人民币36000万元", [("36000万元", Decimal("360000000"), "CNY", "about")]),
        ("约合人民币12亿元", [("12亿元", Decimal("1200000000"), "CNY", "about")]),
        ("投资逾港币20亿元", [("20亿元", Decimal("2000000000"), "HKD", "over")]),
        ("到2025年，产业规模力争突破5000亿。", [("5000亿", Decimal("500000000000"), "CNY", "over")]),
        ("发起设立百亿级元宇宙新赛道产业基金", [("百亿级", Decimal("10000000000"), "CNY", "magnitude")]),
        ("形成四大万亿级产业集群", [("万亿级", Decimal("1000000000000"), "CNY", "magnitude")]),
        ("共有420个亿元以上重点招商项目", [("亿元", Decimal("100000000"), "CNY", "at_least")]),
        ("共有3亿元以上项目", [("3亿元", Decimal("300000000"), "CNY", "over")]),  # not the threshold 亿元
        ("打造千亿级产业", [("千亿级", Decimal("100000000000"), "CNY", "magnitude")]),
        ("工业性投入确保达百亿元", [("百亿元", Decimal("10000000000"), "CNY", "exact")]),
        ("融资2亿美元和3000万欧元", [("2亿美元", Decimal("200000000"), "USD", "exact"), ("3000万欧元", Decimal("30000000"), "EUR", "exact")]),
        ("总营收超700亿元，纳税总额超30亿元", [("700亿元", Decimal("70000000000"), "CNY", "over"), ("30亿元", Decimal("3000000000"), "CNY", "over")]),
        ("实现10余亿元产值", [("10余亿元", Decimal("1000000000"), "CNY", "over")]),
        ("投资约5亿元左右", [("5亿元", Decimal("500000000"), "CNY", "about")]),
        ("投资两千万元", [("两千万元", Decimal("20000000"), "CNY", "exact")]),
        ("项目总投资五十三点五亿元。", [("五十三点五亿元", Decimal("5350000000"), "CNY", "exact")]),
        ("计划投资一百点二五万元", [("一百点二五万元", Decimal("1002500"), "CNY", "exact")]),
        ("吸引数十亿元社会资本", [("数十亿元", Decimal("1000000000"), "CNY", "magnitude")]),
        ("带动几十亿元的投资", [("几十亿元", Decimal("1000000000"), "CNY", "magnitude")]),
        ("形成上百亿元的产业", [("上百亿元", Decimal("10000000000"), "CNY", "magnitude")]),
        ("年产值达数百亿，", [("数百亿", Decimal("10000000000"), "CNY", "magnitude")]),
        ("实现十几亿元产值", [("十几亿元", Decimal("1000000000"), "CNY", "about")]),
        ("总投资57.1亿元人民币的基地", [("57.1亿元", Decimal("5710000000"), "CNY", "exact")]),
        ("总投资人民币57.1亿元", [("57.1亿元", Decimal("5710000000"), "CNY", "exact")]),
        ("融资1000万元港币。", [("1000万元", Decimal("10000000"), "HKD", "exact")]),
        ("拟投资5亿人民币", [("5亿人民币", Decimal("500000000"), "CNY", "exact")]),
    ],
)
def test_money_cases(finder, text, expected):
    assert found(finder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "预计年测试80万片晶圆、测试20亿颗芯片",
        "推动经济一元化发展，元宇宙是未来",
        "每万元GDP能耗下降",
        "2021年上海全球投资促进大会",
        "人口达2亿，市场广阔",
        "形成百万级用户",
        "上午十点五十分签约",
        "投资5\n亿元",  # a line break ends the amount: no unit on the next line
    ],
)
def test_not_money(finder, text):
    assert finder.find(text) == []


def test_component_in_a_spacy_pipeline_sets_ents_and_mentions():
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhinvest_money")
    doc = nlp("总投资4898亿元的项目")
    assert [(e.text, e.label_) for e in doc.ents] == [("4898亿元", "MONEY")]
    assert doc._.zhinvest_mentions[0].value == "489800000000"


def test_component_serialises_its_tables(tmp_path):
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhinvest_money")
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    assert [e.text for e in loaded("拟投资5亿美元").ents] == ["5亿美元"]
    assert (tmp_path / "p" / "zhinvest_money" / "units.json").exists()


def test_initialize_replaces_tables():
    nlp = spacy.blank("zh")
    money = nlp.add_pipe("zhinvest_money")
    from zhinvest.numbers import _load

    units = _load("units.json")
    units["currencies"] = {**units["currencies"], "比特币": "BTC"}
    money.initialize(units=units)
    assert [m.currency for m in money.finder.find("投资5亿比特币")] == ["BTC"]


def test_a_modified_rule_set_round_trips_and_a_bad_one_is_refused(tmp_path):
    from zhinvest.errors import ResourceError
    from zhinvest.resources import load_resource

    nlp = spacy.blank("zh")
    money = nlp.add_pipe("zhinvest_money")
    units = load_resource("units")
    units["currencies"] = {**units["currencies"], "比特币": "BTC"}
    money.initialize(units=units)
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    assert [m.currency for m in loaded.get_pipe("zhinvest_money").finder.find("投资5亿比特币")] == ["BTC"]
    assert [m.currency for m in spacy.blank("zh").add_pipe("zhinvest_money").finder.find("投资5亿比特币")] != ["BTC"]  # other pipelines keep the shipped tables
    with pytest.raises(ResourceError, match="units"):
        money.initialize(units={**units, "currencys": {}})


@pytest.mark.parametrize("text", ["年产5万吨三元前驱体项目", "构建城乡二元结构", "推动投资主体多元化"])
def test_a_lone_digit_before_yuan_inside_a_term_is_no_money(text):
    from zhinvest.components.money import MoneyFinder

    assert MoneyFinder().find(text) == []
