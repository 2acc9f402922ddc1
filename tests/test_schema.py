from decimal import Decimal

import pytest
from pydantic import ValidationError

from zhinvest.schema import Document, Entity, InvestmentRelation, LocatedInRelation, ProjectSummaryRelation, decimal_to_str


def make_document():
    text = "蔚能(上海)电池科技有限公司拟投资50亿元入驻嘉定区，总投资4898亿元的216个项目签约"
    def ent(i, label, s, **kw):
        start = text.index(s)
        return Entity(id=i, label=label, text=s, source_text=s, start=start, end=start + len(s), source_start=start, source_end=start + len(s), **kw)
    entities = (
        ent(0, "ORG", "蔚能(上海)电池科技有限公司", name_simplified="蔚能(上海)电池科技有限公司"),
        ent(1, "MONEY", "50亿元", value=Decimal("5000000000"), currency="CNY", qualifier="exact"),
        ent(2, "LOC", "嘉定区"),
        ent(3, "MONEY", "4898亿元", value=Decimal("489800000000"), currency="CNY", qualifier="exact"),
        ent(4, "PROJECT_COUNT", "216个", value=216, qualifier="exact"),
    )
    relations = (
        InvestmentRelation(investor=0, amount=1, location=2, stage="planned"),
        ProjectSummaryRelation(count=4, total=3, stage="signed"),
        LocatedInRelation(org=0, location=2),
    )
    return Document(id="t", text=text, entities=entities, relations=relations)


def test_json_round_trip_is_exact():
    doc = make_document()
    again = Document.from_json(doc.to_json())
    assert again == doc
    assert isinstance(again.entities[4].value, int)
    assert isinstance(again.entities[1].value, Decimal)


def test_json_shape_follows_spec():
    import json

    data = json.loads(make_document().to_json())
    money = data["entities"][3]
    assert money["value"] == "489800000000" and money["currency"] == "CNY"
    assert data["entities"][4]["value"] == 216
    assert "value" not in data["entities"][0]
    assert data["relations"][0] == {"type": "INVESTMENT", "investor": 0, "amount": 1, "location": 2, "stage": "planned", "project": None, "sector": None, "evidence": None}


@pytest.mark.parametrize(("value", "text"), [(Decimal("1.1E+12"), "1100000000000"), (Decimal("533333.330"), "533333.33"), (Decimal("0"), "0"), (Decimal("14.20"), "14.2")])
def test_decimal_strings_are_plain(value, text):
    assert decimal_to_str(value) == text


def test_entity_must_match_text():
    with pytest.raises(ValidationError):
        Document(id="x", text="abc", entities=(Entity(id=0, label="ORG", text="zz", source_text="zz", start=0, end=2, source_start=0, source_end=2),))


def test_relation_must_point_at_entities():
    with pytest.raises(ValidationError):
        Document(id="x", text="abc", relations=(LocatedInRelation(org=0, location=1),))


def test_models_are_frozen():
    doc = make_document()
    with pytest.raises(ValidationError):
        doc.entities[0].text = "x"


def test_the_relation_registry_describes_every_field_of_every_relation_model():
    """schema.RELATION_SPECS is the one description of relation types: every field of a
    relation model is an argument, an attribute, or evidence/pattern; every table column
    names a field that exists."""
    from zhinvest.about import RELATION_TYPES
    from zhinvest.schema import RELATION_SPECS

    assert tuple(RELATION_SPECS) == RELATION_TYPES
    for kind, spec in RELATION_SPECS.items():
        fields = set(spec.model.model_fields)
        assert fields == {"type", "evidence", "pattern", *spec.roles, *spec.attributes}, kind
        assert spec.pivot in spec.roles
        for column in spec.columns:
            if column.argument is None:
                assert column.field in fields
            else:
                assert column.argument in spec.roles and column.field in {"name", "value", "currency", "qualifier", "unit"}


def test_tables_follow_the_registry():
    from zhinvest.schema import RELATION_SPECS
    from zhinvest.tables import COLUMNS, TABLES

    assert TABLES == tuple(spec.table for spec in RELATION_SPECS.values())
    assert COLUMNS["investments"] == ("document", "investor", "amount", "currency", "qualifier", "location", "project", "sector", "stage", "evidence")
