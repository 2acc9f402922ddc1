"""Hand-built documents every format test round-trips.

``investment_doc``: every label, all three relation types with their optional fields,
metadata, source offsets apart from the clean ones, Traditional ``source_text``, newlines and
spaces in the text. ``traditional_doc``: entity ids out of text order, one amount with two
investors, a project summary without a total, a repeated relation. ``blank_doc``: no
entities, text of whitespace and control characters. Ids sort in list order, so folder
formats (read back in file-name order) give the same list.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from zhinvest.schema import (
    Document,
    Entity,
    InvestmentRelation,
    LocatedInRelation,
    Metadata,
    ProjectSummaryRelation,
)


def mention(text: str, entity_id: int, label: str, find: str, *, nth: int = 0, shift: int = 0, **fields: Any) -> Entity:
    """An entity over the ``nth`` occurrence of ``find``; its source span ``shift`` characters later."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(find, start + 1)
    fields.setdefault("source_text", find)
    return Entity(
        id=entity_id, label=label, text=find, start=start, end=start + len(find),
        source_start=start + shift, source_end=start + shift + len(fields["source_text"]), **fields,
    )


INVESTMENT_TEXT = (
    "本报讯 记者 杨舒鸿吉\n"
    "2021年4月7日，上海全球投资促进大会举行，总投资4898亿元的216个重大产业项目集中签约。\n"
    "蔚能(上海)电池科技有限公司拟投资50亿元入驻嘉定区，占地300亩。 比亚迪电子智能终端研销总部落地徐汇。"
)


def make_investment_doc() -> Document:
    t, shift = INVESTMENT_TEXT, 412
    return Document(
        id="000_83a0861aacad86cc",
        source="seeds/000_83a0861aacad86cc.txt",
        metadata=Metadata(
            title="216个重大产业项目集中签约", date="2021-04-07", source="观察者网", author="杨舒鸿吉",
            url="https://www.guancha.cn/economy/2021_04_07.shtml", categories=("财经", "上海"),
        ),
        text=t,
        entities=(
            mention(t, 0, "PERSON", "杨舒鸿吉", shift=shift, source_component="ner"),
            mention(t, 1, "LOC", "上海", shift=shift, source_component="ner"),
            mention(t, 2, "MONEY", "4898亿元", shift=shift, value=Decimal("489800000000"), currency="CNY",
                    qualifier="exact", source_component="money"),
            mention(t, 3, "PROJECT_COUNT", "216个", shift=shift, value=216, qualifier="exact"),
            mention(t, 4, "ORG", "蔚能(上海)电池科技有限公司", shift=shift, source_text="蔚能(上海)電池科技有限公司",
                    name_simplified="蔚能(上海)电池科技有限公司"),
            mention(t, 5, "MONEY", "50亿元", shift=shift, source_text="50億元", value=Decimal("5E+9"), currency="CNY",
                    qualifier="exact"),
            mention(t, 6, "LOC", "嘉定区", shift=shift, source_text="嘉定區"),
            mention(t, 7, "AREA", "300亩", shift=shift, source_text="300畝", value=Decimal("200000.00"), unit="m2",
                    qualifier="about"),
            mention(t, 8, "ORG", "比亚迪电子", shift=shift, source_text="比亞迪電子", name_simplified="比亚迪电子"),
            mention(t, 9, "LOC", "徐汇", shift=shift, source_text="徐匯"),
        ),
        relations=(
            ProjectSummaryRelation(count=3, total=2, stage="signed", scope="重大产业",
                                   evidence="总投资4898亿元的216个重大产业项目集中签约"),
            InvestmentRelation(investor=4, amount=5, location=6, stage="planned", project="动力电池", sector="新能源",
                               evidence="蔚能(上海)电池科技有限公司拟投资50亿元入驻嘉定区"),
            LocatedInRelation(org=8, location=9, evidence="比亚迪电子智能终端研销总部落地徐汇"),
        ),
    )


TRADITIONAL_TEXT = "京东与小华半导体共同投资10亿元，5个项目落地临港。\n京东智慧无人电商运营中心同日开工，京东落户临港。"


def make_traditional_doc() -> Document:
    t = TRADITIONAL_TEXT
    return Document(
        id="002_2e9563b3e2ac65ac",
        source="seeds/002_2e9563b3e2ac65ac.txt",
        metadata=Metadata(title="京東與小華半導體落地臨港", date="2023-01-19"),
        text=t,
        entities=(
            mention(t, 17, "LOC", "临港", shift=3, source_text="臨港"),
            mention(t, 3, "ORG", "京东", shift=3, source_text="京東", name_simplified="京东"),
            mention(t, 5, "ORG", "小华半导体", shift=3, source_text="小華半導體", name_simplified="小华半导体"),
            mention(t, 8, "MONEY", "10亿元", shift=3, source_text="10億元", value=Decimal("1000000000"),
                    currency="CNY", qualifier="exact"),
            mention(t, 9, "PROJECT_COUNT", "5个", shift=3, source_text="5個", value=5, qualifier="exact"),
            mention(t, 11, "ORG", "京东", nth=1, shift=3, source_text="京東", name_simplified="京东"),
            mention(t, 12, "ORG", "京东", nth=2, shift=3, source_text="京東", name_simplified="京东"),
            mention(t, 13, "LOC", "临港", nth=1, shift=3, source_text="臨港"),
        ),
        relations=(
            InvestmentRelation(investor=3, amount=8, location=17, stage="signed"),
            ProjectSummaryRelation(count=9, stage="landed"),
            InvestmentRelation(investor=5, amount=8, location=17, stage="signed"),
            LocatedInRelation(org=12, location=13),
            LocatedInRelation(org=12, location=13),
        ),
    )


def make_blank_doc() -> Document:
    return Document(id="003_51088f3362e98d6b", text="\u3000\u3000（本文来源：新华网）\t责任编辑：张三  \r\n\n \\ # 完")


@pytest.fixture(scope="session")
def investment_doc() -> Document:
    return make_investment_doc()


@pytest.fixture(scope="session")
def traditional_doc() -> Document:
    return make_traditional_doc()


@pytest.fixture(scope="session")
def blank_doc() -> Document:
    return make_blank_doc()


@pytest.fixture(scope="session")
def documents(investment_doc: Document, traditional_doc: Document, blank_doc: Document) -> list[Document]:
    return [investment_doc, traditional_doc, blank_doc]

