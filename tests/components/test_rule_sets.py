"""The name components' rule sets follow spaCy's ``span_ruler`` contract: a rule set given to
``initialize`` (or through ``[initialize.components]``) is validated, changes what the component
finds, is written by ``to_disk`` and read back by ``from_disk`` / ``spacy.load``, and stays in
its pipeline: another pipeline, and the shipped rules, do not change."""

from __future__ import annotations

import json
from typing import Any

import pytest
import spacy

from zhinvest.components._names import name_lexicon
from zhinvest.errors import ResourceError
from zhinvest.resources import load_resource


def _added(resource: str, key: str, word: str) -> dict[str, Any]:
    rules = load_resource(resource)
    assert word not in rules[key], f"{word} is already in {resource}.{key}: pick another"
    rules[key].append(word)
    return rules


#: (component, resource, key, word added, text, what the component finds in it once added)
CASES = [
    pytest.param("zhinvest_organisations", "organisations", "org_suffixes", "工作室", "星河设计工作室与多家企业合作", "星河设计工作室", id="an-organisation-suffix"),
    pytest.param("zhinvest_places", "places", "world_cities", "蒙巴萨", "公司在蒙巴萨设立办事处", "蒙巴萨", id="a-world-city"),
    pytest.param("zhinvest_persons", "persons", "titles", "总规划师", "总规划师王小明表示，项目进展顺利", "王小明", id="a-title"),
]


def _found(nlp: spacy.language.Language, text: str) -> list[str]:
    return [text[m.start : m.end] for m in nlp(text)._.zhinvest_mentions]


def _pipeline(factory: str, **config: Any) -> spacy.language.Language:
    nlp = spacy.blank("zh")
    nlp.add_pipe(factory, config=config)
    return nlp


@pytest.mark.parametrize(("factory", "resource", "key", "word", "text", "found"), CASES)
def test_a_modified_rule_set_changes_its_pipeline_and_round_trips(tmp_path, factory, resource, key, word, text, found):
    nlp = _pipeline(factory)
    assert found not in _found(nlp, text)
    rules = _added(resource, key, word)
    nlp.get_pipe(factory).initialize(**{resource: rules})
    rules[key].remove(word)  # the component holds a copy: the caller's dict is the caller's
    assert found in _found(nlp, text)
    assert word in nlp.get_pipe(factory).rules[key]

    nlp.to_disk(tmp_path / "p")
    written = json.loads((tmp_path / "p" / factory / f"{resource}.json").read_text(encoding="utf-8"))
    assert word in written[key]
    loaded = spacy.load(tmp_path / "p")
    assert found in _found(loaded, text)
    component = _pipeline(factory).get_pipe(factory).from_disk(tmp_path / "p" / factory)
    assert word in component.rules[key]

    # another pipeline, built before or after, and the shipped rules are untouched
    assert found not in _found(_pipeline(factory), text)
    assert word not in getattr(name_lexicon(), resource)[key]
    assert word not in load_resource(resource)[key]


@pytest.mark.parametrize(("factory", "resource", "key", "word", "text", "found"), CASES)
def test_a_rule_set_is_given_in_the_initialize_section_of_a_config(tmp_path, factory, resource, key, word, text, found):
    path = tmp_path / f"{resource}.json"
    path.write_text(json.dumps(_added(resource, key, word), ensure_ascii=False), encoding="utf-8")
    nlp = _pipeline(factory)
    nlp.config["initialize"]["components"][factory] = {resource: {"@readers": "srsly.read_json.v1", "path": str(path)}}
    nlp.initialize()
    assert found in _found(nlp, text)


@pytest.mark.parametrize(("factory", "resource"), [("zhinvest_organisations", "organisations"), ("zhinvest_places", "places"), ("zhinvest_persons", "persons")])
def test_a_rule_set_with_an_unknown_or_missing_key_is_refused(tmp_path, factory, resource):
    component = _pipeline(factory).get_pipe(factory)
    rules = load_resource(resource)
    rules["partner_verbs"] = ["签约"]  # a key no code reads
    with pytest.raises(ResourceError, match="partner_verbs"):
        component.initialize(**{resource: rules})
    del rules["partner_verbs"]
    missing = next(iter(k for k in rules if k != "_source"))
    del rules[missing]
    (tmp_path / f"{resource}.json").write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ResourceError, match=missing):
        component.from_disk(tmp_path)


def test_a_component_takes_its_config_from_add_pipe():
    text = "首席科学家王小明表示"
    quiet = _pipeline("zhinvest_persons", set_ents=False)
    doc = quiet(text)
    assert [text[m.start : m.end] for m in doc._.zhinvest_mentions] == ["王小明"] and not doc.ents
    assert [e.text for e in _pipeline("zhinvest_persons")(text).ents] == ["王小明"]


def test_the_components_declare_what_they_require_and_assign():
    from zhinvest.pipeline import build_nlp

    nlp = build_nlp()
    for name in ("zhinvest_organisations", "zhinvest_places", "zhinvest_persons", "zhinvest_relations"):
        meta = nlp.get_pipe_meta(name)
        assert "doc._.zhinvest_mentions" in meta.assigns or "doc._.zhinvest_relations" in meta.assigns
    assert nlp.get_pipe_meta("zhinvest_persons").requires == ["doc._.zhinvest_mentions"]
    assert nlp.get_pipe_meta("zhinvest_relations").requires == ["doc._.zhinvest_mentions"]
    assert not any(nlp.analyze_pipes(pretty=False)["problems"].values())
