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
