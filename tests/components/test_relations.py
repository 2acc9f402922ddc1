"""Relations on made-up sentences of the genre (not seed sentences), through the whole pipeline."""

from decimal import Decimal

import pytest

import zhinvest


def facts(text):
    doc = zhinvest.extract(text)
    by_id = {e.id: e for e in doc.entities}

    def arg(ref):
        if ref is None:
            return None
        entity = by_id[ref]
        return entity.value if entity.value is not None else entity.text

    out = set()
    for r in doc.relations:
        if r.type == "INVESTMENT":
            out.add(("INVESTMENT", arg(r.investor), arg(r.amount), arg(r.location), r.stage))
        elif r.type == "PROJECT_SUMMARY":
            out.add(("PROJECT_SUMMARY", arg(r.count), arg(r.total), r.stage))
        else:
            out.add(("LOCATED_IN", arg(r.org), arg(r.location)))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "苏州工业园区昨日举行招商大会，总投资320亿元的45个重大产业项目集中签约。",
            {("PROJECT_SUMMARY", 45, Decimal("32000000000"), "signed")},
        ),
        (
            "其中，生物医药签约项目12个，总投资86亿元。",
            {("PROJECT_SUMMARY", 12, Decimal("8600000000"), "signed")},
        ),
        (
            "当天共有18个项目集中开工，总投资150亿元。",
            {("PROJECT_SUMMARY", 18, Decimal("15000000000"), "started")},
        ),
        (
            "杭州海康精密机械有限公司拟投资20亿元入驻萧山区，建设智能制造基地。",
            {
                ("INVESTMENT", "杭州海康精密机械有限公司", Decimal("2000000000"), "萧山区", "planned"),
                ("LOCATED_IN", "杭州海康精密机械有限公司", "萧山区"),
            },
        ),
        (
            "宁波新材料科技股份有限公司计划投资12.5亿元在北仑区新建生产基地。",
            {
                ("INVESTMENT", "宁波新材料科技股份有限公司", Decimal("1250000000"), "北仑区", "planned"),
                ("LOCATED_IN", "宁波新材料科技股份有限公司", "北仑区"),
            },
        ),
        (
            "江宁区与南京天元智能装备有限公司签约智能装备产业园项目，总投资30亿元。",
            {
                ("INVESTMENT", "南京天元智能装备有限公司", Decimal("3000000000"), "江宁区", "signed"),
                ("LOCATED_IN", "南京天元智能装备有限公司", "江宁区"),
            },
        ),
        (
            "华东重工集团有限公司总部落户滨湖区。",
            {("LOCATED_IN", "华东重工集团有限公司", "滨湖区")},
        ),
    ],
)
def test_relations(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "该集团2024年营收超700亿元，纳税总额超30亿元。",
        "到2025年，全市产业规模力争突破5000亿元。",
        "投资额超过50亿元的项目达17个。",
        "全年引进亿元以上项目120个。",
    ],
)
def test_money_that_is_no_investment_or_total(text):
    kinds = {(fact[0], fact[2] if fact[0] == "PROJECT_SUMMARY" else None) for fact in facts(text)}
    assert ("INVESTMENT", None) not in kinds
    assert all(total is None for kind, total in kinds if kind == "PROJECT_SUMMARY")


def test_a_repeated_fact_is_one_relation():
    text = "总投资80亿元的3个项目集中签约。会上，总投资80亿元的3个项目集中签约。"
    doc = zhinvest.extract(text)
    assert len([r for r in doc.relations if r.type == "PROJECT_SUMMARY"]) == 1


def test_settled_place_before_a_described_organisation():
    import zhinvest

    document = zhinvest.Pipeline(ner_model=None)("位于苏州的生物医药企业信达生物有限公司宣布扩产。")
    located = [(document.entity(r.org).text, document.entity(r.location).text) for r in document.relations if r.type == "LOCATED_IN"]
    assert len(located) == 1 and located[0][1] == "苏州" and located[0][0].endswith("信达生物有限公司")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "北京创新源投资有限公司与山东润峰集团共同出资5亿元，在济南历下区设立产业基金。",
            {
                ("INVESTMENT", "北京创新源投资有限公司", Decimal("500000000"), "历下区", None),
                ("INVESTMENT", "山东润峰集团", Decimal("500000000"), "历下区", None),
                ("LOCATED_IN", "北京创新源投资有限公司", "历下区"),
                ("LOCATED_IN", "山东润峰集团", "历下区"),
            },
        ),
        (
            # after a locative the words before the verb are the place, not an investor
            "深圳市易达智能科技有限公司将在惠州惠阳投资8亿元建设研发总部。",
            {
                ("INVESTMENT", "深圳市易达智能科技有限公司", Decimal("800000000"), "惠阳", "planned"),
                ("LOCATED_IN", "深圳市易达智能科技有限公司", "惠阳"),
            },
        ),
    ],
    ids=["co-investors then the place", "a place before the verb"],
)
def test_co_investors_and_places_before_the_verb(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "澳门星河发展有限公司表示，将在珠海横琴投资约60亿元，建设文旅综合体。",
            {
                ("INVESTMENT", "澳门星河发展有限公司", Decimal("6000000000"), "横琴", "planned"),
                ("LOCATED_IN", "澳门星河发展有限公司", "横琴"),
            },
        ),
        (
            "德国博泰电气公司在重庆的第二工厂正式投产，投资总额约3亿美元。",
            {
                ("INVESTMENT", "博泰电气公司", Decimal("300000000"), "重庆", "landed"),
                ("LOCATED_IN", "博泰电气公司", "重庆"),
            },
        ),
        (
            # a listed company's short name inside a zone's name is the zone (某某高新 + 区); the
            # stage follows the investment's own verb, 将投资 (GUIDELINES 4: planned), not 签署
            "会上，瑞典诺尔达公司与苏州高新区签署协议，将投资2亿美元建设研发中心。",
            {
                ("INVESTMENT", "诺尔达公司", Decimal("200000000"), "苏州高新区", "planned"),
                ("LOCATED_IN", "诺尔达公司", "苏州高新区"),
            },
        ),
    ],
    ids=["announcement then the place", "the company's facility in a place", "a zone named like a listed company"],
)
def test_announcements_facilities_and_zones(text, expected):
    assert facts(text) == expected


def test_the_investor_named_with_you_before_its_project():
    # 由X投资建设的…项目，总投资M: X, not the trade name inside the project's name
    text = "由江苏远航投资集团有限公司投资建设的远航冷链物流园项目，总投资8亿元。"
    assert facts(text) == {("INVESTMENT", "江苏远航投资集团有限公司", Decimal("800000000"), None, None)}
