"""Tests of :mod:`zhinvest.resources`: the rule resources and their schemas."""

from __future__ import annotations

import json

import pytest

from zhinvest.errors import ResourceError
from zhinvest.resources import SCHEMAS, load_resource, validate_resource


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_shipped_resources_fit_their_schemas(name):
    assert load_resource(name)["_source"]


def test_an_unknown_key_is_refused_with_its_name():
    names = json.loads(json.dumps(load_resource("names")))
    names["partner_verbs"] = ["签约"]  # a key no code reads
    with pytest.raises(ResourceError, match="partner_verbs"):
        validate_resource("names", names)


def test_a_pattern_with_a_wrong_relation_type_is_refused():
    relations = json.loads(json.dumps(load_resource("relations")))
    relations["patterns"][0]["gives"] = "INVESTMENTS"
    with pytest.raises(ResourceError, match="patterns.0.gives"):
        validate_resource("relations", relations)


def test_a_component_refuses_a_resource_that_does_not_fit(tmp_path):
    import spacy

    nlp = spacy.blank("zh")
    component = nlp.add_pipe("zhinvest_relations")
    relations = json.loads(json.dumps(load_resource("relations")))
    del relations["words"]
    with pytest.raises(ResourceError, match="words"):
        component.initialize(relations=relations)


def test_every_data_file_has_a_schema_and_a_source():
    from importlib.resources import files

    data = files("zhinvest").joinpath("data")
    stems = {entry.name.removesuffix(".json") for entry in data.iterdir() if entry.name.endswith(".json")}
    assert stems == set(SCHEMAS)
    assert all(data.joinpath(f"{stem}_source.txt").is_file() for stem in stems)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_resource_refuses_an_unknown_key(name):
    data = load_resource(name)
    data["no_such_key"] = []
    with pytest.raises(ResourceError, match="no_such_key"):
        validate_resource(name, data)


#: The rule resources whose every key some code reads (the built lexicons keep provenance keys:
#: places_cn's dropped_short_forms, places_hierarchy's licence).
RULE_RESOURCES = ("names", "organisations", "places", "persons", "relations", "units", "qualifiers", "money_cues", "area_context", "project_count", "boilerplate")


@pytest.mark.parametrize("name", RULE_RESOURCES)
def test_no_dead_keys(name):
    """Each key of a rule resource is read somewhere in the package (a key written as a string
    outside the schemas), so none survives the code that read it."""
    from pathlib import Path

    import zhinvest

    package = Path(zhinvest.__file__).parent
    code = "\n".join(path.read_text(encoding="utf-8") for path in package.rglob("*.py") if path.name != "resources.py")
    keys = [key for key in load_resource(name) if key != "_source"]
    keys += list(load_resource(name).get("model_filter", {}))
    dead = [key for key in keys if f'"{key}"' not in code and f"'{key}'" not in code]
    assert not dead, f"data/{name}.json: keys no code reads: {dead}"


@pytest.mark.parametrize(
    ("name", "change", "problem"),
    [
        ("organisations", lambda d: d.update(numbered_bureau="[一-龥"), "numbered_bureau"),
        ("qualifiers", lambda d: d["before"].update(高达="high"), "before.高达"),
        ("units", lambda d: d["currencies"].update(比特币="bitcoin"), "currencies.比特币"),
        ("persons", lambda d: d["titles"].append(""), r"titles\.\d+"),
        ("places", lambda d: d.update(countries="中国"), "countries"),
    ],
    ids=["a-regex-that-does-not-compile", "a-qualifier-outside-spec", "a-currency-that-is-no-iso-code", "an-empty-word", "a-string-for-a-list"],
)
def test_a_value_of_the_wrong_shape_is_refused(name, change, problem):
    data = load_resource(name)
    change(data)
    with pytest.raises(ResourceError, match=problem):
        validate_resource(name, data)


def test_an_unknown_resource_is_refused():
    with pytest.raises(ResourceError, match="no such resource"):
        validate_resource("name", {"_source": "x"})
